"""In a real browser: the guidance for an A household and for a B household
with a young carer; axe-core on the catalogue and guidance pages in ja and en."""

import pytest


def answer_guide(page, *, service_use, services_used=(), situations=(), needs=("ageing",)):
    page.goto(f"{page.base_url}/services/guide/")
    page.check("input[name=recipient][value=parent]")
    for need in needs:
        page.check(f"input[name=needs][value={need}]")
    page.check(f"input[name=service_use][value={service_use}]")
    for used in services_used:
        page.check(f"input[name=services_used][value={used}]")
    for situation in situations:
        page.check(f"input[name=situations][value={situation}]")
    page.select_option("select[name=municipality]", "011002")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_guidance_for_an_a_household_and_a_b_household_with_a_young_carer(
    page, demo_content, axe_check
):
    answer_guide(page, service_use="none", needs=("dementia",))
    assert page.locator("h1").inner_text() == "おすすめのサービス"
    start = page.locator("#group-start")
    assert start.locator("a").first.inner_text().startswith("【デモ】札幌市")
    assert "要介護認定の申請" in start.inner_text()
    assert page.locator("#note-wishes_first").is_visible()
    assert page.locator("#group-young_carer").count() == 0
    assert page.locator("[data-print]").is_visible()  # the print button appears with JavaScript
    axe_check(page)

    answer_guide(page, service_use="some", services_used=("home_help",), situations=("under_18",))
    assert "すでにサービスを使っている" in page.locator("#track").inner_text()
    assert (
        "こどもがケアを担うことを前提にしたケアプランであってはいけません"
        in page.locator("#note-young_carer").inner_text()
    )
    young = page.locator("#group-young_carer")
    assert "ヤングケアラー支援" in young.inner_text()
    assert "ケアマネジャーとケアプランを見直す" in page.locator("#group-load").inner_text()
    young.locator("a", has_text="ヤングケアラー支援").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "ヤングケアラー支援"


@pytest.mark.django_db(transaction=True)
def test_catalogue_and_guide_pass_axe_in_both_languages(page, demo_content, axe_check):
    from services.models import Service

    detail = Service.objects.get(key="demo-sapporo-centre").get_absolute_url()
    for prefix in ("", "/en"):
        for path in (
            "/services/",
            "/services/?q=ｼｮｰﾄ&category=long_term_care",
            "/services/guide/",
            detail,
        ):
            page.goto(f"{page.base_url}{prefix}{path}")
            axe_check(page)
        # The questionnaire with errors, as it is shown again.
        page.goto(f"{page.base_url}{prefix}/services/guide/")
        page.check("input[name=service_use][value=none]")
        page.check("input[name=services_used][value=home_help]")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("#error-summary").is_visible()
        axe_check(page)
