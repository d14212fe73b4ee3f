from celery import shared_task


@shared_task(ignore_result=True)
def send_verification_reminders():
    """Remind owners of entries not verified for 12 months (outbox)."""
    from .actions import unverified_reminders_send

    return unverified_reminders_send()


@shared_task(ignore_result=True)
def run_import_job(job_id):
    """Run one uploaded open-data import (safe to run twice: the job is claimed once)."""
    from .import_jobs import job_run

    job_run(job_id)


@shared_task(ignore_result=True)
def sweep_import_jobs():
    from .import_jobs import jobs_sweep

    return jobs_sweep()
