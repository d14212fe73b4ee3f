"""Real Chromium: the coverage board passes axe in both languages and sorts
and filters through links and a GET form; printed pages show phone numbers."""

import pytest

from portal.tests.test_coverage import SAPPORO, WAKKANAI, wakkanai  # noqa: F401 - fixture


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_coverage_board_passes_axe_and_sorts_and_filters(
    page,
    axe_check,
    browser_login,
    prefecture_staff,
    wakkanai,  # noqa: F811 - the fixture imported above
):
    browser_login(page, prefecture_staff)
    for prefix in ("", "/en"):
        page.goto(f"{page.base_url}{prefix}/dashboard/")
        page.locator(f"main a[href='{prefix}/dashboard/coverage/']").click()
        page.wait_for_load_state()
        assert page.locator("tbody tr").count() == 179
        page.locator("details.coverage-map summary").click()  # the map, drawn inline
        assert page.locator("details.coverage-map svg circle").count() == 179
        axe_check(page)
        # Filter, then sort by a heading link: plain links and a GET form.
        page.select_option("#id_missing", "any")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(f"#m-{WAKKANAI}").count() == 0
        assert page.locator("tbody tr").count() == 178
        page.locator("thead a[href*='sort=services']").click()
        page.wait_for_load_state()
        page.locator("thead a[href*='sort=services']").click()  # now descending
        page.wait_for_load_state()
        assert page.locator("tbody tr").first.get_attribute("id") == f"m-{SAPPORO}"
        assert page.locator("th[aria-sort=descending]").count() == 1
        axe_check(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_printed_service_page_shows_the_phone_number(page):
    from services.models import Organization, Service

    service = Service.objects.create(
        name_ja="稚内市 地域包括支援センター（架空）",
        summary_ja="介護の総合相談",
        organization=Organization.objects.get(key="municipalities"),
        scope="municipal",
        audiences=["carers"],
        phone="0162-00-0000",
    )
    page.goto(page.base_url + service.get_absolute_url())
    page.emulate_media(media="print")
    link = page.locator("main a[href='tel:+81162000000']")
    assert link.is_visible()
    assert link.inner_text() == "0162-00-0000"
    assert link.evaluate("a => getComputedStyle(a).textDecorationLine") == "none"
