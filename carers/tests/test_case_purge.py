"""Closed cases are purged after CASE_RETENTION_DAYS; the purge records a count only."""

import datetime

import pytest
from django.utils import timezone

from carers import actions, tasks
from carers.models import AccessAction, AccessLogEntry, Household, PurgeRecord
from carers.tests.conftest import make_household

pytestmark = pytest.mark.django_db


def close_days_ago(household, user, days):
    actions.household_close(household=household, by=user)
    Household.objects.filter(pk=household.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_closed_cases_are_purged_after_retention(settings, municipal_staff, household):
    settings.CASE_RETENTION_DAYS = 30
    recent = make_household(municipal_staff)
    still_open = make_household(municipal_staff)
    close_days_ago(household, municipal_staff, 31)
    close_days_ago(recent, municipal_staff, 29)
    tasks.purge_expired_cases.delay()
    assert not Household.objects.filter(pk=household.pk).exists()
    assert Household.objects.filter(pk__in=[recent.pk, still_open.pk]).count() == 2
    record = PurgeRecord.objects.get()
    assert record.purged_count == 1 and record.retention_days == 30
    assert str(household.public_id) not in str(PurgeRecord.objects.values().get())
    # The access log survives the purge (it names only the opaque id).
    assert AccessLogEntry.objects.filter(
        household_public_id=household.public_id, action=AccessAction.CLOSE
    ).exists()


def test_purge_is_safe_to_run_twice(settings, municipal_staff, household):
    settings.CASE_RETENTION_DAYS = 1
    close_days_ago(household, municipal_staff, 2)
    assert actions.households_purge_expired() == 1
    assert actions.households_purge_expired() == 0
    assert PurgeRecord.objects.count() == 1


def test_open_cases_are_never_purged(settings, municipal_staff, household):
    settings.CASE_RETENTION_DAYS = 0
    Household.objects.filter(pk=household.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=4000)
    )
    assert actions.households_purge_expired() == 0


def test_retention_setting_has_a_default():
    from django.conf import settings

    assert settings.CASE_RETENTION_DAYS > 0
