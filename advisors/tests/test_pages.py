"""Every page of the app renders for its roles, in Japanese and English, with
one <h1>; the approve page shows the advisors' bookings; the edit page shows
the prefecture's return comment; the dashboard shows this app's figures."""

import pytest

from advisors import actions
from advisors.workflow import Status
from carers.wording import format_when

from .conftest import future


def pages(dispatch, scheduled, advisor):
    return {
        "municipal_staff": [
            "/advisors/requests/",
            "/advisors/requests/new/",
            f"/advisors/requests/{dispatch.pk}/",
            f"/advisors/requests/{dispatch.pk}/edit/",
            f"/advisors/requests/{dispatch.pk}/submit/",
            f"/advisors/requests/{dispatch.pk}/withdraw/",
        ],
        "prefecture_staff": [
            "/advisors/requests/",
            f"/advisors/requests/{scheduled.pk}/",
            "/advisors/roster/",
            "/advisors/roster/new/",
            f"/advisors/roster/{advisor.pk}/",
            "/advisors/figures/",
        ],
        "advisor_user": [
            "/advisors/requests/",
            f"/advisors/requests/{scheduled.pk}/",
            f"/advisors/requests/{scheduled.pk}/report/",
        ],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("persona", ["municipal_staff", "prefecture_staff", "advisor_user"])
def test_every_page_renders(request, client_for, make_request, advisor, persona, prefix):
    dispatch, scheduled = (
        make_request(status=Status.RETURNED),
        make_request(status=Status.SCHEDULED),
    )
    client = client_for(request.getfixturevalue(persona))
    for path in pages(dispatch, scheduled, advisor)[persona]:
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        assert response.content.decode().count("<h1") == 1, path


@pytest.mark.django_db
def test_approve_page_lists_bookings(client_for, prefecture_staff, make_request, advisor):
    make_request(status=Status.APPROVED, dispatch_date=future(33))
    advisor.unavailable_dates = [future(34)]
    advisor.save()
    dispatch = make_request()
    body = (
        client_for(prefecture_staff)
        .get(f"/en/advisors/requests/{dispatch.pk}/approve/")
        .content.decode()
    )
    assert format_when(future(33), "date", "en") in body
    assert format_when(future(34), "date", "en") in body


@pytest.mark.django_db
def test_edit_page_shows_the_return_comment(
    client_for, municipal_staff, prefecture_staff, make_request
):
    dispatch = make_request()
    actions.request_return(
        dispatch=dispatch, by=prefecture_staff, comment="Please add a second date"
    )
    body = (
        client_for(municipal_staff)
        .get(f"/en/advisors/requests/{dispatch.pk}/edit/")
        .content.decode()
    )
    assert "Please add a second date" in body


@pytest.mark.django_db
def test_dashboard_shows_the_dispatch_figures(client_for, prefecture_staff, make_request):
    make_request()
    body = client_for(prefecture_staff).get("/en/dashboard/").content.decode()
    assert "Requests awaiting review" in body


@pytest.mark.django_db
def test_request_page_links_the_contact_phone(client_for, municipal_staff, make_request):
    dispatch = make_request(contact_phone="011-000-0000")
    html = client_for(municipal_staff).get(f"/advisors/requests/{dispatch.pk}/").content.decode()
    assert '<a href="tel:+81110000000" class="tel">011-000-0000</a>' in html
