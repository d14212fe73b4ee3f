"""Prefecture staff keep the advisor roster through staff pages."""

import pytest

from advisors.models import Advisor

URL = "/en/advisors/roster/"


@pytest.mark.django_db
def test_add_an_advisor(client_for, prefecture_staff, advisor_user, municipality):
    client = client_for(prefecture_staff)
    assert "No advisors on the roster yet" in client.get(URL).content.decode()
    response = client.post(
        URL + "new/",
        {
            "user": advisor_user.pk,
            "name": "Advisor Sato",
            "profile": "Ten years in a care centre",
            "specialties": ["survey", "plan"],
            "other_specialties": "Young carers",
            "areas": [municipality.pk],
            "unavailable_dates": "2027-01-05\n2027-01-06, 2027-01-05",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    advisor = Advisor.objects.get()
    assert advisor.specialties == ["survey", "plan"]
    assert [str(d) for d in advisor.unavailable_dates] == ["2027-01-05", "2027-01-06"]
    assert list(advisor.areas.all()) == [municipality]
    body = client.get(URL).content.decode()
    assert "Advisor Sato" in body and "Sapporo-shi" in body  # English page, English names


@pytest.mark.django_db
def test_edit_and_deactivate(client_for, prefecture_staff, advisor):
    client = client_for(prefecture_staff)
    page = client.get(f"{URL}{advisor.pk}/").content.decode()
    assert "Advisor Sato" in page
    client.post(
        f"{URL}{advisor.pk}/",
        {"user": advisor.user_id, "name": "Advisor Sato", "unavailable_dates": ""},
    )
    advisor.refresh_from_db()
    assert not advisor.is_active
    assert not Advisor.objects.active().exists()


@pytest.mark.django_db
def test_bad_dates_are_refused(client_for, prefecture_staff, advisor_user):
    response = client_for(prefecture_staff).post(
        URL + "new/",
        {
            "user": advisor_user.pk,
            "name": "X",
            "unavailable_dates": "next tuesday",
            "is_active": "on",
        },
    )
    assert "is not a date" in response.content.decode()
    assert not Advisor.objects.exists()


@pytest.mark.django_db
def test_only_advisor_accounts_can_be_linked(client_for, prefecture_staff, resident):
    response = client_for(prefecture_staff).post(
        URL + "new/", {"user": resident.pk, "name": "X", "is_active": "on"}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Advisor.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["municipal_staff", "advisor_user"])
def test_other_staff_get_404(request, client_for, persona, advisor):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}{advisor.pk}/").status_code == 404


@pytest.mark.django_db
def test_roster_list_query_count(
    client_for, prefecture_staff, municipality, django_assert_max_num_queries
):
    from conftest import make_user

    for i in range(5):
        advisor = Advisor.objects.create(
            user=make_user(f"a{i}@example.jp", "advisor"), name=f"Advisor {i}"
        )
        advisor.areas.add(municipality)
    client = client_for(prefecture_staff)
    with django_assert_max_num_queries(10):
        body = client.get(URL).content.decode()
    assert body.count("Sapporo-shi") == 5
