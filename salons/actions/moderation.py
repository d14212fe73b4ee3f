"""Review of salons by staff: proposed changes, approval, return and outdated reports."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carers.errors import ActionError
from carers.models import Municipality

from ..models import (
    Salon,
    SalonEvent,
)
from ..workflow import SALON_WORKFLOW, SalonAction
from .common import _notify_reviewers, _record, _send, reviewers_for


def _transition(salon, action, by):
    """The state ``action`` by ``by`` moves the salon to (refused if the
    moderation workflow does not allow it)."""
    return SALON_WORKFLOW.step(
        salon.status, action, by=by, status_label=salon.get_status_display()
    ).target


def _serialise(field, value):
    if field == "municipality":
        return value.pk if value else None
    if field == "photo":
        return value.name if value else ""
    return value


def _apply(salon, changes: dict):
    for field, value in changes.items():
        if field == "municipality":
            salon.municipality = Municipality.objects.filter(pk=value).first() if value else None
        else:
            setattr(salon, field, value)


def _propose_changes(salon, by, data, changes):
    """A published salon's edit replaces the proposal for every field the
    organiser sent: a field set back to its published value is no longer
    proposed (staff must not approve a change the organiser undid). Fields not
    sent, and a proposed photo not replaced or cleared, stay proposed."""
    unsent = {
        f: v
        for f, v in salon.pending_changes.items()
        if f not in data or (f == "photo" and f not in changes)
    }
    pending = {**unsent, **changes}
    if pending == salon.pending_changes:
        return salon
    if pending:
        salon.status = _transition(salon, SalonAction.PROPOSE_CHANGES, by)
    else:
        salon.status = _transition(salon, SalonAction.WITHDRAW_CHANGES, by)
    salon.pending_changes = pending
    salon.save(update_fields=["status", "pending_changes", "updated_at"])
    if pending:
        _record(salon, SalonEvent.Action.CHANGES_PROPOSED, by, ", ".join(pending))
        _notify_reviewers(salon, "salons/email/submitted", {"is_change": True})
    else:
        _record(salon, SalonEvent.Action.CHANGES_WITHDRAWN, by)
    return salon


def _reviewable(salon, by):
    salon = Salon.objects.reviewable_by(by).select_for_update().filter(pk=salon.pk).first()
    if salon is None:
        raise ActionError(_("You cannot review this salon."))
    return salon


def salon_approve(*, salon, by) -> Salon:
    with transaction.atomic():
        salon = _reviewable(salon, by)
        was_published = salon.is_public
        salon.status = _transition(salon, SalonAction.APPROVE, by)
        changed = list(salon.pending_changes)
        _apply(salon, salon.pending_changes)
        now = timezone.now()
        salon.pending_changes = {}
        salon.review_comment = ""
        salon.reviewed_by, salon.reviewed_at = by, now
        salon.last_confirmed_at = now
        salon.search_text = salon.build_search_text()
        salon.save(
            update_fields=[
                *changed,
                "status",
                "pending_changes",
                "review_comment",
                "reviewed_by",
                "reviewed_at",
                "last_confirmed_at",
                "search_text",
                "updated_at",
            ]
        )
        _record(salon, SalonEvent.Action.APPROVED, by, ", ".join(changed))
        _send(
            to=salon.organiser,
            # A first publication and an approved change are different news.
            template="salons/email/changes_approved" if was_published else "salons/email/approved",
            context={
                "salon_name": salon.name,
                "salon_url": salon.get_absolute_url(),
                # Field names: the email names them by label in the recipient's language.
                "changed": changed,
            },
        )
    return salon


def salon_return(*, salon, by, comment: str) -> Salon:
    comment = (comment or "").strip()
    if not comment:
        raise ActionError(
            _("Write a comment so the organiser knows what to change."), field="comment"
        )
    with transaction.atomic():
        salon = _reviewable(salon, by)
        salon.status = _transition(salon, SalonAction.RETURN, by)
        salon.pending_changes = {}
        salon.review_comment = comment
        salon.reviewed_by, salon.reviewed_at = by, timezone.now()
        salon.save(
            update_fields=[
                "status",
                "pending_changes",
                "review_comment",
                "reviewed_by",
                "reviewed_at",
                "updated_at",
            ]
        )
        _record(salon, SalonEvent.Action.RETURNED, by, comment)
        _send(
            to=salon.organiser,
            template="salons/email/returned",
            context={
                "salon_name": salon.name,
                "comment": comment,
                "edit_url": reverse("salons:edit", args=[salon.pk]),
            },
        )
    return salon


def salon_report_outdated(*, salon, message: str, by=None):
    from ..models import OutdatedReport

    message = (message or "").strip()
    if not message:
        raise ActionError(_("Tell us what is wrong or out of date."), field="message")
    with transaction.atomic():
        salon = Salon.objects.public().select_related("organiser").get(pk=salon.pk)
        report = OutdatedReport.objects.create(
            salon=salon,
            message=message,
            reporter=by if by and by.is_authenticated else None,
        )
        context = {
            "salon_name": salon.name,
            "message": message,
            "manage_url": reverse("salons:manage_detail", args=[salon.pk]),
        }
        _send(to=salon.organiser, template="salons/email/outdated_report", context=context)
        for staff in reviewers_for(salon):
            _send(to=staff, template="salons/email/outdated_report", context=context)
    return report
