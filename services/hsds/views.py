"""The HSDS endpoints: parameters, pagination and errors."""

import functools
import math
import uuid
from datetime import datetime, time

from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from carers.caching import cached_count

from ..models import Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from .serialise import (
    _service_base,
    location_json,
    organization_json,
    service_at_location_json,
    service_json,
    service_list_json,
    taxonomy_json,
    taxonomy_term_json,
)

HSDS_VERSION = "3.0"
PROFILE_URL = "https://openreferral.org/"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


def _int(value, default, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)


def _uuid_or_none(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def paginate(request, queryset, serialise):
    """HSDS pagination: ``page`` (1-based) and ``per_page``; bad values fall back to defaults."""
    per_page = _int(request.GET.get("per_page"), DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    total = cached_count(queryset)  # counted once per change of the catalogue
    total_pages = max(math.ceil(total / per_page), 1)
    page = _int(request.GET.get("page"), 1, 1, total_pages)
    rows = list(queryset[(page - 1) * per_page : page * per_page])
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(rows),
            "first_page": page == 1,
            "last_page": page == total_pages,
            "empty": total == 0,
            "contents": [serialise(row) for row in rows],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def not_found(request=None, path=None):
    return JsonResponse({"error": "not found"}, status=404)


MAX_PARAMETER_LENGTH = 200
INTEGER_PARAMETERS = ("page", "per_page")


def bad_request(detail):
    return JsonResponse({"error": "bad request", "detail": detail}, status=400)


def query_problem(request) -> str | None:
    """What is wrong with the query string, or None. Checked before any view
    runs, so bad input is a 400 in JSON rather than a 500 (a NUL byte) or a
    silent fallback."""
    for key, values in request.GET.lists():
        for value in [key, *values]:
            if any(ord(ch) < 32 or ch == "\x7f" for ch in value):
                return f"parameter {key!r} contains control characters"
            if len(value) > MAX_PARAMETER_LENGTH:
                return f"parameter {key[:40]!r} is longer than {MAX_PARAMETER_LENGTH} characters"
    for key in INTEGER_PARAMETERS:
        value = request.GET.get(key)
        if value not in (None, "") and not value.lstrip("-").isdigit():
            return f"{key} must be an integer"
        if value and len(value.lstrip("-")) > 9:
            return f"{key} is out of range"
    value = request.GET.get("modified_after")
    if value and _parse_when(value) is None:
        return "modified_after must be an ISO 8601 date or date-time"
    return None


def hsds_get(view):
    """GET only (405 in JSON otherwise), query string checked (400 in JSON)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"error": "method not allowed"}, status=405)
            response["Allow"] = "GET, HEAD"
            return response
        problem = query_problem(request)
        if problem:
            return bad_request(problem)
        return view(request, *args, **kwargs)

    return wrapper


def _services(request, with_filters=True):
    qs = (
        Service.objects.visible()
        .select_related("organization")
        .prefetch_related(
            "categories__taxonomy",
            "service_at_locations__location__municipality",
            "municipalities",
        )
        .order_by("name_ja", "pk")
    )
    if not with_filters:
        return qs
    if request.GET.get("search"):
        qs = qs.search(request.GET["search"])
    term = _uuid_or_none(request.GET.get("taxonomy_term_id"))
    if request.GET.get("taxonomy_term_id"):
        qs = qs.filter(categories__pk=term) if term else qs.none()
    taxonomy = _uuid_or_none(request.GET.get("taxonomy_id"))
    if request.GET.get("taxonomy_id"):
        qs = qs.filter(categories__taxonomy_id=taxonomy).distinct() if taxonomy else qs.none()
    org = _uuid_or_none(request.GET.get("organization_id"))
    if request.GET.get("organization_id"):
        qs = qs.filter(organization_id=org) if org else qs.none()
    after = _parse_when(request.GET.get("modified_after"))
    if after:
        qs = qs.filter(updated_at__gte=after)
    return qs


def _parse_when(value):
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.combine(day, time.min) if day else None
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _organizations():
    return (
        Organization.objects.filter(services__in=Service.objects.visible())
        .distinct()
        .order_by("name_ja", "pk")
    )


@hsds_get
def root(request):
    return JsonResponse(
        {"version": HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}
    )


@hsds_get
def services(request):
    full = request.GET.get("full") == "true"
    return paginate(request, _services(request), service_json if full else service_list_json)


@hsds_get
def service_detail(request, id):
    pk = _uuid_or_none(id)
    service = _services(request).filter(pk=pk).first() if pk else None
    return (
        JsonResponse(service_json(service), json_dumps_params={"ensure_ascii": False})
        if service
        else not_found()
    )


@hsds_get
def organizations(request):
    qs = _organizations()
    if request.GET.get("search"):
        qs = qs.filter(name_ja__icontains=request.GET["search"])
    return paginate(request, qs, organization_json)


@hsds_get
def organization_detail(request, id):
    pk = _uuid_or_none(id)
    org = _organizations().filter(pk=pk).first() if pk else None
    if org is None:
        return not_found()
    data = organization_json(org)
    data["locations"] = [location_json(loc) for loc in org.locations.select_related("municipality")]
    # "Fully nested organization with service array" (full_service=true: full services).
    services = _services(request, with_filters=False).filter(organization=org)
    full = request.GET.get("full_service") == "true"
    data["services"] = [service_json(s) if full else _service_base(s) for s in services]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _service_at_locations():
    return (
        ServiceAtLocation.objects.filter(service__in=Service.objects.visible())
        .select_related("service", "location__municipality")
        .order_by("pk")
    )


@hsds_get
def service_at_locations(request):
    """The service filters of /services apply here too (search, taxonomy_term_id, ...)."""
    qs = _service_at_locations().filter(service__in=_services(request).values("pk"))
    return paginate(request, qs, service_at_location_json)


@hsds_get
def service_at_location_detail(request, id):
    pk = _uuid_or_none(id)
    sal = _service_at_locations().filter(pk=pk).first() if pk else None
    if sal is None:
        return not_found()
    data = service_at_location_json(sal)
    # HSDS 3.0's openapi.json declares this response with the compiled *service*
    # schema (which requires name and status) although it describes a
    # service_at_location: carry both so either reading validates.
    data["name"] = sal.service.name_ja
    data["status"] = "active"
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@hsds_get
def taxonomies(request):
    return paginate(request, Taxonomy.objects.order_by("name", "pk"), taxonomy_json)


@hsds_get
def taxonomy_detail(request, id):
    pk = _uuid_or_none(id)
    taxonomy = Taxonomy.objects.filter(pk=pk).first() if pk else None
    return JsonResponse(taxonomy_json(taxonomy)) if taxonomy else not_found()


@hsds_get
def taxonomy_terms(request):
    qs = TaxonomyTerm.objects.select_related("taxonomy").order_by("order", "code")
    taxonomy = _uuid_or_none(request.GET.get("taxonomy_id"))
    if request.GET.get("taxonomy_id"):
        qs = qs.filter(taxonomy_id=taxonomy) if taxonomy else qs.none()
    return paginate(request, qs, taxonomy_term_json)


@hsds_get
def taxonomy_term_detail(request, id):
    pk = _uuid_or_none(id)
    term = TaxonomyTerm.objects.select_related("taxonomy").filter(pk=pk).first() if pk else None
    return (
        JsonResponse(taxonomy_term_json(term), json_dumps_params={"ensure_ascii": False})
        if term
        else not_found()
    )
