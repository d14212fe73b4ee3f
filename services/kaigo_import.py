"""Import of the MHLW care-service provider open data (介護サービス情報公表システム
オープンデータ, one CSV per service type, 24 columns matched by header).

Each row becomes (or updates) one catalogue entry keyed by 事業所番号 + サービスの
種類: an Organization (keyed by 法人番号 when present), a municipal Service for
the row's municipality (designated-city wards map to the city), its Location
and a taxonomy term for the service type.

One file is one transaction: a file either imports completely (bad rows
reported and left out) or not at all. The work is set-based so the whole
nation (about 200,000 rows) fits in minutes: every row's import-owned values
are hashed; rows whose hash is unchanged are skipped, new rows are written
with COPY, changed rows through a staging table. Entries of the file's service
types and prefectures that are missing from the file are marked closed (never
deleted). Staff-owned texts (description, eligibility, how to apply, cost,
keywords, audiences, status) are never written by a re-import.

Imports read and write the whole catalogue, whoever uploaded the file (staff
permissions are checked when the job is created): their reads opt out of the
access policy with ``.unscoped()``, also when a job runs inside a request.
"""

import hashlib
import uuid
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import search
from .kaigo_format import (  # noqa: F401 (the columns, public as kaigo_import.CODE etc.)
    ADDRESS,
    ADDRESS2,
    CAPACITY,
    CODE,
    CODE_ALIASES,
    COLUMNS,
    CORP_NAME,
    CORP_NUMBER,
    DAYS,
    DAYS_NOTE,
    DISABILITY_STANDARD,
    FAX,
    FORMAT_NAME,
    KANA,
    LAT,
    LNG,
    LTC_STANDARD,
    NAME,
    OFFICE,
    PHONE,
    REMARKS,
    REQUIRED,
    SHARED,
    TYPE,
    URL,
    URL_RE,
    _parse,
)
from .models import (
    Audience,
    Location,
    Organization,
    Origin,
    Scope,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from .opendata import (
    BadRow,
    FileResult,
    ImportRefused,
    Places,
    analyze,
    copy_insert,
    copy_insert_rows,
    locate,
    read_rows,
    staged_update,
)

TAXONOMY_NAME = "mhlw-kaigo-service-types"
SOURCE_JA = "介護サービス情報公表システム オープンデータ（厚生労働省）"


# Columns the import owns: everything else on the entry is the staff's.
SERVICE_FIELDS = (
    "organization", "name_ja", "name_kana", "summary_ja", "summary_en", "phone", "fax",
    "url", "office_number", "service_type", "opening_days", "opening_notes", "capacity",
    "source_remarks", "source_keywords", "is_closed", "closed_on", "import_hash",
    "imported_at", "search_text", "search_name", "updated_at",
)  # fmt: skip


LOCATION_FIELDS = (
    "name_ja", "organization", "municipality", "address_ja", "address_line2", "latitude",
    "longitude",
)  # fmt: skip


BATCH = 5000


def _organisation_key(record):
    if record["corp_number"]:
        return f"houjin-{record['corp_number']}"
    name = record["corp_name"] or record["name"]
    return "corp-" + hashlib.md5(name.encode()).hexdigest()[:24]


def _ensure_terms(types):
    """A taxonomy term per service type (code ``kaigo-<code>``), and the
    catalogue categories each type belongs to: {type code: [term ids]}."""
    taxonomy, _created = Taxonomy.objects.get_or_create(
        name=TAXONOMY_NAME,
        defaults={
            "description": "Service types of the MHLW care-service provider open data.",
            "version": "1",
        },
    )
    general = {t.code: t.pk for t in TaxonomyTerm.objects.exclude(taxonomy=taxonomy)}
    result = {}
    for stype in types:
        term, _created = TaxonomyTerm.objects.get_or_create(
            code=f"kaigo-{stype.code}",
            defaults={
                "taxonomy": taxonomy,
                "name_ja": stype.name_ja[:100],
                "name_en": (stype.name_en or stype.name_ja)[:100],
                "order": 100,
            },
        )
        result[stype.code] = [term.pk] + [general[c] for c in stype.categories if c in general]
    return result


def _organisations(records):
    """{organisation key: id}, creating the missing ones with one COPY."""
    wanted = {}
    for record in records:
        wanted.setdefault(_organisation_key(record), record)
    found = dict(Organization.objects.filter(key__in=list(wanted)).values_list("key", "pk"))
    new = []
    for key, record in wanted.items():
        if key in found:
            continue
        org = Organization(
            id=uuid.uuid4(),
            key=key,
            name_ja=(record["corp_name"] or record["name"])[:200],
            corporate_number=record["corp_number"],
        )
        new.append(org)
        found[key] = org.pk
    copy_insert(Organization, new)
    return found


def _apply(service, record, org_id, now):
    stype = record["type"]
    service.organization_id = org_id
    service.name_ja = record["name"]
    service.name_kana = record["kana"]
    service.summary_ja = f"{stype.name_ja}の事業所（介護保険）"
    service.summary_en = f"Long-term care insurance provider: {stype.name_en or stype.name_ja}"
    service.phone = record["phone"]
    service.fax = record["fax"]
    service.url = record["url"]
    service.office_number = record["office"]
    service.service_type = stype.name_ja[:60]
    service.service_type_code = stype.code
    service.opening_days = record["days"]
    service.opening_notes = record["days_note"]
    service.capacity = record["capacity"]
    service.source_remarks = record["remarks"]
    service.source_keywords = stype.search_words
    service.is_closed = False
    service.closed_on = None
    service.import_hash = record["hash"]
    service.imported_at = now
    service.updated_at = now
    service.search_text = service.compute_search_text()
    service.search_name = service.compute_search_name()


def import_file(content: bytes, name: str = "", *, close_missing=True, progress=None) -> FileResult:
    """Import one file (bytes). Raises ImportRefused for a file that is not
    this format; otherwise returns counts and the bad rows."""
    _header, rows = read_rows(content, REQUIRED, FORMAT_NAME)
    result = FileResult(name=name)
    places = Places()
    records, seen = [], {}
    for number, row in rows:
        result.rows += 1
        record, bad = _parse(number, row, places, name)
        if bad:
            result.bad.append(bad)
            continue
        if record["key"] in seen:
            result.bad.append(
                BadRow(
                    number,
                    _("the same 事業所番号 and service type as line %(line)s")
                    % {"line": seen[record["key"]]},
                    record["office"],
                )
            )
            continue
        seen[record["key"]] = number
        records.append(record)
        if progress and result.rows % BATCH == 0:
            progress(result.rows)
    with transaction.atomic():
        _write(records, result, close_missing)
    if progress:
        progress(result.rows)
    return result


def _write(records, result, close_missing):
    now = timezone.now()
    types = {r["type"].code: r["type"] for r in records}
    terms = _ensure_terms(types.values())
    existing = {
        key: (pk, digest, closed)
        for key, pk, digest, closed in Service.objects.unscoped()
        .filter(origin=Origin.KAIGO, service_type_code__in=list(types))
        .values_list("source_key", "pk", "import_hash", "is_closed")
    }
    new, changed = [], []
    for record in records:
        current = existing.get(record["key"])
        if current is None:
            new.append(record)
        elif current[1] != record["hash"] or current[2]:
            changed.append((current[0], record, current[2]))
        else:
            result.unchanged += 1
    orgs = _organisations(new + [r for _pk, r, _closed in changed])
    created = _create(new, orgs, terms, now)
    result.created = len(new)
    _update(changed, orgs, now)
    result.updated = sum(1 for *_x, closed in changed if not closed)
    result.reopened = len(changed) - result.updated
    if records and close_missing:
        prefectures = {r["municipality"].prefecture_code for r in records}
        closed = _close_missing(set(types), prefectures, {r["key"] for r in records}, now)
        result.closed = len(closed)
    else:
        closed = []
    search.refresh([*created, *(pk for pk, _r, _c in changed), *closed])


def _create(records, orgs, terms, now):
    services, locations, links, areas, categories = [], [], [], [], []
    municipalities = Service.municipalities.through
    cats = Service.categories.through
    for record in records:
        org_id = orgs[_organisation_key(record)]
        service = Service(
            id=uuid.uuid4(),
            origin=Origin.KAIGO,
            source_key=record["key"],
            scope=Scope.MUNICIPAL,
            status=ServiceStatus.PUBLISHED,
            audiences=[Audience.CARED_FOR, Audience.FAMILY],
            source=SOURCE_JA,
            last_verified=now.date(),
            created_at=now,
        )
        _apply(service, record, org_id, now)
        location = Location(id=uuid.uuid4())
        locate(location, record, record["municipality"], org_id)
        services.append(service)
        locations.append(location)
        links.append(ServiceAtLocation(id=uuid.uuid4(), service=service, location=location))
        areas.append((service.pk, record["municipality"].code))
        categories.extend((service.pk, term) for term in terms[record["type"].code])
    for start in range(0, len(services), BATCH):
        copy_insert(Service, services[start : start + BATCH])
    copy_insert(Location, locations)
    copy_insert(ServiceAtLocation, links)
    copy_insert_rows(municipalities._meta.db_table, ("service_id", "municipality_id"), areas)
    copy_insert_rows(cats._meta.db_table, ("service_id", "taxonomyterm_id"), categories)
    return [s.pk for s in services]


def _update(changed, orgs, now):
    if not changed:
        return
    by_id = {pk: record for pk, record, _closed in changed}
    services = list(Service.objects.unscoped().filter(pk__in=list(by_id)))
    for service in services:
        record = by_id[service.pk]
        _apply(service, record, orgs[_organisation_key(record)], now)
    staged_update(Service, services, SERVICE_FIELDS)
    locations = ServiceAtLocation.objects.filter(service_id__in=list(by_id)).values_list(
        "location_id", "service_id"
    )
    objs = []
    for location_id, service_id in locations:
        location = Location(id=location_id)
        locate(
            location,
            by_id[service_id],
            by_id[service_id]["municipality"],
            orgs[_organisation_key(by_id[service_id])],
        )
        objs.append(location)
    staged_update(Location, objs, LOCATION_FIELDS)
    through = Service.municipalities.through
    through.objects.filter(service_id__in=list(by_id)).delete()
    copy_insert_rows(
        through._meta.db_table,
        ("service_id", "municipality_id"),
        [(pk, record["municipality"].code) for pk, record in by_id.items()],
    )


def _close_missing(type_codes, prefectures, keys, now) -> list:
    """Entries of these types and prefectures that the file no longer lists."""
    candidates = Service.objects.unscoped().filter(
        origin=Origin.KAIGO,
        service_type_code__in=list(type_codes),
        is_closed=False,
        municipalities__prefecture_code__in=list(prefectures),
    )
    gone = [pk for pk, key in candidates.values_list("pk", "source_key") if key not in keys]
    for start in range(0, len(gone), BATCH):
        Service.objects.filter(pk__in=gone[start : start + BATCH]).update(
            is_closed=True, closed_on=now.date(), updated_at=now
        )
    return gone


def import_paths(paths, *, close_missing=True, progress=None) -> list:
    """Import several files, each in its own transaction. A refused file is
    reported (``result.refused``) and the others go on."""
    results = []
    for path in paths:
        path = Path(path)
        try:
            results.append(
                import_file(
                    path.read_bytes(), path.name, close_missing=close_missing, progress=progress
                )
            )
        except ImportRefused as exc:
            results.append(FileResult(name=path.name, refused=str(exc)))
    analyze()
    return results
