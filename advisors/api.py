"""Small public functions other apps may call (the prefecture dashboard)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from carers.dates import fiscal_year_bounds, fiscal_year_of

from .models import DispatchRequest
from .workflow import Status


def dashboard_counts() -> list[tuple[str, int]]:
    today = timezone.localdate()
    fiscal_start = fiscal_year_bounds(fiscal_year_of(today))[0]
    requests = DispatchRequest.objects.unscoped()  # counts only
    return [
        (_("Requests awaiting review"), requests.awaiting_review().count()),
        (
            _("Approved, schedule not yet confirmed"),
            requests.filter(status=Status.APPROVED).count(),
        ),
        (
            _("Scheduled dispatches to come"),
            requests.filter(status=Status.SCHEDULED, dispatch_date__gte=today).count(),
        ),
        (
            _("Dispatches completed this fiscal year"),
            # Visits that took place: the dispatch date has come (figures.is_completed_visit).
            requests.filter(
                status=Status.COMPLETED,
                dispatch_date__gte=fiscal_start,
                dispatch_date__lte=today,
            ).count(),
        ),
    ]


def staff_work(user, limit=5) -> list[dict]:
    """The dispatch section of a "my work" page: the requests waiting for
    this user's next step (municipal staff: drafts and returned requests;
    prefecture staff: reviews and schedules to confirm; advisors: reports due
    and coming visits)."""
    from django.db.models import Q
    from django.urls import reverse

    from carers.models import Role

    today = timezone.localdate()
    mine = DispatchRequest.objects.visible_to(user)
    if user.role == Role.MUNICIPAL_STAFF:
        sections = [
            (
                "dispatch_to_revise",
                _("Dispatch requests to revise or submit"),
                mine.filter(status__in=(Status.RETURNED, Status.DRAFT)).order_by("-updated_at"),
            )
        ]
    elif user.role == Role.PREFECTURE_STAFF:
        sections = [
            (
                "dispatch_to_review",
                _("Dispatch requests to review"),
                mine.awaiting_review().order_by("submitted_at", "pk"),
            ),
            (
                "dispatch_to_schedule",
                _("Approved dispatches whose schedule is to confirm"),
                mine.filter(status=Status.APPROVED).order_by("dispatch_date", "pk"),
            ),
        ]
    elif user.role == Role.ADVISOR:
        sections = [
            (
                "dispatch_reports_due",
                _("Reports to file (the visit has taken place)"),
                mine.filter(status=Status.SCHEDULED, dispatch_date__lte=today).order_by(
                    "dispatch_date", "pk"
                ),
            ),
            (
                "dispatch_coming",
                _("Your coming visits"),
                mine.filter(
                    Q(status=Status.APPROVED) | Q(status=Status.SCHEDULED),
                    dispatch_date__gt=today,
                ).order_by("dispatch_date", "pk"),
            ),
        ]
    else:
        return []
    out = []
    for key, title, queryset in sections:
        queryset = queryset.select_related("municipality")
        out.append(
            {
                "key": key,
                "title": title,
                "count": queryset.count(),
                "url": reverse("advisors:request_list"),
                "items": [
                    {
                        "label": f"#{d.pk} {d.municipality.name}",
                        "url": d.get_absolute_url(),
                        "note": " · ".join(
                            str(x)
                            for x in (
                                d.get_status_display(),
                                d.dispatch_date.isoformat() if d.dispatch_date else "",
                            )
                            if x
                        ),
                    }
                    for d in queryset[:limit]
                ],
            }
        )
    return out


def dispatch_figures() -> list[dict]:
    """Completed dispatches per municipality, fiscal year (of the dispatch
    date) and menu item, for the open-data figures. A dispatch with several
    menu items counts once under each. Counts only: no names, no contacts."""
    from collections import Counter

    counts = Counter()
    done = (
        DispatchRequest.objects.unscoped()
        .filter(status=Status.COMPLETED)
        .values_list("municipality_id", "dispatch_date", "submitted_at", "menu_items")
    )
    for code, day, submitted, items in done.iterator(chunk_size=2000):
        day = day or (timezone.localtime(submitted).date() if submitted else None)
        if day is None:
            continue
        for item in items:
            counts[code, fiscal_year_of(day), item] += 1
    return [
        {"municipality_code": code, "fiscal_year": year, "menu_item": item, "count": n}
        for (code, year, item), n in sorted(counts.items())
    ]


def dispatch_menu_items() -> list[tuple[str, str]]:
    """(value, label) of the support menu, in the plan's order."""
    from .models import MenuItem

    return [(item.value, item.label) for item in MenuItem]
