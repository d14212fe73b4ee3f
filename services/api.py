"""Small public functions other apps may call.

- portal's self-check: ``services_for_municipality`` and ``consultation_windows``;
- case records (services.casework): ``guidance_form_class`` and ``evaluate_guidance``;
- the prefecture dashboard: ``dashboard_counts``; its coverage board:
  ``service_categories`` and ``coverage_by_municipality``.
"""

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from .guidance import GuidanceResult, evaluate, suggestion_order
from .models import ReportStatus, Scope, Service, ServiceReport, ServiceStatus, TaxonomyTerm

# The taxonomy term of consultation windows (相談窓口).
WINDOW_CATEGORY = "consultation"


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
    return services_for_municipality(code, categories=[WINDOW_CATEGORY], limit=limit)


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
        service__in=Service.objects.visible().filter(scope=Scope.MUNICIPAL).values("pk"),
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
