"""Disclosure: the JSON export and the printable copy contain what was entered."""

import json

import pytest
from django.urls import reverse

from carers.tests.conftest import CARER_NAME, RECIPIENT_NAME, REFERENCE, SECRET_NOTE

pytestmark = pytest.mark.django_db


def test_json_export_contains_what_was_entered(municipal_staff, household, client_for):
    from django.utils import timezone

    from carers import actions

    actions.consultation_add(
        household=household,
        by=municipal_staff,
        held_on=timezone.localdate(),
        channel="phone",
        summary="電話で相談",
        next_step="デイサービス見学",
    )
    response = client_for(municipal_staff).get(
        reverse("carers:household_export_json", args=[household.public_id])
    )
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["household"]["id"] == str(household.public_id)
    assert data["household"]["notes"] == SECRET_NOTE and data["household"]["reference"] == REFERENCE
    assert data["carers"][0]["name"] == CARER_NAME and data["carers"][0]["under_18"] is True
    assert data["people_cared_for"][0] == {
        "name": RECIPIENT_NAME,
        "relationship": "父",
        "age_band": "75+",
        "care_level": "c3",
        "conditions": ["dementia"],
    }
    assert (
        data["consents"][0]["method"] == "in_person"
        and "case_record" in data["consents"][0]["purposes"]
    )
    assert data["consultations"][0]["summary"] == "電話で相談"
    assert [e["action"] for e in data["access_log"]] == [
        "create",
        "consultation_add",
        "export_json",
    ]


def test_printable_copy_contains_what_was_entered(municipal_staff, household, client_for):
    body = (
        client_for(municipal_staff)
        .get(reverse("carers:household_print", args=[household.public_id]))
        .content.decode()
    )
    for value in (CARER_NAME, RECIPIENT_NAME, SECRET_NOTE, REFERENCE, "本人（主たる介護者）"):
        assert value in body
    assert body.count("<h1") == 1


def test_personal_data_is_not_in_the_url(municipal_staff, household, client_for):
    response = client_for(municipal_staff).post(
        reverse("carers:household_close", args=[household.public_id]), {"confirm": "on"}
    )
    assert response["Location"] == f"/cases/{household.public_id}/"


def test_export_says_how_consent_was_withdrawn_and_who_recorded_each_consultation(
    municipal_staff, household, client_for
):
    from django.utils import timezone

    from carers import actions

    today = timezone.localdate()
    actions.consultation_add(
        household=household, by=municipal_staff, held_on=today, channel="phone", summary="x"
    )
    actions.consent_withdraw(
        household=household, by=municipal_staff, withdrawn_on=today, method="written"
    )
    data = json.loads(
        client_for(municipal_staff)
        .get(reverse("carers:household_export_json", args=[household.public_id]))
        .content
    )
    assert data["consents"][0]["withdrawn_on"] == today.isoformat()
    assert data["consents"][0]["withdrawn_method"] == "written"
    assert data["consultations"][0]["recorded_by"] == municipal_staff.email
