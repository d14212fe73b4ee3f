"""The Celery app. Broker: Redis when REDIS_URL is set; otherwise tasks run
eagerly in-process (CELERY_TASK_ALWAYS_EAGER)."""

import importlib
import os

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def beat_schedule() -> dict:
    """Each app keeps its periodic tasks in its own ``schedule.py``."""
    schedule = {}
    for name in settings.KIZUKI_APPS:
        try:
            module = importlib.import_module(f"{name}.schedule")
        except ModuleNotFoundError as error:
            if error.name != f"{name}.schedule":
                raise
            continue
        schedule.update(getattr(module, "BEAT_SCHEDULE", {}))
    return schedule


app.conf.beat_schedule = beat_schedule()
