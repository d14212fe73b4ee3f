"""Small public functions other apps may call (the prefecture dashboard)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DispatchRequest, fiscal_year_bounds, fiscal_year_of
from .workflow import Status


def dashboard_counts() -> list[tuple[str, int]]:
    today = timezone.localdate()
    fiscal_start = fiscal_year_bounds(fiscal_year_of(today))[0]
    requests = DispatchRequest.objects.all()
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
            requests.filter(
                status=Status.COMPLETED, report__filed_at__date__gte=fiscal_start
            ).count(),
        ),
    ]


def dispatch_figures() -> list[dict]:
    """Completed dispatches per municipality, fiscal year (of the dispatch
    date) and menu item, for the open-data figures. A dispatch with several
    menu items counts once under each. Counts only: no names, no contacts."""
    from collections import Counter

    counts = Counter()
    done = DispatchRequest.objects.filter(status=Status.COMPLETED).values_list(
        "municipality_id", "dispatch_date", "submitted_at", "menu_items"
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
