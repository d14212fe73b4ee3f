"""Real Chromium: a resident chooses 旭川市 once and finds it preselected on
the salons, services, guide and self-check pages; the header's search box
finds an article, a salon and a service for one query; the new pages pass axe."""

import pytest

from carers.models import Municipality
from portal.tests.test_site_search import make_article, make_service
from salons.tests.conftest import make_salon

ASAHIKAWA = "012041"


def selected_value(page, selector="select[name=municipality]"):
    return page.locator(f"main {selector}").first.input_value()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_resident_chooses_asahikawa_once_and_finds_it_everywhere(page):
    page.goto(f"{page.base_url}/")
    page.get_by_role("link", name="お住まいの市区町村を選ぶ").click()
    page.select_option("main select[name=municipality]", ASAHIKAWA)
    page.get_by_role("button", name="この市区町村にする").click()
    page.wait_for_url(f"{page.base_url}/")
    assert "お住まいの市区町村: 旭川市" in page.locator(".resident-municipality").inner_text()

    # Through the site's own links: the navigation, then each page's address bar.
    page.get_by_role("link", name="サロン・カフェ", exact=True).first.click()
    page.wait_for_load_state()
    assert selected_value(page) == ASAHIKAWA
    page.goto(f"{page.base_url}/services/")
    assert selected_value(page) == ASAHIKAWA
    page.goto(f"{page.base_url}/services/guide/")
    assert selected_value(page) == ASAHIKAWA
    page.goto(f"{page.base_url}/awareness/check/")
    page.locator("main button[name=subject][value=myself]").click()
    page.wait_for_selector("input[name=sign_alone]")
    assert selected_value(page) == ASAHIKAWA

    # Changed from any page: the header's [変更] goes back to where one was.
    page.goto(f"{page.base_url}/services/")
    page.locator(".resident-municipality a").click()
    page.select_option("main select[name=municipality]", "012025")
    page.get_by_role("button", name="この市区町村にする").click()
    page.wait_for_url(f"{page.base_url}/services/")
    assert selected_value(page) == "012025"
    assert "函館市" in page.locator(".resident-municipality").inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_search_box_finds_an_article_a_salon_and_a_service(page, organiser):
    make_article("hidamari-browser", "ヒダマリの会の話")
    make_salon(organiser, Municipality.objects.get(code=ASAHIKAWA), name="ひだまりサロン 旭川")
    make_service("ﾋﾀﾞﾏﾘ訪問介護")
    page.goto(f"{page.base_url}/salons/")
    page.fill("#site-search-q", "ひだまり")
    page.locator(".site-search button[type=submit]").click()
    page.wait_for_url("**/search/?q=*")
    assert "ヒダマリの会の話" in page.locator("#results-articles").inner_text()
    assert "ひだまりサロン 旭川" in page.locator("#results-salons").inner_text()
    assert "ﾋﾀﾞﾏﾘ訪問介護" in page.locator("#results-services").inner_text()
    # Each group links to its full list, which shows the same hit.
    page.locator("#results-salons a", has_text="すべて見る").click()
    page.wait_for_load_state()
    assert "ひだまりサロン 旭川" in page.locator("main").inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_new_pages_pass_axe_in_both_languages(page, axe_check):
    for prefix in ("", "/en"):
        for path in ("/talk-now/", "/search/?q=介護", "/municipality/?next=/", "/"):
            response = page.goto(f"{page.base_url}{prefix}{path}")
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == ("en" if prefix else "ja")
            results = axe_check(page)  # fails on serious or critical violations
            assert results.response["passes"], f"axe checked nothing on {prefix}{path}"
