"""The resident's municipality: set only by a deliberate choice, preselected
on salons, services, the guide, the articles and the self-check, carried
through links, shown and changeable on every page, and forgotten on request."""

import re

import pytest
from django.test import Client

from carers.residence import COOKIE

pytestmark = pytest.mark.django_db

ASAHIKAWA, HAKODATE, SAPPORO = "012041", "012025", "011002"


def resident(code=ASAHIKAWA):
    client = Client()
    client.cookies[COOKIE] = code
    return client


def selected(html, name="municipality"):
    """The value of the selected option of the <select name=...>, or None."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select {name}"
    option = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(1))
    return option.group(1) if option else None


def test_a_link_naming_a_municipality_sets_no_cookie():
    response = Client().get(f"/salons/?municipality={ASAHIKAWA}")
    assert response.status_code == 200
    assert COOKIE not in response.cookies


@pytest.mark.parametrize("path", ["/salons/", "/services/", "/awareness/"])
def test_submitting_a_search_form_remembers_and_drops_the_marker(path):
    client = Client()
    response = client.get(f"{path}?q=&municipality={ASAHIKAWA}&set_municipality=1")
    assert response.status_code == 302
    assert response["Location"] == f"{path}?q=&municipality={ASAHIKAWA}"
    morsel = response.cookies[COOKIE]
    assert morsel.value == ASAHIKAWA
    assert int(morsel["max-age"]) >= 300 * 24 * 3600 and morsel["httponly"]
    page = client.get(response["Location"]).content.decode()
    assert "お住まいの市区町村:" in page and "旭川市" in page


def test_choosing_all_municipalities_in_a_search_remembers_nothing():
    response = Client().get("/salons/?municipality=&set_municipality=1")
    assert response.status_code == 200
    assert COOKIE not in response.cookies


def test_the_remembered_municipality_is_preselected_everywhere():
    client = resident()
    assert selected(client.get("/salons/").content.decode()) == ASAHIKAWA
    assert selected(client.get("/services/").content.decode()) == ASAHIKAWA
    assert selected(client.get("/services/guide/").content.decode()) == ASAHIKAWA
    assert selected(client.get("/awareness/").content.decode()) == ASAHIKAWA
    step2 = client.post("/awareness/check/", {"subject": "myself"}).content.decode()
    assert selected(step2) == ASAHIKAWA


def test_an_explicit_choice_in_the_address_wins_over_the_cookie():
    client = resident()
    assert selected(client.get(f"/salons/?municipality={HAKODATE}").content.decode()) == HAKODATE
    # "All municipalities" (an empty value) stays all.
    assert selected(client.get("/services/?municipality=").content.decode()) in ("", None)
    guide = client.get(f"/services/guide/?municipality={HAKODATE}").content.decode()
    assert selected(guide) == HAKODATE


def test_without_a_choice_nothing_is_preselected():
    client = Client()
    assert selected(client.get("/salons/").content.decode()) in ("", None)
    assert selected(client.get("/services/guide/").content.decode()) in ("", None)
    assert "お住まいの市区町村を選ぶ" in client.get("/").content.decode()


def test_the_header_names_it_on_every_page_with_a_change_link():
    client = resident()
    for path in ("/", "/awareness/work-and-care/", "/privacy/", "/salons/"):
        html = client.get(path).content.decode()
        assert "お住まいの市区町村:" in html and "<strong>旭川市</strong>" in html, path
        assert f'href="/municipality/?next={path.replace("/", "%2F")}"' in html, path
    english = client.get("/en/services/").content.decode()
    assert "Your municipality:" in english and "Asahikawa" in english
    assert 'href="/en/municipality/?next=%2Fen%2Fservices%2F"' in english


def test_links_between_pages_carry_it():
    html = resident().get("/").content.decode()
    for url in ("/salons/", "/services/", "/awareness/check/", "/services/guide/", "/talk-now/"):
        assert f'href="{url}?municipality={ASAHIKAWA}"' in html, url


def test_cookie_values_that_are_not_a_municipality_of_the_prefecture_are_ignored():
    for value in ("999999", "<b>x</b>", "131016", "01204"):  # 131016: 千代田区, not Hokkaido
        html = resident(value).get("/salons/").content.decode()
        assert "お住まいの市区町村を選ぶ" in html, value
        assert value not in html or value == "01204", value
        assert selected(html) in ("", None), value


def test_the_chooser_sets_changes_and_forgets():
    client = Client()
    page = client.get("/municipality/?next=/services/")
    assert page.status_code == 200 and 'name="next" value="/services/"' in page.content.decode()
    response = client.post(
        "/municipality/", {"municipality": ASAHIKAWA, "next": f"/salons/?municipality={SAPPORO}"}
    )
    assert response.status_code == 302
    # The page one came from now shows the new choice.
    assert response["Location"] == f"/salons/?municipality={ASAHIKAWA}"
    assert response.cookies[COOKIE].value == ASAHIKAWA
    assert "<strong>旭川市</strong>" in client.get("/").content.decode()
    response = client.post("/municipality/", {"action": "forget", "next": "/services/"})
    assert response.status_code == 302 and response["Location"] == "/services/"
    assert response.cookies[COOKIE].value == "" and response.cookies[COOKIE]["max-age"] == 0
    assert "お住まいの市区町村を選ぶ" in client.get("/").content.decode()


def test_the_chooser_refuses_a_wrong_value_and_keeps_where_to_go_back():
    response = Client().post("/municipality/", {"municipality": "999999", "next": "/salons/"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "一覧から市町村を選んでください" in html and 'value="/salons/"' in html
    assert COOKIE not in response.cookies
    english = Client().post("/en/municipality/", {"municipality": "", "next": "/en/"})
    assert "Choose a municipality from the list." in english.content.decode()


def test_the_remembering_redirect_stays_on_this_site():
    from django.http import HttpResponse
    from django.test import RequestFactory

    from portal.residence import ResidentMunicipalityMiddleware

    request = RequestFactory().get("/", {"municipality": ASAHIKAWA, "set_municipality": "1"})
    request.path = "//evil.example/"  # a path a browser may send as written
    response = ResidentMunicipalityMiddleware(lambda r: HttpResponse())(request)
    assert response.status_code == 302
    assert response["Location"] == f"/evil.example/?municipality={ASAHIKAWA}"


def test_the_chooser_never_sends_elsewhere():
    response = Client().post(
        "/municipality/", {"municipality": ASAHIKAWA, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_self_check_remembers_and_its_result_carries_it_to_the_guide():
    from portal.selfcheck import SIGN_KEYS

    client = Client()
    answers = {f"sign_{key}": "yes" for key in SIGN_KEYS}
    answers.update(subject="myself", answered="1", municipality=ASAHIKAWA, set_municipality="1")
    response = client.post("/awareness/check/", answers)
    assert response.status_code == 200
    assert response.cookies[COOKIE].value == ASAHIKAWA
    html = response.content.decode()
    assert f'href="/services/guide/?municipality={ASAHIKAWA}"' in html
    guide = Client().get(f"/services/guide/?municipality={ASAHIKAWA}").content.decode()
    assert selected(guide) == ASAHIKAWA


def test_a_self_check_with_errors_remembers_nothing():
    response = Client().post(
        "/awareness/check/",
        {"subject": "myself", "answered": "1", "municipality": ASAHIKAWA, "set_municipality": "1"},
    )
    assert response.status_code == 400
    assert COOKIE not in response.cookies


def test_the_privacy_page_explains_the_cookie():
    ja = Client().get("/privacy/").content.decode()
    assert "お住まいの市区町村" in ja and "全国地方公共団体コード" in ja and "忘れる" in ja
    en = Client().get("/en/privacy/").content.decode()
    assert "6-digit local government code" in en and "Forget my municipality" in en
