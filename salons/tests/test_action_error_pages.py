"""A salon action's refusal on the page, in the visitor's language, with what
they typed kept (carers.errors.ActionError shown by show_error)."""

import pytest
from django.utils import translation

from salons import actions

from .conftest import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """A request to an /en/ page leaves English active in this thread."""
    with translation.override(translation.get_language()):
        yield


HELD_JA = "すでに2席が予約済みまたは案内中のため、定員をそれより少なくすることはできません。"
HELD_EN = "2 seats are already booked or offered: the capacity cannot be lower than that."


@pytest.mark.parametrize(("prefix", "expected"), [("", HELD_JA), ("/en", HELD_EN)])
def test_a_refused_edit_shows_why_on_the_form_in_the_page_language(
    client_for, organiser, session, resident, prefix, expected
):
    actions.session_join(session=session, by=resident)
    actions.session_join(session=session, by=organiser)
    response = client_for(organiser).post(
        f"{prefix}/salons/manage/sessions/{session.pk}/edit/", {"capacity": "1", "note": "2階"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == [expected]
    assert expected in response.content.decode()
    assert form["note"].value() == "2階"


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "この開催回はすでに中止されています。"), ("/en", "This session is already cancelled.")],
)
def test_a_refusal_without_a_form_is_a_message_in_the_page_language(
    client_for, organiser, salon, prefix, expected
):
    session = make_session(salon)
    actions.session_cancel(session=session, by=organiser, reason="会場の都合")
    response = client_for(organiser).post(
        f"{prefix}/salons/manage/sessions/{session.pk}/cancel/", {"reason": "もう一度"}, follow=True
    )
    assert expected in response.content.decode()
