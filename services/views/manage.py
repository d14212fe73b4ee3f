"""Staff management of the catalogue: list, create, edit, verify, delete, reports."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from carers.access import role_required
from carers.caching import cached_count

from .. import actions
from ..forms import (
    ServiceForm,
    location_formset,
)
from ..models import ReportStatus, Service, ServiceReport
from .common import PAGE_SIZE, STAFF, _page


@role_required(*STAFF)
def manage_list(request):
    qs = (
        Service.objects.manageable_by(request.user)
        .select_related("organization")
        # A subquery, evaluated for the shown page only (not a count over the catalogue).
        .annotate(
            open_reports=Coalesce(
                Subquery(
                    ServiceReport.objects.open()
                    .filter(service=OuterRef("pk"))
                    .order_by()
                    .values("service")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                0,
            )
        )
        .order_by("scope", "name_ja", "pk")
    )
    show = request.GET.get("show")
    if show == "unverified":
        qs = qs.unverified()
    return render(
        request,
        "services/manage_list.html",
        {
            "page": _page(request, qs),
            "show": show,
            "open_reports": ServiceReport.objects.manageable_by(request.user).open().count(),
            "unverified": cached_count(Service.objects.manageable_by(request.user).unverified()),
        },
    )


def _edit(request, service):
    data = request.POST or None
    form = ServiceForm(data, instance=service, user=request.user)
    locations = location_formset(data=data, service=service, user=request.user)
    if request.method == "POST" and form.is_valid() and locations.is_valid():
        rows = locations.save(commit=False)  # writes nothing; also lists the removed rows
        service = actions.service_save(
            service=form.instance,
            by=request.user,
            data=form.cleaned_data,
            locations=rows,
            removed_locations=locations.deleted_objects,
        )
        messages.success(request, _("Saved."))
        return redirect(service)
    return render(
        request,
        "services/service_form.html",
        {"form": form, "locations": locations, "service": service},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*STAFF)
def service_create(request):
    return _edit(request, None)


@role_required(*STAFF)
def service_edit(request, pk):
    return _edit(request, get_object_or_404(Service.objects.manageable_by(request.user), pk=pk))


@role_required(*STAFF)
@require_POST
def service_verify(request, pk):
    service = get_object_or_404(Service.objects.manageable_by(request.user), pk=pk)
    actions.service_verify(service=service, by=request.user)
    messages.success(request, _("Marked as verified today."))
    if request.POST.get("next") == "manage":
        return redirect("services:manage")
    return redirect(service)


@role_required(*STAFF)
def service_delete(request, pk):
    service = get_object_or_404(Service.objects.manageable_by(request.user), pk=pk)
    if request.method == "POST":
        if actions.service_delete(service=service, by=request.user):
            messages.success(request, _("The entry was deleted."))
        else:
            messages.success(
                request, _("The built-in entry was set to draft: visitors no longer see it.")
            )
        return redirect("services:manage")
    return render(request, "services/service_delete.html", {"service": service})


@role_required(*STAFF)
def report_list(request):
    qs = (
        ServiceReport.objects.manageable_by(request.user)
        .select_related("service")
        .order_by("status", "-created_at")
    )
    return render(
        request,
        "services/report_list.html",
        # Reports change no public data version: counted afresh on every request.
        {
            "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "Status": ReportStatus,
        },
    )


@role_required(*STAFF)
@require_POST
def report_resolve(request, pk):
    report = get_object_or_404(ServiceReport.objects.manageable_by(request.user), pk=pk)
    actions.report_resolve(report=report, by=request.user)
    messages.success(request, _("The report was marked as resolved."))
    return redirect("services:reports")
