"""A registered user downloads their data (JSON) and deletes their account;
their sign-ups stay as anonymous records, nothing else is lost."""

import json

import pytest
from allauth.account.models import EmailAddress

from carers import outbox
from carers.models import OutboundEmail, User
from salons import actions
from salons.models import Registration, RegistrationStatus
from salons.tests.conftest import make_salon, make_session
from tests.factories import TEST_PASSWORD


@pytest.fixture
def signed_up(resident, organiser, municipality):
    salon = make_salon(organiser, municipality)
    upcoming = make_session(salon, capacity=1)
    past = make_session(salon, days=-10)
    reg = actions.session_join(session=upcoming, by=resident, nickname="ひまわり")
    waiting = actions.session_join(session=upcoming, by=organiser, nickname="かえで")
    Registration.objects.create(
        session=past, user=resident, nickname="ひまわり", status=RegistrationStatus.CONFIRMED
    )
    outbox.enqueue(to=resident, template="carers/email/test_notice", context={"what": "x"})
    return {"salon": salon, "upcoming": upcoming, "past": past, "reg": reg, "waiting": waiting}


@pytest.mark.django_db
def test_download_holds_the_account_sign_ups_and_emails(client_for, resident, signed_up):
    response = client_for(resident).get("/my-data/download.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == resident.email
    assert [s["nickname"] for s in data["salon_sign_ups"]] == ["ひまわり", "ひまわり"]
    assert data["salon_sign_ups"][0]["salon"] == signed_up["salon"].name
    assert len(data["emails_sent_to_you"]) >= 1
    # Only one's own data: the other participant is not in it.
    assert "かえで" not in response.content.decode()


@pytest.mark.django_db
def test_my_data_page_and_download_need_sign_in(client):
    assert client.get("/my-data/").status_code == 302
    assert client.get("/my-data/download.json").status_code == 302


@pytest.mark.django_db
def test_deleting_the_account_anonymises_sign_ups_and_loses_nothing_else(
    client_for, resident, organiser, signed_up
):
    c = client_for(resident)
    assert c.get("/my-data/delete/").status_code == 200
    response = c.post("/my-data/delete/", {"password": TEST_PASSWORD, "understood": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email=resident.email).exists()
    assert not EmailAddress.objects.filter(email=resident.email).exists()
    assert not OutboundEmail.objects.filter(to_email=resident.email).exists()
    # Both sign-ups remain, without the person; the upcoming one is cancelled
    # and its seat offered to the waiting participant.
    regs = Registration.objects.filter(pk__in=[signed_up["reg"].pk]) | Registration.objects.filter(
        session=signed_up["past"]
    )
    assert regs.count() == 2
    for reg in regs:
        assert reg.user_id is None and reg.nickname == "" and reg.guest_email == ""
    assert Registration.objects.get(pk=signed_up["reg"].pk).status == RegistrationStatus.CANCELLED
    assert (
        Registration.objects.filter(session=signed_up["past"]).get().status
        == RegistrationStatus.CONFIRMED
    )
    signed_up["waiting"].refresh_from_db()
    assert signed_up["waiting"].status == RegistrationStatus.OFFERED
    assert signed_up["salon"].organiser == organiser  # the salon is untouched
    assert not c.get("/").wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_wrong_password_or_no_tick_deletes_nothing(client_for, resident):
    c = client_for(resident)
    response = c.post("/my-data/delete/", {"password": "wrong", "understood": "on"})
    assert response.status_code == 400 and response.context["form"].errors["password"]
    response = c.post("/my-data/delete/", {"password": TEST_PASSWORD})
    assert response.status_code == 400 and response.context["form"].errors["understood"]
    assert User.objects.filter(pk=resident.pk).exists()


@pytest.mark.django_db
def test_an_organiser_with_salons_and_staff_cannot_delete_themselves(
    client_for, organiser, municipality, prefecture_staff
):
    make_salon(organiser, municipality)
    response = client_for(organiser).post(
        "/my-data/delete/", {"password": TEST_PASSWORD, "understood": "on"}
    )
    assert response.status_code == 400 and response.context["blocker"]
    assert User.objects.filter(pk=organiser.pk).exists()
    response = client_for(prefecture_staff).post(
        "/my-data/delete/", {"password": TEST_PASSWORD, "understood": "on"}
    )
    assert response.status_code == 400
    assert User.objects.filter(pk=prefecture_staff.pk).exists()
