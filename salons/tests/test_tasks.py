from datetime import time

import pytest

from salons import tasks
from salons.models import RecurrenceKind, SessionRule, Weekday
from salons.schedule import BEAT_SCHEDULE


def test_every_scheduled_task_exists():
    for entry in BEAT_SCHEDULE.values():
        module, name = entry["task"].rsplit(".", 1)
        assert module == "salons.tasks" and hasattr(tasks, name)


@pytest.mark.django_db
def test_tasks_run_and_are_safe_to_run_twice(salon):
    from django.utils import timezone

    SessionRule.objects.create(
        salon=salon,
        kind=RecurrenceKind.WEEKLY,
        weekday=Weekday.MONDAY,
        start_time=time(10),
        end_time=time(11),
        starts_on=timezone.localdate(),
    )
    first = tasks.generate_sessions.delay()
    assert salon.sessions.count() > 10
    count = salon.sessions.count()
    tasks.generate_sessions.delay()
    assert salon.sessions.count() == count
    for task in (
        tasks.expire_offers,
        tasks.send_reminders,
        tasks.request_confirmations,
        tasks.purge_unconfirmed_guests,
    ):
        task.delay()
        task.delay()
    assert first is not None
