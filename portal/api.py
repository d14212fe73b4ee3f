"""Public functions of initiative 1 for the dashboard and other apps."""

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carers.dates import fiscal_year_bounds, fiscal_year_of

from .models import Article, SelfCheckTally


def selfcheck_tally(fiscal_year=None) -> list[dict]:
    """Opt-in self-check counts of one fiscal year (default: the current one),
    per municipality: [{"municipality_code", "municipality_name", "checks",
    "signs_total", "with_signs"}], most checks first."""
    if fiscal_year is None:
        fiscal_year = fiscal_year_of(timezone.localdate())
    start, end = fiscal_year_bounds(fiscal_year)
    rows = (
        SelfCheckTally.objects.filter(month__gte=start, month__lt=end)
        .values("municipality_id", "municipality__name")
        .annotate(checks=Count("id"), signs_total=Sum("sign_count"))
        .order_by("-checks", "municipality_id")
    )
    with_signs = dict(
        SelfCheckTally.objects.filter(
            month__gte=start,
            month__lt=end,
            sign_count__gt=0,
        )
        .values_list("municipality_id")
        .annotate(n=Count("id"))
    )
    return [
        {
            "municipality_code": r["municipality_id"],
            "municipality_name": r["municipality__name"],
            "checks": r["checks"],
            "signs_total": r["signs_total"] or 0,
            "with_signs": with_signs.get(r["municipality_id"], 0),
        }
        for r in rows
    ]


def dashboard_counts():
    """(label, number) pairs for the prefecture dashboard."""
    tally = selfcheck_tally()
    return [
        (_("Published articles"), Article.objects.public().count()),
        (_("Self-checks counted this fiscal year (opt-in)"), sum(r["checks"] for r in tally)),
        (_("… of which noticed at least one sign"), sum(r["with_signs"] for r in tally)),
        (_("Municipalities with counted self-checks"), len(tally)),
    ]


def selfcheck_monthly() -> list[dict]:
    """Opt-in self-check counts per municipality and month (first day of the
    month), oldest first, for the open-data figures. Counts only."""
    rows = (
        SelfCheckTally.objects.values("municipality_id", "month")
        .annotate(checks=Count("id"))
        .order_by("month", "municipality_id")
    )
    return [
        {"municipality_code": r["municipality_id"], "month": r["month"], "checks": r["checks"]}
        for r in rows
    ]
