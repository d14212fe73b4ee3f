"""Periodic tasks of this app, merged into CELERY_BEAT_SCHEDULE by portal.celery.
Plain data only: imported before Django is set up."""

BEAT_SCHEDULE = {
    "carers-sweep-outbox": {"task": "carers.tasks.sweep_outbox", "schedule": 60.0},
}
