"""Prefecture staff approve by assigning an advisor and a date; unavailable or
double-booked advisors, missing input and stale forms are refused; two staff
approving at once: exactly one succeeds."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from advisors import actions
from advisors.models import Advisor, DispatchRequest
from advisors.workflow import Status
from carers.errors import CONFLICT, ActionError
from carers.models import OutboundEmail

from .conftest import future


def url(dispatch):
    return f"/en/advisors/requests/{dispatch.pk}/approve/"


@pytest.mark.django_db
def test_approve_with_an_advisor_and_a_date(
    client_for, prefecture_staff, make_request, advisor, municipal_staff
):
    dispatch = make_request()
    client = client_for(prefecture_staff)
    page = client.get(url(dispatch))
    assert "Advisor Sato" in page.content.decode()
    response = client.post(
        url(dispatch),
        {
            "version": dispatch.version,
            "advisor": advisor.pk,
            "dispatch_date": future(25).isoformat(),
        },
    )
    assert response.status_code == 302
    dispatch.refresh_from_db()
    assert (dispatch.status, dispatch.advisor, dispatch.dispatch_date) == (
        Status.APPROVED,
        advisor,
        future(25),
    )
    assert {(e.to_email, e.template) for e in OutboundEmail.objects.all()} == {
        (municipal_staff.email, "advisors/email/approve_municipality"),
        (advisor.user.email, "advisors/email/approve_advisor"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"dispatch_date": future(25).isoformat()}, "Choose an advisor."),
        ({"advisor": "ADVISOR"}, "Choose the dispatch date."),
        (
            {"advisor": "ADVISOR", "dispatch_date": future(-1).isoformat()},
            "The dispatch date must be after today.",
        ),
    ],
)
def test_approving_needs_an_advisor_and_a_future_date(
    client_for, prefecture_staff, make_request, advisor, data, message
):
    dispatch = make_request()
    data = {k: (advisor.pk if v == "ADVISOR" else v) for k, v in data.items()}
    response = client_for(prefecture_staff).post(
        url(dispatch), {"version": dispatch.version, **data}
    )
    assert message in response.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.status == Status.SUBMITTED and dispatch.advisor is None
    assert not OutboundEmail.objects.exists()


@pytest.mark.django_db
def test_refused_when_the_advisor_is_unavailable(
    client_for, prefecture_staff, make_request, advisor
):
    advisor.unavailable_dates = [future(25)]
    advisor.save()
    dispatch = make_request()
    response = client_for(prefecture_staff).post(
        url(dispatch),
        {
            "version": dispatch.version,
            "advisor": advisor.pk,
            "dispatch_date": future(25).isoformat(),
        },
    )
    assert "is unavailable on" in response.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.status == Status.SUBMITTED and dispatch.advisor is None


@pytest.mark.django_db
def test_refused_when_the_advisor_is_already_assigned_that_day(
    client_for, prefecture_staff, make_request, advisor
):
    make_request(status=Status.SCHEDULED, dispatch_date=future(25))
    dispatch = make_request()
    response = client_for(prefecture_staff).post(
        url(dispatch),
        {
            "version": dispatch.version,
            "advisor": advisor.pk,
            "dispatch_date": future(25).isoformat(),
        },
    )
    assert "already assigned to another dispatch" in response.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.status == Status.SUBMITTED


@pytest.mark.django_db
def test_a_stale_form_is_told_someone_else_decided(
    client_for, prefecture_staff, make_request, advisor
):
    dispatch = make_request()
    rendered_version = dispatch.version
    actions.request_return(dispatch=dispatch, by=prefecture_staff, comment="Add the venue")
    response = client_for(prefecture_staff).post(
        url(dispatch),
        {
            "version": rendered_version,
            "advisor": advisor.pk,
            "dispatch_date": future(25).isoformat(),
        },
    )
    assert response.status_code == 409
    assert "Someone else changed this request" in response.content.decode()
    assert "Returned for revision" in response.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.status == Status.RETURNED and dispatch.advisor is None


@pytest.mark.django_db
def test_return_needs_a_comment(client_for, prefecture_staff, make_request):
    dispatch = make_request()
    response = client_for(prefecture_staff).post(
        f"/en/advisors/requests/{dispatch.pk}/return/",
        {"version": dispatch.version, "comment": " "},
    )
    assert "This field is required." in response.content.decode()
    dispatch.refresh_from_db()
    assert dispatch.status == Status.SUBMITTED


@pytest.mark.django_db
def test_schedule_confirms_time_and_venue(client_for, prefecture_staff, make_request, advisor):
    dispatch = make_request(status=Status.APPROVED)
    client = client_for(prefecture_staff)
    bad = client.post(
        f"/en/advisors/requests/{dispatch.pk}/schedule/",
        {
            "version": dispatch.version,
            "start_time": "15:00",
            "end_time": "14:00",
            "confirmed_venue": "Hall",
        },
    )
    assert "The end time must be after the start time." in bad.content.decode()
    client.post(
        f"/en/advisors/requests/{dispatch.pk}/schedule/",
        {
            "version": dispatch.version,
            "start_time": "14:00",
            "end_time": "16:00",
            "confirmed_venue": "Hall",
        },
    )
    dispatch.refresh_from_db()
    assert dispatch.status == Status.SCHEDULED and dispatch.confirmed_venue == "Hall"
    assert OutboundEmail.objects.filter(template="advisors/email/schedule_advisor").count() == 1


def _race(calls):
    """Run each call in its own thread (own DB connection), started together."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            with translation.override("en"):
                results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_staff_approving_at_once_exactly_one_succeeds(make_request, prefecture_staff, advisor):
    from conftest import make_user

    colleague = make_user("colleague@pref.example.jp", "prefecture_staff", mfa=True)
    other_user = make_user("second.advisor@example.jp", "advisor", mfa=True)
    second = Advisor.objects.create(user=other_user, name="Advisor Kato")
    dispatch = make_request()
    version = dispatch.version
    results = _race(
        [
            lambda: actions.request_approve(
                dispatch=dispatch,
                by=prefecture_staff,
                advisor=advisor,
                dispatch_date=future(25),
                expected_version=version,
            ),
            lambda: actions.request_approve(
                dispatch=dispatch,
                by=colleague,
                advisor=second,
                dispatch_date=future(26),
                expected_version=version,
            ),
        ]
    )
    winners = [r for r in results if isinstance(r, DispatchRequest)]
    losers = [r for r in results if isinstance(r, ActionError) and r.code == CONFLICT]
    assert len(winners) == 1 and len(losers) == 1, results
    dispatch.refresh_from_db()
    assert dispatch.status == Status.APPROVED and dispatch.version == version + 1
    assert dispatch.events.filter(action="approve").count() == 1
    assert OutboundEmail.objects.filter(template="advisors/email/approve_advisor").count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_advisor_cannot_be_booked_twice_by_simultaneous_approvals(
    make_request, prefecture_staff, advisor
):
    first, second = make_request(), make_request()
    results = _race(
        [
            lambda d=d: actions.request_approve(
                dispatch=d, by=prefecture_staff, advisor=advisor, dispatch_date=future(25)
            )
            for d in (first, second)
        ]
    )
    assert sum(isinstance(r, DispatchRequest) for r in results) == 1, results
    refused = [r for r in results if not isinstance(r, DispatchRequest)]
    assert "already assigned to another dispatch" in str(refused[0])
    assert (
        DispatchRequest.objects.filter(
            status=Status.APPROVED, advisor=advisor, dispatch_date=future(25)
        ).count()
        == 1
    )
