"""Periodic tasks of this app, merged into CELERY_BEAT_SCHEDULE by portal.celery.
Plain data only: imported before Django is set up."""

BEAT_SCHEDULE = {
    "carers-sweep-outbox": {"task": "carers.tasks.sweep_outbox", "schedule": 60.0},
    # Hourly and idempotent: a missed run catches up; one reminder per person per day.
    "carers-follow-up-reminders": {
        "task": "carers.tasks.send_follow_up_reminders",
        "schedule": 3600.0,
    },
    "carers-purge-expired-cases": {
        "task": "carers.tasks.purge_expired_cases",
        "schedule": 6 * 3600.0,
    },
    # Daily: signed-out and expired sessions would otherwise pile up in the database.
    "carers-clear-expired-sessions": {
        "task": "carers.tasks.clear_expired_sessions",
        "schedule": 24 * 3600.0,
    },
}
