"""Limits on requests that send e-mail on a stranger's behalf."""

from carers.throttle import over_limit

GUEST_REQUESTS_PER_WINDOW = 5
GUEST_WINDOW_SECONDS = 600


def guest_rate_limited(request) -> bool:
    """Each guest request sends an email to an address typed by a stranger:
    a few per address of origin per ten minutes is plenty."""
    return over_limit(
        request, "salons:guest", limit=GUEST_REQUESTS_PER_WINDOW, window=GUEST_WINDOW_SECONDS
    )


# Each report emails the organiser and the reviewing staff.
REPORTS_PER_WINDOW = 3
REPORT_WINDOW_SECONDS = 3600


def report_rate_limited(request) -> bool:
    return over_limit(
        request, "salons:report", limit=REPORTS_PER_WINDOW, window=REPORT_WINDOW_SECONDS
    )
