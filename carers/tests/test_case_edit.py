"""Correcting a record, and two people editing it at once (optimistic concurrency)."""

import pytest
from django.urls import reverse

from carers.models import AccessAction, AccessLogEntry

pytestmark = pytest.mark.django_db


def edit_data(household, **overrides):
    carer = household.carers.get()
    recipient = household.care_recipients.get()
    data = {
        "version": str(household.version),
        "household-reference": household.reference,
        "household-service_use": household.service_use,
        "household-services_used": household.services_used,
        "household-needs_and_wishes": household.needs_and_wishes,
        "household-notes": household.notes,
        "household-next_follow_up": household.next_follow_up.isoformat(),
        "household-assigned_to": str(household.assigned_to_id),
        "carers-TOTAL_FORMS": "2",
        "carers-INITIAL_FORMS": "1",
        "carers-MIN_NUM_FORMS": "0",
        "carers-MAX_NUM_FORMS": "10",
        "carers-0-id": str(carer.pk),
        "carers-0-household": str(household.pk),
        "carers-0-name": carer.name,
        "carers-0-relationship": carer.relationship,
        "carers-0-age_band": carer.age_band,
        "carers-0-is_under_18": "on",
        "recipients-TOTAL_FORMS": "2",
        "recipients-INITIAL_FORMS": "1",
        "recipients-MIN_NUM_FORMS": "0",
        "recipients-MAX_NUM_FORMS": "10",
        "recipients-0-id": str(recipient.pk),
        "recipients-0-household": str(household.pk),
        "recipients-0-name": recipient.name,
        "recipients-0-relationship": recipient.relationship,
        "recipients-0-age_band": recipient.age_band,
        "recipients-0-care_level": recipient.care_level,
        "recipients-0-conditions": recipient.conditions,
        "recipients-1-care_level": "unknown",  # what the browser sends for the empty extra entry
    }
    data.update(overrides)
    return data


def test_staff_corrects_the_record(municipal_staff, household, client_for):
    url = reverse("carers:household_edit", args=[household.public_id])
    response = client_for(municipal_staff).post(
        url,
        edit_data(
            household,
            **{
                "household-notes": "訂正後のメモ",
                "carers-1-relationship": "息子",
                "carers-1-age_band": "30-49",
            },
        ),
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.notes == "訂正後のメモ" and household.version == 2
    assert household.carers.count() == 2
    last = AccessLogEntry.objects.filter(household_public_id=household.public_id).first()
    assert last.action == AccessAction.UPDATE


def test_a_member_can_be_removed(municipal_staff, household, client_for):
    url = reverse("carers:household_edit", args=[household.public_id])
    client_for(municipal_staff).post(url, edit_data(household, **{"recipients-0-DELETE": "on"}))
    assert household.care_recipients.count() == 0


def test_second_save_is_told_and_shown_the_difference(municipal_staff, household, client_for):
    url = reverse("carers:household_edit", args=[household.public_id])
    stale = edit_data(household, **{"household-notes": "Bの入力"})
    # A colleague saves first.
    assert (
        client_for(municipal_staff)
        .post(url, edit_data(household, **{"household-notes": "Aの変更"}))
        .status_code
        == 302
    )
    response = client_for(municipal_staff).post(url, stale)
    assert response.status_code == 200
    household.refresh_from_db()
    assert household.notes == "Aの変更" and household.version == 2
    body = response.content.decode()
    assert "Aの変更" in body and "Bの入力" in body  # the difference, and B's input kept
    assert response.context["conflict_rows"]
    # Saving again deliberately now replaces A's change.
    again = {k: v for k, v in response.context["form"].data.lists()}
    again = {k: v if len(v) > 1 else v[0] for k, v in again.items()}
    assert client_for(municipal_staff).post(url, again).status_code == 302
    household.refresh_from_db()
    assert household.notes == "Bの入力" and household.version == 3


def test_past_follow_up_in_edit_is_refused_but_an_old_one_can_stay(
    municipal_staff, household, client_for
):
    url = reverse("carers:household_edit", args=[household.public_id])
    response = client_for(municipal_staff).post(
        url, edit_data(household, **{"household-next_follow_up": "2020-01-01"})
    )
    assert response.status_code == 200 and response.context["form"].errors
    household.refresh_from_db()
    assert household.version == 1


def test_closed_case_cannot_be_edited(municipal_staff, household, client_for):
    from carers import actions

    actions.household_close(household=household, by=municipal_staff)
    response = client_for(municipal_staff).post(
        reverse("carers:household_edit", args=[household.public_id]), edit_data(household)
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.version == 2  # only the close


def test_member_removed_meanwhile_is_a_conflict_not_a_hidden_error(
    municipal_staff, household, client_for
):
    url = reverse("carers:household_edit", args=[household.public_id])
    stale = edit_data(household, **{"household-notes": "Bの入力", "carers-0-relationship": "長女"})
    # A colleague removes the carer first.
    assert (
        client_for(municipal_staff)
        .post(url, edit_data(household, **{"carers-0-DELETE": "on"}))
        .status_code
        == 302
    )
    response = client_for(municipal_staff).post(url, stale)
    assert response.status_code == 200
    assert response.context["conflict_rows"]  # told and shown the difference
    assert not response.context["carers"].errors[0]  # no error on a field the user cannot see
    body = response.content.decode()
    assert "Bの入力" in body and "長女" in body  # nothing typed is lost
    # Saving again deliberately puts the carer back, as typed.
    again = {k: v for k, v in response.context["form"].data.lists()}
    again = {k: v if len(v) > 1 else v[0] for k, v in again.items()}
    assert client_for(municipal_staff).post(url, again).status_code == 302
    assert list(household.carers.values_list("relationship", flat=True)) == ["長女"]


def test_another_households_member_id_is_never_touched(municipal_staff, household, client_for):
    from carers.tests.conftest import make_household

    other = make_household(municipal_staff)
    theirs = other.carers.get()
    url = reverse("carers:household_edit", args=[household.public_id])
    data = edit_data(
        household, **{"carers-0-id": str(theirs.pk), "carers-0-relationship": "上書き"}
    )
    assert client_for(municipal_staff).post(url, data).status_code == 302
    theirs.refresh_from_db()
    assert theirs.relationship != "上書き" and theirs.household_id == other.pk


def test_member_both_editors_removed_stays_removed(municipal_staff, household, client_for):
    url = reverse("carers:household_edit", args=[household.public_id])
    stale = edit_data(household, **{"carers-0-DELETE": "on", "household-notes": "Bの入力"})
    assert (
        client_for(municipal_staff)
        .post(url, edit_data(household, **{"carers-0-DELETE": "on"}))
        .status_code
        == 302
    )
    response = client_for(municipal_staff).post(url, stale)
    assert response.context["conflict_rows"]
    again = {k: v for k, v in response.context["form"].data.lists()}
    again = {k: v if len(v) > 1 else v[0] for k, v in again.items()}
    assert client_for(municipal_staff).post(url, again).status_code == 302
    assert household.carers.count() == 0
