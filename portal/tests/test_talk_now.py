"""「今すぐ相談したい」: from the home page to the resident's municipality's
windows (or the fallback when it has none), the national lines and 110/119,
every number a tel: link."""

import re

import pytest
from django.test import Client

from carers.models import Municipality
from carers.residence import COOKIE
from portal.tests.test_site_search import make_service
from services import builtin as content
from services.models import Scope, Service

pytestmark = pytest.mark.django_db

ASAHIKAWA = "012041"


def resident(code=ASAHIKAWA):
    client = Client()
    client.cookies[COOKIE] = code
    return client


@pytest.fixture
def asahikawa_window():
    asahikawa = Municipality.objects.get(code=ASAHIKAWA)
    return make_service("旭川市 架空の介護相談窓口", asahikawa, window=True, phone="0166-00-1234")


def test_the_home_page_leads_there_with_the_municipality():
    html = Client().get("/").content.decode()
    assert re.search(r'href="/talk-now/"[^>]*>今すぐ相談したい<', html)
    html = resident().get("/").content.decode()
    assert f'href="/talk-now/?municipality={ASAHIKAWA}"' in html
    english = Client().get("/en/").content.decode()
    assert ">Talk to someone now<" in english


def test_emergency_numbers_and_national_lines_with_sources():
    html = Client().get("/talk-now/").content.decode()
    for tel in ('href="tel:110"', 'href="tel:119"', 'href="tel:189"'):
        assert tel in html
    assert 'href="tel:+81120279338"' in html  # よりそいホットライン
    assert 'href="tel:+81570064556"' in html  # こころの健康相談統一ダイヤル
    assert "厚生労働省「こころの健康相談統一ダイヤル」" in html
    assert "こども家庭庁" in html and "社会的包摂サポートセンター" in html
    # Without a municipality: a chooser that remembers it.
    assert 'name="set_municipality" value="1"' in html


def test_the_catalogue_national_lines_are_reused_not_repeated():
    content.load()
    html = Client().get("/talk-now/").content.decode()
    sos = Service.objects.get(phone="0120-0-78310", scope=Scope.NATIONAL)
    assert sos.get_absolute_url() in html  # the catalogue's entry, linked
    assert html.count('href="tel:+81120078310"') == 1


def test_the_municipality_windows_with_tel_links(asahikawa_window):
    html = resident().get("/talk-now/").content.decode()
    assert "旭川市の相談窓口" in html
    assert asahikawa_window.get_absolute_url() in html
    assert 'href="tel:+81166001234"' in html
    assert "No consultation window" not in html and "まだ掲載されていません" not in html
    assert "/services/?category=consultation&amp;municipality=012041" in html


def test_the_fallback_when_the_municipality_lists_no_window():
    prefectural = make_service("架空の道のケアラー相談", window=True, phone="011-000-1111")
    prefectural.scope = Scope.PREFECTURAL
    prefectural.save()
    html = Client().get(f"/talk-now/?municipality={ASAHIKAWA}").content.decode()
    assert "旭川市の相談窓口" in html
    assert "旭川市役所" in html  # whom to call instead (services.api.consultation_fallback)
    # The prefecture's window, named by the fallback, is listed once.
    assert html.count(f'href="{prefectural.get_absolute_url()}"') == 1
    assert 'href="tel:110"' in html


def test_choosing_a_municipality_there_remembers_it(asahikawa_window):
    client = Client()
    response = client.get(f"/talk-now/?set_municipality=1&municipality={ASAHIKAWA}")
    assert response.status_code == 302 and response.cookies[COOKIE].value == ASAHIKAWA
    html = client.get(response["Location"]).content.decode()
    assert asahikawa_window.get_absolute_url() in html


def test_an_unknown_municipality_shows_the_national_lines_only():
    response = Client().get("/talk-now/?municipality=999999")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="tel:+81120279338"' in html
    assert "Consultation windows where you live" not in html and "お住まいの地域の相談窓口" in html
