"""An anonymous visitor gets no persistent cookie until they submit a form:
pages without a POST form set no cookie at all, pages with one set only a
browser-session CSRF cookie, and CSRF protection stays on."""

import pytest
from django.test import Client

from salons.models import Audience
from salons.tests.conftest import make_salon, make_session


@pytest.fixture
def salon_pages(organiser, municipality):
    adult = make_salon(organiser, municipality)
    young = make_salon(
        organiser, None, name="オンラインサロン", is_online=True, audiences=[Audience.YOUNG_CARERS]
    )
    return [
        f"/salons/{adult.pk}/",
        f"/salons/{young.pk}/",
        f"/en/salons/{young.pk}/",
        f"/salons/sessions/{make_session(young, is_online=True).pk}/guest/",
    ]


@pytest.mark.django_db
def test_pages_without_a_form_set_no_cookie(salon_pages):
    client = Client()
    for path in (
        "/",
        "/en/",
        "/awareness/",
        "/awareness/young-carers/",
        "/awareness/work-and-care/",
        "/awareness/leaving-no-trace/",
        "/salons/",
        "/services/",
        *salon_pages[:3],
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, f"{path} set {list(response.cookies)}"


@pytest.mark.django_db
def test_pages_with_a_form_set_only_a_browser_session_cookie(salon_pages):
    client = Client()
    for path in ("/awareness/check/", "/services/guide/", salon_pages[3]):
        response = client.get(path)
        assert response.status_code == 200, path
        assert set(response.cookies) <= {"csrftoken"}, path
        for morsel in response.cookies.values():
            assert not morsel["max-age"] and not morsel["expires"], f"{path}: persistent"


@pytest.mark.django_db
def test_csrf_protection_is_still_on():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/awareness/check/", {"subject": "myself"})
    assert response.status_code == 403
    client.get("/awareness/check/")
    token = client.cookies["csrftoken"].value
    response = client.post("/awareness/check/", {"subject": "myself", "csrfmiddlewaretoken": token})
    assert response.status_code == 200
