"""Real Chromium, real PostgreSQL: prefecture staff import a generated MHLW
file and a consultation-windows file through the upload page; a resident of
旭川市 (no demo data there) then sees local windows and services with tel:
links in the self-check's next steps, and a resident of 室蘭市 (no window
listed) gets the plain fallback naming 室蘭市役所 and the prefecture's window."""

import re

import pytest

from portal.selfcheck import SIGN_KEYS
from services import fakedata

ASAHIKAWA, MURORAN, HOKKAIDO = "012041", "012050", "010006"


def upload(page, path, kind):
    page.goto(f"{page.base_url}/services/manage/opendata/")
    page.check(f"input[name=kind][value={kind}]")
    page.set_input_files("input[name=file]", str(path))
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("#job-result")  # eager task: finished when the page shows


def take_check(page, municipality_code):
    page.goto(f"{page.base_url}/awareness/check/")
    page.locator("main button[name=subject][value=myself]").click()
    page.wait_for_selector("input[name=sign_alone]")
    for key in SIGN_KEYS:
        page.check(f"input[name=sign_{key}][value={'yes' if key in ('alone', 'tired') else 'no'}]")
    page.select_option("select[name=municipality]", municipality_code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("ol.steps")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_imported_windows_and_services_reach_the_self_check(
    page, chromium, browser_login, prefecture_staff, tmp_path, axe_check
):
    files = fakedata.write_kaigo_files(tmp_path, 400, seed=11, prefecture_codes=["01"])
    windows = fakedata.write_facilities_file(tmp_path / "windows.csv", [ASAHIKAWA, HOKKAIDO])
    browser_login(page, prefecture_staff)
    for path in files:
        upload(page, path, "kaigo")
    upload(page, windows, "windows")
    assert "5" in page.locator("#job-result").inner_text()
    axe_check(page)  # the job's result page
    page.goto(f"{page.base_url}/services/manage/opendata/")
    axe_check(page)  # the upload page with its list of imports

    visitor = chromium.new_context(locale="ja-JP").new_page()
    visitor.base_url = page.base_url
    take_check(visitor, ASAHIKAWA)
    consult = visitor.locator("#step-consult")
    assert "【架空】旭川市地域包括支援センター" in consult.inner_text()
    assert visitor.locator(".no-local-window").count() == 0
    tel = consult.locator("a[href^='tel:']").first
    assert re.fullmatch(r"tel:\+81\d+", tel.get_attribute("href"))
    assert tel.inner_text().startswith("000-")  # the number as printed
    services = visitor.locator("#step-services")
    assert "架空" in services.inner_text()
    assert re.fullmatch(
        r"tel:\+81\d+", services.locator("a[href^='tel:']").first.get_attribute("href")
    )

    take_check(visitor, MURORAN)
    fallback = visitor.locator("#step-consult .no-local-window")
    assert fallback.is_visible()
    text = fallback.inner_text()
    assert "室蘭市役所" in text and "北海道" in text
    assert "【架空】北海道ケアラー支援相談窓口" in text
    assert fallback.locator("a[href^='tel:']").count() >= 1
    # No other municipality's windows fill the list.
    assert "旭川市" not in visitor.locator("#step-consult").inner_text()
    axe_check(visitor)
    visitor.goto(f"{visitor.base_url}/services/?municipality={MURORAN}")
    assert "室蘭市役所" in visitor.locator(".no-local-window").inner_text()
    axe_check(visitor)
