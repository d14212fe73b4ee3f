"""CSV import and export of catalogue entries for staff.

Import is two steps: ``preview()`` decodes and validates every row and says
what would change, writing nothing; ``apply()`` writes exactly the previewed
file (the caller keeps its bytes, keyed by their SHA-256) and only when it has
no errors. Both run each row through ``ServiceForm``, so the rules are the
same as in the edit form, scope included.
"""

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from carers import csvsafe
from carers.models import Municipality
from carers.municipalities import city_code_for

from . import actions
from .forms import ServiceForm, normalise_corporate_number
from .models import Audience, Organization, Scope, Service, ServiceStatus, TaxonomyTerm
from .text import normalise

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
LIST_SEP = "|"
# Lists may also be separated the Japanese way (、) or with a full-width bar.
LIST_SEPARATORS = re.compile(r"[|｜、]")
# The CSV carries exactly what the staff form edits, plus the id.
COLUMNS = ("id", *ServiceForm.Meta.fields)
# Optional: the provider's 法人番号 (corporate number), to find or create it.
CORPORATE_NUMBER = "corporate_number"
ENCODINGS = {"utf-8": "utf-8-sig", "cp932": "cp932"}
# The file's column names, in Japanese (exports and the template use these);
# the English codes of COLUMNS are accepted as well.
HEADERS = {
    "id": "ID",
    "name_ja": "名称",
    "name_en": "名称（英語）",
    "summary_ja": "概要",
    "summary_en": "概要（英語）",
    "description_ja": "説明",
    "description_en": "説明（英語）",
    "eligibility_ja": "利用できる人",
    "eligibility_en": "利用できる人（英語）",
    "how_to_apply_ja": "申し込み方法",
    "how_to_apply_en": "申し込み方法（英語）",
    "cost_ja": "費用",
    "cost_en": "費用（英語）",
    "organization": "提供団体",
    CORPORATE_NUMBER: "法人番号",
    "categories": "分類",
    "audiences": "対象",
    "scope": "範囲",
    "municipalities": "市町村",
    "url": "ウェブページ",
    "email": "メールアドレス",
    "phone": "電話番号",
    "contact_ja": "問い合わせ先",
    "contact_en": "問い合わせ先（英語）",
    "keywords": "検索キーワード",
    "source": "出典",
    "status": "公開状態",
    "last_verified": "最終確認日",
    "visible_from": "掲載開始日",
    "visible_until": "掲載終了日",
}
# The file's columns in order: the provider's number right after its name.
FILE_COLUMNS = tuple(
    c for k in COLUMNS for c in ((k, CORPORATE_NUMBER) if k == "organization" else (k,))
)
# Japanese words staff use for the coded values, besides the choices' labels.
SYNONYMS = {
    "scope": {
        "全国": Scope.NATIONAL,
        "国の制度": Scope.NATIONAL,
        "道": Scope.PREFECTURAL,
        "都": Scope.PREFECTURAL,
        "府": Scope.PREFECTURAL,
        "県": Scope.PREFECTURAL,
        "市区町村": Scope.MUNICIPAL,
    },
    "status": {"公開中": ServiceStatus.PUBLISHED, "非公開": ServiceStatus.DRAFT},
    "audiences": {"本人": Audience.CARED_FOR, "ご本人": Audience.CARED_FOR},
}


class CsvRefused(Exception):
    """The whole file is refused (size, encoding, columns)."""


@dataclass
class RowResult:
    number: int  # line number in the file (the header is line 1)
    name: str
    action: str = ""  # "create", "update", "unchanged"
    changes: list = field(default_factory=list)  # labels of the changed fields
    details: list = field(default_factory=list)  # (label, value now, value in the file)
    errors: list = field(default_factory=list)
    form: object = None
    new_provider: str | None = None  # the name of a provider the import creates


@dataclass
class Preview:
    digest: str
    encoding: str
    rows: list

    @property
    def errors(self):
        return [r for r in self.rows if r.errors]

    @property
    def ok(self):
        return bool(self.rows) and not self.errors

    def count(self, action):
        return sum(1 for r in self.rows if r.action == action and not r.errors)

    @property
    def count_create(self):
        return self.count("create")

    @property
    def count_update(self):
        return self.count("update")


def _key(value) -> str:
    """How a header or coded value is compared: width, case and spaces ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value or ""))).casefold()


def _label(label, language) -> str:
    with translation.override(language):
        return str(label)


def _choice_values(column, choices) -> dict:
    """{compared form: code} for a coded column: the code, the Japanese and
    English labels and the synonyms staff use."""
    values = {}
    for code, label in choices:
        for name in (code, _label(label, "en"), _label(label, "ja")):
            values.setdefault(_key(name), code)
    for word, code in SYNONYMS.get(column, {}).items():
        values.setdefault(_key(word), code)
    return values


def _term_values() -> dict:
    values = {}
    for term in TaxonomyTerm.objects.all():
        for name in (term.code, term.name_en, term.name_ja):
            values.setdefault(_key(name), term)
    return values


def codes() -> list:
    """What the coded columns accept, for the import page: (column header,
    [(Japanese value, code)])."""
    ja = lambda choices: [(_label(label, "ja"), code) for code, label in choices]  # noqa: E731
    return [
        (HEADERS["categories"], [(t.name_ja, t.code) for t in TaxonomyTerm.objects.all()]),
        (HEADERS["audiences"], ja(Audience.choices)),
        (HEADERS["scope"], ja(Scope.choices)),
        (HEADERS["municipalities"], [(_("札幌市, or the code 011002"), "")]),
        (HEADERS["status"], ja(ServiceStatus.choices)),
        (HEADERS["organization"], [(_("the provider's Japanese name"), "")]),
        (
            HEADERS[CORPORATE_NUMBER],
            [(_("13 digits; optional. A new provider is created from its name and number."), "")],
        ),
    ]


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def decode(content: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) first, then Shift_JIS/CP932."""
    if len(content) > MAX_BYTES:
        raise CsvRefused(
            _("The file is too large (at most %(size)s MB).") % {"size": MAX_BYTES // (1024 * 1024)}
        )
    for label, codec in ENCODINGS.items():
        try:
            return content.decode(codec), label
        except UnicodeDecodeError:
            continue
    raise CsvRefused(_("The file could not be read: save it as UTF-8 or Shift_JIS (CP932) CSV."))


def _split(value):
    return [v.strip() for v in LIST_SEPARATORS.split(value or "") if v.strip()]


DATE_COLUMNS = ("last_verified", "visible_from", "visible_until")
# Spreadsheets in Japanese offices save dates as 2026/10/1; 2026年10月1日 is common too.
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d")


def _iso_date(value: str) -> str:
    """The date as YYYY-MM-DD when it is in one of DATE_FORMATS; otherwise as
    it is (the form then says it is not a valid date)."""
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return value


def _municipality_code(value, names):
    """A code (5 or 6 digits, a ward's code: the city's) or a name (札幌市)."""
    if value.isdigit():
        padded = value.zfill(6) if len(value) == 5 else value
        return city_code_for(padded) or padded
    return names.get(_key(value), value)


class _Lookups:
    """The values of the coded columns, read once per file."""

    def __init__(self):
        self.terms = _term_values()
        self.audiences = _choice_values("audiences", Audience.choices)
        self.scopes = _choice_values("scope", Scope.choices)
        self.statuses = _choice_values("status", ServiceStatus.choices)
        municipalities = Municipality.objects.in_portal_prefecture().values_list("code", "name")
        self.municipality_names = {_key(name): code for code, name in municipalities if name}


def _coded(value, values, errors, message, reported, column):
    """The code of a Japanese or English value; an unknown one is a row error
    (and the form's own message about that column is not repeated)."""
    if not value:
        return ""
    code = values.get(_key(value))
    if code is None:
        errors.append(message % {"value": value})
        reported.add(column)
        return value
    return code


def _provider(data, errors):
    """Find the provider by its 法人番号, then by its name; a new one is
    created from both on import (ServiceForm's new provider fields)."""
    name = data.pop("organization")
    typed_number = data.pop(CORPORATE_NUMBER, "")
    number = normalise_corporate_number(typed_number)
    data["organization"] = data["new_provider"] = data["new_provider_number"] = ""
    org = Organization.objects.filter(corporate_number=number).first() if number else None
    if org is None and name:
        org = Organization.objects.filter(name_ja=name).first()
        if org is not None and number and org.corporate_number not in ("", number):
            errors.append(
                _("The provider “%(name)s” has the corporate number %(theirs)s, not %(ours)s.")
                % {"name": name, "theirs": org.corporate_number, "ours": typed_number}
            )
    if org is not None:
        data["organization"] = str(org.pk)
        return None
    if not name:
        errors.append(
            _("No provider with the corporate number %(number)s: write its name too to add it.")
            % {"number": typed_number}
            if typed_number
            else _("Write the provider organisation's name in the “%(column)s” column.")
            % {"column": HEADERS["organization"]}
        )
        return None
    data["new_provider"], data["new_provider_number"] = name, typed_number
    return name


def _form_data(row, number, errors, user=None, lookups=None):
    """Map a CSV row to ServiceForm data; unknown references become row errors.
    Returns (data, the name of a provider the import would create or None,
    the columns already reported)."""
    lookups = lookups or _Lookups()
    reported = set()
    data = {k: csvsafe.restore((row.get(k) or "").strip()) for k in FILE_COLUMNS}
    new_provider = _provider(data, errors)
    if not data["organization"] and not data["new_provider"]:
        reported.update(("organization", "new_provider"))
    terms = []
    for value in _split(data.pop("categories")):
        term = lookups.terms.get(_key(value))
        if term is None:
            errors.append(_("Unknown category “%(code)s”.") % {"code": value})
            reported.add("categories")
        elif term not in terms:
            terms.append(term)
    data["categories"] = [str(t.pk) for t in terms]
    # A spreadsheet that opened the file reads "011002" as a number and saves 11002;
    # national files code designated cities by their wards (札幌市中央区 011011).
    munis = [
        _municipality_code(m, lookups.municipality_names)
        for m in _split(data.pop("municipalities"))
    ]
    known = set(
        Municipality.objects.in_portal_prefecture()
        .filter(code__in=munis)
        .values_list("code", flat=True)
    )
    for code in munis:
        if code not in known:
            errors.append(_("Unknown municipality “%(code)s”.") % {"code": code})
            reported.add("municipalities")
    if user is not None and user.is_municipal_staff:
        for code in munis:
            if code in known and code != user.municipality_id:
                errors.append(
                    _("You can import entries of %(own)s only, not of %(code)s.")
                    % {"own": user.municipality.localized_name, "code": code}
                )
                reported.add("municipalities")
        known = {c for c in known if c == user.municipality_id}
    data["municipalities"] = [c for c in munis if c in known]
    data["audiences"] = [
        _coded(
            v, lookups.audiences, errors, _("Unknown audience “%(value)s”."), reported, "audiences"
        )
        for v in _split(data.pop("audiences"))
    ]
    data["scope"] = _coded(
        data["scope"], lookups.scopes, errors, _("Unknown scope “%(value)s”."), reported, "scope"
    )
    data["status"] = _coded(
        data["status"],
        lookups.statuses,
        errors,
        _("Unknown status “%(value)s”."),
        reported,
        "status",
    )
    for name in DATE_COLUMNS:
        data[name] = _iso_date(data[name])
    data["last_verified"] = data["last_verified"] or timezone.localdate().isoformat()
    data["status"] = data["status"] or ServiceStatus.PUBLISHED
    return data, new_provider, reported


TEXT_COLUMNS = tuple(
    c
    for c in COLUMNS
    if c not in ("id", "organization", "categories", "audiences", "scope", "municipalities")
    and c not in ("status", "last_verified", "visible_from", "visible_until")
)


def _keep_unencodable(data, instance):
    """A Shift_JIS export writes "?" for characters CP932 cannot hold (an en
    dash, "é", the wave dash "〜"). When such a file comes back, a cell that is
    exactly that lossy copy of the stored text keeps the stored text: an
    unedited cell must not overwrite good data with question marks."""
    for name in TEXT_COLUMNS:
        stored = getattr(instance, name) or ""
        if data.get(name) != stored and data.get(name) == _cp932_copy(stored).strip():
            data[name] = stored


def _cp932_copy(value: str) -> str:
    return value.encode("cp932", errors="replace").decode("cp932")


def _changes(instance, form):
    """(label, value now, value in the file) of every field the row changes."""
    changed = []
    for name in form.changed_data:
        if name in ("last_verified",) and str(getattr(instance, name)) == form.data.get(name):
            continue
        old = _shown(form.fields[name], form.initial.get(name))
        new = _shown(form.fields[name], form.cleaned_data.get(name))
        changed.append((str(form.fields[name].label), old, new))
    return changed


def _shown(field, value) -> str:
    """A field's value as staff read it (names, not ids)."""
    if value is None or value == "":
        return ""
    if hasattr(field, "queryset"):
        values = value if isinstance(value, (list, tuple, models.QuerySet)) else [value]
        model = field.queryset.model
        objects = [
            v if isinstance(v, model) else model.objects.filter(pk=v).first() for v in values
        ]
        return ", ".join(str(o) for o in objects if o is not None)
    if isinstance(value, (list, tuple)):
        labels = dict(getattr(field, "choices", []) or [])
        return ", ".join(str(labels.get(v, v)) for v in value)
    return str(value)


def preview(content: bytes, user) -> Preview:
    text, encoding = decode(content)
    if "\x00" in text:
        raise CsvRefused(
            _("The file could not be read: save it as UTF-8 or Shift_JIS (CP932) CSV.")
        )
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _preview_rows(reader, user, content, encoding)
    except csv.Error:
        raise CsvRefused(
            _("Row %(row)s is not valid CSV (check quotes and line breaks).")
            % {"row": reader.line_num}
        ) from None


def _column_names() -> dict:
    """{compared form of a header: column}: the Japanese names and the codes."""
    names = {}
    for column in FILE_COLUMNS:
        names[_key(column)] = column
        names[_key(HEADERS[column])] = column
    return names


def _preview_rows(reader, user, content, encoding) -> Preview:
    names = _column_names()
    typed = [h.strip() for h in (reader.fieldnames or [])]
    header = [names.get(_key(h), h) for h in typed]
    missing = [HEADERS[c] for c in FILE_COLUMNS if c not in header and c != CORPORATE_NUMBER]
    unknown = [t for t, h in zip(typed, header, strict=True) if h not in FILE_COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(cols)s") % {"cols": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(cols)s") % {"cols": ", ".join(unknown)})
        raise CsvRefused(
            _(
                "Row 1 (the header) does not match the template: %(details)s. "
                "Download the template to see the columns."
            )
            % {"details": "; ".join(parts)}
        )
    reader.fieldnames = header
    lookups = _Lookups()
    editable = Service.objects.for_user(user)
    rows = []
    seen_ids = set()
    new_rows = {}  # (name, scope, municipalities) of rows without an id -> row number
    for index, row in enumerate(reader):
        number = index + 2
        if index >= MAX_ROWS:
            raise CsvRefused(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
        if None in row:
            rows.append(
                RowResult(number, "", errors=[_("This row has more cells than the header.")])
            )
            continue
        if not any((v or "").strip() for v in row.values()):
            continue
        errors = []
        instance = None
        sid = (row.get("id") or "").strip()
        if sid:
            try:
                instance = editable.filter(pk=sid).first()
            except Exception:  # not a UUID
                instance = None
            if instance is None:
                errors.append(_("No entry with id “%(id)s” that you may edit.") % {"id": sid})
            elif sid in seen_ids:
                errors.append(_("This id appears more than once in the file."))
            seen_ids.add(sid)
        data, new_provider, reported = _form_data(row, number, errors, user, lookups)
        if not sid:
            errors.extend(_duplicate_errors(data, number, new_rows, editable))
        if instance is not None and encoding == "cp932":
            _keep_unencodable(data, instance)
        form = ServiceForm(data=data, instance=instance, user=user)
        result = RowResult(number, data.get("name_ja", ""), form=form, new_provider=new_provider)
        if not form.is_valid():
            for name, messages in form.errors.items():
                if name in reported:
                    continue  # already said in the words of the file
                column = "organization" if name == "new_provider" else name
                column = CORPORATE_NUMBER if name == "new_provider_number" else column
                label = HEADERS.get(column) or (
                    form.fields[name].label if name in form.fields else ""
                )
                errors.extend(f"{label}: {m}" if label else m for m in messages)
        result.errors = errors
        if instance is None:
            result.action = "create"
        else:
            result.details = _changes(instance, form) if form.is_valid() else []
            result.changes = [label for label, _old, _new in result.details]
            result.action = "update" if result.changes else "unchanged"
        rows.append(result)
    return Preview(digest=digest(content), encoding=encoding, rows=rows)


def _duplicate_errors(data, number, new_rows, editable) -> list:
    """A new row (no id) must not repeat another new row of the file, nor an
    entry that already exists: uploading the same file twice must not
    double the catalogue."""
    name, scope, munis = data["name_ja"], data["scope"], sorted(data["municipalities"])
    if not name:
        return []
    key = (normalise(name), scope, tuple(munis))
    if key in new_rows:
        return [_("The same entry as row %(row)s.") % {"row": new_rows[key]}]
    new_rows[key] = number
    existing = editable.filter(name_ja=name, scope=scope)
    if munis:
        existing = existing.filter(municipalities__in=munis)
    found = existing.first()
    if found is not None:
        return [
            _(
                "An entry named “%(name)s” already exists (id %(id)s): put its id in the "
                "“id” column to update it."
            )
            % {"name": name, "id": found.pk}
        ]
    return []


def apply(content: bytes, user) -> Preview:
    """Write the file if, validated again now, it has no errors; otherwise nothing."""
    with transaction.atomic():
        result = preview(content, user)
        if not result.ok:
            return result
        for row in result.rows:
            if row.action in ("create", "update"):
                actions.service_save(form=row.form, user=user)
    return result


def _row(s) -> list:
    """One entry as the file's cells, coded columns in Japanese words."""
    with translation.override("ja"):
        return [
            str(s.pk),
            s.name_ja,
            s.name_en,
            s.summary_ja,
            s.summary_en,
            s.description_ja,
            s.description_en,
            s.eligibility_ja,
            s.eligibility_en,
            s.how_to_apply_ja,
            s.how_to_apply_en,
            s.cost_ja,
            s.cost_en,
            s.organization.name_ja,
            s.organization.corporate_number,
            LIST_SEP.join(t.name_ja for t in s.categories.all()),
            LIST_SEP.join(str(Audience(a).label) for a in s.audiences if a in Audience.values),
            str(Scope(s.scope).label),
            LIST_SEP.join(m.name or m.code for m in s.municipalities.all()),
            s.url,
            s.email,
            s.phone,
            s.contact_ja,
            s.contact_en,
            s.keywords,
            s.source,
            str(ServiceStatus(s.status).label),
            s.last_verified.isoformat(),
            s.visible_from.isoformat() if s.visible_from else "",
            s.visible_until.isoformat() if s.visible_until else "",
        ]


def header_row() -> list:
    return [HEADERS[c] for c in FILE_COLUMNS]


def export_chunks(services, encoding="utf-8", rows_per_chunk=500):
    """The CSV file as a sequence of encoded chunks (for a streaming response:
    memory stays constant whatever the size of the catalogue). UTF-8 starts
    with a byte-order mark so spreadsheet programs read it right."""
    out = io.StringIO(newline="")
    writer = csvsafe.writer(out, lineterminator="\r\n")

    def flush(first=False):
        text = out.getvalue()
        out.seek(0)
        out.truncate()
        if encoding == "cp932":
            # Characters Shift_JIS cannot hold (e.g. an en dash) become "?".
            # Re-importing such a file keeps the stored characters (_keep_unencodable).
            return text.encode("cp932", errors="replace")
        return text.encode("utf-8-sig" if first else "utf-8")

    writer.writerow(header_row())
    yield flush(first=True)
    for n, service in enumerate(services, start=1):
        writer.writerow(_row(service))
        if n % rows_per_chunk == 0:
            yield flush()
    yield flush()


def export(services, encoding="utf-8") -> bytes:
    return b"".join(export_chunks(services, encoding))


EXAMPLE_PROVIDER = ("（例）NPO法人 ささえあいの会", "7123456789012")


def template(user) -> bytes:
    """The import template: the Japanese column names and one example row
    (a draft, so importing the file unchanged publishes nothing), in UTF-8
    with a byte-order mark so spreadsheet programs open it right."""
    municipality = (
        user.municipality
        if user.is_municipal_staff
        else Municipality.objects.in_portal_prefecture().order_by("code").first()
    )
    terms = {t.code: t.name_ja for t in TaxonomyTerm.objects.filter(code="peer_support")}
    with translation.override("ja"):
        example = {
            "name_ja": "（例）介護者のつどい",
            "summary_ja": "介護をしている人どうしで話し、情報を交換する集まりです。",
            "description_ja": "毎月第2水曜日の午後に開きます。予約は要りません。",
            "eligibility_ja": "家族などを介護している人",
            "how_to_apply_ja": "当日、会場へお越しください。",
            "cost_ja": "無料",
            "organization": EXAMPLE_PROVIDER[0],
            CORPORATE_NUMBER: EXAMPLE_PROVIDER[1],
            "categories": terms.get("peer_support", "peer_support"),
            "audiences": LIST_SEP.join(str(a.label) for a in (Audience.CARERS, Audience.FAMILY)),
            "scope": str(Scope.MUNICIPAL.label),
            "municipalities": municipality.name if municipality else "",
            "phone": "011-000-0000",
            "contact_ja": "ささえあいの会 事務局",
            "keywords": "かいご つどい",
            "status": str(ServiceStatus.DRAFT.label),
            "last_verified": timezone.localdate().isoformat(),
        }
    out = io.StringIO(newline="")
    writer = csvsafe.writer(out, lineterminator="\r\n")
    writer.writerow(header_row())
    writer.writerow([example.get(c, "") for c in FILE_COLUMNS])
    return out.getvalue().encode("utf-8-sig")
