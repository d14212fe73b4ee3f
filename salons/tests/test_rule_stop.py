"""Stopping a recurring schedule."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from carers.errors import ActionError
from salons import actions
from salons.models import RecurrenceKind, Session, SessionRule, SessionStatus, Weekday

pytestmark = pytest.mark.django_db


def weekly_rule(salon):
    rule = SessionRule.objects.create(
        salon=salon,
        kind=RecurrenceKind.WEEKLY,
        weekday=Weekday.WEDNESDAY,
        start_time=time(14, 0),
        end_time=time(15, 0),
        starts_on=date(2020, 1, 1),
    )
    actions.rule_generate_sessions(rule=rule, days=30)
    return rule


def test_stop_removes_empty_and_cancels_booked_occurrences(
    client_for, organiser, salon, resident, outbox_emails
):
    rule = weekly_rule(salon)
    sessions = list(rule.sessions.order_by("starts_at"))
    assert len(sessions) >= 4
    booked = sessions[1]
    actions.session_join(session=booked, by=resident)
    start = timezone.now() - timedelta(days=7)
    past = Session.objects.create(
        salon=salon,
        rule=rule,
        occurrence_date=date(2020, 1, 1),
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    c = client_for(organiser)
    page = c.get(f"/salons/manage/{salon.pk}/").content.decode()
    stop_url = f"/salons/manage/schedules/{rule.pk}/stop/"
    assert stop_url in page
    confirm = c.get(stop_url)
    assert confirm.status_code == 200 and confirm.context["cancelled"] == 1
    assert SessionRule.objects.get(pk=rule.pk).is_active  # GET changes nothing
    assert c.post(stop_url).status_code == 302
    rule.refresh_from_db()
    assert not rule.is_active and rule.stopped_by == organiser and rule.stopped_at
    remaining = list(rule.sessions.order_by("starts_at"))
    assert [s.pk for s in remaining] == [past.pk, booked.pk]
    assert Session.objects.get(pk=past.pk).status == SessionStatus.SCHEDULED
    assert Session.objects.get(pk=booked.pk).status == SessionStatus.CANCELLED
    email = outbox_emails()[-1]
    assert (email.to_email, email.template) == (resident.email, "salons/email/session_cancelled")
    # no new occurrences once stopped, and stopping twice is refused
    assert actions.rule_generate_sessions(rule=rule) == 0
    with pytest.raises(ActionError):
        actions.rule_stop(rule=rule, by=organiser)
    assert c.get(stop_url).status_code == 404


def test_only_managers_of_the_salon_can_stop(client_for, salon, resident, municipal_staff):
    from conftest import make_user

    rule = weekly_rule(salon)
    other = make_user("other-org@example.jp", "organiser")
    url = f"/salons/manage/schedules/{rule.pk}/stop/"
    assert client_for(other).post(url).status_code == 404
    assert client_for(resident).post(url).status_code == 404
    assert SessionRule.objects.get(pk=rule.pk).is_active
    client_for(municipal_staff).post(url)
    assert not SessionRule.objects.get(pk=rule.pk).is_active
