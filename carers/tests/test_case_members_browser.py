"""Browser journeys: a household of three carers and two people cared for in
one save, with JavaScript (no page reload) and without it (the "add another"
buttons submit the form)."""

import pytest
from django.utils import timezone

from carers.models import AccessAction, AccessLogEntry, Household


def fill_consent(page):
    page.fill("input[name=consent-given_by]", "本人（主たる介護者）")
    page.fill("input[name=consent-given_on]", timezone.localdate().isoformat())
    page.check("input[name=consent-method][value=in_person]")
    page.check("input[name=consent-purposes][value=case_record]")
    page.check("input[name=consent-explained]")


def fill_carer(page, i, relationship, band):
    page.fill(f"input[name=carers-{i}-relationship]", relationship)
    page.select_option(f"select[name=carers-{i}-age_band]", band)


def fill_recipient(page, i, relationship, level):
    page.fill(f"input[name=recipients-{i}-relationship]", relationship)
    page.select_option(f"select[name=recipients-{i}-care_level]", level)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_record_three_carers_and_two_people_cared_for_in_one_save(
    page, browser_login, municipal_staff, axe_check
):
    browser_login(page, municipal_staff)
    page.goto(f"{page.base_url}/cases/new/")
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads
    fill_consent(page)
    fill_carer(page, 0, "妻", "65-74")
    add_carer = page.get_by_role("button", name="ケアラーを追加")
    add_carer.click()
    # The new entry has the cursor, and a typo entry can be taken out again.
    assert page.evaluate("document.activeElement.name") == "carers-1-name"
    fill_carer(page, 1, "間違い", "30-49")
    page.locator("fieldset:has(input[name=carers-1-relationship])").get_by_role(
        "button", name="この入力欄を削除"
    ).click()
    assert page.locator("input[name=carers-1-relationship]").count() == 0
    add_carer.click()
    fill_carer(page, 2, "孫", "12-17")
    add_carer.click()
    fill_carer(page, 3, "息子", "50-64")
    assert page.locator("legend:has-text('ケアラー 3')").count() == 1
    fill_recipient(page, 0, "夫", "c2")
    page.get_by_role("button", name="ケアを受ける人を追加").click()
    fill_recipient(page, 1, "義母", "c4")
    assert page.evaluate("window.__sameDocument") is True
    page.check("input[name=household-service_use][value=none]")
    page.fill("input[name=household-reference]", "BR-FAMILY")
    axe_check(page)
    page.get_by_role("button", name="世帯を保存").click()

    page.wait_for_selector("h1:has-text('BR-FAMILY')")
    household = Household.objects.get()
    assert sorted(household.carers.values_list("relationship", flat=True)) == ["妻", "孫", "息子"]
    assert household.carers.get(relationship="孫").is_under_18
    assert sorted(household.care_recipients.values_list("relationship", flat=True)) == [
        "夫",
        "義母",
    ]
    entries = AccessLogEntry.objects.filter(household_public_id=household.public_id)
    assert AccessAction.CREATE in {e.action for e in entries}
    assert entries.filter(action=AccessAction.CREATE).count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_add_another_works_without_javascript(
    chromium, live_server, browser_login, municipal_staff
):
    context = chromium.new_context(
        locale="ja-JP", timezone_id="Asia/Tokyo", java_script_enabled=False
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    page.base_url = live_server.url
    try:
        browser_login(page, municipal_staff)
        page.goto(f"{page.base_url}/cases/new/")
        fill_consent(page)
        fill_carer(page, 0, "妻", "65-74")
        fill_recipient(page, 0, "夫", "c2")
        for _ in range(2):
            page.get_by_role("button", name="ケアラーを追加").click()
            page.wait_for_load_state()
        # Everything typed is still there after two round trips.
        assert page.input_value("input[name=consent-given_by]") == "本人（主たる介護者）"
        assert page.input_value("input[name=carers-0-relationship]") == "妻"
        fill_carer(page, 1, "孫", "12-17")
        fill_carer(page, 2, "息子", "50-64")
        page.get_by_role("button", name="ケアを受ける人を追加").click()
        page.wait_for_load_state()
        fill_recipient(page, 1, "義母", "c4")
        page.check("input[name=household-service_use][value=none]")
        page.get_by_role("button", name="世帯を保存").click()
        page.wait_for_load_state()
        household = Household.objects.get()
        assert household.carers.count() == 3 and household.care_recipients.count() == 2
    finally:
        context.close()
