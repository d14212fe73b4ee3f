"""Municipal staff write, submit, revise and resubmit requests; bad input is
refused with a clear message and nothing is saved."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisors.models import DispatchRequest, RequestEvent
from advisors.workflow import Status
from carers.models import OutboundEmail

from .conftest import future

URL = "/en/advisors/requests/new/"


def form_data(**overrides):
    data = {
        "menu_items": ["survey", "salon"],
        "purpose": "Start a carers' café",
        "situation": "A family group asked",
        "preferred_date_1": future(20).isoformat(),
        "preferred_date_2": "",
        "preferred_date_3": "",
        "format": "on_site",
        "venue": "City hall",
        "expected_participants": "15",
        "contact_name": "Tanaka",
        "contact_phone": "011-000-0000",
        "contact_email": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_save_a_draft_then_submit_it(client_for, municipal_staff, prefecture_staff, outbox_emails):
    client = client_for(municipal_staff)
    response = client.post(URL, form_data(save="1"))
    dispatch = DispatchRequest.objects.get()
    assert response.status_code == 302 and response.url.endswith(
        f"/advisors/requests/{dispatch.pk}/"
    )
    assert dispatch.status == Status.DRAFT
    assert dispatch.municipality == municipal_staff.municipality
    assert dispatch.menu_items == ["survey", "salon"]
    assert outbox_emails() == []

    page = client.get(f"/en/advisors/requests/{dispatch.pk}/submit/")
    assert page.status_code == 200
    response = client.post(
        f"/en/advisors/requests/{dispatch.pk}/submit/", {"version": dispatch.version}
    )
    assert response.status_code == 302
    dispatch.refresh_from_db()
    assert dispatch.status == Status.SUBMITTED and dispatch.submitted_at is not None
    assert [(e.to_email, e.template) for e in outbox_emails()] == [
        (prefecture_staff.email, "advisors/email/submit_prefecture")
    ]


@pytest.mark.django_db
def test_submit_straight_away(client_for, municipal_staff, prefecture_staff):
    response = client_for(municipal_staff).post(URL, form_data(submit="1"))
    assert response.status_code == 302
    dispatch = DispatchRequest.objects.get()
    assert dispatch.status == Status.SUBMITTED
    assert list(dispatch.events.values_list("to_status", flat=True)) == [
        Status.DRAFT,
        Status.SUBMITTED,
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"menu_items": []}, "Choose at least one menu item."),
        ({"preferred_date_1": ""}, "Give at least one preferred date."),
        (
            {"preferred_date_1": (timezone.localdate() - timedelta(days=1)).isoformat()},
            "Preferred dates must be after today.",
        ),
        (
            {"preferred_date_2": timezone.localdate().isoformat()},
            "Preferred dates must be after today.",
        ),
        ({"expected_participants": "0"}, "Expected participants must be at least 1."),
        ({"venue": ""}, "Give the venue for an on-site dispatch."),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(client_for, municipal_staff, overrides, message):
    response = client_for(municipal_staff).post(URL, form_data(submit="1", **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Start a carers" in response.content.decode()  # what was typed is kept
    assert not DispatchRequest.objects.exists()
    assert not OutboundEmail.objects.exists()


@pytest.mark.django_db
def test_japanese_messages(client_for, municipal_staff):
    response = client_for(municipal_staff).post(
        "/advisors/requests/new/", form_data(menu_items=[], submit="1")
    )
    assert "支援メニューを1つ以上選んでください。" in response.content.decode()


@pytest.mark.django_db
def test_revise_and_resubmit_a_returned_request(
    client_for, municipal_staff, make_request, prefecture_staff
):
    dispatch = make_request(status=Status.RETURNED)
    client = client_for(municipal_staff)
    url = f"/en/advisors/requests/{dispatch.pk}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, form_data(version=dispatch.version, purpose="Revised purpose", submit="1")
    )
    assert response.status_code == 302
    dispatch.refresh_from_db()
    assert (dispatch.status, dispatch.purpose) == (Status.SUBMITTED, "Revised purpose")
    assert RequestEvent.objects.get(request=dispatch).from_status == Status.RETURNED


@pytest.mark.django_db
def test_a_stale_edit_is_refused(client_for, municipal_staff, make_request):
    dispatch = make_request(status=Status.DRAFT)
    DispatchRequest.objects.filter(pk=dispatch.pk).update(version=dispatch.version + 1)
    response = client_for(municipal_staff).post(
        f"/en/advisors/requests/{dispatch.pk}/edit/",
        form_data(version=dispatch.version, purpose="Mine"),
    )
    assert "Someone else changed this request" in response.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.purpose != "Mine"


@pytest.mark.django_db
def test_an_edit_posted_after_a_colleague_withdrew_keeps_the_input(
    client_for, municipal_staff, make_request
):
    dispatch = make_request(status=Status.RETURNED)
    DispatchRequest.objects.filter(pk=dispatch.pk).update(
        status=Status.WITHDRAWN, version=dispatch.version + 1
    )
    response = client_for(municipal_staff).post(
        f"/en/advisors/requests/{dispatch.pk}/edit/",
        form_data(version=dispatch.version, purpose="My revision"),
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this request" in body and "Withdrawn" in body
    assert "My revision" in body  # what was typed is kept
    dispatch.refresh_from_db()
    assert dispatch.status == Status.WITHDRAWN and dispatch.purpose != "My revision"


@pytest.mark.django_db
def test_a_submitted_request_cannot_be_edited(client_for, municipal_staff, make_request):
    dispatch = make_request(status=Status.SUBMITTED)
    response = client_for(municipal_staff).get(f"/en/advisors/requests/{dispatch.pk}/edit/")
    assert response.status_code == 302


@pytest.mark.django_db
def test_withdraw_asks_for_confirmation_first(client_for, municipal_staff, make_request):
    dispatch = make_request(status=Status.SUBMITTED)
    client = client_for(municipal_staff)
    page = client.get(f"/en/advisors/requests/{dispatch.pk}/withdraw/")
    assert "cannot be reopened" in page.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.status == Status.SUBMITTED
    client.post(f"/en/advisors/requests/{dispatch.pk}/withdraw/", {"version": dispatch.version})
    dispatch.refresh_from_db()
    assert dispatch.status == Status.WITHDRAWN


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["prefecture_staff", "advisor_user", "organiser", "resident"])
def test_only_municipal_staff_make_requests(request, client_for, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(URL).status_code == 404
