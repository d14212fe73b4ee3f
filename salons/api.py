"""Small public functions other apps call (portal's home page, the awareness
self-check result, the prefecture dashboard and its coverage board). None of
them returns a meeting URL."""

from datetime import timedelta

from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from carers.wording import format_when

from .account_data import account_deletion_blocker, anonymise_user, user_data
from .models import (
    HOLDING_STATUSES,
    PUBLIC_STATUSES,
    STALE_AFTER,
    Audience,
    Registration,
    RegistrationStatus,
    Salon,
    SalonStatus,
    Session,
    haversine_km,
)
from .opendata import opendata_figures, opendata_sessions, opendata_venues, opendata_version
from .search import site_search as search
from .workflow import REVIEWABLE_STATUSES

HOME_FEATURED_DATES = 3
HOME_OTHER_SESSIONS = 4


def home_upcoming(request) -> SafeString:
    """The home page block: the prefecture's monthly young-carer online salon
    first with its next dates, then a few other upcoming sessions."""
    public = (
        Session.objects.public()
        .upcoming()
        .searchable()
        .select_related("salon", "salon__municipality")
    )
    featured = Salon.objects.public().searchable().filter(is_featured=True).order_by("pk").first()
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


def upcoming_sessions_near(
    municipality_code: str, limit=3, wide_limit=2, young_carers: bool | None = None
) -> list[dict]:
    """Upcoming public sessions for a municipality: up to ``limit`` in-person
    sessions, nearest first (one per salon; distance from the municipality's
    representative point, then soonest), followed by up to ``wide_limit``
    sessions anyone can join — online or prefecture-wide, the prefecture's
    featured online salon first — so these are always offered.

    ``young_carers``: True lists only salons for young carers (suggested to a
    carer under 18), False only the others (suggested to adults), None all.

    Each dict: salon_name, url, starts_at, municipality_name, is_online,
    is_wide, distance_km (None for wide ones or when unknown)."""
    from carers.models import Municipality

    origin = Municipality.objects.filter(pk=municipality_code).first()
    public = Session.objects.public().upcoming().searchable()
    if young_carers is True:
        public = public.filter(salon__audiences__contains=[Audience.YOUNG_CARERS])
    elif young_carers is False:
        public = public.exclude(salon__audiences__contains=[Audience.YOUNG_CARERS])
    sessions = (
        public.filter(starts_at__lte=timezone.now() + timedelta(days=90))
        .select_related("salon", "salon__municipality")
        .order_by("starts_at")[:300]
    )
    near, wide = {}, {}
    for session in sessions:
        salon = session.salon
        if session.is_online or salon.municipality is None:
            wide.setdefault(
                salon.pk, (not salon.is_featured, session.starts_at, None, session, True)
            )
        elif salon.pk not in near:
            distance = None
            if origin is not None and origin.lat is not None and salon.municipality.lat is not None:
                distance = haversine_km(
                    origin.lat, origin.lng, salon.municipality.lat, salon.municipality.lng
                )
            rank = float("inf") if distance is None else distance
            near[salon.pk] = (rank, session.starts_at, distance, session, False)
    ranked = sorted(near.values(), key=lambda row: row[:2])[:limit]
    ranked += sorted((row for pk, row in wide.items() if pk not in near), key=lambda r: r[:2])[
        :wide_limit
    ]
    return [
        {
            "salon_name": session.salon.name,
            "url": session.salon.get_absolute_url(),
            "starts_at": session.starts_at,
            "municipality_name": session.salon.municipality.localized_name
            if session.salon.municipality
            else "",
            "is_online": session.is_online,
            "is_wide": is_wide,
            "distance_km": None if distance is None else round(distance, 1),
        }
        for _rank, _start, distance, session, is_wide in ranked
    ]


def dashboard_counts() -> list[tuple[str, int]]:
    now = timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    salons = Salon.objects.unscoped().aggregate(
        published=Count("pk", filter=Q(pk__in=Salon.objects.public().searchable().values("pk"))),
        pending=Count("pk", filter=Q(status__in=REVIEWABLE_STATUSES)),
    )
    return [
        (_("Published salons"), salons["published"]),
        (_("Salons waiting for approval"), salons["pending"]),
        (_("Upcoming sessions"), Session.objects.public().upcoming(now).searchable(now).count()),
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


def coverage_by_municipality(codes) -> dict[str, dict]:
    """Salons registered in each municipality: ``active`` (public and
    confirmed within the freshness period), ``stale`` (public but not
    confirmed for longer: hidden from the search), ``pending`` (new, waiting
    for approval) and ``updated_at`` (latest change, or None). One query."""
    codes = list(codes)
    fresh_since = timezone.now() - STALE_AFTER
    public = Q(status__in=PUBLIC_STATUSES)
    rows = (
        Salon.objects.unscoped()  # counts per municipality, pending ones included
        .filter(municipality_id__in=codes)
        .values("municipality_id")
        .annotate(
            active=Count("pk", filter=public & Q(last_confirmed_at__gte=fresh_since)),
            stale=Count("pk", filter=public & Q(last_confirmed_at__lt=fresh_since)),
            pending=Count("pk", filter=Q(status=SalonStatus.PENDING)),
            updated_at=Max("updated_at"),
        )
        .order_by()
    )
    result = {code: {"active": 0, "stale": 0, "pending": 0, "updated_at": None} for code in codes}
    for row in rows:
        result[row.pop("municipality_id")] = row
    return result


def wide_salon_count() -> int:
    """Public, fresh salons without a municipality or meeting online: open to
    residents of every municipality."""
    return (
        Salon.objects.public()
        .searchable()
        .filter(Q(municipality__isnull=True) | Q(is_online=True))
        .count()
    )


def staff_work(user, limit=5) -> list[dict]:
    """The salons sections of a staff member's "my work" page: salons waiting
    for their approval, and published salons of their scope whose organiser
    has not confirmed the details for six months (out of the public search)."""

    from .models import STALE_AFTER

    waiting = (
        Salon.objects.reviewable_by(user)
        .filter(status__in=REVIEWABLE_STATUSES)
        .select_related("municipality")
        .order_by("updated_at", "pk")
    )
    stale = (
        Salon.objects.manageable_by(user)
        .published()
        .filter(last_confirmed_at__lt=timezone.now() - STALE_AFTER)
        .select_related("municipality")
        .order_by("last_confirmed_at", "pk")
    )

    def rows(queryset, note):
        return [
            {
                "label": salon.name,
                "url": reverse("salons:manage_detail", args=[salon.pk]),
                "note": note(salon),
            }
            for salon in queryset[:limit]
        ]

    return [
        {
            "key": "salon_approvals",
            "title": _("Salons waiting for your approval"),
            "count": waiting.count(),
            "url": reverse("salons:manage"),
            "items": rows(waiting, lambda s: s.get_status_display()),
        },
        {
            "key": "stale_salons",
            "title": _("Salons not confirmed for six months"),
            "count": stale.count(),
            "url": reverse("salons:manage"),
            "items": rows(
                stale,
                lambda s: (
                    _("last confirmed %(date)s")
                    % {"date": format_when(s.last_confirmed_at, "date")}
                ),
            ),
        },
    ]


def startup_examples(limit=4) -> list[dict]:
    """Published salons as examples for people who want to start one: one per
    audience where the registry has one (varied examples), most recently
    confirmed first. Public facts only."""
    from .models import Audience

    salons = list(
        Salon.objects.public()
        .searchable()
        .select_related("municipality")
        .order_by("-last_confirmed_at", "pk")[:200]
    )
    chosen, seen = [], set()
    for audience in Audience.values:
        for salon in salons:
            if audience in salon.audiences and salon.pk not in seen:
                chosen.append(salon)
                seen.add(salon.pk)
                break
        if len(chosen) >= limit:
            break
    return [
        {
            "name": salon.name,
            "url": salon.get_absolute_url(),
            "organising_body": salon.organising_body,
            "municipality_name": salon.municipality.localized_name if salon.municipality else "",
            "audiences": salon.audience_labels(),
            "is_online": salon.is_online,
            "is_in_person": salon.is_in_person,
            "venue_access": salon.venue_access,
            "description": salon.description[:160],
        }
        for salon in chosen
    ]


def publish_public_event(
    *,
    source: str,
    title: str,
    starts_at,
    ends_at,
    organising_body: str,
    by,
    municipality_code: str | None = None,
    description: str = "",
    venue: str = "",
    is_online: bool = False,
    contact: str = "",
) -> str:
    """Publish (or update) a public event led by another app, e.g. an
    advisor's symposium that the municipality agreed to publish, in the salon
    calendar. One event per ``source``; publishing again updates it (and
    raises its iCalendar SEQUENCE). Returns the event page's path.

    The caller has checked the consent; nothing private (a meeting link) may
    be passed: every field is public."""
    from django.db import transaction

    from .models import PublicEvent

    if ends_at <= starts_at:
        raise ValueError("ends_at must be after starts_at")
    fields = {
        "title": title.strip()[:200],
        "description": description.strip(),
        "organising_body": organising_body.strip()[:120],
        "municipality_id": municipality_code or None,
        "venue": "" if is_online else venue.strip()[:200],
        "is_online": is_online,
        "contact": contact.strip()[:200],
        "starts_at": starts_at,
        "ends_at": ends_at,
        "published_by": by,
        "published_at": timezone.now(),
    }
    with transaction.atomic():
        event = PublicEvent.objects.select_for_update().filter(source=source).first()
        if event is None:
            event = PublicEvent.objects.create(source=source, **fields)
        else:
            for name, value in fields.items():
                setattr(event, name, value)
            event.sequence += 1
            event.save()
    return event.get_absolute_url()


__all__ = [
    "account_deletion_blocker",
    "anonymise_user",
    "coverage_by_municipality",
    "dashboard_counts",
    "home_upcoming",
    "opendata_figures",
    "opendata_sessions",
    "opendata_venues",
    "opendata_version",
    "publish_public_event",
    "search",
    "staff_work",
    "startup_examples",
    "upcoming_sessions_near",
    "user_data",
    "wide_salon_count",
]
