"""Figures per fiscal year (April–March). A request counts in the fiscal year of
its first submission; drafts never submitted do not count. A request with two
menu items counts once under each of them.

"Completed" counts visits that took place only: a request whose report was
filed before its dispatch date (possible before the report-date rule) counts
as scheduled until that date has come."""

from collections import Counter

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from carers.dates import fiscal_year_of
from carers.models import Municipality

from .models import DispatchRequest, MenuItem
from .workflow import Status

# Only submitted requests are counted, so "draft" never has a figure.
COUNTED = [s for s in Status if s != Status.DRAFT]


def is_completed_visit(status, dispatch_date, today) -> bool:
    return status == Status.COMPLETED and dispatch_date is not None and dispatch_date <= today


def _rows(year):
    today = timezone.localdate()
    rows = (
        DispatchRequest.objects.unscoped()
        .in_fiscal_year(year)
        .values_list(
            "municipality_id", "municipality__name", "status", "menu_items", "dispatch_date"
        )
    )
    for code, name, status, items, dispatch_date in rows:
        if status == Status.COMPLETED and not is_completed_visit(status, dispatch_date, today):
            status = Status.SCHEDULED
        yield code, name, status, items


def tables(year) -> dict:
    by_municipality, names, by_menu, by_status = Counter(), {}, Counter(), Counter()
    for code, name, status, items in _rows(year):
        names[code] = name
        by_municipality[code, status] += 1
        by_status[status] += 1
        for item in items:
            by_menu[item, status] += 1

    # Names in the active language (Sapporo-shi on English pages and CSV files).
    for m in Municipality.objects.filter(code__in=names):
        names[m.code] = m.localized_name

    def line(counter, key):
        counts = [counter[key, s] for s in COUNTED]
        return counts, sum(counts)

    return {
        "statuses": COUNTED,
        "municipalities": [
            (code, names[code], *line(by_municipality, code)) for code in sorted(names)
        ],
        "menu_items": [(item.label, *line(by_menu, item.value)) for item in MenuItem],
        "totals": ([by_status[s] for s in COUNTED], sum(by_status.values())),
    }


def years_available() -> list[int]:
    current = fiscal_year_of(timezone.localdate())
    first = DispatchRequest.objects.unscoped().aggregate(first=Min("submitted_at"))["first"]
    start = min(fiscal_year_of(timezone.localtime(first).date()), current) if first else current
    return list(range(current, start - 1, -1))


def csv_header() -> list[str]:
    return [
        _("Fiscal year"),
        _("Municipality code"),
        _("Municipality"),
        *[s.label for s in COUNTED],
        _("Total"),
        *[item.label for item in MenuItem],
    ]


def csv_rows(year):
    """One row per municipality: counts by state, the total, counts by menu item."""
    per_menu = Counter()
    for code, _name, _status, items in _rows(year):
        for item in items:
            per_menu[code, item] += 1
    data = tables(year)
    for code, name, counts, total in data["municipalities"]:
        yield [year, code, name, *counts, total, *[per_menu[code, item.value] for item in MenuItem]]
    counts, total = data["totals"]
    menu_totals = [
        sum(per_menu[c, item.value] for c, *_rest in data["municipalities"]) for item in MenuItem
    ]
    yield [year, "", _("All municipalities"), *counts, total, *menu_totals]
