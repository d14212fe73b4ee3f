"""Staff pages need TOTP set up; allauth has no such switch, carers.access enforces it."""

import pytest
from allauth.mfa.models import Authenticator

from conftest import make_user


@pytest.mark.django_db
def test_staff_without_mfa_is_sent_to_set_it_up(client_for):
    staff = make_user("nomfa@pref.example.jp", "prefecture_staff", mfa=False)
    response = client_for(staff).get("/dashboard/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"


@pytest.mark.django_db
def test_staff_with_mfa_gets_in(client_for, prefecture_staff):
    assert Authenticator.objects.filter(user=prefecture_staff).exists()
    assert client_for(prefecture_staff).get("/dashboard/").status_code == 200


@pytest.mark.django_db
def test_mfa_requirement_can_be_switched_off_by_setting(client_for, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    staff = make_user("nomfa2@pref.example.jp", "prefecture_staff", mfa=False)
    assert client_for(staff).get("/dashboard/").status_code == 200


@pytest.mark.django_db
def test_login_of_staff_asks_for_the_totp_code(client, prefecture_staff):
    from conftest import TEST_PASSWORD

    response = client.post(
        "/accounts/login/", {"login": prefecture_staff.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url.startswith("/accounts/2fa/authenticate")
    # Not signed in until the code is given.
    assert client.get("/dashboard/").status_code == 302
