import pytest


@pytest.mark.django_db
def test_prefecture_staff_sees_the_dashboard(client_for, prefecture_staff):
    response = client_for(prefecture_staff).get("/en/dashboard/")
    assert response.status_code == 200
    assert "Hokkaido dashboard" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["municipal_staff", "advisor_user", "organiser", "resident"])
def test_other_roles_get_404(request, client_for, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get("/dashboard/").status_code == 404


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
