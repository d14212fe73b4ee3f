"""A completion report only on or after the dispatch date (server-side rule),
with a clear message; nothing is saved before then."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisors import actions
from advisors.models import DispatchReport
from advisors.workflow import Status
from carers.errors import ActionError
from carers.wording import format_when

REPORT = {
    "what_was_done": "Talk",
    "participants": "12",
    "outcomes": "Plan",
    "follow_ups": "",
}


@pytest.mark.django_db
def test_a_report_before_the_dispatch_date_is_refused(client_for, advisor_user, make_request):
    future_day = timezone.localdate() + timedelta(days=51)
    dispatch = make_request(status=Status.SCHEDULED, dispatch_date=future_day)
    client = client_for(advisor_user)
    detail = client.get(f"/advisors/requests/{dispatch.pk}/").content.decode()
    assert 'id="report-not-yet"' in detail and format_when(future_day, "date", "ja") in detail
    assert f"/advisors/requests/{dispatch.pk}/report/" not in detail

    page = client.get(f"/en/advisors/requests/{dispatch.pk}/report/", follow=True)
    assert "on or after the dispatch date" in page.content.decode()

    response = client.post(
        f"/en/advisors/requests/{dispatch.pk}/report/", {"version": dispatch.version, **REPORT}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "on or after the dispatch date" in body
    assert format_when(future_day, "date", "en") in body
    assert "Talk" in body  # what was typed is kept
    dispatch.refresh_from_db()
    assert dispatch.status == Status.SCHEDULED and not DispatchReport.objects.exists()


@pytest.mark.django_db
def test_the_action_itself_refuses_an_early_report(advisor_user, make_request):
    dispatch = make_request(
        status=Status.SCHEDULED, dispatch_date=timezone.localdate() + timedelta(days=1)
    )
    data = {"what_was_done": "x", "participants": 3, "outcomes": "y"}
    with pytest.raises(ActionError):
        actions.request_report(dispatch=dispatch, by=advisor_user, data=data)
    assert not DispatchReport.objects.exists()


@pytest.mark.django_db
def test_a_report_on_the_dispatch_date_completes_the_request(
    client_for, advisor_user, make_request
):
    dispatch = make_request(status=Status.SCHEDULED, dispatch_date=timezone.localdate())
    response = client_for(advisor_user).post(
        f"/en/advisors/requests/{dispatch.pk}/report/", {"version": dispatch.version, **REPORT}
    )
    assert response.status_code == 302
    dispatch.refresh_from_db()
    assert dispatch.status == Status.COMPLETED
