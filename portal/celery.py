"""The Celery app. Broker: Redis when REDIS_URL is set; otherwise tasks run
eagerly in-process (CELERY_TASK_ALWAYS_EAGER)."""

import importlib
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

BEAT_APPS = ("carers", "services", "salons", "advisors", "portal")


def beat_schedule() -> dict:
    """Each app keeps its periodic tasks in its own ``schedule.py``."""
    schedule = {}
    for name in BEAT_APPS:
        try:
            module = importlib.import_module(f"{name}.schedule")
        except ModuleNotFoundError:
            continue
        schedule.update(getattr(module, "BEAT_SCHEDULE", {}))
    return schedule


app.conf.beat_schedule = beat_schedule()
