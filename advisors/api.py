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
            # Visits that took place: the dispatch date has come (figures.is_completed_visit).
            requests.filter(
                status=Status.COMPLETED,
                dispatch_date__gte=fiscal_start,
                dispatch_date__lte=today,
            ).count(),
        ),
    ]
