"""Case-by-case audit grants: read-only while valid; the admin hides case data
from everyone but superusers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from carers.models import AccessLogEntry, AuditGrant
from carers.tests.conftest import SECRET_NOTE

pytestmark = pytest.mark.django_db


def grant(user, household, days=1):
    return AuditGrant.objects.create(
        user=user,
        household=household,
        reason="監査",
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )


def test_auditor_reads_while_the_grant_is_valid(prefecture_staff, household, client_for):
    grant(prefecture_staff, household)
    client = client_for(prefecture_staff)
    response = client.get(reverse("carers:household_detail", args=[household.public_id]))
    assert response.status_code == 200 and SECRET_NOTE in response.content.decode()
    entry = AccessLogEntry.objects.filter(household_public_id=household.public_id).first()
    assert entry.via_audit_grant and entry.actor_id == prefecture_staff.pk
    assert (
        client.get(reverse("carers:household_export_json", args=[household.public_id])).status_code
        == 200
    )
    assert str(household.public_id) in client.get(reverse("carers:audit_list")).content.decode()


def test_auditor_cannot_change_anything(other_municipality_staff, household, client_for):
    grant(other_municipality_staff, household)
    client = client_for(other_municipality_staff)
    assert (
        client.get(reverse("carers:household_detail", args=[household.public_id])).status_code
        == 200
    )
    for name in ("carers:household_edit", "carers:household_delete", "carers:consultation_add"):
        assert client.get(reverse(name, args=[household.public_id])).status_code == 404


def test_expired_grant_gives_404(prefecture_staff, household, client_for):
    grant(prefecture_staff, household, days=-1)
    response = client_for(prefecture_staff).get(
        reverse("carers:household_detail", args=[household.public_id])
    )
    assert response.status_code == 404


def test_admin_hides_households_from_non_superusers(municipal_staff, household, client_for):
    from django.contrib.auth.models import Permission

    municipal_staff.is_staff = True
    municipal_staff.save()
    municipal_staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label="carers")
    )
    client = client_for(municipal_staff)
    for url in (
        "/admin/carers/household/",
        "/admin/carers/accesslogentry/",
        "/admin/carers/auditgrant/",
    ):
        assert client.get(url).status_code in (302, 403, 404), url


def test_admin_list_for_superusers_shows_no_personal_data(db, household, client_for):
    from conftest import make_user

    admin_user = make_user("root@example.jp", mfa=True, is_staff=True, is_superuser=True)
    body = client_for(admin_user).get("/admin/carers/household/").content.decode()
    assert (
        str(household.public_id) in body
        and SECRET_NOTE not in body
        and household.reference not in body
    )
    assert (
        client_for(admin_user)
        .get(f"/admin/carers/accesslogentry/{AccessLogEntry.objects.first().pk}/change/")
        .status_code
        == 200
    )


def test_admin_grants_audit_access_and_records_who_granted(
    db, household, prefecture_staff, client_for
):
    from conftest import make_user

    admin_user = make_user("root@example.jp", mfa=True, is_staff=True, is_superuser=True)
    expires = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d")
    response = client_for(admin_user).post(
        "/admin/carers/auditgrant/add/",
        {
            "user": prefecture_staff.pk,
            "household": household.pk,
            "reason": "苦情対応の確認",
            "expires_at_0": expires,
            "expires_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AuditGrant.objects.get().granted_by == admin_user


def test_audit_grant_needs_a_staff_auditor_and_a_future_expiry(household, organiser):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        AuditGrant(
            user=organiser,
            household=household,
            reason="x",
            expires_at=timezone.now() + datetime.timedelta(days=1),
        ).full_clean()
