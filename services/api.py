"""Small public functions other apps may call.

- portal's self-check: ``services_for_municipality`` and ``consultation_windows``;
- case records (services.casework): ``guidance_form_class`` and ``evaluate_guidance``;
- the prefecture dashboard: ``dashboard_counts``.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _

from .guidance import GuidanceResult, evaluate, suggestion_order
from .models import ReportStatus, Service, ServiceReport, ServiceStatus


def _as_dict(service, category_codes) -> dict:
    terms = list(service.categories.all())
    chosen = next((t for t in terms if t.code in category_codes), terms[0] if terms else None)
    return {
        "id": str(service.pk),
        "name": service.name,
        "summary": service.tr("summary"),
        "url": service.get_absolute_url(),
        "category": chosen.code if chosen else "",
        "category_name": chosen.name if chosen else "",
        "scope": service.scope,
        # Printed self-check results need a way to reach the window.
        "phone": service.phone,
        "contact": service.tr("contact"),
    }


def services_for_municipality(
    code: str, categories: list[str] | None = None, limit: int = 5
) -> list[dict]:
    """Visible services that apply in municipality ``code`` (national,
    prefectural and that municipality's), local ones first. Dicts with id,
    name, summary, url, category (a taxonomy term code), scope, phone and contact."""
    qs = Service.objects.visible().applying_to(code)
    if categories:
        qs = qs.filter(categories__code__in=list(categories)).distinct()
    services = sorted(qs.prefetch_related("categories"), key=suggestion_order)
    return [_as_dict(s, set(categories or [])) for s in services[:limit]]


def consultation_windows(code: str, limit: int = 5) -> list[dict]:
    """Consultation windows that apply in municipality ``code``."""
    return services_for_municipality(code, categories=["consultation"], limit=limit)


def guidance_form_class():
    """The guidance questionnaire form class (services.forms.GuidanceForm)."""
    from .forms import GuidanceForm

    return GuidanceForm


def evaluate_guidance(answers: dict, municipality_code: str | None = None) -> GuidanceResult:
    """Run the guidance rules on GuidanceForm.cleaned_data; ``result.to_dict()`` is JSON."""
    return evaluate(answers, municipality_code)


def dashboard_counts() -> list[tuple[str, int]]:
    return [
        (_("Published services"), Service.objects.filter(status=ServiceStatus.PUBLISHED).count()),
        (
            _("Services not verified for 12 months"),
            Service.objects.filter(status=ServiceStatus.PUBLISHED).unverified().count(),
        ),
        (
            _("Open reports from visitors"),
            ServiceReport.objects.filter(status=ReportStatus.OPEN).count(),
        ),
    ]


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
    "organization": "service__organization__name_ja",
    "location_name": "location__name_ja",
    "municipality_code": "location__municipality_id",
    "postal_code": "location__postal_code",
    "address": "location__address_ja",
    "latitude": "location__latitude",
    "longitude": "location__longitude",
}
CONSULTATION = "consultation"


def _opendata_rows(*, municipality_code, windows: bool):
    from django.contrib.postgres.aggregates import ArrayAgg
    from django.db.models import Exists, OuterRef, Subquery

    from .models import ServiceAtLocation, TaxonomyTerm

    visible = Service.objects.visible()
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
        row["path"] = detail.replace(placeholder, str(row["service_pk"]))
        yield row


def opendata_providers(*, municipality_code=None):
    """Care-service offices: visible services outside the consultation
    category, one dict per location with an address, by municipality."""
    return _opendata_rows(municipality_code=municipality_code, windows=False)


def opendata_windows(*, municipality_code=None):
    """Consultation windows (category ``consultation``), one dict per location."""
    return _opendata_rows(municipality_code=municipality_code, windows=True)


def opendata_version(*, municipality_code=None) -> tuple:
    """(latest change, counts) of the catalogue: one aggregate query. Editing a
    location saves its service (services.actions.service_save), so the
    service's ``updated_at`` covers it."""
    from django.db.models import Count, Max

    from .models import Organization, ServiceAtLocation

    services, places = Service.objects.all(), ServiceAtLocation.objects.all()
    if municipality_code:
        places = places.filter(location__municipality_id=municipality_code)
        services = services.filter(pk__in=places.values("service_id"))
    data = services.aggregate(latest=Max("updated_at"), n=Count("pk"))
    org = Organization.objects.aggregate(latest=Max("updated_at"))["latest"]
    latest = max((v for v in (data["latest"], org) if v is not None), default=None)
    return latest, data["n"], places.count()
