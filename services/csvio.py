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
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from carers import csvsafe
from carers.models import Municipality
from carers.municipalities import city_code_for
from carers.text import normalise

from . import actions
from .csv_export import COLUMNS, LIST_SEP, export, export_chunks  # noqa: F401 (public: csvio.export)
from .forms import ServiceForm
from .models import Audience, Organization, Scope, Service, ServiceStatus, TaxonomyTerm

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
ENCODINGS = {"utf-8": "utf-8-sig", "cp932": "cp932"}


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


def codes() -> list:
    """The values the coded columns accept, for the import page: (column, [(code, meaning)])."""
    return [
        ("categories", [(t.code, t.name) for t in TaxonomyTerm.objects.all()]),
        ("audiences", list(Audience.choices)),
        ("scope", list(Scope.choices)),
        ("municipalities", [("011002", _("6-digit local government code, e.g. 札幌市"))]),
        ("status", list(ServiceStatus.choices)),
        ("organization", [("", _("the provider's Japanese name, as in an export"))]),
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
    return [v.strip() for v in (value or "").split(LIST_SEP) if v.strip()]


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


def _municipality_code(value):
    padded = value.zfill(6) if value.isdigit() and len(value) == 5 else value
    return city_code_for(padded) or padded


def _form_data(row, number, errors, user=None):
    """Map a CSV row to ServiceForm data; unknown references become row errors."""
    data = {k: csvsafe.restore((row.get(k) or "").strip()) for k in COLUMNS}
    org_name = data.pop("organization")
    org = Organization.objects.filter(name_ja=org_name).first() if org_name else None
    if org is None:
        errors.append(_("Unknown provider organisation “%(name)s”.") % {"name": org_name})
    data["organization"] = str(org.pk) if org else ""
    codes = _split(data.pop("categories"))
    terms = {t.code: str(t.pk) for t in TaxonomyTerm.objects.filter(code__in=codes)}
    for code in codes:
        if code not in terms:
            errors.append(_("Unknown category “%(code)s”.") % {"code": code})
    data["categories"] = list(terms.values())
    # A spreadsheet that opened the file reads "011002" as a number and saves 11002;
    # national files code designated cities by their wards (札幌市中央区 011011).
    munis = [_municipality_code(m) for m in _split(data.pop("municipalities"))]
    known = set(
        Municipality.objects.in_portal_prefecture()
        .filter(code__in=munis)
        .values_list("code", flat=True)
    )
    for code in munis:
        if code not in known:
            errors.append(_("Unknown municipality “%(code)s”.") % {"code": code})
    if user is not None and user.is_municipal_staff:
        for code in munis:
            if code in known and code != user.municipality_id:
                errors.append(
                    _("You can import entries of %(own)s only, not of %(code)s.")
                    % {"own": user.municipality.localized_name, "code": code}
                )
        known = {c for c in known if c == user.municipality_id}
    data["municipalities"] = [c for c in munis if c in known]
    data["audiences"] = _split(data.pop("audiences"))
    for name in DATE_COLUMNS:
        data[name] = _iso_date(data[name])
    data["last_verified"] = data["last_verified"] or timezone.localdate().isoformat()
    data["status"] = data["status"] or "published"
    return data


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


def _preview_rows(reader, user, content, encoding) -> Preview:
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(cols)s") % {"cols": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(cols)s") % {"cols": ", ".join(unknown)})
        raise CsvRefused(
            _("Row 1 (the header) does not match the template: %(details)s.")
            % {"details": "; ".join(parts)}
        )
    reader.fieldnames = header
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
        data = _form_data(row, number, errors, user)
        if not sid:
            errors.extend(_duplicate_errors(data, number, new_rows, editable))
        if instance is not None and encoding == "cp932":
            _keep_unencodable(data, instance)
        form = ServiceForm(data=data, instance=instance, user=user)
        result = RowResult(number, data.get("name_ja", ""), form=form)
        if not form.is_valid():
            for name, messages in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
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
