"""Real Chromium: sign-in through the login page (with TOTP) and accessibility of the shell."""

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_signs_in_with_totp_and_reaches_a_staff_page(page, browser_login, prefecture_staff):
    browser_login(page, prefecture_staff)
    page.goto(f"{page.base_url}/dashboard/")
    assert page.url.endswith("/dashboard/")
    assert page.locator(".card-title").count() >= 4
    assert page.locator("h1").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_wrong_password_shows_an_error_and_keeps_the_email(page, resident):
    page.goto(f"{page.base_url}/en/accounts/login/")
    page.fill("input[name=login]", resident.email)
    page.fill("input[name=password]", "not-the-password")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/accounts/login/" in page.url
    assert page.input_value("input[name=login]") == resident.email
    assert "not correct" in page.content()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_home_and_sign_in_pages_pass_axe_in_both_languages(page, axe_check):
    for path in (
        "/",
        "/en/",
        "/accounts/login/",
        "/en/accounts/login/",
        "/accounts/signup/",
        "/en/accounts/signup/",
    ):
        page.goto(f"{page.base_url}{path}")
        results = axe_check(page)  # fails on serious or critical violations
        assert results.response["passes"], f"axe checked nothing on {path}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_language_switcher_goes_to_english_and_back(page):
    page.goto(f"{page.base_url}/")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="日本語").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.context.cookies() == []  # switching language needs no cookie
