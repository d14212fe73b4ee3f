"""The access policy (carers.policy): one role-to-scope function, and a view
that reads a scoped model without the policy fails."""

import pytest
from django.core.exceptions import PermissionDenied

from carers.models import Household
from carers.policy import Audience, UnscopedQuery, enforcing, scope_of
from carers.tests.conftest import make_household


@pytest.mark.django_db
def test_each_role_has_one_scope(
    resident, organiser, municipal_staff, prefecture_staff, advisor_user
):
    from django.contrib.auth.models import AnonymousUser

    assert scope_of(AnonymousUser()).audience is Audience.PUBLIC
    assert scope_of(None).audience is Audience.PUBLIC
    assert scope_of(resident).audience is Audience.PUBLIC
    assert scope_of(resident).user == resident
    assert scope_of(organiser).audience is Audience.ORGANISER
    assert scope_of(municipal_staff).audience is Audience.MUNICIPAL
    assert scope_of(municipal_staff).municipality_id == municipal_staff.municipality_id
    assert scope_of(prefecture_staff).audience is Audience.PREFECTURE
    assert scope_of(prefecture_staff).municipality_id is None
    assert scope_of(advisor_user).audience is Audience.ADVISOR


@pytest.mark.django_db
def test_a_superuser_is_scoped_by_role_like_anyone(municipal_staff):
    from conftest import make_user

    admin = make_user("root@example.jp", is_superuser=True, is_staff=True)
    make_household(municipal_staff)
    assert scope_of(admin).audience is Audience.PUBLIC
    assert not Household.objects.visible_to(admin).exists()


@pytest.mark.django_db
@pytest.mark.urls("carers.tests.policy_urls")
@pytest.mark.parametrize("path", ["/forgot/", "/filtered/"])
def test_a_view_reading_a_scoped_model_without_the_policy_fails(path, client_for, municipal_staff):
    make_household(municipal_staff)
    with pytest.raises(UnscopedQuery, match="Household"):
        client_for(municipal_staff).get(path)


@pytest.mark.django_db
@pytest.mark.urls("carers.tests.policy_urls")
def test_reaching_households_from_an_unscoped_row_fails(client_for, municipal_staff):
    make_household(municipal_staff)
    with pytest.raises(UnscopedQuery):
        client_for(municipal_staff).get(
            f"/via-municipality/?code={municipal_staff.municipality_id}"
        )


@pytest.mark.django_db
@pytest.mark.urls("carers.tests.policy_urls")
def test_views_through_the_policy_answer_within_the_scope(
    client_for, municipal_staff, other_municipality_staff, prefecture_staff
):
    make_household(municipal_staff)
    make_household(other_municipality_staff)
    staff = client_for(municipal_staff)
    assert staff.get("/visible/").content == b"1"
    assert staff.get("/manageable/").content == b"1"
    assert staff.get("/via-household/").status_code == 200  # related rows of a scoped row
    assert staff.get("/opted-out/").content == b"2"  # the explicit opt-out
    assert client_for(prefecture_staff).get("/visible/").content == b"0"  # no audit grant


@pytest.mark.django_db
def test_code_outside_a_request_is_not_checked(municipal_staff):
    make_household(municipal_staff)
    assert Household.objects.count() == 1  # commands, tasks, tests
    with enforcing():
        with pytest.raises(UnscopedQuery):
            Household.objects.count()
        assert Household.objects.visible_to(municipal_staff).count() == 1


@pytest.mark.django_db
def test_the_scope_survives_chaining(municipal_staff):
    make_household(municipal_staff)
    with enforcing():
        qs = Household.objects.filter(status="open").visible_to(municipal_staff)
        assert list(qs.order_by("pk").values_list("status", flat=True)[:5]) == ["open"]
        assert qs.exclude(status="closed").exists()


@pytest.mark.django_db
def test_actions_check_the_policy_themselves(municipal_staff, other_municipality_staff):
    from carers import actions

    household = make_household(municipal_staff)
    with pytest.raises(PermissionDenied):
        actions.household_close(household=household, by=other_municipality_staff)
    household.refresh_from_db()
    assert household.status == "open"
