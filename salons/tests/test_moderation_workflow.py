"""The salon moderation workflow is one transition table of the same shape as
the advisors' dispatch workflow (carers.workflow); the actions refuse what it
does not allow, with a message the user can read."""

import pytest
from django.utils import translation

from advisors.workflow import WORKFLOW as DISPATCH_WORKFLOW
from carers.errors import CONFLICT, FORBIDDEN, ActionError
from carers.models import Role
from carers.workflow import Transition, Workflow
from salons import actions
from salons.models import SalonEvent, SalonStatus
from salons.workflow import REVIEWABLE_STATUSES, SALON_WORKFLOW, TRANSITIONS, SalonAction

from .conftest import make_salon

REFUSED_EN = "This salon cannot be changed that way in its current state."
REFUSED_JA = "このサロンは現在の状態ではその操作ができません。"


@pytest.fixture(autouse=True)
def _language_restored():
    """A request to an /en/ page leaves English active in this thread."""
    with translation.override(translation.get_language()):
        yield


def test_salons_and_dispatches_share_one_workflow_shape():
    assert isinstance(SALON_WORKFLOW, Workflow)
    assert isinstance(DISPATCH_WORKFLOW, Workflow)
    both = SALON_WORKFLOW.transitions + DISPATCH_WORKFLOW.transitions
    assert all(isinstance(t, Transition) for t in both)


def test_the_table_has_one_transition_per_state_and_action_and_reaches_every_state():
    keys = {(t.source, t.action) for t in TRANSITIONS}
    assert len(keys) == len(TRANSITIONS)
    assert {t.target for t in TRANSITIONS} | {SalonStatus.PENDING} == set(SalonStatus)
    assert set(REVIEWABLE_STATUSES) == {SalonStatus.PENDING, SalonStatus.CHANGES_PENDING}
    assert all(t.comment_required for t in TRANSITIONS if t.action == SalonAction.RETURN)


def test_a_transition_the_table_lacks_is_refused_with_a_clear_message():
    with translation.override("en"), pytest.raises(ActionError) as refused:
        SALON_WORKFLOW.step(SalonStatus.RETURNED, SalonAction.APPROVE)
    assert refused.value.code == CONFLICT
    assert str(refused.value.message) == REFUSED_EN


def test_a_role_the_transition_does_not_list_is_refused():
    class Organiser:
        role = Role.ORGANISER

    with pytest.raises(ActionError) as refused:
        SALON_WORKFLOW.step(SalonStatus.PENDING, SalonAction.APPROVE, by=Organiser())
    assert refused.value.code == FORBIDDEN
    staff = type("Staff", (), {"role": Role.MUNICIPAL_STAFF})()
    assert SALON_WORKFLOW.step(SalonStatus.PENDING, SalonAction.APPROVE, by=staff).target == (
        SalonStatus.PUBLISHED
    )


@pytest.mark.django_db
def test_approving_a_returned_salon_is_refused_and_changes_nothing(
    organiser, municipality, municipal_staff
):
    salon = make_salon(organiser, municipality, status=SalonStatus.RETURNED)
    with translation.override("ja"), pytest.raises(ActionError) as refused:
        actions.salon_approve(salon=salon, by=municipal_staff)
    assert str(refused.value.message) == REFUSED_JA
    salon.refresh_from_db()
    assert salon.status == SalonStatus.RETURNED
    assert not SalonEvent.objects.filter(salon=salon).exists()


@pytest.mark.django_db
def test_the_staff_page_says_why_a_forbidden_transition_was_refused(
    client_for, organiser, municipality, municipal_staff
):
    salon = make_salon(organiser, municipality, status=SalonStatus.PUBLISHED)
    response = client_for(municipal_staff).post(
        f"/en/salons/manage/{salon.pk}/review/", {"decision": "approve"}, follow=True
    )
    assert REFUSED_EN in response.content.decode()
    salon.refresh_from_db()
    assert salon.status == SalonStatus.PUBLISHED
