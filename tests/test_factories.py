import pytest
from allauth.mfa.models import Authenticator

from tests.factories import TEST_PASSWORD, MunicipalStaffFactory, UserFactory


@pytest.mark.django_db
def test_user_factory_makes_a_verified_account_that_can_sign_in(client):
    user = UserFactory()
    assert user.check_password(TEST_PASSWORD)
    assert user.emailaddress_set.get().verified
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session


@pytest.mark.django_db
def test_municipal_staff_factory_has_scope_and_mfa():
    staff = MunicipalStaffFactory(municipality_code="012025")
    assert staff.municipality.name == "函館市"
    assert Authenticator.objects.filter(user=staff, type="totp").exists()
