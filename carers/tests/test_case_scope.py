"""Every case-record URL is invisible outside the household's municipality:
404 for other staff, prefecture staff and organisers; sign-in for visitors."""

import pytest
from django.urls import reverse

from carers.models import AccessLogEntry, Household

pytestmark = pytest.mark.django_db

HOUSEHOLD_URLS = [
    "carers:household_detail",
    "carers:household_edit",
    "carers:household_access_log",
    "carers:household_export_json",
    "carers:household_print",
    "carers:household_delete",
    "carers:consent_withdraw",
    "carers:consultation_add",
    "carers:follow_up_set",
    "carers:household_close",
]
LIST_URLS = ["carers:household_list", "carers:household_create"]
GET_ONLY = (
    "carers:household_list",
    "carers:household_detail",
    "carers:household_access_log",
    "carers:household_export_json",
    "carers:household_print",
)


def accepts_post(url):
    from django.urls import resolve

    match = resolve(url)
    return f"{match.namespace}:{match.url_name}" not in GET_ONLY


def household_urls(household):
    urls = [reverse(name, args=[household.public_id]) for name in HOUSEHOLD_URLS]
    try:
        urls.append(reverse("services:household_guidance", args=[household.public_id]))
    except Exception:  # the services app has not added its page yet
        pass
    return urls


def all_urls(household):
    return [reverse(name) for name in LIST_URLS] + household_urls(household)


@pytest.mark.parametrize("persona", ["prefecture_staff", "organiser", "resident", "advisor_user"])
def test_non_municipal_roles_get_404_on_every_case_url(request, persona, household, client_for):
    client = client_for(request.getfixturevalue(persona))
    for url in all_urls(household):
        assert client.get(url).status_code == 404, url
        if accepts_post(url):
            assert client.post(url, {"confirm": "on", "reason": "error"}).status_code == 404, url
    assert Household.objects.filter(pk=household.pk).exists()


def test_other_municipality_staff_cannot_reach_the_household(
    household, other_municipality_staff, client_for
):
    client = client_for(other_municipality_staff)
    listing = client.get(reverse("carers:household_list"), {"status": "all"})
    assert listing.status_code == 200 and household.reference not in listing.content.decode()
    for url in household_urls(household):
        assert client.get(url).status_code == 404, url
        if accepts_post(url):
            assert client.post(url, {"confirm": "on", "reason": "error"}).status_code == 404, url
    assert Household.objects.filter(pk=household.pk).exists()
    # Nothing was read, so nothing was logged (only the creation).
    assert AccessLogEntry.objects.filter(household_public_id=household.public_id).count() == 1


def test_visitor_is_sent_to_sign_in(visitor, household):
    for url in all_urls(household):
        response = visitor.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


def test_unknown_household_is_404(municipal_staff, client_for):
    client = client_for(municipal_staff)
    assert client.get("/cases/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_staff_of_the_municipality_can_open_every_page(municipal_staff, household, client_for):
    client = client_for(municipal_staff)
    for url in all_urls(household):
        assert client.get(url).status_code == 200, url


def test_case_pages_are_never_cached(municipal_staff, household, client_for):
    client = client_for(municipal_staff)
    for url in all_urls(household):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url
