from celery import shared_task


@shared_task(ignore_result=True)
def send_verification_reminders():
    """Remind owners of entries not verified for 12 months (outbox)."""
    from .actions import unverified_reminders_send

    return unverified_reminders_send()
