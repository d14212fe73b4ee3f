"""State-changing writes on household case records. Each function checks the
state, runs in one transaction, locks the household it changes, saves with
update_fields, and writes exactly one access-log entry (carers.accesslog)."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import accesslog, outbox
from .errors import CONFLICT, ActionError
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
from .policy import Audience, scope_of

HOUSEHOLD_EDITABLE = Household.EDITABLE_FIELDS
CARER_FIELDS = Carer.EDITABLE_FIELDS
RECIPIENT_FIELDS = CareRecipient.EDITABLE_FIELDS
# What a restricted record (consent withdrawn) still holds: who, what kind of
# household, when and how consent was given and withdrawn, dates and channels of
# past consultations, and the access log. Everything else is cleared.
RESTRICTED_CLEARS = ("services_used", "needs_and_wishes", "notes")


def _lock(household, by) -> Household:
    """The household, locked, if ``by`` may change it (the policy, checked
    here too so no caller can forget it); PermissionDenied otherwise."""
    return (
        Household.objects.select_for_update()
        .select_related("municipality")
        .get_manageable(by, pk=household.pk)
    )


def _require_changeable(household):
    if household.is_restricted:
        raise ActionError(
            _("Consent was withdrawn: this record is restricted and cannot be changed."),
            code=CONFLICT,
        )
    if household.status == CaseStatus.CLOSED:
        raise ActionError(_("This case is closed and cannot be changed."), code=CONFLICT)


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
        raise ActionError(
            _("The follow-up date is in the past. Choose today or a later date."),
            field="next_follow_up",
        )


@transaction.atomic
def household_create(
    *, by, fields: dict, consent: dict, carers: list, recipients: list
) -> Household:
    """Create a household of the user's municipality with its consent record.
    Consent first: without a complete consent for keeping the record, nothing is saved."""
    if scope_of(by).audience is not Audience.MUNICIPAL:
        raise PermissionError("Only municipal staff create case records.")
    missing = [k for k in ("given_by", "given_on", "method") if not consent.get(k)]
    if missing or ConsentPurpose.CASE_RECORD not in (consent.get("purposes") or []):
        raise ActionError(_("A household can only be recorded with consent to keep the record."))
    _check_follow_up(fields.get("next_follow_up"))
    household = Household(municipality_id=by.municipality_id, created_by=by, updated_by=by)
    for f in HOUSEHOLD_EDITABLE:
        if f in fields:
            setattr(household, f, fields[f])
    household.assigned_to = fields.get("assigned_to") or by
    household.save()
    Consent.objects.create(
        household=household,
        given_by=consent["given_by"],
        given_on=consent["given_on"],
        method=consent["method"],
        purposes=list(consent["purposes"]),
        taken_by=by,
    )
    _save_members(household, Carer, CARER_FIELDS, carers)
    _save_members(household, CareRecipient, RECIPIENT_FIELDS, recipients)
    accesslog.record(user=by, household=household, action=AccessAction.CREATE)
    return household


@transaction.atomic
def household_update(
    *, household, by, expected_version: int, fields: dict, carers: list, recipients: list
) -> Household:
    """Correct or update a record. Refused (an ActionError with the current record as ``details["current"]``) when someone else
    saved it after ``expected_version`` was loaded."""
    household = _lock(household, by)
    _require_changeable(household)
    if household.version != expected_version:
        raise ActionError(
            _(
                "Someone else changed this record while you were editing. Compare the differences below; "
                "your input is kept. Save again to replace their changes with yours."
            ),
            code=CONFLICT,
            current=household,
        )
    _check_follow_up(fields.get("next_follow_up"), previous=household.next_follow_up)
    for f in HOUSEHOLD_EDITABLE:
        setattr(household, f, fields.get(f, getattr(household, f)))
    household.version += 1
    household.updated_by = by
    household.save(update_fields=[*HOUSEHOLD_EDITABLE, "version", "updated_by", "updated_at"])
    _save_members(household, Carer, CARER_FIELDS, carers)
    _save_members(household, CareRecipient, RECIPIENT_FIELDS, recipients)
    accesslog.record(user=by, household=household, action=AccessAction.UPDATE)
    return household


@transaction.atomic
def consultation_add(*, household, by, held_on, channel, summary, next_step="") -> ConsultationLog:
    household = _lock(household, by)
    _require_changeable(household)
    if held_on > timezone.localdate():
        raise ActionError(_("A consultation cannot be in the future."), field="held_on")
    entry = ConsultationLog.objects.create(
        household=household,
        held_on=held_on,
        channel=channel,
        summary=summary,
        next_step=next_step,
        recorded_by=by,
    )
    household.updated_by = by
    household.save(update_fields=["updated_by", "updated_at"])
    accesslog.record(user=by, household=household, action=AccessAction.CONSULTATION_ADD)
    return entry


@transaction.atomic
def household_set_follow_up(*, household, by, next_follow_up) -> Household:
    household = _lock(household, by)
    _require_changeable(household)
    _check_follow_up(next_follow_up)
    household.next_follow_up = next_follow_up
    household.version += 1
    household.updated_by = by
    household.save(update_fields=["next_follow_up", "version", "updated_by", "updated_at"])
    accesslog.record(user=by, household=household, action=AccessAction.FOLLOW_UP_SET)
    return household


@transaction.atomic
def support_plan_save(*, household, by, answers: dict, result: dict) -> SupportPlan:
    household = _lock(household, by)
    _require_changeable(household)
    plan = SupportPlan.objects.create(
        household=household, created_by=by, answers=answers, result=result
    )
    household.updated_by = by
    household.save(update_fields=["updated_by", "updated_at"])
    accesslog.record(user=by, household=household, action=AccessAction.PLAN_SAVE)
    return plan


@transaction.atomic
def consent_withdraw(*, household, by, withdrawn_on, method) -> Household:
    """Consent withdrawn: keep only the minimum (see RESTRICTED_CLEARS), close the
    case so the retention clock starts, and stop reminders."""
    household = _lock(household, by)
    if household.is_restricted:
        raise ActionError(_("Consent was already withdrawn for this household."), code=CONFLICT)
    if withdrawn_on > timezone.localdate():
        raise ActionError(_("The withdrawal date cannot be in the future."), field="withdrawn_on")
    now = timezone.now()
    household.consents.filter(withdrawn_on__isnull=True).update(
        withdrawn_on=withdrawn_on, withdrawn_method=method, withdrawal_recorded_by=by
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
    household.updated_by = by
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
    accesslog.record(user=by, household=household, action=AccessAction.CONSENT_WITHDRAW)
    return household


@transaction.atomic
def household_close(*, household, by) -> Household:
    household = _lock(household, by)
    if household.status == CaseStatus.CLOSED:
        raise ActionError(_("This case is already closed."), code=CONFLICT)
    household.status = CaseStatus.CLOSED
    household.closed_at = timezone.now()
    household.version += 1
    household.updated_by = by
    household.save(update_fields=["status", "closed_at", "version", "updated_by", "updated_at"])
    accesslog.record(user=by, household=household, action=AccessAction.CLOSE)
    return household


@transaction.atomic
def household_delete(*, household, by, reason) -> None:
    """Delete a record on request (or when entered in error). The access log
    keeps that it was deleted, by whom and why (a reason code, no details)."""
    household = _lock(household, by)
    accesslog.record(user=by, household=household, action=AccessAction.DELETE, reason=reason)
    household.delete()


def households_purge_expired(*, now=None) -> int:
    """Delete closed cases older than CASE_RETENTION_DAYS. Records only that a
    purge happened and how many; safe to run twice (the second finds none)."""
    days = settings.CASE_RETENTION_DAYS
    with transaction.atomic():
        ids = list(
            Household.objects.unscoped()
            .purgeable(days, now=now)
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
            Household.objects.manageable_by(user)
            .follow_up_due(today)
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
