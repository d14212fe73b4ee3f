from celery import shared_task

from . import outbox


@shared_task(ignore_result=True)
def send_outbound_email(message_id):
    """Send one outbox row; on failure the row keeps its backoff for the sweep."""
    outbox.send(message_id)


@shared_task(ignore_result=True)
def sweep_outbox():
    outbox.purge_old()
    return outbox.sweep()


@shared_task(ignore_result=True)
def purge_expired_cases():
    """Delete closed case records past CASE_RETENTION_DAYS (records the count only)."""
    from .actions import households_purge_expired

    return households_purge_expired()


@shared_task(ignore_result=True)
def send_follow_up_reminders():
    """Email staff the number of follow-ups due (count and link only; once a day)."""
    from .actions import follow_up_reminders_send

    return follow_up_reminders_send()


@shared_task(ignore_result=True)
def clear_expired_sessions():
    """Delete expired Django sessions (what `manage.py clearsessions` does)."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
