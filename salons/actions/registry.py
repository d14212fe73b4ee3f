"""Organisers and their salons: enrolment, creation, edits and the periodic confirmation."""

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carers import accounts
from carers.errors import NOT_FOUND, ActionError
from carers.models import Role, User

from ..models import (
    CONFIRM_EVERY,
    PUBLIC_FIELDS,
    Salon,
    SalonEvent,
    SalonStatus,
)
from ..workflow import SalonAction
from .common import _local, _notify_reviewers, _record, _send
from .moderation import _apply, _propose_changes, _serialise, _transition

CONFIRM_LINK_MAX_AGE = 60 * 24 * 3600
CONFIRM_SALT = "salons.salon-confirm"


def organiser_enrol(*, by) -> User:
    """A registered user becomes a salon organiser."""
    user = by
    if user.role == Role.ORGANISER:
        return user
    if user.role != Role.REGISTERED:
        raise ActionError(_("Staff accounts cannot become organisers."))
    return accounts.organiser_role_grant(user=user)


def salon_create(*, by, data: dict) -> Salon:
    organiser = by
    if organiser.role != Role.ORGANISER:
        raise ActionError(_("Only salon organisers can register a salon."))
    with transaction.atomic():
        salon = Salon(
            organiser=organiser, status=SalonStatus.PENDING, last_confirmed_at=timezone.now()
        )
        for field in PUBLIC_FIELDS:
            if field in data:
                setattr(salon, field, data[field])
        salon.search_text = salon.build_search_text()
        salon.save()
        _record(salon, SalonEvent.Action.SUBMITTED, organiser)
        _notify_reviewers(salon, "salons/email/submitted")
    return salon


def salon_update(*, salon, by, data: dict) -> Salon:
    """Save the organiser's edit. Unpublished salons change directly (a
    returned one goes back for approval); a published salon's changed public
    facts wait in ``pending_changes`` while the published version stays."""
    with transaction.atomic():
        salon = Salon.objects.select_for_update().get_manageable(by, pk=salon.pk)
        if salon.organiser_id != by.pk:
            raise ActionError(_("Only the organiser can edit this salon."))
        changes = {
            f: _serialise(f, data[f])
            for f in PUBLIC_FIELDS
            if f in data and _serialise(f, data[f]) != _serialise(f, getattr(salon, f))
        }
        if salon.is_public:
            return _propose_changes(salon, by, data, changes)
        if not changes:
            return salon
        _apply(salon, changes)
        fields = [*changes, "search_text", "updated_at"]
        if salon.status == SalonStatus.RETURNED:
            salon.status = _transition(salon, SalonAction.RESUBMIT, by)
            fields.append("status")
        salon.search_text = salon.build_search_text()
        salon.save(update_fields=fields)
        _record(salon, SalonEvent.Action.SUBMITTED, by)
        _notify_reviewers(salon, "salons/email/submitted")
    return salon


def confirm_token(salon) -> str:
    return signing.dumps({"salon": salon.pk, "org": salon.organiser_id}, salt=CONFIRM_SALT)


def confirm_link_salon(*, salon, token) -> Salon:
    """The salon a quarterly confirmation link names, checked; nothing changes."""
    invalid = ActionError(_("This confirmation link is invalid or has expired."), code=NOT_FOUND)
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_LINK_MAX_AGE)
    except signing.BadSignature:
        raise invalid from None
    if salon is None or data.get("salon") != salon.pk or data.get("org") != salon.organiser_id:
        raise invalid
    return salon


def salon_confirm(*, salon, by=None, token=None) -> Salon:
    """The organiser confirms the details are current: by a signed-in click,
    or by the one-click signed link from the quarterly email."""
    invalid = ActionError(_("This confirmation link is invalid or has expired."), code=NOT_FOUND)
    if token is not None:
        try:
            data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_LINK_MAX_AGE)
        except signing.BadSignature:
            raise invalid from None
        if salon is None or data.get("salon") != salon.pk:
            raise invalid
    with transaction.atomic():
        salon = (
            Salon.objects.unscoped().select_for_update().filter(pk=salon.pk).first()
        )  # token or task
        if salon is None or (token is not None and data.get("org") != salon.organiser_id):
            raise invalid
        if token is None and (by is None or by.pk != salon.organiser_id):
            raise ActionError(_("Only the organiser can confirm this salon."))
        salon.last_confirmed_at = timezone.now()
        salon.confirm_requested_at = None
        salon.save(update_fields=["last_confirmed_at", "confirm_requested_at"])
        _record(salon, SalonEvent.Action.CONFIRMED, by if token is None else salon.organiser)
    return salon


def salons_request_confirmation(*, now=None) -> int:
    """Ask organisers of salons not confirmed for three months to confirm
    (once per three months; safe to run twice)."""
    now = now or timezone.now()
    due = (
        Salon.objects.public()
        .filter(last_confirmed_at__lt=now - CONFIRM_EVERY)
        .exclude(confirm_requested_at__gte=now - CONFIRM_EVERY)
    )
    count = 0
    for salon_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            salon = (
                Salon.objects.unscoped()
                .select_for_update(skip_locked=True)
                .select_related("organiser")
                .filter(pk=salon_id)
                .first()
            )
            if salon is None or (
                salon.confirm_requested_at and salon.confirm_requested_at >= now - CONFIRM_EVERY
            ):
                continue
            salon.confirm_requested_at = now
            salon.save(update_fields=["confirm_requested_at"])
            _send(
                to=salon.organiser,
                template="salons/email/confirm_request",
                context={
                    "salon_name": salon.name,
                    "last_confirmed": _local(salon.last_confirmed_at).strftime("%Y-%m-%d"),
                    "confirm_url": reverse(
                        "salons:confirm_link", args=[salon.pk, confirm_token(salon)]
                    ),
                    "edit_url": reverse("salons:edit", args=[salon.pk]),
                },
            )
            count += 1
    return count
