"""Small public functions other apps call (portal's home page, the awareness
self-check result, the prefecture dashboard and its coverage board). None of
them returns a meeting URL."""

from datetime import timedelta

from django.db import models
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .models import (
    HOLDING_STATUSES,
    PUBLIC_STATUSES,
    REVIEWABLE_STATUSES,
    STALE_AFTER,
    Audience,
    Registration,
    RegistrationStatus,
    Salon,
    SalonStatus,
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
    public = Session.objects.upcoming().public()
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


# --- A registered user's own data (portal's "My data" page) ---------------------------


def user_data(user) -> dict:
    """Everything this app holds about ``user``, for their JSON download."""
    from .models import OutdatedReport

    def when(value):
        return timezone.localtime(value).isoformat() if value else None

    registrations = Registration.objects.filter(user=user).select_related("session__salon")
    return {
        "salon_sign_ups": [
            {
                "salon": reg.session.salon.name,
                "session_starts_at": when(reg.session.starts_at),
                "nickname": reg.nickname,
                "age_band": reg.age_band,
                "status": reg.status,
                "signed_up_at": when(reg.created_at),
            }
            for reg in registrations.order_by("created_at")
        ],
        "salons_organised": [
            {"name": s.name, "status": s.status, "registered_at": when(s.created_at)}
            for s in Salon.objects.filter(organiser=user).order_by("pk")
        ],
        "outdated_information_reports": [
            {"salon": r.salon.name, "message": r.message, "sent_at": when(r.created_at)}
            for r in OutdatedReport.objects.filter(reporter=user).select_related("salon")
        ],
    }


def account_deletion_blocker(user) -> str | None:
    """Why ``user`` cannot delete their account yet, or None."""
    if Salon.objects.filter(organiser=user).exists():
        return _(
            "You organise salons on this portal. Please ask the prefecture to hand them over "
            "or close them before deleting your account."
        )
    return None


def anonymise_user(user) -> int:
    """Before an account is deleted: its sign-ups stay as anonymous records
    (attendance figures keep counting them) with no link to the person; a
    sign-up still active is cancelled, and the seat goes to the waiting list."""
    from . import actions

    regs = Registration.objects.filter(user=user)
    upcoming = regs.filter(
        status__in=(*HOLDING_STATUSES, RegistrationStatus.WAITING),
        session__starts_at__gt=timezone.now(),
    )
    for reg in upcoming:
        actions.registration_cancel(registration_id=reg.pk)
    return regs.update(user=None, nickname="", guest_email="", age_band="", language="")


def coverage_by_municipality(codes) -> dict[str, dict]:
    """Salons registered in each municipality: ``active`` (public and
    confirmed within the freshness period), ``stale`` (public but not
    confirmed for longer: hidden from the search), ``pending`` (new, waiting
    for approval) and ``updated_at`` (latest change, or None). One query."""
    codes = list(codes)
    fresh_since = timezone.now() - STALE_AFTER
    public = Q(status__in=PUBLIC_STATUSES)
    rows = (
        Salon.objects.filter(municipality_id__in=codes)
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
        Salon.objects.searchable().filter(Q(municipality__isnull=True) | Q(is_online=True)).count()
    )


def staff_work(user, limit=5) -> list[dict]:
    """The salons sections of a staff member's "my work" page: salons waiting
    for their approval, and published salons of their scope whose organiser
    has not confirmed the details for six months (out of the public search)."""
    from django.urls import reverse

    from .models import STALE_AFTER

    waiting = (
        Salon.objects.reviewable_by(user)
        .filter(status__in=REVIEWABLE_STATUSES)
        .select_related("municipality")
        .order_by("updated_at", "pk")
    )
    stale = (
        Salon.objects.for_user(user)
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
                    % {"date": timezone.localtime(s.last_confirmed_at).strftime("%Y-%m-%d")}
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
        Salon.objects.searchable()
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


SEARCH_CAP = 50  # matches counted; beyond it the page says "50+"


def search(query: str, municipality_code: str | None = None, limit: int = 5) -> dict:
    """The public salon search (the salon list's words, normalised for width
    and kana) for the site-wide search box. With a municipality: its salons
    first, then those anyone in the prefecture can join (as the salon list).
    ``count`` (at most SEARCH_CAP), ``more``, ``items`` (the first ``limit``:
    name, url, municipality_name, is_online) and ``list_url``. One bounded query."""
    from urllib.parse import urlencode

    from django.db.models import Case, Value, When

    salons = Salon.objects.searchable().search(query).select_related("municipality")
    order = ["name", "pk"]
    if municipality_code:
        wide = Q(municipality__isnull=True) | Q(is_online=True)
        salons = salons.filter(Q(municipality_id=municipality_code) | wide).annotate(
            is_wide=Case(
                When(municipality_id=municipality_code, then=Value(0)),
                default=Value(1),
                output_field=models.IntegerField(),
            )
        )
        order = ["is_wide", *order]
    found = list(salons.order_by(*order)[: SEARCH_CAP + 1])
    params = {"q": query}
    if municipality_code:
        params["municipality"] = municipality_code
    return {
        "count": min(len(found), SEARCH_CAP),
        "more": len(found) > SEARCH_CAP,
        "items": [
            {
                "name": salon.name,
                "url": salon.get_absolute_url(),
                "municipality_name": salon.municipality.localized_name
                if salon.municipality
                else "",
                "is_online": salon.is_online,
            }
            for salon in found[:limit]
        ],
        "list_url": f"{reverse('salons:list')}?{urlencode(params)}",
    }
