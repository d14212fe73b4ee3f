"""Import of support desks (相談窓口) from the Digital Agency's
公共施設一覧 (public facilities) recommended-dataset format.

The prefecture uploads one file with every municipality's windows: community
general support centres (地域包括支援センター), the elderly, disability and
child-and-family windows, carer-support windows. Rows that are not a
support desk (a library, a park) are skipped and counted. Each window
becomes a ``consultation`` entry of its municipality (the prefecture's own rows:
a prefectural entry) with a Location; municipal staff edit them through the
usual staff pages, and a re-import keeps their texts (description,
eligibility, how to apply, cost, keywords).

A file is one transaction. Windows of the file's municipalities that the file
no longer lists are marked closed, never deleted.

Imports read and write the whole catalogue, whoever uploaded the file (staff
permissions are checked when the job is created): their reads opt out of the
access policy with ``.unscoped()``, also when a job runs inside a request.
"""

import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from carers.text import normalise

from . import search
from .models import (
    Audience,
    Location,
    Organization,
    Origin,
    Scope,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)
from .opendata import (
    BadRow,
    FileResult,
    ImportRefused,
    Places,
    analyze,
    locate,
    parse_float,
    read_rows,
    row_hash,
    staged_update,
)

FORMAT_NAME = "公共施設一覧"
CODE = "都道府県コード又は市区町村コード"
CODE_ALIASES = ("都道府県コード又は市町村コード",)
REQUIRED = ("名称", "名称_カナ", "住所")
SOURCE_JA = "公共施設一覧（自治体標準オープンデータセット）"
# A facility is a support desk when its name, common name or
# description says so.
WINDOW_WORDS = ("相談", "窓口", "地域包括", "支援センター", "ケアラー", "介護者")
KINDS = (
    # (words, audiences, extra categories); the first that matches wins
    # (ヤングケアラー is a children's window before it is a carers' one).
    (
        ("子ども", "こども", "子育て", "児童", "家庭", "ヤングケアラー"),
        (Audience.YOUNG_CARERS, Audience.FAMILY),
        ("young_carer",),
    ),
    (
        ("ケアラー", "介護者"),
        (Audience.CARERS, Audience.YOUNG_CARERS, Audience.WORKING_CARERS),
        ("respite",),
    ),
    (("障害", "障がい"), (Audience.CARED_FOR, Audience.CARERS, Audience.FAMILY), ("disability",)),
    (
        ("地域包括", "高齢", "介護", "長寿"),
        (Audience.CARED_FOR, Audience.CARERS, Audience.FAMILY),
        ("long_term_care",),
    ),
)
SERVICE_FIELDS = (
    "organization", "name_ja", "name_kana", "summary_ja", "phone", "url", "contact_ja",
    "opening_days", "opening_notes", "source_remarks", "is_closed", "closed_on",
    "import_hash", "imported_at", "search_text", "search_name", "updated_at",
)  # fmt: skip
LOCATION_FIELDS = (
    "name_ja", "organization", "municipality", "address_ja", "address_line2", "latitude",
    "longitude",
)  # fmt: skip


def _kind(text):
    for words, audiences, categories in KINDS:
        if any(w in text for w in words):
            return list(audiences), categories
    return [Audience.CARERS, Audience.FAMILY], ()


def _parse(number, row, places):
    name = row.get("名称", "")
    code = row.get(CODE) or next((row[a] for a in CODE_ALIASES if row.get(a)), "")
    if not name:
        return None, BadRow(number, _("名称 is empty"))
    text = " ".join((name, row.get("名称_通称", ""), row.get("説明", "")))
    if not any(w in text for w in WINDOW_WORDS):
        return "skip", None
    place, reason = places.resolve(code)
    if place is None:
        return None, BadRow(number, reason, name)
    if place.is_prefecture and place.prefecture_code != settings.PORTAL_PREFECTURE_CODE:
        return None, BadRow(
            number,
            _("a prefecture's own support desk of another prefecture (%(code)s)") % {"code": code},
            name,
        )
    try:
        lat = parse_float(row.get("緯度", ""), 20, 46)
        lng = parse_float(row.get("経度", ""), 122, 154)
    except ValueError:
        return None, BadRow(number, _("緯度/経度 are not coordinates in Japan"), name)
    hours = "–".join(v for v in (row.get("開始時間", ""), row.get("終了時間", "")) if v)
    days = row.get("利用可能曜日", "")
    note = row.get("利用可能日時特記事項", "")
    extension = row.get("内線番号", "")
    contact = " ".join(
        v
        for v in (
            f"受付 {days} {hours}".strip() if (days or hours) else "",
            f"（{note}）" if note else "",
            f"内線{extension}" if extension else "",
        )
        if v
    )
    url = row.get("URL", "")
    record = {
        "line": number,
        "key": f"{place.code}:{hashlib.md5(normalise(name).encode()).hexdigest()[:20]}",
        "place": place,
        "name": name[:200],
        "kana": row.get("名称_カナ", "")[:200],
        "summary": (row.get("説明", "") or "相談窓口")[:300],
        "address": row.get("住所", "")[:200],
        "address2": row.get("方書", "")[:200],
        "lat": lat,
        "lng": lng,
        "phone": row.get("電話番号", "")[:30],
        "contact": contact[:200],
        "days": days[:100],
        "hours": " ".join(v for v in (hours, note) if v)[:300],
        "owner": row.get("団体名", "")[:200],
        "url": url[:200] if url.startswith(("http://", "https://")) else "",
        "remarks": row.get("備考", ""),
        "text": text,
    }
    record["hash"] = row_hash(
        [record[k] for k in record if k not in ("line", "place")] + [place.code]
    )
    return record, None


def _organisations(records):
    """The municipality's (or prefecture's) office as the organisation: key ``lg-<code>``."""
    wanted = {f"lg-{r['place'].code}": r for r in records}
    found = dict(Organization.objects.filter(key__in=list(wanted)).values_list("key", "pk"))
    new = []
    for key, record in wanted.items():
        if key not in found:
            place = record["place"]
            org = Organization(
                key=key,
                name_ja=record["owner"] or place.full_name,
                municipality_id=None if place.is_prefecture else place.code,
            )
            new.append(org)
            found[key] = org.pk
    Organization.objects.bulk_create(new)
    return found


def _apply(service, record, org_id, now):
    service.organization_id = org_id
    service.name_ja = record["name"]
    service.name_kana = record["kana"]
    service.summary_ja = record["summary"]
    service.phone = record["phone"]
    service.url = record["url"]
    service.contact_ja = record["contact"]
    service.opening_days = record["days"]
    service.opening_notes = record["hours"]
    service.source_remarks = record["remarks"]
    service.is_closed = False
    service.closed_on = None
    service.import_hash = record["hash"]
    service.imported_at = now
    service.updated_at = now
    service.search_text = service.compute_search_text()
    service.search_name = service.compute_search_name()


def import_file(content: bytes, name: str = "", *, close_missing=True) -> FileResult:
    _header, rows = read_rows(content, REQUIRED, FORMAT_NAME)
    result = FileResult(name=name)
    places = Places()
    records, seen = [], {}
    for number, row in rows:
        result.rows += 1
        record, bad = _parse(number, row, places)
        if bad:
            result.bad.append(bad)
        elif record == "skip":
            result.skipped += 1
        elif record["key"] in seen:
            result.bad.append(
                BadRow(
                    number,
                    _("the same support desk as line %(line)s") % {"line": seen[record["key"]]},
                    record["name"],
                )
            )
        else:
            seen[record["key"]] = number
            records.append(record)
    with transaction.atomic():
        _write(records, result, close_missing)
    return result


def _write(records, result, close_missing):
    now = timezone.now()
    terms = {t.code: t.pk for t in TaxonomyTerm.objects.all()}
    existing = {
        key: (pk, digest, closed)
        for key, pk, digest, closed in Service.objects.unscoped()
        .filter(origin=Origin.FACILITIES)
        .values_list("source_key", "pk", "import_hash", "is_closed")
    }
    orgs = _organisations(records)
    new, changed = [], []
    for record in records:
        current = existing.get(record["key"])
        if current is None:
            new.append(record)
        elif current[1] != record["hash"] or current[2]:
            changed.append((current[0], record, current[2]))
        else:
            result.unchanged += 1
    services, locations, links, areas, categories = [], [], [], [], []
    for record in new:
        org_id = orgs[f"lg-{record['place'].code}"]
        audiences, extra = _kind(record["text"])
        place = record["place"]
        service = Service(
            id=uuid.uuid4(),
            origin=Origin.FACILITIES,
            source_key=record["key"],
            scope=Scope.PREFECTURAL if place.is_prefecture else Scope.MUNICIPAL,
            status=ServiceStatus.PUBLISHED,
            audiences=audiences,
            source=SOURCE_JA,
            last_verified=now.date(),
            created_at=now,
        )
        _apply(service, record, org_id, now)
        location = Location(id=uuid.uuid4())
        locate(location, record, record["place"], org_id)
        services.append(service)
        locations.append(location)
        links.append(ServiceAtLocation(service=service, location=location))
        if not place.is_prefecture:
            areas.append(
                Service.municipalities.through(service=service, municipality_id=place.code)
            )
        for code in ("consultation", *extra):
            if code in terms:
                categories.append(
                    Service.categories.through(service=service, taxonomyterm_id=terms[code])
                )
    Service.objects.bulk_create(services, batch_size=2000)
    Location.objects.bulk_create(locations, batch_size=2000)
    ServiceAtLocation.objects.bulk_create(links, batch_size=2000)
    Service.municipalities.through.objects.bulk_create(areas, batch_size=2000)
    Service.categories.through.objects.bulk_create(categories, batch_size=2000)
    result.created = len(new)
    if changed:
        by_id = {pk: record for pk, record, _closed in changed}
        objs = list(Service.objects.unscoped().filter(pk__in=list(by_id)))
        for service in objs:
            record = by_id[service.pk]
            _apply(service, record, orgs[f"lg-{record['place'].code}"], now)
        staged_update(Service, objs, SERVICE_FIELDS)
        located = []
        for location_id, service_id in ServiceAtLocation.objects.filter(
            service_id__in=list(by_id)
        ).values_list("location_id", "service_id"):
            location = Location(id=location_id)
            record = by_id[service_id]
            locate(location, record, record["place"], orgs[f"lg-{record['place'].code}"])
            located.append(location)
        staged_update(Location, located, LOCATION_FIELDS)
    result.reopened = sum(1 for *_x, closed in changed if closed)
    result.updated = len(changed) - result.reopened
    if close_missing and records:
        codes = {r["place"].code for r in records}
        keys = {r["key"] for r in records}
        gone = [
            pk
            for pk, key in Service.objects.unscoped()
            .filter(origin=Origin.FACILITIES, is_closed=False)
            .values_list("pk", "source_key")
            if key.split(":")[0] in codes and key not in keys
        ]
        Service.objects.filter(pk__in=gone).update(
            is_closed=True, closed_on=now.date(), updated_at=now
        )
        result.closed = len(gone)
    else:
        gone = []
    search.refresh([*(s.pk for s in services), *(pk for pk, _r, _c in changed), *gone])


def import_paths(paths, *, close_missing=True) -> list:
    results = []
    for path in paths:
        path = Path(path)
        try:
            results.append(import_file(path.read_bytes(), path.name, close_missing=close_missing))
        except ImportRefused as exc:
            results.append(FileResult(name=path.name, refused=str(exc)))
    analyze()
    return results
