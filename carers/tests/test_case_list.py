"""The case list: own municipality only, filters, bounded queries, empty state."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from carers.models import Household
from carers.tests.conftest import CARER_NAME, make_household

pytestmark = pytest.mark.django_db
URL = reverse("carers:household_list")


def test_list_shows_own_households_without_names(
    municipal_staff, other_municipality_staff, client_for, django_assert_max_num_queries
):
    for _ in range(5):
        make_household(municipal_staff)
    make_household(other_municipality_staff, reference="HAK-1")
    client = client_for(municipal_staff)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    body = response.content.decode()
    assert len(response.context["page"].object_list) == 5
    assert "HAK-1" not in body and CARER_NAME not in body


def test_due_filter(municipal_staff, household, client_for):
    Household.objects.filter(pk=household.pk).update(
        next_follow_up=timezone.localdate() - datetime.timedelta(days=1)
    )
    make_household(municipal_staff)
    response = client_for(municipal_staff).get(URL, {"due": "1"})
    assert [h.pk for h in response.context["page"].object_list] == [household.pk]


def test_empty_state_says_what_to_do(municipal_staff, client_for):
    body = client_for(municipal_staff).get(URL).content.decode()
    assert reverse("carers:household_create") in body


def test_search_by_reference(municipal_staff, household, client_for):
    make_household(municipal_staff, reference="OTHER-9")
    response = client_for(municipal_staff).get(URL, {"q": "OTHER"})
    assert [h.reference for h in response.context["page"].object_list] == ["OTHER-9"]


def test_search_with_a_nul_byte_is_not_a_500(municipal_staff, household, client_for):
    response = client_for(municipal_staff).get(
        reverse("carers:household_list"), {"q": household.reference[:4] + "\x00", "status": "zzz"}
    )
    assert response.status_code == 200 and household.reference in response.content.decode()
