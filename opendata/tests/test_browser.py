"""/opendata/ in a real browser: axe-core in Japanese and English, choosing
a municipality, downloading a file."""

import pytest

from .conftest import SAPPORO


@pytest.mark.django_db(transaction=True)
def test_the_open_data_page_passes_axe_in_both_languages(page, world, axe_check):
    for prefix in ("", "/en"):
        page.goto(f"{page.base_url}{prefix}/opendata/")
        assert page.locator("h1").inner_text() in ("オープンデータ", "Open data")
        axe_check(page)
        page.select_option("select[name=area]", SAPPORO)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert f"area={SAPPORO}" in page.url
        link = page.locator(f'a[href="/opendata/{SAPPORO}/events.csv"]')
        assert link.count() == 1
        axe_check(page)
    with page.expect_download() as download:
        page.locator(f'a[href="/opendata/{SAPPORO}/events.json"]').click()
    assert download.value.suggested_filename == f"{SAPPORO}_events.json"
