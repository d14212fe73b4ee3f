"""Public pages of the catalogue: the list, a service, visitors' reports and the guide."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from carers import residence
from carers.models import Municipality
from carers.throttle import over_limit

from .. import actions, search
from ..api import consultation_fallback
from ..forms import (
    GuidanceForm,
    ReportForm,
    SearchForm,
)
from ..guidance import evaluate
from ..models import Service
from .common import _page


def listing(filters, municipality=None):
    """Ids of the catalogue's public list, in order, for the search form's
    valid ``filters`` (``municipality``: the chosen Municipality, if any).
    Without a municipality: the portal's prefecture (the catalogue holds the
    whole nation's care providers; other prefectures' are not listed)."""
    return search.entries(
        query=filters.get("q") or "",
        municipality=municipality,
        prefecture_code=settings.PORTAL_PREFECTURE_CODE,
        category=filters.get("category") or "",
        audience=filters.get("audience") or "",
    ).values_list("service_id", flat=True)


def _services_of(ids):
    """The services of a page of ids, in that order."""
    found = Service.objects.public().select_related("organization").prefetch_related("categories")
    by_id = found.in_bulk(list(ids))
    return [by_id[pk] for pk in ids if pk in by_id]


def service_list(request):
    # The resident's remembered municipality, when the address names none.
    params = residence.with_default(request, request.GET)
    form = SearchForm(params or None)
    filters = form.filters() if params else {}
    municipality = None
    if filters.get("municipality"):
        municipality = Municipality.objects.filter(code=filters["municipality"]).first()
    page = _page(request, listing(filters, municipality))
    page.object_list = _services_of(list(page.object_list))
    query = params.copy()
    query.pop("page", None)
    fallback = None
    if municipality is not None:
        if filters.get("category") in ("", None, "consultation"):
            fallback = consultation_fallback(filters["municipality"])
    return render(
        request,
        "services/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "municipality": municipality,
            "fallback": fallback if fallback and not fallback["has_local_windows"] else None,
            "searched": any(filters.values()),
        },
    )


def _visible_or_editable(request, pk):
    # Staff may preview their own drafts and expired entries.
    return get_object_or_404(
        Service.objects.visible_to(request.user).select_related("organization"), pk=pk
    )


def service_detail(request, pk):
    service = _visible_or_editable(request, pk)
    return render(
        request,
        "services/detail.html",
        {
            "service": service,
            "can_edit": Service.objects.manageable_by(request.user).filter(pk=service.pk).exists(),
            "locations": [
                sal.location for sal in service.service_at_locations.select_related("location")
            ],
            "categories": service.categories.all(),
            "municipalities": service.municipalities.all(),
        },
    )


REPORTS_PER_WINDOW = 3  # per client address and hour


def service_report(request, pk):
    """The "wrong or out of date" form, on a page of its own: the service's
    page carries no form, so it is the same for every visitor and cached
    (portal.pagecache); this page holds the visitor's CSRF token and is not."""
    service = get_object_or_404(Service.objects.public(), pk=pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif over_limit(request, "services:report", limit=REPORTS_PER_WINDOW, window=3600):
            form.add_error(None, _("Too many reports from here. Please try again in an hour."))
            status = 429
        else:
            actions.report_submit(service=service, message=form.cleaned_data["message"])
            messages.success(
                request,
                _(
                    "Thank you. The staff who look after this entry have been told and will check it."
                ),
            )
            return redirect(service)
    return render(
        request, "services/report.html", {"service": service, "report_form": form}, status=status
    )


def guide(request):
    """The questionnaire (POST keeps the answers out of URLs and logs). Nothing is stored."""
    if request.method != "POST":
        # Preselected: the municipality a link carries (the self-check result's),
        # else the resident's remembered one.
        given = residence.valid_code(request.GET.get(residence.PARAM))
        initial = {"municipality": given or residence.code(request) or ""}
        return render(request, "services/guide.html", {"form": GuidanceForm(initial=initial)})
    form = GuidanceForm(request.POST)
    if not form.is_valid():  # base.html shows the error summary
        return render(request, "services/guide.html", {"form": form}, status=400)
    result = evaluate(form.cleaned_data)
    municipality = Municipality.objects.filter(
        code=form.cleaned_data.get("municipality") or ""
    ).first()
    return render(
        request,
        "services/guide_result.html",
        {"form": form, "result": result, "municipality": municipality},
    )
