"""Staff land on "my work" after signing in: what waits for them, per role,
built from each app's api function; residents and organisers do not."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisors.models import Advisor, DispatchRequest, MenuItem
from advisors.workflow import Status
from carers.models import Household
from salons.models import Salon, SalonStatus
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def salon(organiser, code, status=SalonStatus.PENDING, name="サロン", **extra):
    return Salon.objects.create(
        organiser=organiser,
        name=name,
        description="説明",
        organising_body="会",
        municipality_id=code,
        contact="011-000-0000",
        status=status,
        **extra,
    )


def dispatch(user, status, **extra):
    fields = {
        "menu_items": [MenuItem.SURVEY],
        "purpose": "p",
        "situation": "s",
        "preferred_date_1": timezone.localdate() + timedelta(days=30),
        "expected_participants": 5,
        "contact_name": "Tanaka",
        "submitted_at": timezone.now(),
    }
    fields.update(extra)
    return DispatchRequest.objects.create(
        municipality_id=user.municipality_id, created_by=user, status=status, **fields
    )


def section(response, key):
    html = response.content.decode()
    start = html.index(f'id="work-{key}"')
    return html[start : html.index("</section>", start)]


def test_staff_land_on_my_work_after_signing_in(client, municipal_staff):
    from conftest import totp_now

    response = client.post(
        "/accounts/login/", {"login": municipal_staff.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302  # to the second factor
    response = client.post(response["Location"], {"code": totp_now()})
    assert response.status_code == 302 and response["Location"] == "/my-work/"
    assert client.get("/my-work/").status_code == 200


def test_a_resident_signing_in_lands_on_home(client, resident):
    response = client.post("/accounts/login/", {"login": resident.email, "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_municipal_staff_see_their_municipality_only(
    client_for, municipal_staff, other_municipality_staff, organiser
):
    salon(organiser, "011002", name="札幌の申請中サロン")
    salon(organiser, "012025", name="函館の申請中サロン")
    salon(
        organiser,
        "011002",
        status=SalonStatus.PUBLISHED,
        name="札幌の古いサロン",
        last_confirmed_at=timezone.now() - timedelta(days=200),
    )
    dispatch(municipal_staff, Status.RETURNED)
    dispatch(other_municipality_staff, Status.RETURNED)
    Household.objects.create(
        municipality_id="011002",
        next_follow_up=timezone.localdate() - timedelta(days=1),
        created_by=municipal_staff,
    )
    response = client_for(municipal_staff).get("/my-work/")
    assert response.status_code == 200
    approvals = section(response, "salon_approvals")
    assert "札幌の申請中サロン" in approvals and "函館の申請中サロン" not in approvals
    assert "札幌の古いサロン" in section(response, "stale_salons")
    revise = section(response, "dispatch_to_revise")
    assert ">1<" in revise
    assert "follow_ups_due" in response.content.decode()
    assert ">1<" in section(response, "follow_ups_due")


def test_prefecture_staff_see_reviews_and_schedules(client_for, prefecture_staff, municipal_staff):
    dispatch(municipal_staff, Status.SUBMITTED)
    dispatch(municipal_staff, Status.SUBMITTED)
    response = client_for(prefecture_staff).get("/my-work/")
    assert response.status_code == 200
    assert ">2<" in section(response, "dispatch_to_review")
    assert "dispatch_to_schedule" in response.content.decode()
    assert "follow_ups_due" not in response.content.decode()


def test_advisor_sees_reports_due_and_coming_visits(client_for, advisor_user, municipal_staff):
    advisor = Advisor.objects.create(user=advisor_user, name="Advisor Sato")
    today = timezone.localdate()
    done = dispatch(municipal_staff, Status.SCHEDULED, advisor=advisor, dispatch_date=today)
    coming = dispatch(
        municipal_staff,
        Status.SCHEDULED,
        advisor=advisor,
        dispatch_date=today + timedelta(days=9),
    )
    response = client_for(advisor_user).get("/my-work/")
    assert f"#{done.pk} " in section(response, "dispatch_reports_due")
    assert f"#{coming.pk} " in section(response, "dispatch_coming")
    assert "salon_approvals" not in response.content.decode()


@pytest.mark.parametrize("persona", ["resident", "organiser"])
def test_others_get_404(request, client_for, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get("/my-work/").status_code == 404


def test_empty_work_says_so(client_for, prefecture_staff):
    response = client_for(prefecture_staff).get("/en/my-work/")
    assert "Nothing is waiting for you right now." in response.content.decode()
