"""Salon.next_session_at: each salon's next scheduled session, stored so the
search orders salons without looking at every session."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from salons import actions
from salons.models import RecurrenceKind, Salon, Session, Weekday
from salons.tests.conftest import make_salon, make_session

pytestmark = pytest.mark.django_db


def _stored(salon):
    return Salon.objects.values_list("next_session_at", flat=True).get(pk=salon.pk)


def _in(days, hours=14):
    start = timezone.localtime() + timedelta(days=days)
    return start.replace(hour=hours, minute=0, second=0, microsecond=0)


def test_kept_on_create_move_cancel_and_delete(salon, organiser):
    assert _stored(salon) is None
    later = actions.session_create(
        salon=salon, by=organiser, starts_at=_in(10), ends_at=_in(10, 16)
    )
    assert _stored(salon) == later.starts_at
    sooner = actions.session_create(salon=salon, by=organiser, starts_at=_in(3), ends_at=_in(3, 16))
    assert _stored(salon) == sooner.starts_at
    actions.session_move(session=sooner, by=organiser, starts_at=_in(12), ends_at=_in(12, 16))
    assert _stored(salon) == later.starts_at
    actions.session_cancel(session=later, by=organiser, reason="会場の都合")
    assert _stored(salon) == _in(12)
    Session.objects.get(pk=sooner.pk).delete()
    assert _stored(salon) is None


def test_an_edit_that_keeps_the_time_changes_nothing(salon, organiser, django_assert_num_queries):
    session = make_session(salon, days=4)
    assert _stored(salon) == session.starts_at
    session.note = "持ち物なし"
    with django_assert_num_queries(1):  # the session's UPDATE, no refresh of the salon
        session.save(update_fields=["note"])
    assert _stored(salon) == session.starts_at


def test_kept_when_a_schedule_generates_sessions(salon, organiser):
    rule = actions.rule_create(
        salon=salon,
        by=organiser,
        data=dict(
            kind=RecurrenceKind.WEEKLY,
            weekday=Weekday.MONDAY,
            start_time=time(10, 0),
            end_time=time(11, 0),
            starts_on=timezone.localdate() + timedelta(days=1),
        ),
    )
    first = rule.sessions.order_by("starts_at").first()
    assert first is not None and _stored(salon) == first.starts_at


def test_the_periodic_task_moves_on_once_a_session_has_started(salon, organiser):
    first, second = make_session(salon, days=1), make_session(salon, days=8)
    assert _stored(salon) == first.starts_at
    idle = make_salon(organiser, None, name="予定なし")
    after_first = first.starts_at + timedelta(minutes=1)
    assert actions.salons_refresh_next_sessions(now=after_first) == 1  # only the passed one
    assert _stored(salon) == second.starts_at and _stored(idle) is None
    assert actions.salons_refresh_next_sessions(now=second.starts_at + timedelta(minutes=1)) == 1
    assert _stored(salon) is None


def test_the_search_is_right_before_the_task_has_run(visitor, salon, organiser):
    """A stored start that has passed is looked up again by the search."""
    first, second = make_session(salon, days=1), make_session(salon, days=8)
    other = make_salon(organiser, salon.municipality, name="別のサロン")
    make_session(other, days=5)
    # As if the first session had started and the task had not run yet.
    Salon.objects.filter(pk=salon.pk).update(next_session_at=timezone.now() - timedelta(hours=1))
    Session.objects.filter(pk=first.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    page = visitor.get("/salons/").context["page"]
    assert [(s.name, s.next_start) for s in page] == [
        (other.name, other.sessions.get().starts_at),
        (salon.name, second.starts_at),
    ]


def test_a_salon_without_sessions_stays_last(visitor, salon, organiser):
    make_session(salon, days=2)
    empty = make_salon(organiser, salon.municipality, name="あいうえお")  # sorts first by name
    assert [s.name for s in visitor.get("/salons/").context["page"]] == [salon.name, empty.name]
