"""The organiser's participants page: nicknames on screen (young-carer
sessions: nicknames only), never email addresses, and one message to everyone
signed up through the outbox."""

import pytest

from carers.outbox import render
from carers.wording import format_when
from conftest import make_user
from salons import actions
from salons.models import Audience, RegistrationStatus

from .conftest import make_salon, make_session

pytestmark = pytest.mark.django_db


def test_organiser_sees_participants_without_email_addresses(
    client_for, organiser, session, resident
):
    actions.session_join(session=session, by=resident, nickname="ひまわり")
    html = client_for(organiser).get(f"/salons/manage/sessions/{session.pk}/participants/")
    text = html.content.decode()
    assert html.status_code == 200
    assert "ひまわり" in text and resident.email not in text
    assert "申込日時" in text or "Signed up at" in text


def test_young_carer_sessions_show_nicknames_only(client_for, organiser, resident):
    salon = make_salon(organiser, None, is_online=True, audiences=[Audience.YOUNG_CARERS])
    session = make_session(salon, is_online=True)
    actions.session_join(session=session, by=resident, nickname="そら", age_band="15-18")
    text = (
        client_for(organiser)
        .get(f"/salons/manage/sessions/{session.pk}/participants/")
        .content.decode()
    )
    assert "そら" in text
    assert "15–18" not in text and "申込日時" not in text and resident.email not in text


def test_message_reaches_everyone_signed_up_through_the_outbox(
    client_for, organiser, session, resident, outbox_emails
):
    actions.session_join(session=session, by=resident)
    other = make_user("other@example.jp", "registered")
    actions.session_join(session=session, by=other)
    cancelled = make_user("gone@example.jp", "registered")
    reg = actions.session_join(session=session, by=cancelled)
    actions.registration_cancel(registration=reg)
    before = len(outbox_emails())
    response = client_for(organiser).post(
        f"/salons/manage/sessions/{session.pk}/participants/",
        {"message": "駐車場が使えません。公共交通機関でお越しください。"},
    )
    assert response.status_code == 302
    sent = outbox_emails()[before:]
    assert sorted(e.to_email for e in sent) == sorted([resident.email, other.email])
    assert {e.template for e in sent} == {"salons/email/organiser_message"}
    _subject, body = render(sent[0])
    assert "駐車場が使えません" in body and "札幌市中央区 1-1" in body


def test_empty_message_is_refused_and_nothing_is_sent(
    client_for, organiser, session, resident, outbox_emails
):
    actions.session_join(session=session, by=resident)
    before = len(outbox_emails())
    response = client_for(organiser).post(
        f"/salons/manage/sessions/{session.pk}/participants/", {"message": ""}
    )
    assert response.status_code == 400
    assert len(outbox_emails()) == before


def test_other_organisers_and_staff_get_404(client_for, session, municipal_staff):
    other = make_user("other-org@example.jp", "organiser")
    url = f"/salons/manage/sessions/{session.pk}/participants/"
    assert client_for(other).get(url).status_code == 404
    assert client_for(municipal_staff).get(url).status_code == 404
    assert client_for(other).post(url, {"message": "x"}).status_code == 404


def test_booking_email_says_when_where_fee_contact_and_how_to_cancel(
    organiser, municipality, resident, outbox_emails
):
    salon = make_salon(
        organiser, municipality, fee="300円（お茶代）", venue_access="地下鉄大通駅から徒歩5分"
    )
    session = make_session(salon)
    actions.session_join(session=session, by=resident)
    email = outbox_emails()[-1]
    assert email.template == "salons/email/joined"
    _subject, body = render(email)
    for expected in (
        "札幌市中央区 1-1",
        "地下鉄大通駅から徒歩5分",
        "300円（お茶代）",
        "011-000-0000",
        "テストの会",
        "参加をキャンセルする",
        format_when(email.context["starts_at"], language="ja"),
        email.context["ends_at"],
    ):
        assert expected in body, expected


def test_booking_email_of_an_online_session_says_online(online_session, resident, outbox_emails):
    actions.session_join(session=online_session, by=resident, nickname="そら")
    _subject, body = render(outbox_emails()[-1])
    assert "オンライン" in body and "無料" in body
    assert "meet.example.jp" not in body


def test_first_publication_and_approved_change_are_different_emails(
    organiser, municipality, municipal_staff, outbox_emails
):
    from salons.models import SalonStatus

    salon = make_salon(organiser, municipality, status=SalonStatus.PENDING)
    actions.salon_approve(salon=salon, by=municipal_staff)
    first = outbox_emails()[-1]
    assert first.template == "salons/email/approved"
    assert "初めて公開" in render(first)[1]

    actions.salon_update(salon=salon, by=organiser, data={"fee": "500円"})
    actions.salon_approve(salon=salon, by=municipal_staff)
    change = outbox_emails()[-1]
    assert change.template == "salons/email/changes_approved"
    subject, body = render(change)
    assert "変更が承認されました" in subject and "参加費" in body


def test_waiting_registrations_are_listed_as_waiting(client_for, organiser, salon, resident):
    session = make_session(salon, capacity=1)
    actions.session_join(session=session, by=make_user("a@example.jp", "registered"))
    reg = actions.session_join(session=session, by=resident, nickname="まつ")
    assert reg.status == RegistrationStatus.WAITING
    text = (
        client_for(organiser)
        .get(f"/salons/manage/sessions/{session.pk}/participants/")
        .content.decode()
    )
    assert "まつ" in text and "キャンセル待ち" in text
