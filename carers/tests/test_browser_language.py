"""In a real browser: staff who sign in on the English login page, through the
two-factor step, land on the English home page; signing out keeps English."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_english_sign_in_with_two_factor_and_sign_out_stay_english(
    page, browser_login, municipal_staff
):
    base = page.base_url
    browser_login(page, municipal_staff, lang_prefix="/en")
    assert page.url == f"{base}/en/my-work/"  # staff land on their work, in English
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(f"{base}/en/accounts/logout/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.url == f"{base}/en/"
    assert page.locator("html").get_attribute("lang") == "en"
