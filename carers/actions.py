"""State-changing writes on household case records. Each function checks the
state, runs in one transaction, locks the household it changes, saves with
update_fields, and writes exactly one access-log entry (carers.accesslog)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import accesslog, outbox
from .models import (
    AccessAction,
    Carer,
    CareRecipient,
    CaseStatus,
    Consent,
    ConsentPurpose,
    ConsultationLog,
    FollowUpReminder,
    Household,
    PurgeRecord,
    Role,
    SupportPlan,
    User,
)

HOUSEHOLD_EDITABLE = Household.EDITABLE_FIELDS
CARER_FIELDS = Carer.EDITABLE_FIELDS
RECIPIENT_FIELDS = CareRecipient.EDITABLE_FIELDS
# What a restricted record (consent withdrawn) still holds: who, what kind of
# household, when and how consent was given and withdrawn, dates and channels of
# past consultations, and the access log. Everything else is cleared.
RESTRICTED_CLEARS = ("services_used", "needs_and_wishes", "notes")


class EditConflict(Exception):
    """Someone else saved the household after the editor loaded it."""

    def __init__(self, current: Household):
        super().__init__("edit conflict")
        self.current = current


class CaseRestricted(Exception):
    """Consent was withdrawn or the case is closed: the record cannot change."""


def _lock(household) -> Household:
    return Household.objects.select_for_update().select_related("municipality").get(pk=household.pk)


def _require_changeable(household):
    if household.is_restricted:
        raise CaseRestricted(
            _("Consent was withdrawn: this record is restricted and cannot be changed.")
        )
    if household.status == CaseStatus.CLOSED:
        raise CaseRestricted(_("This case is closed and cannot be changed."))


def _save_members(household, model, fields, rows):
    """rows: cleaned formset data: {field..., "id": instance or None, "DELETE": bool}."""
    for row in rows:
        instance = row.get("id")
        if instance is not None and instance.household_id != household.pk:
            continue  # never touch another household's members
        if row.get("DELETE"):
            if instance is not None:
                instance.delete()
            continue
        if instance is None:
            model.objects.create(household=household, **{f: row[f] for f in fields})
        else:
            for f in fields:
                setattr(instance, f, row[f])
            instance.save(update_fields=list(fields))


def _check_follow_up(value, previous=None):
    if value and value < timezone.localdate() and value != previous:
        raise ValidationError(_("The follow-up date is in the past. Choose today or a later date."))


@transaction.atomic
def household_create(
    *, user, fields: dict, consent: dict, carers: list, recipients: list
) -> Household:
    """Create a household of the user's municipality with its consent record.
    Consent first: without a complete consent for keeping the record, nothing is saved."""
    if user.role != Role.MUNICIPAL_STAFF or not user.municipality_id:
        raise PermissionError("Only municipal staff create case records.")
    missing = [k for k in ("given_by", "given_on", "method") if not consent.get(k)]
    if missing or ConsentPurpose.CASE_RECORD not in (consent.get("purposes") or []):
        raise ValidationError(
            _("A household can only be recorded with consent to keep the record.")
        )
    _check_follow_up(fields.get("next_follow_up"))
    household = Household(municipality_id=user.municipality_id, created_by=user, updated_by=user)
    for f in HOUSEHOLD_EDITABLE:
        if f in fields:
            setattr(household, f, fields[f])
    household.assigned_to = fields.get("assigned_to") or user
    household.save()
    Consent.objects.create(
        household=household,
        given_by=consent["given_by"],
        given_on=consent["given_on"],
        method=consent["method"],
        purposes=list(consent["purposes"]),
        taken_by=user,
    )
    _save_members(household, Carer, CARER_FIELDS, carers)
    _save_members(household, CareRecipient, RECIPIENT_FIELDS, recipients)
    accesslog.record(user=user, household=household, action=AccessAction.CREATE)
    return household


@transaction.atomic
def household_update(
    *, household, user, expected_version: int, fields: dict, carers: list, recipients: list
) -> Household:
    """Correct or update a record. Refused with EditConflict when someone else
    saved it after ``expected_version`` was loaded."""
    household = _lock(household)
    _require_changeable(household)
    if household.version != expected_version:
        raise EditConflict(household)
    _check_follow_up(fields.get("next_follow_up"), previous=household.next_follow_up)
    for f in HOUSEHOLD_EDITABLE:
        setattr(household, f, fields.get(f, getattr(household, f)))
    household.version += 1
    household.updated_by = user
    household.save(update_fields=[*HOUSEHOLD_EDITABLE, "version", "updated_by", "updated_at"])
    _save_members(household, Carer, CARER_FIELDS, carers)
    _save_members(household, CareRecipient, RECIPIENT_FIELDS, recipients)
    accesslog.record(user=user, household=household, action=AccessAction.UPDATE)
    return household


@transaction.atomic
def consultation_add(
    *, household, user, held_on, channel, summary, next_step=""
) -> ConsultationLog:
    household = _lock(household)
    _require_changeable(household)
    if held_on > timezone.localdate():
        raise ValidationError(_("A consultation cannot be in the future."))
    entry = ConsultationLog.objects.create(
        household=household,
        held_on=held_on,
        channel=channel,
        summary=summary,
        next_step=next_step,
        recorded_by=user,
    )
    household.updated_by = user
    household.save(update_fields=["updated_by", "updated_at"])
    accesslog.record(user=user, household=household, action=AccessAction.CONSULTATION_ADD)
    return entry


@transaction.atomic
def household_set_follow_up(*, household, user, next_follow_up) -> Household:
    household = _lock(household)
    _require_changeable(household)
    _check_follow_up(next_follow_up)
    household.next_follow_up = next_follow_up
    household.version += 1
    household.updated_by = user
    household.save(update_fields=["next_follow_up", "version", "updated_by", "updated_at"])
    accesslog.record(user=user, household=household, action=AccessAction.FOLLOW_UP_SET)
    return household


@transaction.atomic
def support_plan_save(*, household, user, answers: dict, result: dict) -> SupportPlan:
    household = _lock(household)
    _require_changeable(household)
    plan = SupportPlan.objects.create(
        household=household, created_by=user, answers=answers, result=result
    )
    household.updated_by = user
    household.save(update_fields=["updated_by", "updated_at"])
    accesslog.record(user=user, household=household, action=AccessAction.PLAN_SAVE)
    return plan


@transaction.atomic
def consent_withdraw(*, household, user, withdrawn_on, method) -> Household:
    """Consent withdrawn: keep only the minimum (see RESTRICTED_CLEARS), close the
    case so the retention clock starts, and stop reminders."""
    household = _lock(household)
    if household.is_restricted:
        raise CaseRestricted(_("Consent was already withdrawn for this household."))
    if withdrawn_on > timezone.localdate():
        raise ValidationError(_("The withdrawal date cannot be in the future."))
    now = timezone.now()
    household.consents.filter(withdrawn_on__isnull=True).update(
        withdrawn_on=withdrawn_on, withdrawn_method=method, withdrawal_recorded_by=user
    )
    for f in RESTRICTED_CLEARS:
        setattr(household, f, "")
    household.next_follow_up = None
    household.is_restricted = True
    household.restricted_at = now
    if household.status == CaseStatus.OPEN:
        household.status = CaseStatus.CLOSED
        household.closed_at = now
    household.version += 1
    household.updated_by = user
    household.save(
        update_fields=[
            *RESTRICTED_CLEARS,
            "next_follow_up",
            "is_restricted",
            "restricted_at",
            "status",
            "closed_at",
            "version",
            "updated_by",
            "updated_at",
        ]
    )
    household.carers.update(name="")
    household.care_recipients.update(name="", conditions=[])
    household.consultations.update(summary="", next_step="")
    household.support_plans.all().delete()
    accesslog.record(user=user, household=household, action=AccessAction.CONSENT_WITHDRAW)
    return household


@transaction.atomic
def household_close(*, household, user) -> Household:
    household = _lock(household)
    if household.status == CaseStatus.CLOSED:
        raise CaseRestricted(_("This case is already closed."))
    household.status = CaseStatus.CLOSED
    household.closed_at = timezone.now()
    household.version += 1
    household.updated_by = user
    household.save(update_fields=["status", "closed_at", "version", "updated_by", "updated_at"])
    accesslog.record(user=user, household=household, action=AccessAction.CLOSE)
    return household


@transaction.atomic
def household_delete(*, household, user, reason) -> None:
    """Delete a record on request (or when entered in error). The access log
    keeps that it was deleted, by whom and why (a reason code, no details)."""
    household = _lock(household)
    accesslog.record(user=user, household=household, action=AccessAction.DELETE, reason=reason)
    household.delete()


def households_purge_expired(*, now=None) -> int:
    """Delete closed cases older than CASE_RETENTION_DAYS. Records only that a
    purge happened and how many; safe to run twice (the second finds none)."""
    days = settings.CASE_RETENTION_DAYS
    with transaction.atomic():
        ids = list(
            Household.objects.purgeable(days, now=now)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        Household.objects.filter(pk__in=ids).delete()
        PurgeRecord.objects.create(purged_count=len(ids), retention_days=days)
    return len(ids)


def follow_up_reminders_send(*, today=None) -> int:
    """Email each active municipal staff member the number of their follow-ups due
    (households assigned to them, or to nobody active). Count and a link only.
    One email per person per day: safe to run twice."""
    today = today or timezone.localdate()
    sent = 0
    staff = User.objects.filter(
        role=Role.MUNICIPAL_STAFF, is_active=True, municipality__isnull=False
    )
    for user in staff.iterator():
        count = (
            Household.objects.follow_up_due(today)
            .filter(municipality_id=user.municipality_id)
            .filter(
                Q(assigned_to=user) | Q(assigned_to__isnull=True) | Q(assigned_to__is_active=False)
            )
            .count()
        )
        if not count:
            continue
        with transaction.atomic():
            _, created = FollowUpReminder.objects.get_or_create(
                user=user, sent_on=today, defaults={"due_count": count}
            )
            if not created:
                continue
            outbox.enqueue(
                to=user, template="carers/email/follow_ups_due", context={"count": count}
            )
            sent += 1
    return sent
