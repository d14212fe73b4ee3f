"""Staff import and export: the catalogue CSV and the open-data uploads."""

import base64

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from carers.access import role_required
from carers.errors import ActionError, show_error
from carers.models import Role

from .. import csvio, import_jobs
from ..forms import (
    CsvUploadForm,
    OpenDataUploadForm,
)
from ..models import ImportJob, ImportStatus, Service
from ..opendata import bad_rows_csv
from .common import STAFF

SESSION_KEY = "services_csv_import"


@role_required(*STAFF)
def csv_export(request):
    encoding = "cp932" if request.GET.get("encoding") == "cp932" else "utf-8"
    services = (
        Service.objects.manageable_by(request.user)
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
        except ActionError as error:
            show_error(request, error)
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
        except ActionError as error:
            show_error(request, error, form)
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


@role_required(Role.PREFECTURE_STAFF)
def opendata_upload(request):
    form = OpenDataUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_jobs.job_create(
            kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"], by=request.user
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
