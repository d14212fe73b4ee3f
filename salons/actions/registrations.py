"""Sign-ups: joining, guest requests by e-mail, cancellation and the waiting list."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from carers.errors import NOT_FOUND, ActionError

from ..models import (
    HOLDING_STATUSES,
    Registration,
    RegistrationStatus,
    Session,
)
from .common import _send_to_registration, _session_context, _when

# How long a freed seat is held for the first person on the waiting list.
OFFER_HOURS = 24
GUEST_LINK_MAX_AGE = 2 * 24 * 3600
GUEST_SALT = "salons.guest-confirm"


def _lock_open_session(session_pk, now=None):
    """Lock the session row: every seat count happens under this lock."""
    session = (
        Session.objects.unscoped()  # seats: the caller holds the sign-up or a public session
        .select_for_update(of=("self",))
        .select_related("salon")
        .filter(pk=session_pk)
        .first()
    )
    if session is None or not session.salon.is_public:
        raise ActionError(_("This session is not open for sign-up."))
    if session.is_cancelled:
        raise ActionError(_("This session has been cancelled."))
    if session.starts_at <= (now or timezone.now()):
        raise ActionError(_("This session has already started."))
    return session


def _seat_status(session):
    if session.capacity is None:
        return RegistrationStatus.CONFIRMED
    held = session.registrations.filter(status__in=HOLDING_STATUSES).count()
    return RegistrationStatus.CONFIRMED if held < session.capacity else RegistrationStatus.WAITING


def _joined(reg):
    _send_to_registration(
        reg,
        template="salons/email/joined",
        context={
            **_session_context(reg.session),
            "waiting": reg.status == RegistrationStatus.WAITING,
            "registration_url": reg.get_absolute_url(),
        },
    )


def _account_nickname(nickname, user, salon):
    """The name the organiser sees. Never the account's email address (it
    often carries a real name); for young-carer salons nothing from the
    account at all, only what was typed (young carers may stay anonymous)."""
    if nickname:
        return nickname
    return "" if salon.is_for_young_carers else (user.display_name or "")


def session_join(*, session, by, nickname="", age_band="", wait_if_full=True) -> Registration:
    """A signed-in user joins a session: a seat if one is free, otherwise the
    waiting list (only when ``wait_if_full``)."""
    with transaction.atomic():
        session = _lock_open_session(session.pk)
        if session.registrations.active().filter(user=by).exists():
            raise ActionError(_("You are already signed up for this session."))
        status = _seat_status(session)
        if status == RegistrationStatus.WAITING and not wait_if_full:
            raise ActionError(_("This session is full. You can join the waiting list."))
        try:
            with transaction.atomic():
                reg = Registration.objects.create(
                    session=session,
                    user=by,
                    nickname=_account_nickname(nickname, by, session.salon)[:40],
                    age_band=age_band if session.salon.is_for_young_carers else "",
                    status=status,
                )
        except IntegrityError:
            raise ActionError(_("You are already signed up for this session.")) from None
        _joined(reg)
    return reg


def guest_token(reg) -> str:
    return signing.dumps(str(reg.token), salt=GUEST_SALT)


def guest_request(*, session, email, nickname, age_band="") -> Registration:
    """A guest asks to join: nothing is booked until they click the signed
    link sent to the address (proving it is theirs)."""
    with transaction.atomic():
        session = Session.objects.public().select_related("salon").get(pk=session.pk)
        if (
            session.is_cancelled
            or session.starts_at <= timezone.now()
            or not session.salon.is_public
        ):
            raise ActionError(_("This session is not open for sign-up."))
        reg = Registration.objects.create(
            session=session,
            guest_email=email.strip().lower(),
            nickname=nickname.strip()[:40],
            age_band=age_band if session.salon.is_for_young_carers else "",
            status=RegistrationStatus.EMAIL_UNCONFIRMED,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        _send_to_registration(
            reg,
            template="salons/email/guest_confirm",
            context={
                **_session_context(session),
                "confirm_url": reverse("salons:guest_confirm", args=[guest_token(reg)]),
            },
        )
    return reg


def guest_registration(*, token) -> Registration:
    """The guest's pending sign-up named by a signed confirmation link."""
    try:
        reg_token = signing.loads(token, salt=GUEST_SALT, max_age=GUEST_LINK_MAX_AGE)
    except signing.BadSignature:
        raise ActionError(
            _("This link is invalid or has expired. Please sign up again."), code=NOT_FOUND
        ) from None
    reg = Registration.objects.filter(token=reg_token).first()
    if reg is None:
        raise ActionError(
            _("This link is invalid or has expired. Please sign up again."), code=NOT_FOUND
        )
    return reg


def guest_confirm(*, token) -> Registration:
    with transaction.atomic():
        reg = guest_registration(token=token)
        if reg.status != RegistrationStatus.EMAIL_UNCONFIRMED:
            return reg  # clicked twice: already done
        session = _lock_open_session(reg.session_id)
        if session.registrations.active().filter(guest_email=reg.guest_email).exists():
            raise ActionError(_("This email address is already signed up for this session."))
        reg.status = _seat_status(session)
        reg.save(update_fields=["status", "updated_at"])
        _joined(reg)
    return reg


def _offer_next(session, now=None):
    """Offer freed seats to the waiting list in order (session row locked)."""
    if session.is_cancelled:
        return
    now = now or timezone.now()
    until = min(now + timedelta(hours=OFFER_HOURS), session.starts_at)
    if until <= now:
        return
    waiting = session.registrations.filter(status=RegistrationStatus.WAITING).select_related("user")
    if session.capacity is not None:  # no limit any more: everyone waiting is offered a seat
        free = session.capacity - session.registrations.filter(status__in=HOLDING_STATUSES).count()
        waiting = waiting[: max(free, 0)]
    for reg in waiting:
        reg.status = RegistrationStatus.OFFERED
        reg.offered_until = until
        reg.save(update_fields=["status", "offered_until", "updated_at"])
        _send_to_registration(
            reg,
            template="salons/email/offer",
            context={
                **_session_context(session),
                "registration_url": reg.get_absolute_url(),
                "until": _when(until),
            },
        )


def registration_cancel(*, registration) -> Registration:
    with transaction.atomic():
        reg = Registration.objects.get(pk=registration.pk)
        session = (
            Session.objects.unscoped()  # the sign-up's own session
            .select_for_update(of=("self",))
            .select_related("salon")
            .get(pk=reg.session_id)
        )
        reg.refresh_from_db()
        if reg.status not in (*HOLDING_STATUSES, RegistrationStatus.WAITING):
            raise ActionError(_("This sign-up is not active."))
        freed = reg.status in HOLDING_STATUSES
        reg.status = RegistrationStatus.CANCELLED
        reg.save(update_fields=["status", "updated_at"])
        if freed and session.starts_at > timezone.now():
            _offer_next(session)
    return reg


def registration_accept_offer(*, registration, now=None) -> Registration:
    now = now or timezone.now()
    with transaction.atomic():
        reg = Registration.objects.get(pk=registration.pk)
        Session.objects.unscoped().select_for_update(of=("self",)).get(pk=reg.session_id)
        reg.refresh_from_db()
        if reg.status != RegistrationStatus.OFFERED:
            raise ActionError(_("There is no seat on offer for this sign-up."))
        if reg.offered_until and reg.offered_until < now:
            raise ActionError(_("This offer has expired."))
        reg.status = RegistrationStatus.CONFIRMED
        reg.offered_until = None
        reg.save(update_fields=["status", "offered_until", "updated_at"])
    return reg


def offers_expire(*, now=None) -> int:
    """Expire offers not taken in time and offer the seat to the next person.
    Safe to run twice: each offer is re-checked under the session lock."""
    now = now or timezone.now()
    expired = 0
    due = Registration.objects.filter(status=RegistrationStatus.OFFERED, offered_until__lt=now)
    for session_id in set(due.values_list("session_id", flat=True)):
        with transaction.atomic():
            session = (
                Session.objects.unscoped()  # a scheduled task
                .select_for_update(of=("self",))
                .select_related("salon")
                .get(pk=session_id)
            )
            for reg in session.registrations.filter(
                status=RegistrationStatus.OFFERED, offered_until__lt=now
            ).select_related("user"):
                reg.status = RegistrationStatus.EXPIRED
                reg.save(update_fields=["status", "updated_at"])
                _send_to_registration(
                    reg,
                    template="salons/email/offer_expired",
                    context=_session_context(session),
                )
                expired += 1
            if session.starts_at > now:
                _offer_next(session, now)
    return expired


def guest_requests_purge(*, now=None) -> int:
    """Delete guest sign-ups whose email was never confirmed once their link
    has expired: the address is personal data kept for nothing."""
    now = now or timezone.now()
    deleted, _details = Registration.objects.filter(
        status=RegistrationStatus.EMAIL_UNCONFIRMED,
        created_at__lt=now - timedelta(seconds=GUEST_LINK_MAX_AGE),
    ).delete()
    return deleted
