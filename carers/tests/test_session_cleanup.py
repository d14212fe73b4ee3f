"""Expired Django sessions are deleted by a daily beat task."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from carers.tasks import clear_expired_sessions
from portal.celery import beat_schedule


@pytest.mark.django_db
def test_expired_sessions_are_deleted_and_live_ones_kept():
    live = SessionStore()
    live["kept"] = True
    live.create()
    old = SessionStore()
    old.create()
    Session.objects.filter(session_key=old.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    assert clear_expired_sessions() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_the_cleanup_runs_daily():
    entry = beat_schedule()["carers-clear-expired-sessions"]
    assert entry["task"] == "carers.tasks.clear_expired_sessions"
    assert entry["schedule"] == 24 * 3600.0
