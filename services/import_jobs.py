"""Open-data imports uploaded by prefecture staff, run as Celery tasks.

``job_create`` stores the upload (bytes included) in the request's
transaction and queues the task after commit; a broker that is down does not
make the request wait or lose the file: ``jobs_sweep`` (periodic) queues what
is still waiting. ``job_run`` claims the job under a row lock, so a task that
runs twice imports once; the import itself is one transaction per file.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import kaigo_import, windows_import
from .models import ImportJob, ImportKind, ImportStatus
from .opendata import ImportRefused

logger = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=2)
RUNNING_TOO_LONG = timedelta(minutes=30)


def _queue(job_id):
    from .tasks import run_import_job

    try:
        run_import_job.delay(job_id)
    except Exception as exc:  # broker down: the sweep queues it later
        logger.warning("import job %s not queued (%s); the sweep will", job_id, type(exc).__name__)


def job_create(*, kind, upload, by) -> ImportJob:
    with transaction.atomic():
        job = ImportJob.objects.create(
            kind=kind, file_name=upload.name[:200], content=upload.read(), created_by=by
        )
        transaction.on_commit(lambda: _queue(job.pk))
    return job


def job_run(job_id) -> None:
    with transaction.atomic():
        job = (
            ImportJob.objects.select_for_update(skip_locked=True)
            .filter(pk=job_id, status=ImportStatus.PENDING)
            .first()
        )
        if job is None:
            return  # done, running elsewhere, or gone
        job.status, job.started_at = ImportStatus.RUNNING, timezone.now()
        job.save(update_fields=["status", "started_at"])

    def progress(rows):
        ImportJob.objects.filter(pk=job_id).update(rows_read=rows)

    content = bytes(job.content)
    try:
        if job.kind == ImportKind.KAIGO:
            result = kaigo_import.import_file(content, job.file_name, progress=progress)
            kaigo_import.analyze()
        else:
            result = windows_import.import_file(content, job.file_name)
            windows_import.analyze()
        job.result, job.status, job.rows_read = result.as_dict(), ImportStatus.DONE, result.rows
    except ImportRefused as exc:
        job.result, job.status = {"name": job.file_name, "refused": str(exc)}, ImportStatus.FAILED
    except Exception:
        logger.exception("import job %s failed", job_id)
        job.result = {
            "name": job.file_name,
            "refused": _(
                "The import failed; nothing from this file was written. Please try again."
            ),
        }
        job.status = ImportStatus.FAILED
    job.finished_at = timezone.now()
    job.save(update_fields=["result", "status", "rows_read", "finished_at"])


def jobs_sweep() -> int:
    """Queue jobs still waiting, and put back jobs whose worker died."""
    now = timezone.now()
    ImportJob.objects.filter(
        status=ImportStatus.RUNNING, started_at__lt=now - RUNNING_TOO_LONG
    ).update(status=ImportStatus.PENDING)
    waiting = list(
        ImportJob.objects.filter(
            status=ImportStatus.PENDING, created_at__lt=now - STALE_AFTER
        ).values_list("pk", flat=True)
    )
    for job_id in waiting:
        _queue(job_id)
    return len(waiting)
