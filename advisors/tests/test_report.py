"""The advisor files the report; the request becomes completed; the
municipality reads it."""

import pytest

from advisors.models import DispatchReport
from advisors.workflow import Status
from carers.models import OutboundEmail


@pytest.mark.django_db
def test_advisor_files_the_report_and_the_municipality_reads_it(
    client_for, advisor_user, municipal_staff, make_request
):
    dispatch = make_request(status=Status.SCHEDULED)
    client = client_for(advisor_user)
    assert f">#{dispatch.pk}<" in client.get("/en/advisors/requests/").content.decode()
    response = client.post(
        f"/en/advisors/requests/{dispatch.pk}/report/",
        {
            "version": dispatch.version,
            "what_was_done": "Workshop on surveys",
            "participants": "12",
            "outcomes": "A survey plan",
            "follow_ups": "Pilot in spring",
        },
    )
    assert response.status_code == 302
    dispatch.refresh_from_db()
    assert dispatch.status == Status.COMPLETED
    assert OutboundEmail.objects.get().template == "advisors/email/report_municipality"
    body = client_for(municipal_staff).get(f"/en/advisors/requests/{dispatch.pk}/").content.decode()
    assert "Workshop on surveys" in body and "Pilot in spring" in body


@pytest.mark.django_db
def test_an_incomplete_report_is_refused(client_for, advisor_user, make_request):
    dispatch = make_request(status=Status.SCHEDULED)
    response = client_for(advisor_user).post(
        f"/en/advisors/requests/{dispatch.pk}/report/",
        {"version": dispatch.version, "what_was_done": "", "participants": "-1", "outcomes": "x"},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.status == Status.SCHEDULED and not DispatchReport.objects.exists()


@pytest.mark.django_db
def test_an_absurd_participant_count_is_refused_not_a_500(client_for, advisor_user, make_request):
    dispatch = make_request(status=Status.SCHEDULED)
    response = client_for(advisor_user).post(
        f"/en/advisors/requests/{dispatch.pk}/report/",
        {
            "version": dispatch.version,
            "what_was_done": "Talk",
            "participants": "99999999999",
            "outcomes": "Good",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["participants"]
    assert "Talk" in response.content.decode()  # what was typed is kept
    dispatch.refresh_from_db()
    assert dispatch.status == Status.SCHEDULED and not DispatchReport.objects.exists()


@pytest.mark.django_db
def test_a_report_before_the_schedule_is_confirmed_is_refused(
    client_for, advisor_user, make_request
):
    dispatch = make_request(status=Status.APPROVED)
    response = client_for(advisor_user).get(f"/en/advisors/requests/{dispatch.pk}/report/")
    assert response.status_code == 302
    response = client_for(advisor_user).post(
        f"/en/advisors/requests/{dispatch.pk}/report/",
        {"version": dispatch.version, "what_was_done": "x", "participants": "3", "outcomes": "y"},
    )
    assert response.status_code == 409
    assert not DispatchReport.objects.exists()
