"""The workflow definition, enumerated: every allowed transition works for its
roles and notifies its audiences; every other (state, action) pair and every
other role is refused, with nothing saved."""

import itertools

import pytest

from advisors import actions
from advisors.models import RequestEvent
from advisors.workflow import (
    TRANSITIONS,
    Action,
    Audience,
    Status,
    available_actions,
    transition_for,
)
from carers.errors import ActionError
from carers.models import OutboundEmail, Role

from .conftest import PERSONA_OF_ROLE, action_kwargs

ALLOWED = {(t.source, t.action) for t in TRANSITIONS}
DISALLOWED = [(s, a) for s, a in itertools.product(Status, Action) if (s, a) not in ALLOWED]
WRONG_ROLES = [(t, role) for t in TRANSITIONS for role in Role if role not in t.roles]


def _id(value):
    return getattr(value, "value", str(value))


def test_the_definition_is_consistent():
    assert len(ALLOWED) == len(TRANSITIONS), "one transition per (state, action)"
    assert all(t.notify for t in TRANSITIONS if t.source != Status.DRAFT), (
        "every decision tells the other side"
    )
    terminal = {Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN}
    assert not any(t.source in terminal for t in TRANSITIONS)
    assert len(DISALLOWED) == len(Status) * len(Action) - len(TRANSITIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t.action}-from-{t.source}")
def test_each_allowed_transition(
    request, transition, make_request, advisor, prefecture_staff, municipal_staff
):
    dispatch = make_request(status=transition.source)
    actor = request.getfixturevalue(PERSONA_OF_ROLE[next(iter(transition.roles))])
    before = dispatch.version
    result = actions.PERFORM[transition.action](
        dispatch=dispatch,
        by=actor,
        expected_version=before,
        **action_kwargs(transition.action, advisor),
    )
    result.refresh_from_db()
    assert result.status == transition.target
    assert result.version == before + 1
    event = RequestEvent.objects.get(request=dispatch, action=transition.action)
    assert (event.actor, event.from_status, event.to_status) == (
        actor,
        transition.source,
        transition.target,
    )
    expected = {
        Audience.PREFECTURE: {prefecture_staff.email},
        Audience.MUNICIPALITY: {municipal_staff.email},
        Audience.ADVISOR: {advisor.user.email},
    }
    emails = OutboundEmail.objects.all()
    for audience in transition.notify:
        sent = {e.to_email for e in emails if e.template == transition.email_template(audience)}
        assert sent == expected[audience]
    assert emails.count() == sum(len(expected[a]) for a in transition.notify)


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "action"), DISALLOWED, ids=lambda v: _id(v))
def test_every_disallowed_transition_is_refused(request, status, action, make_request, advisor):
    dispatch = make_request(status=status)
    role = next(iter(next(t for t in TRANSITIONS if t.action == action).roles))
    actor = request.getfixturevalue(PERSONA_OF_ROLE[role])
    with pytest.raises(ActionError):
        actions.PERFORM[action](dispatch=dispatch, by=actor, **action_kwargs(action, advisor))
    dispatch.refresh_from_db()
    assert dispatch.status == status
    assert not RequestEvent.objects.exists()
    assert not OutboundEmail.objects.exists()
    assert not hasattr(dispatch, "report") or action != Action.REPORT


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("transition", "role"), WRONG_ROLES, ids=lambda v: _id(getattr(v, "action", v))
)
def test_every_transition_is_refused_to_other_roles(
    request, transition, role, make_request, advisor
):
    dispatch = make_request(status=transition.source)
    actor = request.getfixturevalue(PERSONA_OF_ROLE[role])
    with pytest.raises(ActionError):
        actions.PERFORM[transition.action](
            dispatch=dispatch, by=actor, **action_kwargs(transition.action, advisor)
        )
    dispatch.refresh_from_db()
    assert dispatch.status == transition.source
    assert not OutboundEmail.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "transition",
    [t for t in TRANSITIONS if Role.MUNICIPAL_STAFF in t.roles],
    ids=lambda t: f"{t.action}-from-{t.source}",
)
def test_staff_of_another_municipality_may_not_act(
    transition, make_request, other_municipality_staff, advisor
):
    dispatch = make_request(status=transition.source)
    with pytest.raises(ActionError):
        actions.PERFORM[transition.action](
            dispatch=dispatch,
            by=other_municipality_staff,
            **action_kwargs(transition.action, advisor),
        )


@pytest.mark.django_db
def test_an_advisor_may_not_report_on_someone_elses_assignment(make_request, advisor):
    from advisors.models import Advisor
    from conftest import make_user

    other = make_user("other.advisor@example.jp", "advisor", mfa=True)
    Advisor.objects.create(user=other, name="Other")
    dispatch = make_request(status=Status.SCHEDULED)
    with pytest.raises(ActionError):
        actions.request_report(dispatch=dispatch, by=other, **action_kwargs(Action.REPORT, advisor))


def test_buttons_come_from_the_definition(prefecture_staff=None):
    class Someone:
        role = Role.PREFECTURE_STAFF

    shown = {t.action for t in available_actions(Someone(), Status.SUBMITTED)}
    assert shown == {Action.RETURN, Action.REJECT, Action.APPROVE}
    assert transition_for(Status.COMPLETED, Action.WITHDRAW) is None
