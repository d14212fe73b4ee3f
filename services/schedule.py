"""Periodic tasks of this app, merged into CELERY_BEAT_SCHEDULE by portal.celery.
Plain data only: imported before Django is set up."""

BEAT_SCHEDULE = {
    # Daily and idempotent: an entry is reminded at most once every 30 days.
    "services-verification-reminders": {
        "task": "services.tasks.send_verification_reminders",
        "schedule": 24 * 3600.0,
    },
    # Uploads whose task could not be queued (broker down) are queued again.
    "services-sweep-import-jobs": {
        "task": "services.tasks.sweep_import_jobs",
        "schedule": 300.0,
    },
}
