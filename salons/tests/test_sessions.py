from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from carers.errors import ActionError
from salons import actions
from salons.models import (
    RecurrenceKind,
    Registration,
    RegistrationStatus,
    Session,
    SessionRule,
    SessionStatus,
    Weekday,
)

from .conftest import make_session

pytestmark = pytest.mark.django_db


def rule_for(salon, **extra):
    data = dict(
        kind=RecurrenceKind.MONTHLY_NTH_WEEKDAY,
        weekday=Weekday.SATURDAY,
        nth=3,
        start_time=time(14, 0),
        end_time=time(15, 30),
        starts_on=date(2026, 1, 1),
    )
    data.update(extra)
    return SessionRule.objects.create(salon=salon, **data)


def test_third_saturday_of_each_month(salon):
    rule = rule_for(salon)
    assert actions.occurrence_dates(rule, date(2026, 1, 1), date(2026, 4, 30)) == [
        date(2026, 1, 17),
        date(2026, 2, 21),
        date(2026, 3, 21),
        date(2026, 4, 18),
    ]


def test_fifth_weekday_skips_months_without_one(salon):
    rule = rule_for(salon, weekday=Weekday.TUESDAY, nth=5)
    assert actions.occurrence_dates(rule, date(2026, 3, 1), date(2026, 6, 30)) == [
        date(2026, 3, 31),
        date(2026, 6, 30),
    ]


def test_weekly_respects_the_last_date(salon):
    rule = rule_for(
        salon,
        kind=RecurrenceKind.WEEKLY,
        weekday=Weekday.WEDNESDAY,
        nth=None,
        ends_on=date(2026, 1, 20),
    )
    assert actions.occurrence_dates(rule, date(2026, 1, 1), date(2026, 3, 1)) == [
        date(2026, 1, 7),
        date(2026, 1, 14),
    ]


def test_generation_is_idempotent_in_tokyo_time_and_skips_moved_dates(salon, organiser):
    rule = rule_for(salon, capacity=10)
    created = actions.rule_generate_sessions(rule=rule, today=date(2026, 1, 1), days=90)
    assert created == 3
    first = Session.objects.order_by("starts_at").first()
    local = timezone.localtime(first.starts_at)
    assert (local.date(), local.hour, local.minute, str(local.tzinfo)) == (
        date(2026, 1, 17),
        14,
        0,
        "Asia/Tokyo",
    )
    assert first.capacity == 10
    first.starts_at += timedelta(days=1)
    first.ends_at += timedelta(days=1)
    first.save()
    actions.rule_generate_sessions(rule=rule, today=date(2026, 1, 1), days=90)
    assert Session.objects.count() == 3


def session_post(**overrides):
    day = timezone.localdate() + timedelta(days=7)
    data = {"date": day.isoformat(), "start_time": "14:00", "end_time": "16:00", "capacity": "10"}
    data.update(overrides)
    return data


def test_organiser_adds_a_session(client_for, organiser, salon):
    response = client_for(organiser).post(
        f"/salons/manage/{salon.pk}/sessions/new/", session_post()
    )
    assert response.status_code == 302
    session = salon.sessions.get()
    assert timezone.localtime(session.starts_at).hour == 14 and session.capacity == 10


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"end_time": "13:00"}, "end_time"),
        ({"date": "2020-01-01"}, "date"),
        ({"date": "2020-01-01", "end_time": "13:00"}, "date"),  # both mistakes are told at once
        ({"capacity": "0"}, "capacity"),
        ({"capacity": "99999999999"}, "capacity"),  # was a 500 (beyond the database column)
        ({"is_online": "on", "meeting_url": "http://meet.example.jp/room"}, "meeting_url"),
        ({"facilitator": "nobody@example.jp"}, "facilitator"),
    ],
)
def test_bad_session_input_is_explained_and_kept(client_for, organiser, salon, overrides, field):
    salon.is_online = True  # meets in person and online: the form has the online fields
    salon.save(update_fields=["is_online"])
    response = client_for(organiser).post(
        f"/salons/manage/{salon.pk}/sessions/new/", session_post(note="メモ", **overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'value="メモ"' in response.content.decode()
    assert not salon.sessions.exists()


def test_recurring_schedule_form_generates_sessions(client_for, organiser, salon, advisor_user):
    salon.is_online = True  # meets in person and online
    salon.save(update_fields=["is_online"])
    start = timezone.localdate() + timedelta(days=1)
    response = client_for(organiser).post(
        f"/salons/manage/{salon.pk}/schedules/new/",
        {
            "kind": "monthly_nth",
            "weekday": "1",
            "nth": "2",
            "start_time": "14:00",
            "end_time": "16:00",
            "starts_on": start.isoformat(),
            "is_online": "on",
            "meeting_url": "https://meet.example.jp/r",
            "facilitator": advisor_user.email,
        },
    )
    assert response.status_code == 302
    sessions = list(salon.sessions.all())
    assert len(sessions) >= 3
    assert all(
        s.facilitator == advisor_user and timezone.localtime(s.starts_at).weekday() == 1
        for s in sessions
    )


def test_monthly_schedule_needs_the_week(client_for, organiser, salon):
    response = client_for(organiser).post(
        f"/salons/manage/{salon.pk}/schedules/new/",
        {
            "kind": "monthly_nth",
            "weekday": "1",
            "start_time": "14:00",
            "end_time": "16:00",
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    assert response.context["form"].errors["nth"]


def test_other_organiser_cannot_add_sessions(client_for, salon):
    from conftest import make_user

    other = make_user("other-org@example.jp", "organiser")
    assert client_for(other).get(f"/salons/manage/{salon.pk}/sessions/new/").status_code == 404


def test_cancel_notifies_everyone_signed_up(
    client_for, organiser, session, resident, outbox_emails
):
    actions.session_join(session=session, by=resident)
    c = client_for(organiser)
    assert (
        "cancel" in c.get(f"/salons/manage/sessions/{session.pk}/cancel/").content.decode().lower()
    )
    c.post(f"/salons/manage/sessions/{session.pk}/cancel/", {"reason": "講師の体調不良のため"})
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.cancelled_by == organiser
    email = outbox_emails()[-1]
    assert (email.to_email, email.template) == (resident.email, "salons/email/session_cancelled")
    with pytest.raises(ActionError):
        actions.session_join(session=session, by=organiser)


def test_move_one_occurrence_notifies(client_for, organiser, session, resident, outbox_emails):
    actions.session_join(session=session, by=resident)
    day = timezone.localdate() + timedelta(days=10)
    client_for(organiser).post(
        f"/salons/manage/sessions/{session.pk}/move/",
        {"date": day.isoformat(), "start_time": "10:00", "end_time": "11:00"},
    )
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at).date() == day and session.moved_at
    assert outbox_emails()[-1].template == "salons/email/session_moved"
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_reminder_the_day_before_once(session, resident, outbox_emails):
    actions.session_join(session=session, by=resident)
    day_before = session.starts_at - timedelta(days=1)
    assert actions.sessions_send_reminders(now=day_before - timedelta(days=1)) == 0
    assert actions.sessions_send_reminders(now=day_before) == 1
    assert actions.sessions_send_reminders(now=day_before) == 0
    reminders = [m for m in outbox_emails() if m.template == "salons/email/reminder"]
    assert [m.to_email for m in reminders] == [resident.email]


def test_cancelled_session_gets_no_reminder(session, resident, organiser):
    actions.session_join(session=session, by=resident)
    actions.session_cancel(session=session, by=organiser, reason="会場の都合")
    assert actions.sessions_send_reminders(now=session.starts_at - timedelta(days=1)) == 0


def test_upcoming_excludes_ended(salon):
    make_session(salon, days=-1)
    upcoming = make_session(salon, days=1)
    assert list(Session.objects.upcoming()) == [upcoming]


def test_online_sessions_only_for_a_salon_that_meets_online(client_for, organiser, salon):
    """An in-person-only salon gets no online session or schedule (the search's
    "online only" filter and the public page go by the salon's own flag)."""
    c = client_for(organiser)
    for page in ("sessions", "schedules"):
        form = c.get(f"/salons/manage/{salon.pk}/{page}/new/").context["form"]
        assert "is_online" not in form.fields and "meeting_url" not in form.fields
    with pytest.raises(ActionError):
        actions.session_create(
            salon=salon,
            by=organiser,
            starts_at=timezone.now() + timedelta(days=2),
            ends_at=timezone.now() + timedelta(days=2, hours=1),
            is_online=True,
        )
    with pytest.raises(ActionError):
        actions.rule_create(
            salon=salon,
            by=organiser,
            data=dict(
                kind=RecurrenceKind.WEEKLY,
                weekday=Weekday.MONDAY,
                start_time=time(10, 0),
                end_time=time(11, 0),
                starts_on=timezone.localdate(),
                is_online=True,
            ),
        )
    assert not salon.sessions.exists() and not salon.rules.exists()


def test_facilitator_field_does_not_tell_whether_a_resident_has_an_account(
    client_for, organiser, salon, resident
):
    """A resident's address and an unknown address get the very same answer."""
    answers = []
    for email in (resident.email, "nobody-at-all@example.jp"):
        response = client_for(organiser).post(
            f"/salons/manage/{salon.pk}/sessions/new/", session_post(facilitator=email)
        )
        assert response.status_code == 200
        answers.append(response.context["form"].errors["facilitator"])
    assert answers[0] == answers[1]
    assert not salon.sessions.exists()
