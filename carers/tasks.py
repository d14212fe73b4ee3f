from celery import shared_task

from . import outbox


@shared_task(bind=True, max_retries=5, ignore_result=True)
def send_outbound_email(self, message_id):
    """Send one outbox row; on failure the row keeps its backoff for the sweep."""
    outbox.send(message_id)


@shared_task(ignore_result=True)
def sweep_outbox():
    return outbox.sweep()
