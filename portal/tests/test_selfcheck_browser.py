"""Real Chromium: a resident takes the self-check, and axe-core on every
awareness page in both languages."""

import pytest
from django.utils import timezone

from portal.models import Article, ArticleStatus
from portal.selfcheck import SIGN_KEYS
from portal.tests.test_selfcheck import fake_apis  # noqa: F401 - fixture


def take_check(page, prefix, municipality_code, yes=(), works=False):
    page.goto(f"{page.base_url}{prefix}/awareness/check/")
    page.locator("main button[name=subject][value=myself]").click()
    page.wait_for_selector("input[name=sign_alone]")
    for key in SIGN_KEYS:
        page.check(f"input[name=sign_{key}][value={'yes' if key in yes else 'no'}]")
    page.select_option("select[name=municipality]", municipality_code)
    if works:
        page.check("input[name=works]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_resident_takes_the_check_for_their_municipality_then_leaves_quickly(page, fake_apis):  # noqa: F811
    take_check(page, "", "012025", yes=("alone", "tired"), works=True)
    assert page.locator("h1").inner_text() == "気づきチェックの結果"
    steps = page.locator("ol.steps")
    assert "函館市 地域包括支援センター" in steps.inner_text()
    assert "函館市 ケアラーサロン" in steps.inner_text()
    assert page.locator("#step-work_and_care a[href='/awareness/work-and-care/']").count() == 1
    assert page.locator("[data-print]").is_visible()  # revealed by JavaScript only
    # Quick exit: Escape three times leaves for a neutral page, replacing this one in history.
    page.route(
        "https://www.google.co.jp/**",
        lambda route: route.fulfill(body="<title>Google</title>", content_type="text/html"),
    )
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_url("https://www.google.co.jp/**")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_awareness_page_passes_axe_in_both_languages(
    page,
    axe_check,
    fake_apis,  # noqa: F811 - the fixture imported above
    browser_login,
    prefecture_staff,
):
    Article.objects.create(
        slug="young-carers-test",
        status=ArticleStatus.PUBLISHED,
        publish_at=timezone.now(),
        audiences=["young_carers"],
        title_ja="ヤングケアラー",
        title_en="Young carers",
        summary_ja="要約",
        summary_en="Summary",
        body_ja="## 見出し\n\n- 項目\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        body_en="## Heading\n\n- item\n\n[link](https://example.org/)",
    )
    for prefix in ("", "/en"):
        for path in (
            "/awareness/",
            "/awareness/young-carers-test/",
            "/awareness/work-and-care/",
            "/awareness/check/",
        ):
            page.goto(f"{page.base_url}{prefix}{path}")
            axe_check(page)
        page.locator("main button[name=subject][value=someone]").click()
        page.wait_for_selector("input[name=sign_alone]")
        axe_check(page)  # the questions
        page.locator("main form button[type=submit]").click()  # nothing answered
        page.wait_for_selector("#error-summary")
        axe_check(page)  # the questions with errors
        take_check(page, prefix, "011002", yes=("alone",), works=True)
        assert page.locator("#step-consult").count() == 1
        axe_check(page)  # the result
    browser_login(page, prefecture_staff)
    for prefix in ("", "/en"):
        for path in ("/awareness/manage/", "/awareness/manage/new/"):
            page.goto(f"{page.base_url}{prefix}{path}")
            axe_check(page)
