"""Withdrawing consent restricts the record to the minimum and stops reminders."""

import pytest
from django.urls import reverse
from django.utils import timezone

from carers import actions
from carers.models import CaseStatus
from carers.tests.conftest import CARER_NAME, SECRET_NOTE

pytestmark = pytest.mark.django_db


def test_withdrawal_clears_details_and_stops_reminders(
    municipal_staff, household, client_for, outbox_emails
):
    actions.consultation_add(
        household=household,
        by=municipal_staff,
        held_on=timezone.localdate(),
        channel="phone",
        summary="詳細な相談内容",
    )
    actions.support_plan_save(
        household=household, by=municipal_staff, answers={"a": 1}, result={"track": "A"}
    )
    url = reverse("carers:consent_withdraw", args=[household.public_id])
    response = client_for(municipal_staff).post(
        url,
        {"withdrawn_on": timezone.localdate().isoformat(), "method": "written", "confirm": "on"},
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.is_restricted and household.status == CaseStatus.CLOSED
    assert (
        household.notes == ""
        and household.needs_and_wishes == ""
        and household.next_follow_up is None
    )
    assert (
        household.carers.get().name == "" and household.carers.get().relationship == "娘"
    )  # minimum kept
    assert household.care_recipients.get().conditions == []
    assert household.consultations.get().summary == "" and not household.support_plans.exists()
    consent = household.consents.get()
    assert consent.withdrawn_on == timezone.localdate() and consent.withdrawn_method == "written"
    detail = (
        client_for(municipal_staff)
        .get(reverse("carers:household_detail", args=[household.public_id]))
        .content.decode()
    )
    assert SECRET_NOTE not in detail and CARER_NAME not in detail
    assert (
        actions.follow_up_reminders_send(today=timezone.localdate() + timezone.timedelta(days=30))
        == 0
    )


def test_withdrawal_needs_confirmation_and_a_real_date(municipal_staff, household, client_for):
    url = reverse("carers:consent_withdraw", args=[household.public_id])
    response = client_for(municipal_staff).post(
        url, {"withdrawn_on": "2026-13-01", "method": "phone"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "withdrawn_on" in form.errors and "confirm" in form.errors
    household.refresh_from_db()
    assert not household.is_restricted and household.notes == SECRET_NOTE


def test_restricted_record_cannot_be_changed(municipal_staff, household, client_for):
    actions.consent_withdraw(
        household=household, by=municipal_staff, withdrawn_on=timezone.localdate(), method="phone"
    )
    response = client_for(municipal_staff).post(
        reverse("carers:consultation_add", args=[household.public_id]),
        {"held_on": timezone.localdate().isoformat(), "channel": "phone", "summary": "x"},
    )
    assert response.status_code == 302 and not household.consultations.exists()


def test_restricted_record_page_offers_no_change(municipal_staff, household, client_for):
    actions.consent_withdraw(
        household=household, by=municipal_staff, withdrawn_on=timezone.localdate(), method="phone"
    )
    body = (
        client_for(municipal_staff)
        .get(reverse("carers:household_detail", args=[household.public_id]))
        .content.decode()
    )
    assert "支援計画はありません。" in body
    assert (
        "サービス案内を実行して保存" not in body
    )  # the guidance is refused for a restricted record
    assert "編集・訂正" not in body
    assert (
        reverse("carers:household_delete", args=[household.public_id]) in body
    )  # deletion stays possible


def test_consent_purposes_are_listed_one_per_line(municipal_staff, household, client_for):
    body = (
        client_for(municipal_staff)
        .get(reverse("carers:household_detail", args=[household.public_id]))
        .content.decode()
    )
    assert "<li>世帯を支援するためにこのケース記録を保管すること</li>" in body
