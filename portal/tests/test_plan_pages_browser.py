"""The new pages of the plan's promises pass axe in a real browser:
back to work, the salon start-up kit, my work, the guidance result with wishes."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_pages_pass_axe(page, axe_check):
    for path in ("/awareness/back-to-work/", "/awareness/start-a-salon/?municipality=011002"):
        page.goto(f"{page.base_url}{path}")
        assert page.locator("h1").count() == 1
        axe_check(page)


def test_my_work_passes_axe(page, browser_login, axe_check, prefecture_staff):
    browser_login(page, prefecture_staff)
    assert page.url.endswith("/my-work/")
    assert page.locator("h1").inner_text() == "わたしの仕事"
    axe_check(page)


def test_guidance_result_with_wishes_passes_axe(page, axe_check):
    page.goto(f"{page.base_url}/services/guide/")
    page.check("input[name=recipient][value=parent]")
    page.check("input[name=needs][value=ageing]")
    page.check("input[name=service_use][value=some]")
    page.check("input[name=services_used][value=home_help]")
    page.fill("textarea[name=recipient_wishes]", "家で暮らしたい")
    page.fill("textarea[name=carer_wishes]", "仕事を続けたい")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "家で暮らしたい" in page.locator("#wishes").inner_text()
    assert page.locator("#group-in_use").count() == 1
    axe_check(page)
