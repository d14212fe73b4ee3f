"""Pages of the service catalogue: search, detail, report, guidance (public);
the staff's list, edit form, verification, reports and CSV import/export."""

import base64

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from carers.access import role_required
from carers.caching import CachedCountPaginator, cached_count
from carers.models import Municipality, Role
from carers.throttle import over_limit

from . import actions, csvio, import_jobs, search
from .api import consultation_fallback
from .forms import (
    CsvUploadForm,
    GuidanceForm,
    OpenDataUploadForm,
    ReportForm,
    SearchForm,
    ServiceForm,
    location_formset,
)
from .guidance import evaluate
from .models import ImportJob, ImportStatus, ReportStatus, Service, ServiceReport
from .opendata import bad_rows_csv

STAFF = (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF)
PAGE_SIZE = 20
SESSION_KEY = "services_csv_import"


def _page(request, qs, size=PAGE_SIZE):
    # Totals are counted once per change of the catalogue, not on every request.
    return CachedCountPaginator(qs, size).get_page(request.GET.get("page"))


# --- Public pages -------------------------------------------------------------------------


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
    found = Service.objects.select_related("organization").prefetch_related("categories")
    by_id = found.in_bulk(list(ids))
    return [by_id[pk] for pk in ids if pk in by_id]


def service_list(request):
    form = SearchForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    municipality = None
    if filters.get("municipality"):
        municipality = Municipality.objects.filter(code=filters["municipality"]).first()
    page = _page(request, listing(filters, municipality))
    page.object_list = _services_of(list(page.object_list))
    query = request.GET.copy()
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
    try:
        return Service.objects.visible().select_related("organization").get(pk=pk)
    except Service.DoesNotExist:
        # Staff may preview their own drafts and expired entries.
        return get_object_or_404(
            Service.objects.for_user(request.user).select_related("organization"), pk=pk
        )


def _detail_context(request, service, report_form):
    return {
        "service": service,
        "can_edit": Service.objects.for_user(request.user).filter(pk=service.pk).exists(),
        "locations": [
            sal.location for sal in service.service_at_locations.select_related("location")
        ],
        "categories": service.categories.all(),
        "report_form": report_form,
        "municipalities": service.municipalities.all(),
    }


def service_detail(request, pk):
    service = _visible_or_editable(request, pk)
    return render(request, "services/detail.html", _detail_context(request, service, ReportForm()))


REPORTS_PER_WINDOW = 3  # per client address and hour


def service_report(request, pk):
    service = get_object_or_404(Service.objects.visible(), pk=pk)
    if request.method != "POST":
        return redirect(service)
    form = ReportForm(request.POST)
    if not form.is_valid():
        # The whole page again (locations included), with the message kept.
        return render(
            request, "services/detail.html", _detail_context(request, service, form), status=400
        )
    if over_limit(request, "services:report", limit=REPORTS_PER_WINDOW, window=3600):
        form.add_error(None, _("Too many reports from here. Please try again in an hour."))
        return render(
            request, "services/detail.html", _detail_context(request, service, form), status=429
        )
    actions.report_submit(service=service, message=form.cleaned_data["message"])
    messages.success(
        request,
        _("Thank you. The staff who look after this entry have been told and will check it."),
    )
    return redirect(service)


def guide(request):
    """The questionnaire (POST keeps the answers out of URLs and logs). Nothing is stored."""
    if request.method != "POST":
        return render(request, "services/guide.html", {"form": GuidanceForm()})
    form = GuidanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Some answers need a look: please see the messages below."))
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


# --- Staff pages ----------------------------------------------------------------------------


@role_required(*STAFF)
def manage_list(request):
    qs = (
        Service.objects.for_user(request.user)
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
            "open_reports": ServiceReport.objects.for_user(request.user).open().count(),
            "unverified": cached_count(Service.objects.for_user(request.user).unverified()),
        },
    )


def _edit(request, service):
    data = request.POST or None
    form = ServiceForm(data, instance=service, user=request.user)
    locations = location_formset(data=data, service=service, user=request.user)
    if request.method == "POST" and form.is_valid() and locations.is_valid():
        service = actions.service_save(form=form, user=request.user, locations=locations)
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
    return _edit(request, get_object_or_404(Service.objects.for_user(request.user), pk=pk))


@role_required(*STAFF)
@require_POST
def service_verify(request, pk):
    service = get_object_or_404(Service.objects.for_user(request.user), pk=pk)
    actions.service_verify(service=service, user=request.user)
    messages.success(request, _("Marked as verified today."))
    if request.POST.get("next") == "manage":
        return redirect("services:manage")
    return redirect(service)


@role_required(*STAFF)
def service_delete(request, pk):
    service = get_object_or_404(Service.objects.for_user(request.user), pk=pk)
    if request.method == "POST":
        if actions.service_delete(service=service, user=request.user):
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
        ServiceReport.objects.for_user(request.user)
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
    report = get_object_or_404(ServiceReport.objects.for_user(request.user), pk=pk)
    actions.report_resolve(report=report, user=request.user)
    messages.success(request, _("The report was marked as resolved."))
    return redirect("services:reports")


@role_required(*STAFF)
def csv_export(request):
    encoding = "cp932" if request.GET.get("encoding") == "cp932" else "utf-8"
    services = (
        Service.objects.for_user(request.user)
        .select_related("organization")
        .prefetch_related("categories", "municipalities")
        .order_by("scope", "name_ja", "pk")
    )
    # Streamed in chunks of rows: constant memory, whatever the catalogue's size.
    response = StreamingHttpResponse(
        csvio.export_chunks(services.iterator(chunk_size=1000), encoding),
        content_type=f"text/csv; charset={encoding}",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="services-{stamp}-{encoding}.csv"'
    return response


@role_required(*STAFF)
def csv_template(request):
    """The import template with an example row (UTF-8 with BOM, for spreadsheets)."""
    response = HttpResponse(csvio.template(request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="services-template.csv"'
    return response


@role_required(*STAFF)
def csv_import(request):
    """Upload → preview (nothing written). The previewed bytes stay in the
    session under their hash; confirming imports exactly those bytes."""
    context = {"form": CsvUploadForm(), "columns": csvio.header_row(), "codes": csvio.codes()}
    if request.method == "POST" and "confirm" in request.POST:
        staged = request.session.get(SESSION_KEY) or {}
        if not staged or staged.get("digest") != request.POST.get("digest"):
            messages.error(request, _("That preview has expired. Please upload the file again."))
            return redirect("services:import")
        content = base64.b64decode(staged["content"])
        try:
            result = csvio.apply(content, request.user)
        except csvio.CsvRefused as exc:
            messages.error(request, str(exc))
            return redirect("services:import")
        if not result.ok:
            messages.error(
                request,
                _(
                    "The file now has errors (the catalogue changed meanwhile); nothing was imported."
                ),
            )
            return render(
                request, "services/import.html", {**context, "preview": result}, status=400
            )
        del request.session[SESSION_KEY]
        messages.success(
            request,
            _("Imported: %(created)s new, %(updated)s updated.")
            % {"created": result.count("create"), "updated": result.count("update")},
        )
        return redirect("services:manage")
    if request.method == "POST":
        form = CsvUploadForm(request.POST, request.FILES)
        context["form"] = form
        if not form.is_valid():
            return render(request, "services/import.html", context, status=400)
        upload = form.cleaned_data["file"]
        if upload.size > csvio.MAX_BYTES:
            form.add_error(
                "file",
                _("The file is too large (at most %(size)s MB).")
                % {"size": csvio.MAX_BYTES // (1024 * 1024)},
            )
            return render(request, "services/import.html", context, status=400)
        content = upload.read()
        try:
            result = csvio.preview(content, request.user)
        except csvio.CsvRefused as exc:
            form.add_error("file", str(exc))
            return render(request, "services/import.html", context, status=400)
        if result.ok:
            request.session[SESSION_KEY] = {
                "digest": result.digest,
                "content": base64.b64encode(content).decode(),
            }
        else:
            request.session.pop(SESSION_KEY, None)
        context["preview"] = result
        return render(request, "services/import.html", context, status=200 if result.ok else 400)
    return render(request, "services/import.html", context)


# --- Open-data imports (prefecture staff) -------------------------------------------------------


@role_required(Role.PREFECTURE_STAFF)
def opendata_upload(request):
    form = OpenDataUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_jobs.job_create(
            kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"], user=request.user
        )
        messages.success(request, _("The file was received; the import runs in the background."))
        return redirect("services:opendata_job", pk=job.pk)
    jobs = ImportJob.objects.defer("content").select_related("created_by")[:20]
    return render(
        request,
        "services/opendata_upload.html",
        {"form": form, "jobs": jobs},
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.PREFECTURE_STAFF)
def opendata_job(request, pk):
    job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    return render(request, "services/opendata_job.html", {"job": job, "Status": ImportStatus})


@role_required(Role.PREFECTURE_STAFF)
def opendata_job_report(request, pk):
    job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk)
    response = HttpResponse(
        bad_rows_csv([job.result or {}]), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-bad-rows.csv"'
    return response
