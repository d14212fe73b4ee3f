"""Entries not verified for 12 months are flagged and their owners reminded."""

import datetime

import pytest

from services.actions import unverified_reminders_send
from services.models import Scope, Service
from services.tasks import send_verification_reminders


@pytest.mark.django_db
def test_owners_are_reminded_once(
    make_service, municipality, municipal_staff, prefecture_staff, outbox_emails
):
    old = make_service(
        name_ja="古い窓口",
        scope=Scope.MUNICIPAL,
        municipalities=[municipality],
        last_verified=datetime.date(2020, 1, 1),
    )
    make_service(name_ja="新しい窓口", scope=Scope.MUNICIPAL, municipalities=[municipality])
    assert old.is_unverified
    assert send_verification_reminders.delay() is not None
    emails = outbox_emails()
    assert [e.to_email for e in emails] == [municipal_staff.email]
    assert emails[0].context["count"] == 1
    assert unverified_reminders_send() == 0  # safe to run twice
    assert len(outbox_emails()) == 1


@pytest.mark.django_db
def test_reminded_again_after_thirty_days(
    make_service, municipality, municipal_staff, outbox_emails
):
    make_service(
        scope=Scope.MUNICIPAL,
        municipalities=[municipality],
        last_verified=datetime.date(2020, 1, 1),
    )
    today = datetime.date.today()
    unverified_reminders_send(today)
    unverified_reminders_send(today + datetime.timedelta(days=31))
    assert len(outbox_emails()) == 2


@pytest.mark.django_db
def test_flag_on_the_page_and_dashboard_count(visitor, make_service):
    from services.api import dashboard_counts

    service = make_service(last_verified=datetime.date(2020, 1, 1))
    assert "badge-flag" in visitor.get(f"/services/{service.pk}/").content.decode()
    assert dashboard_counts()[1][1] == 1
    assert Service.objects.unverified().count() == 1
