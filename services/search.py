"""The catalogue search index (SearchEntry) and the public search.

``refresh(ids)`` rebuilds the index rows of some services (``None``: all) in
one INSERT ... SELECT from the catalogue tables. The importers call it for
what they wrote; signals registered in ``ServicesConfig.ready`` call it after
any other save of a service, its municipalities or its locations, so entries
written through the ORM (staff pages, CSV import, built-in content) are found
too.

``entries(...)`` is the public list: candidates come from the GIN index on
where an entry applies (a municipality, or the portal's prefecture), every
word must be in the normalised text (LIKE on the narrow rows: no extension),
and the order is relevance (every word in the name or its reading), then the
distance from the chosen municipality, then scope and name.
"""

import math

from django.db import connection, models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone

from carers.text import normalise

from .models import Scope, SearchEntry, Service

_SELECT = """
SELECT s.id,
  CASE WHEN s.scope = 'municipal' THEN COALESCE(
    (SELECT array_agg(m.municipality_id ORDER BY m.municipality_id)
       FROM services_service_municipalities m WHERE m.service_id = s.id), '{}')
  ELSE ARRAY['']::varchar[] END,
  CASE WHEN s.scope = 'municipal' THEN COALESCE(
    (SELECT array_agg(DISTINCT mu.prefecture_code)
       FROM services_service_municipalities m
       JOIN carers_municipality mu ON mu.code = m.municipality_id
      WHERE m.service_id = s.id), '{}')
  ELSE ARRAY['']::varchar[] END,
  s.scope, s.audiences, s.search_text, s.search_name, s.name_ja,
  loc.latitude, loc.longitude,
  s.status = 'published' AND NOT s.is_closed, s.visible_from, s.visible_until
FROM services_service s
LEFT JOIN LATERAL (
  SELECT l.latitude, l.longitude FROM services_serviceatlocation sal
    JOIN services_location l ON l.id = sal.location_id
   WHERE sal.service_id = s.id AND l.latitude IS NOT NULL
   ORDER BY l.id LIMIT 1) loc ON true
"""
# Rows are written in the order of where they apply (then scope and name): an
# import writes each file's entries of one prefecture side by side, so a
# prefecture-wide search reads a few hundred pages instead of one page a row.
_ORDER = " ORDER BY 3, 4, 8"
_COLUMNS = (
    "service_id, areas, prefectures, scope, audiences, text, name, sort_name, "
    "latitude, longitude, listed, visible_from, visible_until"
)


def refresh(ids=None) -> None:
    """Rebuild the index rows of services ``ids`` (all when None)."""
    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(f"INSERT INTO {table} ({_COLUMNS}) {_SELECT}{_ORDER}")
            return
        ids = list(ids)
        for start in range(0, len(ids), 20000):
            chunk = ids[start : start + 20000]
            cursor.execute(f"DELETE FROM {table} WHERE service_id = ANY(%s::uuid[])", [chunk])
            cursor.execute(
                f"INSERT INTO {table} ({_COLUMNS}) {_SELECT} WHERE s.id = ANY(%s::uuid[]){_ORDER}",
                [chunk],
            )


def entries(*, query="", municipality=None, prefecture_code=None, category="", audience=""):
    """SearchEntry rows of the public list, ordered; ``.values_list("service_id")``
    for a page of ids."""
    today = timezone.localdate()
    qs = SearchEntry.objects.filter(listed=True).filter(
        Q(visible_from__isnull=True) | Q(visible_from__lte=today),
        Q(visible_until__isnull=True) | Q(visible_until__gte=today),
    )
    if municipality is not None:
        qs = qs.filter(areas__overlap=[municipality.code, ""])
    else:
        qs = qs.filter(prefectures__overlap=[prefecture_code, ""])
    if category:
        through = Service.categories.through.objects.filter(
            service_id=OuterRef("service_id"), taxonomyterm__code=category
        )
        qs = qs.filter(Exists(through))
    if audience:
        qs = qs.filter(audiences__contains=[audience])
    local_first = municipality is not None
    order = []
    words = normalise(query).split()
    if words:
        in_name = Q()
        for word in words:
            qs = qs.filter(text__contains=word)
            in_name &= Q(name__contains=word)
        qs = qs.annotate(relevance=Case(When(in_name, then=Value(0)), default=Value(1)))
        order.append("relevance")
        if municipality is not None and municipality.lat is not None:
            # Squared distance on an equirectangular projection: enough to order by.
            scale = math.cos(math.radians(municipality.lat)) ** 2
            dlat, dlng = F("latitude") - municipality.lat, F("longitude") - municipality.lng
            qs = qs.annotate(
                distance=models.ExpressionWrapper(
                    dlat * dlat + dlng * dlng * scale, output_field=models.FloatField()
                )
            )
            order.append(F("distance").asc(nulls_last=True))
    scope_order = Case(
        When(scope=Scope.MUNICIPAL, then=Value(0 if local_first else 2)),
        When(scope=Scope.NATIONAL, then=Value(1 if local_first else 0)),
        default=Value(2 if local_first else 1),
    )
    return qs.order_by(*order, scope_order, "sort_name", "service_id")
