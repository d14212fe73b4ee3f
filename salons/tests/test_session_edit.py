"""Editing an existing session: capacity, meeting URL, facilitator, note."""

import pytest

from carers.errors import ActionError
from conftest import make_user
from salons import actions
from salons.models import Registration, RegistrationStatus

from .conftest import make_session

pytestmark = pytest.mark.django_db


def url(session):
    return f"/salons/manage/sessions/{session.pk}/edit/"


def update(session, by, capacity=3, meeting_url=""):
    return actions.session_update(
        session=session,
        by=by,
        capacity=capacity,
        meeting_url=meeting_url,
        facilitator=None,
        note="",
    )


def test_organiser_edits_capacity_facilitator_and_note(
    client_for, organiser, session, advisor_user
):
    c = client_for(organiser)
    page = c.get(f"/salons/manage/{session.salon_id}/").content.decode()
    assert url(session) in page
    response = c.post(
        url(session), {"capacity": "5", "facilitator": advisor_user.email, "note": "2階の会議室"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.capacity, session.facilitator, session.note) == (5, advisor_user, "2階の会議室")
    assert session.edited_by == organiser and session.edited_at
    # an in-person session's form has no meeting URL field
    assert "meeting_url" not in c.get(url(session)).context["form"].fields


def test_capacity_cannot_go_below_seats_booked(client_for, organiser, session, resident):
    actions.session_join(session=session, by=resident)
    actions.session_join(session=session, by=organiser)
    response = client_for(organiser).post(url(session), {"capacity": "1", "note": "kept"})
    assert response.status_code == 200
    assert "2" in str(response.context["form"].non_field_errors())
    assert response.context["form"]["note"].value() == "kept"
    session.refresh_from_db()
    assert session.capacity == 2


def test_zero_capacity_is_refused(client_for, organiser, session):
    response = client_for(organiser).post(url(session), {"capacity": "0"})
    assert response.context["form"].errors["capacity"]


def test_more_capacity_offers_seats_to_the_waiting_list(
    organiser, session, resident, advisor_user, outbox_emails
):
    third = make_user("third@example.jp", "registered")
    for user in (resident, organiser, advisor_user, third):
        actions.session_join(session=session, by=user)
    assert Registration.objects.filter(status=RegistrationStatus.WAITING).count() == 2
    update(session, organiser, 3)
    offered = Registration.objects.get(status=RegistrationStatus.OFFERED)
    assert offered.user == advisor_user and offered.offered_until
    assert outbox_emails()[-1].template == "salons/email/offer"
    assert outbox_emails()[-1].to_email == advisor_user.email
    # no limit: everyone still waiting is offered a seat
    update(session, organiser, None)
    assert not Registration.objects.filter(status=RegistrationStatus.WAITING).exists()


def test_meeting_url_https_only_and_only_online(client_for, organiser, online_session, session):
    c = client_for(organiser)
    response = c.post(url(online_session), {"meeting_url": "http://meet.example.jp/x"})
    assert response.status_code == 200 and response.context["form"].errors["meeting_url"]
    assert response.context["form"]["meeting_url"].value() == "http://meet.example.jp/x"
    c.post(url(online_session), {"meeting_url": "https://meet.example.jp/new-room"})
    online_session.refresh_from_db()
    assert online_session.meeting_url == "https://meet.example.jp/new-room"
    with pytest.raises(ActionError):
        update(session, organiser, 2, "https://meet.example.jp/x")


def test_staff_of_the_municipality_may_edit_others_may_not(
    client_for, session, municipal_staff, resident
):
    from conftest import make_user as mk

    other_staff = mk("staff@hakodate.example.jp", "municipal_staff", "012025", mfa=True)
    other_org = mk("other-org@example.jp", "organiser")
    assert client_for(other_staff).get(url(session)).status_code == 404
    assert client_for(other_org).get(url(session)).status_code == 404
    assert client_for(resident).get(url(session)).status_code == 404
    client_for(municipal_staff).post(url(session), {"capacity": "4"})
    session.refresh_from_db()
    assert session.capacity == 4 and session.edited_by == municipal_staff


def test_cancelled_or_ended_session_cannot_be_edited(client_for, organiser, session, salon):
    actions.session_cancel(session=session, by=organiser, reason="会場の都合")
    assert client_for(organiser).get(url(session)).status_code == 404
    with pytest.raises(ActionError):
        update(session, organiser, 3)
    past = make_session(salon, days=-1)
    assert past.has_ended
    with pytest.raises(ActionError):
        update(past, organiser, 3)


def test_staff_see_that_a_meeting_link_is_set_but_not_the_link(
    client_for, online_session, prefecture_staff, organiser
):
    staff = client_for(prefecture_staff)
    page = staff.get(url(online_session))
    assert page.status_code == 200
    text = page.content.decode()
    assert "secret-room-42" not in text
    assert "A meeting link is set" in text or "会議のリンクは設定済み" in text
    # Saving other changes keeps the hidden link; a new link replaces it.
    assert staff.post(url(online_session), {"capacity": "9", "meeting_url": ""}).status_code == 302
    online_session.refresh_from_db()
    assert online_session.capacity == 9
    assert online_session.meeting_url == "https://meet.example.jp/secret-room-42"
    staff.post(url(online_session), {"capacity": "9", "meeting_url": "https://meet.example.jp/new"})
    online_session.refresh_from_db()
    assert online_session.meeting_url == "https://meet.example.jp/new"
    # The organiser still reads it in the form.
    assert "meet.example.jp/new" in client_for(organiser).get(url(online_session)).content.decode()
