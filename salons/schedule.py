"""Periodic tasks of this app, merged into CELERY_BEAT_SCHEDULE by portal.celery.
Plain data only: imported before Django is set up. Times are Asia/Tokyo."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "salons-generate-sessions": {
        "task": "salons.tasks.generate_sessions",
        "schedule": crontab(hour=3, minute=10),
    },
    "salons-expire-offers": {"task": "salons.tasks.expire_offers", "schedule": 300.0},
    # Salons whose stored next session has started: store the one after it.
    "salons-refresh-next-sessions": {
        "task": "salons.tasks.refresh_next_sessions",
        "schedule": 300.0,
    },
    # Hourly: sessions starting tomorrow (Tokyo date) not yet reminded.
    "salons-send-reminders": {"task": "salons.tasks.send_reminders", "schedule": crontab(minute=5)},
    "salons-purge-unconfirmed-guests": {
        "task": "salons.tasks.purge_unconfirmed_guests",
        "schedule": crontab(hour=4, minute=20),
    },
    "salons-request-confirmations": {
        "task": "salons.tasks.request_confirmations",
        "schedule": crontab(hour=9, minute=30),
    },
}
