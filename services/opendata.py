"""Shared pieces of the open-data importers (services.kaigo_import,
services.windows_import): decoding, header checks, local government codes,
the bad-rows report and fast set-based writes.

Writes use PostgreSQL's COPY for new rows (one round trip per table instead
of one INSERT per object) and a temporary staging table for updates.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import gettext as _

from carers.models import Municipality, is_valid_local_government_code
from carers.municipalities import city_code_for


class ImportRefused(Exception):
    """The whole file is refused (not this format, cannot be decoded)."""


@dataclass
class BadRow:
    line: int
    reason: str
    key: str = ""


@dataclass
class FileResult:
    name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    reopened: int = 0
    skipped: int = 0
    refused: str = ""  # why the whole file was refused (nothing imported)
    bad: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "closed": self.closed,
            "reopened": self.reopened,
            "skipped": self.skipped,
            "refused": self.refused,
            "bad": [(b.line, b.reason, b.key) for b in self.bad],
        }


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM) or CP932, whichever decodes the bytes."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="strict")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp932")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            _("The file could not be read: it is neither UTF-8 nor Shift_JIS (CP932).")
        ) from exc


def read_rows(content: bytes, required: tuple, format_name: str):
    """(header, iterator of (line number, row dict)); columns matched by name."""
    text = decode(content)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        raise ImportRefused(_("The file is empty.")) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportRefused(
            _(
                "This file is not in the %(format)s format: the columns %(columns)s are missing. "
                "Nothing was imported."
            )
            % {"format": format_name, "columns": "、".join(missing)}
        )

    def rows():
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            yield (
                number,
                {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)},
            )

    return header, rows()


class Places:
    """Local government codes of a file → municipalities (wards to their city)."""

    def __init__(self):
        self.by_code = {
            m.code: m
            for m in Municipality.objects.only(
                "code", "name", "prefecture", "prefecture_code", "is_prefecture", "lat", "lng"
            )
        }

    def resolve(self, code: str):
        """(municipality or None, reason)."""
        code = code.strip()
        if len(code) == 5 and code.isdigit():
            return None, _("the local government code has 5 digits; the check digit is missing")
        if not is_valid_local_government_code(code):
            return None, _("the local government code %(code)s is not valid (check digit)") % {
                "code": code
            }
        # A designated city's ward (011011 札幌市中央区) is its city.
        found = self.by_code.get(code) or self.by_code.get(city_code_for(code) or "")
        if found:
            return found, ""
        return None, _("the local government code %(code)s is unknown") % {"code": code}


def parse_float(value, low, high):
    """A decimal in [low, high], None when empty; ValueError (a bad row) otherwise."""
    if not value:
        return None
    number = float(value)
    if not low <= number <= high:
        raise ValueError(value)
    return number


def locate(location, record, municipality, org_id):
    """Write a parsed row's place onto its Location."""
    location.name_ja = record["name"]
    location.organization_id = org_id
    location.municipality_id = municipality.code
    location.address_ja = record["address"]
    location.address_line2 = record["address2"]
    location.latitude = record["lat"]
    location.longitude = record["lng"]


def row_hash(values) -> str:
    return hashlib.md5("\x1f".join(str(v) for v in values).encode()).hexdigest()


def _db_values(obj, fields):
    return [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]


def copy_insert(model, objects) -> int:
    """INSERT many new objects with one COPY (ids must already be set)."""
    if not objects:
        return 0
    fields = [f for f in model._meta.concrete_fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor:
        with cursor.cursor.copy(sql) as copy:
            for obj in objects:
                copy.write_row(_db_values(obj, fields))
    return len(objects)


def copy_insert_rows(table: str, columns: tuple, rows) -> int:
    """INSERT plain tuples (e.g. many-to-many rows) with one COPY."""
    rows = list(rows)
    if not rows:
        return 0
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor:
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    return len(rows)


def staged_update(model, objects, field_names) -> int:
    """UPDATE many rows: COPY the new values into a temporary table, then one
    UPDATE ... FROM joining on the primary key."""
    if not objects:
        return 0
    meta = model._meta
    fields = [meta.pk] + [meta.get_field(n) for n in field_names]
    table = connection.ops.quote_name(meta.db_table)
    stage = f"stage_{meta.db_table}"
    cols = [connection.ops.quote_name(f.column) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {stage}")
        cursor.execute(
            f"CREATE TEMP TABLE {stage} AS SELECT {', '.join(cols)} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY {stage} ({', '.join(cols)}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row(
                    [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
                )
        assignments = ", ".join(f"{c} = s.{c}" for c in cols[1:])
        cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM {stage} AS s WHERE t.{cols[0]} = s.{cols[0]}"
        )
        cursor.execute(f"DROP TABLE {stage}")
    return len(objects)


def bad_rows_csv(results) -> bytes:
    """The downloadable report: file, line, key, reason (UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["file", "line", "key", "reason"])
    for result in results:
        if not isinstance(result, dict):
            result = result.as_dict()
        name, bad, refused = result.get("name", ""), result.get("bad", []), result.get("refused")
        if refused:
            writer.writerow([name, "", "", refused])
        for line, reason, key in bad:
            writer.writerow([name, line, key, reason])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def analyze():
    """Refresh the planner's statistics after a bulk import: with stale counts
    PostgreSQL plans the catalogue's queries for a nearly empty table."""
    tables = ("services_service", "services_service_municipalities", "services_service_categories",
              "services_location", "services_serviceatlocation", "services_organization",
              "services_searchentry")  # fmt: skip
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")
