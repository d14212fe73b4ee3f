"""Follow-up reminders: one outbox email a day with a count and a link, no personal data."""

import datetime

import pytest
from django.utils import timezone

from carers import actions, outbox, tasks
from carers.tests.conftest import CARER_NAME, RECIPIENT_NAME, REFERENCE, SECRET_NOTE, make_household

pytestmark = pytest.mark.django_db


def test_staff_get_a_count_and_a_link_only(municipal_staff, household, outbox_emails):
    make_household(municipal_staff)
    later = timezone.localdate() + datetime.timedelta(days=7)
    assert actions.follow_up_reminders_send(today=later) == 1
    (message,) = outbox_emails()
    assert message.recipient == municipal_staff and message.context == {"count": 2}
    subject, body = outbox.render(message)
    assert "2" in subject
    assert "/cases/?due=1" in body
    for secret in (
        CARER_NAME,
        RECIPIENT_NAME,
        SECRET_NOTE,
        REFERENCE,
        str(household.public_id),
        "デイサービス",
    ):
        assert secret not in subject and secret not in body


def test_nothing_due_nothing_sent(municipal_staff, household, outbox_emails):
    tasks.send_follow_up_reminders.delay()  # follow-up is next week
    assert outbox_emails() == []


def test_one_reminder_a_day(municipal_staff, household, outbox_emails):
    later = timezone.localdate() + datetime.timedelta(days=8)
    actions.follow_up_reminders_send(today=later)
    actions.follow_up_reminders_send(today=later)
    assert len(outbox_emails()) == 1


def test_reminders_go_to_the_staff_in_charge_only(
    municipal_staff, other_municipality_staff, household, outbox_emails
):
    from conftest import make_user

    colleague = make_user("colleague@sapporo.example.jp", "municipal_staff", "011002", mfa=True)
    actions.follow_up_reminders_send(today=timezone.localdate() + datetime.timedelta(days=7))
    assert [m.recipient for m in outbox_emails()] == [municipal_staff]
    assert colleague != municipal_staff


def test_closed_cases_send_no_reminders(municipal_staff, household, outbox_emails):
    actions.household_close(household=household, by=municipal_staff)
    actions.follow_up_reminders_send(today=timezone.localdate() + datetime.timedelta(days=7))
    assert outbox_emails() == []


def test_english_staff_get_english_email(municipal_staff, household, outbox_emails):
    municipal_staff.language = "en"
    municipal_staff.save()
    actions.follow_up_reminders_send(today=timezone.localdate() + datetime.timedelta(days=7))
    subject, body = outbox.render(outbox_emails()[0])
    assert "follow-up" in subject and "/en/cases/?due=1" in body
