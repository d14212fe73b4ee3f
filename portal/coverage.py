"""/dashboard/coverage/: what residents of each municipality of the prefecture
find locally — support desks, services by type, salons, staff accounts —
so prefecture staff see where the catalogue is thin.

The numbers come from each app's public ``coverage_by_municipality(codes)``
(a few aggregate queries each), never from a query per row: Hokkaido has 179
municipalities.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carers.access import role_required
from carers.api import staff_by_municipality
from carers.csvsafe import csv_response
from carers.csvsafe import writer as csv_writer
from carers.models import Municipality, Role

# What a municipality can be missing: key -> label (also the filter's choices).
MISSING = {
    "windows": gettext_lazy("support desk"),
    "services": gettext_lazy("local services"),
    "salons": gettext_lazy("active salon"),
    "staff": gettext_lazy("staff account"),
}
FILTERS = (
    ("", gettext_lazy("All municipalities")),
    ("any", gettext_lazy("Missing something")),
    ("windows", gettext_lazy("No support desk")),
    ("services", gettext_lazy("No local services")),
    ("salons", gettext_lazy("No active salon")),
    ("staff", gettext_lazy("No staff account")),
)
# Sortable columns: key -> (heading, sort key of a row).
_EPOCH = datetime.min.replace(tzinfo=timezone.get_fixed_timezone(0))
COLUMNS = {
    "code": (gettext_lazy("Municipality"), lambda r: r.code),
    "windows": (gettext_lazy("Support desks"), lambda r: r.windows),
    "services": (gettext_lazy("Local services"), lambda r: r.services),
    "active": (gettext_lazy("Active salons"), lambda r: r.salons_active),
    "stale": (gettext_lazy("Stale salons"), lambda r: r.salons_stale),
    "staff": (gettext_lazy("Staff accounts"), lambda r: r.staff),
    "updated": (gettext_lazy("Last update"), lambda r: r.updated_at or _EPOCH),
}


@dataclass
class Row:
    municipality: Municipality
    windows: int = 0
    services: int = 0
    categories: dict = field(default_factory=dict)
    salons_active: int = 0
    salons_stale: int = 0
    salons_pending: int = 0
    staff: int = 0
    updated_at: datetime | None = None

    @property
    def code(self):
        return self.municipality.code

    @property
    def missing(self) -> list[str]:
        present = {
            "windows": self.windows,
            "services": self.services,
            "salons": self.salons_active,
            "staff": self.staff,
        }
        return [key for key in MISSING if not present[key]]

    @property
    def missing_labels(self) -> list[str]:
        return [str(MISSING[key]) for key in self.missing]


def _latest(*values):
    present = [v for v in values if v is not None]
    return max(present) if present else None


def coverage_rows() -> list[Row]:
    """One row per municipality of PORTAL_PREFECTURE_CODE, in code order."""
    from salons.api import coverage_by_municipality as salon_coverage
    from services.api import coverage_by_municipality as service_coverage

    municipalities = list(Municipality.objects.in_portal_prefecture().order_by("code"))
    codes = [m.code for m in municipalities]
    services, salons = service_coverage(codes), salon_coverage(codes)
    staff = staff_by_municipality(codes)
    rows = []
    for m in municipalities:
        s, c = services[m.code], salons[m.code]
        rows.append(
            Row(
                municipality=m,
                windows=s["windows"],
                services=s["services"],
                categories=s["categories"],
                salons_active=c["active"],
                salons_stale=c["stale"],
                salons_pending=c["pending"],
                staff=staff[m.code],
                updated_at=_latest(s["updated_at"], c["updated_at"]),
            )
        )
    return rows


def _choices(params):
    """(missing filter, sort column, descending?) from the query string;
    unknown values fall back to the defaults."""
    missing = params.get("missing", "")
    missing = missing if missing in dict(FILTERS) else ""
    sort = params.get("sort", "code")
    sort = sort if sort in COLUMNS else "code"
    return missing, sort, params.get("order") == "desc"


def _board(params):
    missing, sort, descending = _choices(params)
    all_rows = coverage_rows()
    if missing == "any":
        rows = [r for r in all_rows if r.missing]
    elif missing:
        rows = [r for r in all_rows if missing in r.missing]
    else:
        rows = list(all_rows)
    rows.sort(key=lambda r: r.code)  # ties keep the official code order
    rows.sort(key=COLUMNS[sort][1], reverse=descending)
    return all_rows, rows, missing, sort, descending


MAP_WIDTH = 640
MAP_PADDING = 12


def coverage_map(rows) -> dict | None:
    """Points of the municipalities' representative coordinates, projected
    for an inline SVG drawn by the portal itself (no map tiles, no third-party
    host): equirectangular, x scaled by cos(mid-latitude), north up."""
    points = [r for r in rows if r.municipality.lat is not None and r.municipality.lng is not None]
    if len(points) < 2:
        return None
    lats = [r.municipality.lat for r in points]
    lngs = [r.municipality.lng for r in points]
    kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lngs) - min(lngs)) * kx, 0.01)
    span_y = max(max(lats) - min(lats), 0.01)
    scale = (MAP_WIDTH - 2 * MAP_PADDING) / max(span_x, span_y)
    height = round(span_y * scale + 2 * MAP_PADDING)
    width = round(span_x * scale + 2 * MAP_PADDING)
    return {
        "width": width,
        "height": height,
        "points": [
            {
                "x": round(MAP_PADDING + (r.municipality.lng - min(lngs)) * kx * scale, 1),
                "y": round(MAP_PADDING + (max(lats) - r.municipality.lat) * scale, 1),
                "row": r,
            }
            for r in points
        ],
        "complete": sum(1 for r in rows if not r.missing),
        "gaps": sum(1 for r in rows if r.missing),
    }


def _categories():
    from services.api import service_categories

    return service_categories()


@role_required(Role.PREFECTURE_STAFF)
def coverage(request):
    all_rows, rows, missing, sort, descending = _board(request.GET)
    from salons.api import wide_salon_count

    categories = _categories()
    for row in rows:  # in taxonomy order
        row.category_list = [
            (name, row.categories[c]) for c, name in categories if c in row.categories
        ]
    headings = []
    for key, (label, _key) in COLUMNS.items():
        current = key == sort
        order = "asc" if current and descending else ("desc" if current else "asc")
        query = {"sort": key, "order": order}
        if missing:
            query["missing"] = missing
        headings.append(
            {
                "key": key,
                "label": label,
                "current": current,
                "descending": descending,
                "query": query,
            }
        )
    summary = [(MISSING[key], sum(1 for r in all_rows if key in r.missing), key) for key in MISSING]
    return render(
        request,
        "portal/coverage.html",
        {
            "rows": rows,
            "total": len(all_rows),
            "summary": summary,
            "headings": headings,
            "filters": FILTERS,
            "missing": missing,
            "sort": sort,
            "descending": descending,
            "wide_salons": wide_salon_count(),
            "map": coverage_map(all_rows),
            "prefecture": Municipality.objects.filter(
                prefecture_code=settings.PORTAL_PREFECTURE_CODE, is_prefecture=True
            ).first(),
        },
    )


@role_required(Role.PREFECTURE_STAFF)
def coverage_csv(request):
    _all_rows, rows, _missing, _sort, _descending = _board(request.GET)
    categories = _categories()
    response = csv_response(
        f"coverage-{settings.PORTAL_PREFECTURE_CODE}-{timezone.localdate():%Y%m%d}.csv"
    )
    writer = csv_writer(response)
    writer.writerow(
        [
            _("Local government code"),
            _("Municipality"),
            _("Support desks"),
            _("Local services"),
            *[_("Services: %(category)s") % {"category": name} for _code, name in categories],
            _("Active salons"),
            _("Stale salons"),
            _("Salons waiting for approval"),
            _("Staff accounts"),
            _("Last update"),
            _("Missing"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.code,
                row.municipality.localized_name,
                row.windows,
                row.services,
                *[row.categories.get(code, 0) for code, _name in categories],
                row.salons_active,
                row.salons_stale,
                row.salons_pending,
                row.staff,
                timezone.localtime(row.updated_at).strftime("%Y-%m-%d %H:%M")
                if row.updated_at
                else "",
                " / ".join(row.missing_labels),
            ]
        )
    return response
