"""A browser journey: staff record a household with consent, run the guidance,
save a plan and set a follow-up."""

import datetime

import pytest
from django.utils import timezone

from carers.models import AccessLogEntry, Household, SupportPlan
from carers.wording import format_when


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_record_a_household_and_plan_support(page, browser_login, municipal_staff, axe_check):
    browser_login(page, municipal_staff)
    page.goto(f"{page.base_url}/cases/")
    page.get_by_role("link", name="世帯を記録する").click()
    today = timezone.localdate()

    # Consent first.
    page.fill("input[name=consent-given_by]", "本人（主たる介護者）")
    page.fill("input[name=consent-given_on]", today.isoformat())
    page.check("input[name=consent-method][value=in_person]")
    page.check("input[name=consent-purposes][value=case_record]")
    page.check("input[name=consent-purposes][value=guidance]")
    page.check("input[name=consent-explained]")
    page.fill("input[name=carers-0-relationship]", "娘")
    page.select_option("select[name=carers-0-age_band]", "12-17")
    page.fill("input[name=recipients-0-relationship]", "祖母")
    page.select_option("select[name=recipients-0-care_level]", "c2")
    page.check("input[name=recipients-0-conditions][value=dementia]")
    page.fill("input[name=household-reference]", "BR-001")
    page.check("input[name=household-service_use][value=none]")
    axe_check(page)
    page.get_by_role("button", name="世帯を保存").click()

    page.wait_for_selector("h1:has-text('BR-001')")
    household = Household.objects.get()
    assert household.consents.get().taken_by == municipal_staff
    axe_check(page)

    # Run the guidance, preview it, save it as a plan.
    page.get_by_role("link", name="サービス案内を実行").click()
    page.wait_for_selector("button[name=preview]")
    page.check("input[name=recipient][value=parent]")
    page.get_by_role("button", name="結果をプレビュー").click()
    page.wait_for_selector("#result-h")
    page.get_by_role("button", name="支援計画として保存").click()
    page.wait_for_selector("#latest-plan-h")
    assert SupportPlan.objects.filter(household=household).count() == 1

    # Set the next follow-up.
    follow_up = today + datetime.timedelta(days=14)
    page.fill("input[name=next_follow_up]", follow_up.isoformat())
    page.get_by_role("button", name="フォロー日を設定").click()
    shown = format_when(follow_up, "date", "ja")
    page.wait_for_selector(f"#next-follow-up:has-text('{shown}')")
    household.refresh_from_db()
    assert household.next_follow_up == follow_up
    actions = list(
        AccessLogEntry.objects.filter(household_public_id=household.public_id).values_list(
            "action", flat=True
        )
    )
    assert {"create", "plan_save", "follow_up_set"} <= set(actions)
