"""Read-only Open Referral HSDS 3.0 JSON of the catalogue (/api/hsds/).

Only what visitors can see is published (``Service.objects.public()``).
Names and texts are the Japanese ones; the English name is the
``alternate_name``. Objects without a row of their own (phones, attributes
linking a service to its taxonomy terms, addresses) get stable UUIDs derived
from their parent's id (uuid5), so ids never change between requests.
"""

import functools
import math
import uuid
from datetime import datetime, time

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from carers.caching import cached_count
from carers.models import Municipality

from .models import Organization, Scope, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm

HSDS_VERSION = "3.0"
PROFILE_URL = "https://openreferral.org/"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


def _uuid(parent, name):
    return str(
        uuid.uuid5(parent if isinstance(parent, uuid.UUID) else uuid.UUID(str(parent)), name)
    )


def _drop_empty(data):
    """HSDS fields are optional: leave out empty ones rather than send "" for a uri/email."""
    return {k: v for k, v in data.items() if v not in ("", None)}


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


# --- Serialisers ----------------------------------------------------------------------------


def organization_json(org):
    return _drop_empty(
        {
            "id": str(org.pk),
            "name": org.name_ja,
            "alternate_name": org.name_en,
            "description": org.description_ja or org.name_ja,
            "email": org.email,
            "website": org.website,
        }
    )


def taxonomy_json(taxonomy):
    return _drop_empty(
        {
            "id": str(taxonomy.pk),
            "name": taxonomy.name,
            "description": taxonomy.description,
            "version": taxonomy.version,
        }
    )


def taxonomy_term_json(term, detail=True):
    data = _drop_empty(
        {
            "id": str(term.pk),
            "code": term.code,
            "name": term.name_ja,
            "description": term.description_ja or term.name_en,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy_id),
            "language": "ja",
        }
    )
    if detail:
        data["taxonomy_detail"] = taxonomy_json(term.taxonomy)
    return data


def location_json(location):
    data = _drop_empty(
        {
            "id": str(location.pk),
            "location_type": "physical",
            "name": location.name_ja,
            "alternate_name": location.name_en,
            "organization_id": str(location.organization_id) if location.organization_id else None,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    )
    if location.address_ja and location.municipality_id:
        muni = location.municipality
        data["addresses"] = [
            {
                "id": _uuid(location.pk, "address"),
                "location_id": str(location.pk),
                "address_1": location.address_ja,
                "address_2": location.address_line2,
                "city": muni.name,
                "state_province": muni.prefecture,
                "postal_code": location.postal_code or "",
                "country": "JP",
                "address_type": "physical",
            }
        ]
    return data


def _service_base(service):
    return _drop_empty(
        {
            "id": str(service.pk),
            "organization_id": str(service.organization_id),
            "name": service.name_ja,
            "alternate_name": service.name_en,
            "description": "\n\n".join(
                v for v in (service.summary_ja, service.description_ja) if v
            ),
            "url": service.url,
            "email": service.email,
            "status": "inactive" if service.is_closed else "active",
            "application_process": service.how_to_apply_ja,
            "fees_description": service.cost_ja,
            "eligibility_description": service.eligibility_ja,
            "assured_date": service.last_verified.isoformat(),
            "last_modified": service.updated_at.isoformat(),
        }
    )


def service_list_json(service):
    data = _service_base(service)
    data["organization"] = organization_json(service.organization)
    return data


def service_json(service):
    """The fully nested service."""
    data = service_list_json(service)
    if service.phone:
        data["phones"] = [
            {
                "id": _uuid(service.pk, "phone"),
                "service_id": str(service.pk),
                "number": service.phone,
            }
        ]
    data["service_at_locations"] = [
        {
            "id": str(sal.pk),
            "service_id": str(service.pk),
            "location_id": str(sal.location_id),
            "location": location_json(sal.location),
        }
        for sal in service.service_at_locations.all()
    ]
    data["attributes"] = [
        {
            "id": _uuid(service.pk, f"term:{term.pk}"),
            "link_id": str(service.pk),
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": str(term.pk),
            "value": term.code,
            "taxonomy_term": taxonomy_term_json(term, detail=False),
        }
        for term in service.categories.all()
    ]
    if service.attribution:
        # 公共データ利用規約 第1.0版: the source and the "processed" statement travel
        # with every imported entry.
        data["attributes"].append(
            {
                "id": _uuid(service.pk, "attribution"),
                "link_id": str(service.pk),
                "link_type": "attribution",
                "link_entity": "service",
                "value": str(service.attribution),
            }
        )
    if service.opening_days or service.opening_notes:
        data["schedules"] = [
            {
                "id": _uuid(service.pk, "schedule"),
                "service_id": str(service.pk),
                "description": " ".join(
                    v for v in (service.opening_days, service.opening_notes) if v
                ),
            }
        ]
    data["service_areas"] = service_areas_json(service)
    data["languages"] = [
        {
            "id": _uuid(service.pk, "language:ja"),
            "service_id": str(service.pk),
            "name": "Japanese",
            "code": "ja",
        }
    ]
    return data


@functools.cache
def _prefecture(prefecture_code):
    """(name, code) of the portal's prefecture: fixed reference data, read once."""
    return (
        Municipality.objects.filter(is_prefecture=True, prefecture_code=prefecture_code)
        .values_list("prefecture", "code")
        .first()
    )


def service_areas_json(service):
    """Where the service applies (its scope): the whole country, the prefecture,
    or each named municipality (its 6-digit local government code as ``uri``)."""
    if service.scope == Scope.MUNICIPAL:
        areas = [(m.name, f"urn:jp:lg-code:{m.code}", m.code) for m in service.municipalities.all()]
    elif service.scope == Scope.PREFECTURAL:
        pref = _prefecture(settings.PORTAL_PREFECTURE_CODE)
        areas = [(pref[0], f"urn:jp:lg-code:{pref[1]}", pref[1])] if pref else []
    else:
        areas = [("日本全国", "", "national")]
    return [
        _drop_empty(
            {
                "id": _uuid(service.pk, f"area:{key}"),
                "service_id": str(service.pk),
                "name": name,
                "description": str(service.get_scope_display()),
                "uri": uri,
            }
        )
        for name, uri, key in areas
    ]


def service_at_location_json(sal):
    return _drop_empty(
        {
            "id": str(sal.pk),
            "service_id": str(sal.service_id),
            "location_id": str(sal.location_id),
            "location": location_json(sal.location),
            "service": _service_base(sal.service),
        }
    )


# --- Querysets -------------------------------------------------------------------------------------


def _services(request, with_filters=True):
    qs = (
        Service.objects.public()
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
        Organization.objects.filter(services__in=Service.objects.public())
        .distinct()
        .order_by("name_ja", "pk")
    )


# --- Views -------------------------------------------------------------------------------------------


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
        ServiceAtLocation.objects.filter(service__in=Service.objects.public())
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
