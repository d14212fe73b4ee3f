"""Open-data rows of the salons app: sessions, venues, the version and the figures."""

from django.db import models
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from .models import (
    PUBLIC_STATUSES,
    Salon,
    Session,
    SessionStatus,
)


def _detail_path():
    """pk -> the salon page's path, with one reverse() for a whole file."""
    placeholder = 987654321
    pattern = reverse("salons:detail", args=[placeholder])
    return lambda pk: pattern.replace(str(placeholder), str(pk))


def opendata_sessions(*, start, end, municipality_code=None, now=None):
    """Sessions of publicly listed salons that end after ``start`` and start
    before ``end``, soonest first, cancelled ones included (``cancelled``),
    merged with the published public events (an advisor's symposium or
    training that the municipality agreed to publish: ``is_public_event``)."""
    import heapq

    from django.db.models import F

    from .models import PublicEvent

    qs = Session.objects.public(now).filter(ends_at__gt=start, starts_at__lt=end)
    if municipality_code:
        qs = qs.filter(salon__municipality_id=municipality_code)
    rows = qs.order_by("starts_at", "pk").values(
        "pk",
        "salon_id",
        "starts_at",
        "ends_at",
        "status",
        "is_online",
        "capacity",
        "note",
        salon_name=F("salon__name"),
        description=F("salon__description"),
        organising_body=F("salon__organising_body"),
        municipality_code=F("salon__municipality_id"),
        venue_address=F("salon__venue_address"),
        venue_access=F("salon__venue_access"),
        fee=F("salon__fee"),
    )
    detail = _detail_path()

    def sessions():
        for row in rows.iterator(chunk_size=1000):
            row["cancelled"] = row.pop("status") == SessionStatus.CANCELLED
            row["path"] = detail(row["salon_id"])
            row["is_public_event"] = False
            yield row

    events = PublicEvent.objects.filter(ends_at__gt=start, starts_at__lt=end)
    if municipality_code:
        events = events.filter(municipality_id=municipality_code)

    def public_events():
        for event in events.order_by("starts_at", "pk"):
            yield {
                "pk": event.pk,
                "salon_id": None,
                "starts_at": event.starts_at,
                "ends_at": event.ends_at,
                "is_online": event.is_online,
                "capacity": None,
                "note": "",
                "salon_name": event.title,
                "description": event.description,
                "organising_body": event.organising_body,
                "municipality_code": event.municipality_id,
                "venue_address": "" if event.is_online else event.venue,
                "venue_access": "",
                "fee": "",
                "cancelled": False,
                "path": event.get_absolute_url(),
                "is_public_event": True,
            }

    yield from heapq.merge(sessions(), public_events(), key=lambda row: row["starts_at"])


def opendata_venues(*, municipality_code=None, now=None):
    """Venues of publicly listed salons that meet in person, by salon."""
    qs = Salon.objects.searchable(now).filter(is_in_person=True).exclude(venue_address="")
    if municipality_code:
        qs = qs.filter(municipality_id=municipality_code)
    rows = qs.order_by("municipality_id", "pk").values(
        "pk",
        "name",
        "description",
        "organising_body",
        "venue_address",
        "venue_access",
        "barrier_free_notes",
        municipality_code=models.F("municipality_id"),
    )
    detail = _detail_path()
    for row in rows.iterator(chunk_size=1000):
        row["path"] = detail(row["pk"])
        yield row


def opendata_version(*, municipality_code=None, now=None) -> tuple:
    """(latest change, row count) of what the open-data salon files show, in
    two aggregate queries: cheap enough to run on every request for an ETag."""
    from django.db.models.functions import Greatest

    salons = Salon.objects.filter(status__in=PUBLIC_STATUSES)
    sessions = Session.objects.filter(salon__status__in=PUBLIC_STATUSES)
    if municipality_code:
        salons = salons.filter(municipality_id=municipality_code)
        sessions = sessions.filter(salon__municipality_id=municipality_code)
    s = salons.aggregate(latest=Max(Greatest("updated_at", "last_confirmed_at")), n=Count("pk"))
    t = sessions.aggregate(
        latest=Max(Greatest("created_at", "edited_at", "moved_at", "cancelled_at")),
        n=Count("pk"),
    )
    from .models import PublicEvent

    events = PublicEvent.objects.all()
    if municipality_code:
        events = events.filter(municipality_id=municipality_code)
    e = events.aggregate(latest=Max("published_at"), n=Count("pk"))
    latest = max(
        (v for v in (s["latest"], t["latest"], e["latest"]) if v is not None), default=None
    )
    return latest, s["n"], t["n"] + e["n"]


def opendata_figures(*, now=None) -> list[dict]:
    """Sessions held (not cancelled, already ended) per municipality and fiscal
    year (April–March), with the number of salons that held them."""
    from collections import defaultdict

    now = now or timezone.now()
    held = Session.objects.filter(
        salon__status__in=PUBLIC_STATUSES,
        status=SessionStatus.SCHEDULED,
        ends_at__lte=now,
    ).values_list("salon__municipality_id", "salon_id", "starts_at")
    sessions, salons = defaultdict(int), defaultdict(set)
    for code, salon_id, starts_at in held.iterator(chunk_size=2000):
        day = timezone.localtime(starts_at).date()
        key = (code or "", day.year if day.month >= 4 else day.year - 1)
        sessions[key] += 1
        salons[key].add(salon_id)
    return [
        {
            "municipality_code": code,
            "fiscal_year": year,
            "salons": len(salons[code, year]),
            "sessions": sessions[code, year],
        }
        for code, year in sorted(sessions)
    ]
