"""Small public functions other apps may call.

- portal's self-check: ``services_for_municipality`` and ``consultation_windows``;
- case records (services.casework): ``guidance_form_class`` and ``evaluate_guidance``;
- the prefecture dashboard: ``dashboard_counts``.
"""

from django.utils.translation import gettext as _

from .guidance import YOUNG_ONLY, GuidanceResult, evaluate, suggestion_order
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


def _young_only(service) -> bool:
    audiences = set(service.audiences)
    return "young_carers" in audiences and audiences <= YOUNG_ONLY


def services_for_municipality(
    code: str, categories: list[str] | None = None, limit: int = 5, young_carer: bool = True
) -> list[dict]:
    """Visible services that apply in municipality ``code`` (national,
    prefectural and that municipality's), local ones first. Dicts with id,
    name, summary, url, category (a taxonomy term code), scope, phone and contact.

    ``young_carer=False`` (an adult asking) leaves out entries meant only for
    young carers, such as the children's lines and the young-carer salon."""
    qs = Service.objects.visible().applying_to(code)
    if categories:
        qs = qs.filter(categories__code__in=list(categories)).distinct()
    services = sorted(qs.prefetch_related("categories"), key=suggestion_order)
    if not young_carer:
        services = [s for s in services if not _young_only(s)]
    return [_as_dict(s, set(categories or [])) for s in services[:limit]]


def consultation_windows(code: str, limit: int = 5, young_carer: bool = True) -> list[dict]:
    """Consultation windows that apply in municipality ``code``."""
    return services_for_municipality(
        code, categories=["consultation"], limit=limit, young_carer=young_carer
    )


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
