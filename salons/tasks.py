"""Periodic tasks of the salons app; each calls one action and is safe to run twice."""

from celery import shared_task

from . import actions


@shared_task(ignore_result=True)
def generate_sessions():
    """Create the recurring schedules' sessions for the coming months."""
    return actions.rules_generate_all()


@shared_task(ignore_result=True)
def expire_offers():
    """Expire waiting-list offers not taken in time and offer the seat to the next person."""
    return actions.offers_expire()


@shared_task(ignore_result=True)
def send_reminders():
    """Remind participants the day before their session."""
    return actions.sessions_send_reminders()


@shared_task(ignore_result=True)
def request_confirmations():
    """Ask organisers every three months to confirm their salon's details."""
    return actions.salons_request_confirmation()


@shared_task(ignore_result=True)
def purge_unconfirmed_guests():
    """Delete guest sign-ups whose email address was never confirmed."""
    return actions.guest_requests_purge()


@shared_task(ignore_result=True)
def refresh_next_sessions():
    """Move each salon's stored next session on once it has started."""
    return actions.salons_refresh_next_sessions()
