"""Small public functions other apps may call.

- portal's self-check: ``services_for_municipality``, ``consultation_windows`` and
  ``consultation_fallback`` (whom to call when a municipality has no window listed);
- case records (services.casework): ``guidance_form_class`` and ``evaluate_guidance``;
- the prefecture dashboard: ``dashboard_counts``; its coverage board:
  ``service_categories`` and ``coverage_by_municipality``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, Max, Value, When
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from carers.models import Municipality
from carers.phones import tel_uri

from .guidance import SCOPE_ORDER, YOUNG_ONLY, GuidanceResult, evaluate
from .models import ReportStatus, Scope, Service, ServiceReport, ServiceStatus, TaxonomyTerm

LEVELS = {Scope.MUNICIPAL: "local", Scope.PREFECTURAL: "prefectural", Scope.NATIONAL: "national"}
# The taxonomy term of support desks (相談窓口).
WINDOW_CATEGORY = "consultation"


def _as_dict(service, category_codes) -> dict:
    terms = list(service.categories.all())
    chosen = next((t for t in terms if t.code in category_codes), terms[0] if terms else None)
    locations = [sal.location for sal in service.service_at_locations.all()]
    address = ""
    if locations and locations[0].address_ja:
        address = " ".join(v for v in (locations[0].t.address, locations[0].address_line2) if v)
    return {
        "id": str(service.pk),
        "name": service.name,
        "summary": service.tr("summary"),
        "url": service.get_absolute_url(),
        "category": chosen.code if chosen else "",
        "category_name": chosen.name if chosen else "",
        "scope": service.scope,
        # "local" (the municipality's own), "prefectural" or "national".
        "level": LEVELS.get(service.scope, "national"),
        "level_name": str(service.get_scope_display()),
        # Printed self-check results need a way to reach the window: the number
        # as printed, its digits for a tel: link, and the address.
        "phone": service.phone,
        "tel": tel_uri(service.phone) or "",
        "address": address,
        "contact": service.tr("contact"),
    }


def _suggestions(code, categories, young_carer=True):
    qs = Service.objects.public().open().applying_to(code)
    if categories:
        qs = qs.filter(categories__code__in=list(categories)).distinct()
    if not young_carer:
        # An adult asking: leave out entries meant only for young carers (the
        # children's lines, the young-carer salon).
        qs = qs.exclude(
            audiences__contains=["young_carers"], audiences__contained_by=list(YOUNG_ONLY)
        )
    # The same order as guidance.suggestion_order, in SQL: the municipality may
    # have thousands of imported entries.
    order = Case(
        *(When(scope=scope, then=Value(rank)) for scope, rank in SCOPE_ORDER.items()),
        default=Value(3),
    )
    return qs.order_by(order, "created_at", "name_ja", "pk").prefetch_related(
        "categories", "service_at_locations__location"
    )


def services_for_municipality(
    code: str, categories: list[str] | None = None, limit: int = 5, young_carer: bool = True
) -> list[dict]:
    """Visible, open services that apply in municipality ``code`` (national,
    prefectural and that municipality's), local ones first. Dicts with id,
    name, summary, url, category (a taxonomy term code), scope, level
    ("local", "prefectural" or "national"), phone, tel (its tel: URI), address and contact.

    ``young_carer=False`` (an adult asking) leaves out entries meant only for
    young carers, such as the children's lines and the young-carer salon."""
    services = _suggestions(code, categories, young_carer)[:limit]
    return [_as_dict(s, set(categories or [])) for s in services]


def consultation_windows(code: str, limit: int = 5, young_carer: bool = True) -> list[dict]:
    """Support desks that apply in municipality ``code``: its own first,
    then the national lines and the prefecture's windows (each dict's ``level`` says which)."""
    return services_for_municipality(
        code, categories=[WINDOW_CATEGORY], limit=limit, young_carer=young_carer
    )


def _office_name(municipality) -> str:
    """What people call the municipality's office: 旭川市役所, 上川町役場."""
    if translation.get_language() == "en":
        return _("%(name)s municipal office") % {"name": municipality.name_en}
    name = municipality.name
    if name.endswith(("市", "区")):
        return f"{name}役所"
    return f"{name}役場"


def consultation_fallback(code: str) -> dict | None:
    """For the page that finds no local window: whom to call instead. None
    for an unknown code. Keys: has_local_windows, municipality_name,
    office_name (the municipality's office by name), prefecture_name and
    prefecture_windows (dicts as above, the prefecture's own windows)."""
    municipality = Municipality.objects.filter(code=code, is_prefecture=False).first()
    if municipality is None:
        return None
    has_local = (
        Service.objects.public()
        .open()
        .filter(scope=Scope.MUNICIPAL, municipalities=code, categories__code="consultation")
        .exists()
    )
    wide = _suggestions(None, ["consultation"]).filter(scope=Scope.PREFECTURAL)[:3]
    prefecture = Municipality.objects.filter(
        is_prefecture=True, prefecture_code=municipality.prefecture_code
    ).first()
    return {
        "has_local_windows": has_local,
        "municipality_name": municipality.localized_name,
        "office_name": _office_name(municipality),
        "prefecture_name": prefecture.localized_name if prefecture else municipality.prefecture,
        # Only this portal's prefecture has prefectural entries.
        "prefecture_windows": [_as_dict(s, {"consultation"}) for s in wide]
        if municipality.prefecture_code == settings.PORTAL_PREFECTURE_CODE
        else [],
    }


def guidance_form_class():
    """The guidance questionnaire form class (services.forms.GuidanceForm)."""
    from .forms import GuidanceForm

    return GuidanceForm


def evaluate_guidance(answers: dict, municipality_code: str | None = None) -> GuidanceResult:
    """Run the guidance rules on GuidanceForm.cleaned_data; ``result.to_dict()`` is JSON."""
    return evaluate(answers, municipality_code)


def dashboard_counts() -> list[tuple[str, int]]:
    """Counts over the whole catalogue (the prefecture's dashboard)."""
    services, reports = Service.objects.unscoped(), ServiceReport.objects.unscoped()
    return [
        (_("Published services"), services.filter(status=ServiceStatus.PUBLISHED).count()),
        (
            _("Services not verified for 12 months"),
            services.filter(status=ServiceStatus.PUBLISHED).unverified().count(),
        ),
        (
            _("Open reports from visitors"),
            reports.filter(status=ReportStatus.OPEN).count(),
        ),
    ]


def service_categories() -> list[tuple[str, str]]:
    """(code, name in the active language) of every category, in taxonomy order."""
    return [(term.code, term.name) for term in TaxonomyTerm.objects.order_by("order", "code")]


def coverage_by_municipality(codes) -> dict[str, dict]:
    """What residents of each municipality find locally: for every code, the
    visible municipal services applying there — ``services`` (distinct count),
    ``windows`` (those in the ``consultation`` category), ``categories``
    ({category code: count}) and ``updated_at`` (latest change, or None).

    Two aggregate queries whatever the number of municipalities (the
    prefecture's coverage board lists all of them)."""
    codes = list(codes)
    links = Service.municipalities.through.objects.filter(
        municipality_id__in=codes,
        service__in=Service.objects.public().filter(scope=Scope.MUNICIPAL).values("pk"),
    )
    result = {
        code: {"services": 0, "windows": 0, "categories": {}, "updated_at": None} for code in codes
    }
    for row in links.values("municipality_id").annotate(
        n=Count("service_id", distinct=True), updated_at=Max("service__updated_at")
    ):
        result[row["municipality_id"]].update(services=row["n"], updated_at=row["updated_at"])
    for row in links.values("municipality_id", "service__categories__code").annotate(
        n=Count("service_id", distinct=True)
    ):
        category = row["service__categories__code"]
        if category:
            result[row["municipality_id"]]["categories"][category] = row["n"]
    for entry in result.values():
        entry["windows"] = entry["categories"].get(WINDOW_CATEGORY, 0)
    return result


# --- Open data (opendata app) -----------------------------------------------------------------
# One plain dict per (visible service, location with an address): the public
# facts of an office or window. Never an email address, a staff contact or a
# case record. New public fields (office number, service type from an import)
# are added to OPENDATA_FIELDS and reach the export as dict keys.

OPENDATA_FIELDS = {
    "service_pk": "service_id",
    "name": "service__name_ja",
    "name_en": "service__name_en",
    "summary": "service__summary_ja",
    "url": "service__url",
    "phone": "service__phone",
    "source": "service__source",
    "origin": "service__origin",
    "name_kana": "service__name_kana",
    "service_type": "service__service_type",
    "office_number": "service__office_number",
    "fax": "service__fax",
    "days": "service__opening_days",
    "capacity": "service__capacity",
    "corporate_number": "service__organization__corporate_number",
    "organization": "service__organization__name_ja",
    "location_name": "location__name_ja",
    "municipality_code": "location__municipality_id",
    "postal_code": "location__postal_code",
    "address": "location__address_ja",
    "address_line2": "location__address_line2",
    "latitude": "location__latitude",
    "longitude": "location__longitude",
}
CONSULTATION = "consultation"


def _opendata_rows(*, municipality_code, windows: bool):
    from django.contrib.postgres.aggregates import ArrayAgg
    from django.db.models import Exists, OuterRef, Subquery

    from .models import ATTRIBUTIONS, ServiceAtLocation, TaxonomyTerm

    visible = Service.objects.public().open()
    consultation = TaxonomyTerm.objects.filter(services=OuterRef("service_id"), code=CONSULTATION)
    other = TaxonomyTerm.objects.filter(services=OuterRef("service_id")).exclude(code=CONSULTATION)
    qs = ServiceAtLocation.objects.filter(service__in=visible).exclude(location__address_ja="")
    # A window is a consultation service; a provider anything else (a service
    # in both categories is in both files).
    qs = qs.filter(Exists(consultation) if windows else Exists(other))
    if municipality_code:
        qs = qs.filter(location__municipality_id=municipality_code)
    names = (
        TaxonomyTerm.objects.filter(services=OuterRef("service_id"))
        .exclude(code=CONSULTATION)
        .values("services")
        .annotate(names=ArrayAgg("name_ja", order_by="order"))
        .values("names")
    )
    rows = (
        qs.annotate(categories=Subquery(names))
        .order_by("location__municipality_id", "service__name_ja", "pk")
        .values("categories", **{k: models.F(v) for k, v in OPENDATA_FIELDS.items()})
    )
    # One reverse() for the whole file: the pattern with a placeholder id.
    placeholder = "00000000-0000-0000-0000-000000000000"
    detail = reverse("services:detail", args=[placeholder])
    for row in rows.iterator(chunk_size=2000):
        row["categories"] = row["categories"] or []
        # Imported entries carry their source and licence statement.
        row["attribution"] = ATTRIBUTIONS.get(row.pop("origin"), "")
        row["path"] = detail.replace(placeholder, str(row["service_pk"]))
        yield row


def opendata_providers(*, municipality_code=None):
    """Care-service offices: visible services outside the consultation
    category, one dict per location with an address, by municipality."""
    return _opendata_rows(municipality_code=municipality_code, windows=False)


def opendata_windows(*, municipality_code=None):
    """Support desks (category ``consultation``), one dict per location."""
    return _opendata_rows(municipality_code=municipality_code, windows=True)


def opendata_version(*, municipality_code=None) -> tuple:
    """(latest change, counts) of the catalogue: one aggregate query. Editing a
    location saves its service (services.actions.service_save), so the
    service's ``updated_at`` covers it."""
    from django.db.models import Count, Max

    from .models import Organization, ServiceAtLocation

    # Every entry, drafts included: a change of any may change a published file.
    services, places = Service.objects.unscoped(), ServiceAtLocation.objects.all()
    if municipality_code:
        places = places.filter(location__municipality_id=municipality_code)
        services = services.filter(pk__in=places.values("service_id"))
    data = services.aggregate(latest=Max("updated_at"), n=Count("pk"))
    org = Organization.objects.aggregate(latest=Max("updated_at"))["latest"]
    latest = max((v for v in (data["latest"], org) if v is not None), default=None)
    return latest, data["n"], places.count()


def national_lines(limit: int = 10) -> list[dict]:
    """The catalogue's national entries with a phone number (telephone lines
    such as the children's lines), oldest entry first; dicts as
    ``services_for_municipality``'s."""
    lines = (
        Service.objects.public()
        .open()
        .filter(scope=Scope.NATIONAL)
        .exclude(phone="")
        .order_by("created_at", "name_ja", "pk")
        .prefetch_related("categories", "service_at_locations__location")[:limit]
    )
    return [_as_dict(s, set()) for s in lines]


SEARCH_CAP = 50  # matches counted per kind; beyond it the page says "50+"


def _search_hit(service) -> dict:
    return {
        "id": str(service.pk),
        "name": service.name,
        "summary": service.tr("summary"),
        "url": service.get_absolute_url(),
        "level": LEVELS.get(service.scope, "national"),
        "level_name": str(service.get_scope_display()),
        "phone": service.phone,
    }


def search(query: str, municipality_code: str | None = None, limit: int = 5) -> dict:
    """The catalogue's public search (the services list's, services.search)
    for the site-wide search box, in two kinds: ``"windows"`` (consultation
    windows) and ``"services"`` (everything else). Each kind: ``count`` (at
    most SEARCH_CAP), ``more`` (there are more than that), ``items`` (the
    first ``limit``, dicts with id, name, summary, url, level, level_name,
    phone) and ``list_url`` (the services list with the same search).
    Four bounded queries whatever the catalogue's size."""
    from urllib.parse import urlencode

    from django.db.models import Exists, OuterRef

    from . import search as catalogue

    municipality = None
    if municipality_code:
        municipality = Municipality.objects.filter(code=municipality_code).first()
    windows_of = Service.categories.through.objects.filter(
        service_id=OuterRef("service_id"), taxonomyterm__code=WINDOW_CATEGORY
    )
    found, ids = {}, []
    for kind, category in (("windows", WINDOW_CATEGORY), ("services", "")):
        entries = catalogue.entries(
            query=query,
            municipality=municipality,
            prefecture_code=settings.PORTAL_PREFECTURE_CODE,
            category=category,
        )
        if not category:
            entries = entries.exclude(Exists(windows_of))
        kind_ids = list(entries.values_list("service_id", flat=True)[: SEARCH_CAP + 1])
        params = {"q": query}
        if category:
            params["category"] = category
        if municipality is not None:
            params["municipality"] = municipality.code
        found[kind] = {
            "count": min(len(kind_ids), SEARCH_CAP),
            "more": len(kind_ids) > SEARCH_CAP,
            "ids": kind_ids[:limit],
            "list_url": f"{reverse('services:list')}?{urlencode(params)}",
        }
        ids += kind_ids[:limit]
    # The index lists published entries; public() checks them again (a page
    # may be read between a change and the index's refresh).
    by_id = Service.objects.public().select_related("organization").in_bulk(ids) if ids else {}
    for group in found.values():
        group["items"] = [_search_hit(by_id[pk]) for pk in group.pop("ids") if pk in by_id]
    return found
