"""The language of the page a user acts on is kept through sign-in (with the
staff two-factor step), sign-out and password reset."""

import re

import pytest
from django.core import mail

from conftest import totp_now
from tests.factories import TEST_PASSWORD


def _sign_in(client, user, prefix):
    response = client.post(
        f"{prefix}/accounts/login/", {"login": user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]
    return response


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "home"), [("/en", "/en/my-work/"), ("", "/my-work/")])
def test_staff_sign_in_with_two_factor_stays_in_the_page_language(
    client, municipal_staff, prefix, home
):
    response = _sign_in(client, municipal_staff, prefix)
    assert response["Location"] == f"{prefix}/accounts/2fa/authenticate/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f'<html lang="{"en" if prefix else "ja"}"' in page.content.decode()
    response = client.post(response["Location"], {"code": totp_now()})
    assert response.status_code == 302
    assert response["Location"] == home


@pytest.mark.django_db
def test_sign_in_keeps_the_next_page_and_sign_out_stays_in_english(client, resident):
    response = client.post(
        "/en/accounts/login/?next=/en/salons/",
        {"login": resident.email, "password": TEST_PASSWORD},
    )
    assert response["Location"] == "/en/salons/"
    client.get("/en/")
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_plain_sign_in_from_an_english_page_lands_on_the_english_home(client, resident):
    assert _sign_in(client, resident, "/en")["Location"] == "/en/"


@pytest.mark.django_db
def test_password_reset_from_an_english_page_is_english_to_the_end(
    client, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/password/reset/", {"email": resident.email})
    assert response.status_code == 302
    assert response["Location"].startswith("/en/")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = re.search(r"https?://[^/\s]+(/\S+)", body).group(1)
    assert link.startswith("/en/accounts/password/reset/key/"), body
    assert "password" in body.lower()  # the email itself is in English
    response = client.get(link)
    if response.status_code == 302:  # allauth moves the key into the session
        assert response["Location"].startswith("/en/")
        response = client.get(response["Location"])
    assert response.status_code == 200
    form_url = response.request["PATH_INFO"]
    response = client.post(
        form_url, {"password1": "a-new-long-passphrase-42", "password2": "a-new-long-passphrase-42"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/password/reset/key/done")


@pytest.mark.django_db
def test_password_reset_from_a_japanese_page_links_to_japanese_pages(
    client, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": resident.email})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    assert link.startswith("/accounts/password/reset/key/")
