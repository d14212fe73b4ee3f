import re
from datetime import timedelta

import pytest
from django.utils import timezone

from carers.errors import ActionError
from conftest import make_user
from salons import actions
from salons.models import Registration, RegistrationStatus

from .conftest import make_session

pytestmark = pytest.mark.django_db


def people(n):
    return [make_user(f"person{i}@example.jp", display_name=f"人{i}") for i in range(n)]


def test_resident_joins_and_sees_own_signup(client_for, resident, session, outbox_emails):
    c = client_for(resident)
    response = c.post(f"/salons/sessions/{session.pk}/join/", {"nickname": "ひまわり"})
    reg = Registration.objects.get()
    assert reg.status == RegistrationStatus.CONFIRMED and reg.user == resident
    assert response.url == reg.get_absolute_url()
    assert c.get(reg.get_absolute_url()).status_code == 200
    assert (
        "ひまわり" in c.get("/salons/signups/").content.decode()
        or reg.session.salon.name in c.get("/salons/signups/").content.decode()
    )
    assert outbox_emails()[-1].template == "salons/email/joined"


def test_visitor_is_sent_to_sign_in(visitor, session):
    response = visitor.post(f"/salons/sessions/{session.pk}/join/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Registration.objects.exists()


def test_duplicate_signup_is_refused_with_a_message(client_for, resident, session):
    c = client_for(resident)
    c.post(f"/salons/sessions/{session.pk}/join/")
    response = c.post(f"/salons/sessions/{session.pk}/join/", follow=True)
    assert Registration.objects.count() == 1
    assert any("already" in str(m) or "すでに" in str(m) for m in response.context["messages"])


def test_full_session_puts_people_on_the_waiting_list(session):
    a, b, c = people(3)
    assert actions.session_join(session=session, by=a).status == RegistrationStatus.CONFIRMED
    assert actions.session_join(session=session, by=b).status == RegistrationStatus.CONFIRMED
    assert actions.session_join(session=session, by=c).status == RegistrationStatus.WAITING
    with pytest.raises(ActionError):
        actions.session_join(session=session, by=make_user("d@example.jp"), wait_if_full=False)


def test_freed_seat_is_offered_in_order_then_expires_to_the_next(session, outbox_emails):
    a, b, c, d = people(4)
    first = actions.session_join(session=session, by=a)
    actions.session_join(session=session, by=b)
    waiting_c = actions.session_join(session=session, by=c)
    waiting_d = actions.session_join(session=session, by=d)
    actions.registration_cancel(registration=first)
    waiting_c.refresh_from_db()
    assert waiting_c.status == RegistrationStatus.OFFERED and waiting_c.offered_until
    assert (
        outbox_emails()[-1].template == "salons/email/offer"
        and outbox_emails()[-1].to_email == c.email
    )
    # the offer holds the seat: a newcomer waits
    assert (
        actions.session_join(session=session, by=make_user("e@example.jp")).status
        == RegistrationStatus.WAITING
    )
    assert actions.offers_expire(now=waiting_c.offered_until + timedelta(minutes=1)) == 1
    waiting_c.refresh_from_db()
    waiting_d.refresh_from_db()
    assert waiting_c.status == RegistrationStatus.EXPIRED
    assert waiting_d.status == RegistrationStatus.OFFERED
    assert (
        actions.offers_expire(now=waiting_c.offered_until + timedelta(minutes=1)) == 0
    )  # safe twice


def test_accepting_an_offer_books_the_seat(client_for, session):
    a, b, c = people(3)
    first = actions.session_join(session=session, by=a)
    actions.session_join(session=session, by=b)
    reg = actions.session_join(session=session, by=c)
    actions.registration_cancel(registration=first)
    client_for(c).post(f"/salons/signups/{reg.token}/accept/")
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CONFIRMED
    assert session.registrations.holding().count() == 2


def test_someone_elses_signup_page_is_404(client_for, resident, session):
    reg = actions.session_join(session=session, by=resident)
    other = make_user("other@example.jp")
    assert client_for(other).get(reg.get_absolute_url()).status_code == 404
    assert client_for(other).post(f"/salons/signups/{reg.token}/cancel/").status_code == 404


def test_cancel_own_signup(client_for, resident, session):
    reg = actions.session_join(session=session, by=resident)
    c = client_for(resident)
    assert c.get(f"/salons/signups/{reg.token}/cancel/").status_code == 200  # asks first
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CONFIRMED
    c.post(f"/salons/signups/{reg.token}/cancel/")
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CANCELLED


def test_guest_joins_with_email_confirmation_and_nickname_only(
    visitor, online_session, outbox_emails
):
    response = visitor.get(f"/salons/sessions/{online_session.pk}/guest/")
    body = response.content.decode()
    assert 'name="age_band"' in body  # young-carer salon: the age band, no real name
    assert 'id="h-who-for"' in body  # who the salon is for, beside the form
    assert 'name="name"' not in body
    response = visitor.post(
        f"/salons/sessions/{online_session.pk}/guest/",
        {"email": "Guest@Example.jp", "nickname": "そら", "age_band": "15-18"},
    )
    assert response.status_code == 200
    reg = Registration.objects.get()
    assert reg.status == RegistrationStatus.EMAIL_UNCONFIRMED
    email = outbox_emails()[-1]
    assert email.to_email == "guest@example.jp" and email.template == "salons/email/guest_confirm"
    assert "guest@example.jp" not in email.context["confirm_url"].lower()
    link = email.context["confirm_url"]
    assert visitor.get(link).status_code == 200
    response = visitor.post(link)
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.CONFIRMED and reg.age_band == "15-18"
    assert response.url == reg.get_absolute_url()
    visitor.post(link)  # twice: nothing changes
    assert Registration.objects.count() == 1


def test_guest_bad_input_and_tampered_link(visitor, session):
    response = visitor.post(
        f"/salons/sessions/{session.pk}/guest/", {"email": "not-an-email", "nickname": ""}
    )
    assert response.context["form"].errors.keys() >= {"email", "nickname"}
    assert 'value="not-an-email"' in response.content.decode()
    assert visitor.post("/salons/guest/confirm/bogus:token/").status_code == 404
    assert visitor.get("/salons/guest/confirm/bogus:token/").status_code == 404


def test_guest_cannot_sign_up_twice_with_same_email(visitor, session, outbox_emails):
    for _ in range(2):
        visitor.post(
            f"/salons/sessions/{session.pk}/guest/", {"email": "g@example.jp", "nickname": "そら"}
        )
    links = [
        m.context["confirm_url"]
        for m in outbox_emails()
        if m.template == "salons/email/guest_confirm"
    ]
    visitor.post(links[0])
    response = visitor.post(links[1])
    assert response.status_code == 400
    assert session.registrations.active().count() == 1


def test_cannot_join_a_session_that_started(client_for, resident, salon):
    started = make_session(salon, days=0)
    started.starts_at = timezone.now() - timedelta(minutes=5)
    started.save()
    with pytest.raises(ActionError):
        actions.session_join(session=started, by=resident)


def test_no_email_carries_a_meeting_url(online_session, outbox_emails):
    a, b = people(2)
    actions.session_join(session=online_session, by=a)
    actions.sessions_send_reminders(now=online_session.starts_at - timedelta(days=1))
    actions.session_cancel(
        session=online_session, by=online_session.salon.organiser, reason="会場の都合"
    )
    assert outbox_emails()
    from carers.outbox import render

    for message in outbox_emails():
        subject, body = render(message)
        assert "secret-room" not in subject + body
        assert not re.search(r"meet\.example", body)


def test_guest_requests_are_rate_limited(visitor, session):
    for i in range(5):
        assert (
            visitor.post(
                f"/salons/sessions/{session.pk}/guest/",
                {"email": f"g{i}@example.jp", "nickname": "そら"},
            ).status_code
            == 200
        )
    response = visitor.post(
        f"/salons/sessions/{session.pk}/guest/", {"email": "g9@example.jp", "nickname": "そら"}
    )
    assert response.status_code == 429
    assert 'value="g9@example.jp"' in response.content.decode()
    assert Registration.objects.count() == 5


def test_unconfirmed_guest_requests_are_purged_after_the_link_expires(visitor, session):
    visitor.post(
        f"/salons/sessions/{session.pk}/guest/", {"email": "g@example.jp", "nickname": "そら"}
    )
    assert actions.guest_requests_purge() == 0
    assert actions.guest_requests_purge(now=timezone.now() + timedelta(days=3)) == 1
    assert not Registration.objects.exists()


def test_a_blank_nickname_never_becomes_the_email_or_the_account_name_for_young_carers(
    client_for, online_session, session
):
    young = make_user("taro.yamada@example.jp", display_name="山田太郎")
    client_for(young).post(
        f"/salons/sessions/{online_session.pk}/join/", {"nickname": "", "age_band": "15-18"}
    )
    reg = Registration.objects.get(session=online_session, user=young)
    assert reg.nickname == ""  # a young-carer salon: nothing from the account
    page = client_for(young).get(reg.get_absolute_url()).content.decode()
    assert "山田太郎" not in page and "taro.yamada" not in page
    plain = make_user("hanako.suzuki@example.jp", display_name="")  # no display name
    client_for(plain).post(f"/salons/sessions/{session.pk}/join/", {"nickname": ""})
    assert Registration.objects.get(session=session, user=plain).nickname == ""


def test_a_refused_signup_keeps_what_was_typed(client_for, resident, online_session, organiser):
    c = client_for(resident)
    url = f"/en/salons/sessions/{online_session.pk}/join/"
    response = c.post(url, {"nickname": "そら" * 30, "age_band": "15-18"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Please check the sign-up form." in body
    assert 'value="' + "そら" * 30 + '"' in body  # the nickname typed is still there
    assert 'value="15-18" selected' in body
    assert not Registration.objects.exists()
    actions.session_cancel(session=online_session, by=organiser, reason="会場の都合")
    response = c.post(url, {"nickname": "そら", "age_band": "15-18"})
    assert response.status_code == 409
    assert "This session has been cancelled." in response.content.decode()
    assert not Registration.objects.exists()
