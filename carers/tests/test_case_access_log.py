"""Every view, change and export writes exactly one append-only access-log entry."""

import datetime

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone

from carers.models import AccessAction, AccessLogEntry

pytestmark = pytest.mark.django_db
TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
TODAY = timezone.localdate().isoformat()


@pytest.mark.parametrize(
    "name,action",
    [
        ("carers:household_detail", AccessAction.VIEW),
        ("carers:household_edit", AccessAction.VIEW),
        ("carers:household_export_json", AccessAction.EXPORT_JSON),
        ("carers:household_print", AccessAction.PRINT),
        ("carers:household_access_log", AccessAction.LOG_VIEW),
        ("carers:consultation_add", AccessAction.VIEW),
    ],
)
def test_each_read_writes_one_entry(
    municipal_staff, household, client_for, log_count, name, action
):
    before = log_count(household)
    assert (
        client_for(municipal_staff).get(reverse(name, args=[household.public_id])).status_code
        == 200
    )
    assert log_count(household) == before + 1
    entry = AccessLogEntry.objects.filter(household_public_id=household.public_id).first()
    assert (
        entry.action == action
        and entry.actor_id == municipal_staff.pk
        and not entry.via_audit_grant
    )


@pytest.mark.parametrize(
    "name,data,action",
    [
        (
            "carers:consultation_add",
            {"held_on": TODAY, "channel": "phone", "summary": "電話で近況確認"},
            AccessAction.CONSULTATION_ADD,
        ),
        ("carers:follow_up_set", {"next_follow_up": TOMORROW}, AccessAction.FOLLOW_UP_SET),
        ("carers:household_close", {"confirm": "on"}, AccessAction.CLOSE),
        (
            "carers:consent_withdraw",
            {"withdrawn_on": TODAY, "method": "phone", "confirm": "on"},
            AccessAction.CONSENT_WITHDRAW,
        ),
        ("carers:household_delete", {"reason": "request", "confirm": "on"}, AccessAction.DELETE),
    ],
)
def test_each_change_writes_one_entry(
    municipal_staff, household, client_for, log_count, name, data, action
):
    before = log_count(household)
    response = client_for(municipal_staff).post(reverse(name, args=[household.public_id]), data)
    assert response.status_code == 302
    assert log_count(household) == before + 1
    assert (
        AccessLogEntry.objects.filter(household_public_id=household.public_id).first().action
        == action
    )


def test_deletion_keeps_the_reason_in_the_log(municipal_staff, household, client_for):
    client_for(municipal_staff).post(
        reverse("carers:household_delete", args=[household.public_id]),
        {"reason": "request", "confirm": "on"},
    )
    entry = AccessLogEntry.objects.get(
        household_public_id=household.public_id, action=AccessAction.DELETE
    )
    assert entry.reason == "request"


def test_delete_asks_for_confirmation(municipal_staff, household, client_for, log_count):
    response = client_for(municipal_staff).post(
        reverse("carers:household_delete", args=[household.public_id]), {"reason": "request"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    household.refresh_from_db()  # still there


def test_staff_see_who_accessed_the_record(municipal_staff, household, client_for):
    client = client_for(municipal_staff)
    client.get(reverse("carers:household_detail", args=[household.public_id]))
    body = client.get(
        reverse("carers:household_access_log", args=[household.public_id])
    ).content.decode()
    assert municipal_staff.email in body


def test_the_log_refuses_changes_in_the_application(household):
    entry = AccessLogEntry.objects.filter(household_public_id=household.public_id).first()
    entry.action = AccessAction.VIEW
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.all().update(action=AccessAction.VIEW)
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.all().delete()


def test_the_database_refuses_update_and_delete(household):
    for sql in (
        "UPDATE carers_accesslogentry SET action = 'view'",
        "DELETE FROM carers_accesslogentry",
    ):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    assert AccessLogEntry.objects.filter(household_public_id=household.public_id).count() == 1


def test_the_log_holds_no_personal_data(municipal_staff, household, client_for):
    client_for(municipal_staff).get(reverse("carers:household_detail", args=[household.public_id]))
    from carers.tests.conftest import CARER_NAME, SECRET_NOTE

    for entry in AccessLogEntry.objects.values():
        text = str(entry)
        assert CARER_NAME not in text and SECRET_NOTE not in text
