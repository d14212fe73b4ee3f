"""The "schedule confirmed" emails carry date, time, venue and advisor; the
menu is the plan's (item 3 検討・協議) plus network-building and "other"
with a required description."""

from datetime import time

import pytest

from advisors import actions
from advisors.models import DispatchRequest, MenuItem
from advisors.workflow import Status
from carers import outbox
from carers.errors import ActionError
from carers.models import OutboundEmail
from carers.wording import format_when

from .conftest import future


@pytest.mark.django_db
def test_schedule_emails_say_date_time_venue_and_advisor(
    make_request, prefecture_staff, municipal_staff, advisor
):
    dispatch = make_request(status=Status.APPROVED, dispatch_date=future(20))
    actions.request_schedule(
        dispatch=dispatch,
        by=prefecture_staff,
        start_time=time(13, 30),
        end_time=time(15, 0),
        confirmed_venue="札幌市役所 本庁舎 12階 会議室",
    )
    emails = OutboundEmail.objects.filter(template__startswith="advisors/email/schedule_")
    assert {e.to_email for e in emails} == {municipal_staff.email, advisor.user.email}
    for email in emails:
        _subject, body = outbox.render(email)
        for expected in (
            format_when(future(20), "date", email.language),
            "13:30",
            "15:00",
            "札幌市役所 本庁舎 12階 会議室",
            "Advisor Sato",
        ):
            assert expected in body, (email.template, expected)


def test_menu_wording_follows_the_plan():
    from django.utils import translation

    with translation.override("ja"):
        labels = [str(item.label) for item in MenuItem]
    assert "検討・協議" in labels[2] and "策定" not in labels[2]
    assert any("ネットワーク" in label for label in labels)
    assert labels[-1].startswith("その他")


def _form(**overrides):
    data = {
        "menu_items": ["network", "other"],
        "other_description": "",
        "purpose": "Connect local bodies",
        "situation": "Several groups, no links",
        "preferred_date_1": future(30).isoformat(),
        "format": "online",
        "venue": "",
        "expected_participants": "8",
        "contact_name": "Tanaka",
        "save": "1",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_other_needs_a_description(client_for, municipal_staff):
    client = client_for(municipal_staff)
    response = client.post("/en/advisors/requests/new/", _form())
    assert response.status_code == 200
    assert "Describe the support wanted" in response.content.decode()
    assert not DispatchRequest.objects.exists()

    response = client.post(
        "/en/advisors/requests/new/", _form(other_description="Train volunteers who visit carers")
    )
    assert response.status_code == 302
    dispatch = DispatchRequest.objects.get()
    assert dispatch.menu_items == ["network", "other"]
    page = client.get(dispatch.get_absolute_url()).content.decode()
    assert "Train volunteers who visit carers" in page


@pytest.mark.django_db
def test_the_action_refuses_other_without_description(municipal_staff):

    from .conftest import request_fields

    with pytest.raises(ActionError):
        actions.request_create(
            by=municipal_staff, data=request_fields(menu_items=["other"], other_description=" ")
        )
