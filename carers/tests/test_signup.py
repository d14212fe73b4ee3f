import pytest
from django.core import mail

from carers.models import Role, User


def _signup(client, email, **extra):
    data = {
        "email": email,
        "password1": "a-long-enough-pass-42",
        "password2": "a-long-enough-pass-42",
        **extra,
    }
    return client.post("/accounts/signup/", data)


@pytest.mark.django_db
def test_public_signup_creates_a_registered_user_and_asks_to_verify_email(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client, "new@example.jp")
    assert response.status_code == 302
    user = User.objects.get(email="new@example.jp")
    assert user.role == Role.REGISTERED and not user.is_staff and not user.is_superuser
    assert len(mail.outbox) == 1 and "new@example.jp" in mail.outbox[0].to


@pytest.mark.django_db
def test_signup_as_organiser(client):
    _signup(client, "org@example.jp", is_organiser="on", display_name="かえでの会")
    user = User.objects.get(email="org@example.jp")
    assert user.role == Role.ORGANISER and user.display_name == "かえでの会"


@pytest.mark.django_db
def test_signup_cannot_choose_a_staff_role(client, municipality):
    _signup(
        client,
        "sneaky@example.jp",
        role="prefecture_staff",
        municipality=municipality.code,
        is_staff="on",
    )
    user = User.objects.get(email="sneaky@example.jp")
    assert user.role == Role.REGISTERED and user.municipality is None and not user.is_staff


@pytest.mark.django_db
def test_unverified_user_cannot_sign_in(client):
    _signup(client, "unverified@example.jp")
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "unverified@example.jp", "password": "a-long-enough-pass-42"}
    )
    assert response.status_code == 302 and "confirm-email" in response.url


@pytest.mark.django_db
def test_bad_signup_keeps_input_and_says_why_in_japanese(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "kept@example.jp", "password1": "short", "password2": "short"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="kept@example.jp"' in body
    assert "パスワード" in body


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client, resident):
    from conftest import TEST_PASSWORD

    for _ in range(5):
        client.post("/en/accounts/login/", {"login": resident.email, "password": "wrong"})
    # Even the right password is refused until the window passes.
    response = client.post(
        "/en/accounts/login/", {"login": resident.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_goes_through_the_site_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
