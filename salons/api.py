"""Small public functions other apps call (portal's home page, the awareness
self-check result, the prefecture dashboard). None of them returns a meeting URL."""

from datetime import timedelta

from django.db import models
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .models import (
    HOLDING_STATUSES,
    PUBLIC_STATUSES,
    REVIEWABLE_STATUSES,
    Registration,
    RegistrationStatus,
    Salon,
    Session,
    SessionStatus,
    haversine_km,
)

HOME_FEATURED_DATES = 3
HOME_OTHER_SESSIONS = 4


def home_upcoming(request) -> SafeString:
    """The home page block: the prefecture's monthly young-carer online salon
    first with its next dates, then a few other upcoming sessions."""
    public = Session.objects.upcoming().public().select_related("salon", "salon__municipality")
    featured = Salon.objects.searchable().filter(is_featured=True).order_by("pk").first()
    featured_sessions = (
        list(public.filter(salon=featured)[:HOME_FEATURED_DATES]) if featured else []
    )
    others, seen = [], set()
    for session in public.exclude(salon__is_featured=True)[:30]:
        if session.salon_id not in seen and len(others) < HOME_OTHER_SESSIONS:
            seen.add(session.salon_id)
            others.append(session)
    return render_to_string(
        "salons/home_upcoming.html",
        {"featured": featured, "featured_sessions": featured_sessions, "others": others},
        request=request,
    )


def upcoming_sessions_near(municipality_code: str, limit=3) -> list[dict]:
    """Upcoming public sessions in or near a municipality, nearest first (one
    per salon, online sessions count as distance 0), then soonest first."""
    from carers.models import Municipality

    origin = Municipality.objects.filter(pk=municipality_code).first()
    sessions = (
        Session.objects.upcoming()
        .public()
        .filter(starts_at__lte=timezone.now() + timedelta(days=90))
        .select_related("salon", "salon__municipality")
        .order_by("starts_at")[:300]
    )
    best = {}
    for session in sessions:
        if session.salon_id in best:
            continue
        municipality = session.salon.municipality
        if session.is_online or origin is None or origin.lat is None:
            distance = 0.0 if session.is_online else float("inf")
        elif municipality is None or municipality.lat is None:
            distance = float("inf")
        else:
            distance = haversine_km(origin.lat, origin.lng, municipality.lat, municipality.lng)
        best[session.salon_id] = (distance, session)
    ranked = sorted(best.values(), key=lambda pair: (pair[0], pair[1].starts_at))[:limit]
    return [
        {
            "salon_name": session.salon.name,
            "url": session.salon.get_absolute_url(),
            "starts_at": session.starts_at,
            "municipality_name": session.salon.municipality.name
            if session.salon.municipality
            else "",
            "is_online": session.is_online,
        }
        for _distance, session in ranked
    ]


def dashboard_counts() -> list[tuple[str, int]]:
    now = timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    salons = Salon.objects.aggregate(
        published=Count("pk", filter=Q(pk__in=Salon.objects.searchable().values("pk"))),
        pending=Count("pk", filter=Q(status__in=REVIEWABLE_STATUSES)),
    )
    return [
        (_("Published salons"), salons["published"]),
        (_("Salons waiting for approval"), salons["pending"]),
        (_("Upcoming sessions"), Session.objects.upcoming(now).public(now).count()),
        (
            _("Sign-ups this month"),
            Registration.objects.filter(
                created_at__gte=month_start,
                status__in=(
                    *HOLDING_STATUSES,
                    RegistrationStatus.WAITING,
                    RegistrationStatus.CANCELLED,
                ),
            ).count(),
        ),
    ]


# --- Open data (opendata app) -----------------------------------------------------------------
# Plain dicts of public facts only: never a meeting URL, the free-text contact
# (it may hold a private address), an organiser or a participant.


def _detail_path():
    """pk -> the salon page's path, with one reverse() for a whole file."""
    placeholder = 987654321
    pattern = reverse("salons:detail", args=[placeholder])
    return lambda pk: pattern.replace(str(placeholder), str(pk))


def opendata_sessions(*, start, end, municipality_code=None, now=None):
    """Sessions of publicly listed salons that end after ``start`` and start
    before ``end``, soonest first, cancelled ones included (``cancelled``)."""
    from django.db.models import F

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
    for row in rows.iterator(chunk_size=1000):
        row["cancelled"] = row.pop("status") == SessionStatus.CANCELLED
        row["path"] = detail(row["salon_id"])
        yield row


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
    from django.db.models import Max
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
    latest = max((v for v in (s["latest"], t["latest"]) if v is not None), default=None)
    return latest, s["n"], t["n"]


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
