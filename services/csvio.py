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
from carers.errors import ActionError
from carers.models import Municipality
from carers.municipalities import city_code_for
from carers.text import normalise

from . import actions
from .csv_export import (  # noqa: F401 (public: csvio.export, csvio.template)
    COLUMNS,
    CORPORATE_NUMBER,
    EXAMPLE_PROVIDER,
    FILE_COLUMNS,
    HEADERS,
    LIST_SEP,
    export,
    export_chunks,
    header_row,
    template,
)
from .forms import ServiceForm, normalise_corporate_number
from .models import Audience, Organization, Scope, Service, ServiceStatus, TaxonomyTerm

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
# Lists may also be separated the Japanese way (、) or with a full-width bar.
LIST_SEPARATORS = re.compile(r"[|｜、]")
ENCODINGS = {"utf-8": "utf-8-sig", "cp932": "cp932"}
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
        raise ActionError(
            _("The file is too large (at most %(size)s MB).")
            % {"size": MAX_BYTES // (1024 * 1024)},
            field="file",
        )
    for label, codec in ENCODINGS.items():
        try:
            return content.decode(codec), label
        except UnicodeDecodeError:
            continue
    raise ActionError(
        _("The file could not be read: save it as UTF-8 or Shift_JIS (CP932) CSV."), field="file"
    )


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
        raise ActionError(
            _("The file could not be read: save it as UTF-8 or Shift_JIS (CP932) CSV."),
            field="file",
        )
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _preview_rows(reader, user, content, encoding)
    except csv.Error:
        raise ActionError(
            _("Row %(row)s is not valid CSV (check quotes and line breaks).")
            % {"row": reader.line_num},
            field="file",
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
        raise ActionError(
            _(
                "Row 1 (the header) does not match the template: %(details)s. "
                "Download the template to see the columns."
            )
            % {"details": "; ".join(parts)},
            field="file",
        )
    reader.fieldnames = header
    lookups = _Lookups()
    editable = Service.objects.manageable_by(user)
    rows = []
    seen_ids = set()
    new_rows = {}  # (name, scope, municipalities) of rows without an id -> row number
    for index, row in enumerate(reader):
        number = index + 2
        if index >= MAX_ROWS:
            raise ActionError(
                _("The file has more than %(max)s rows.") % {"max": MAX_ROWS}, field="file"
            )
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
                actions.service_save(service=row.form.instance, by=user, data=row.form.cleaned_data)
    return result
