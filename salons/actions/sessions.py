"""One-off changes to sessions: creation, moves, edits, cancellation, messages and reminders."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carers.errors import ActionError

from ..models import (
    HOLDING_STATUSES,
    RegistrationStatus,
    Salon,
    Session,
    SessionStatus,
)
from .common import _local, _send_to_registration, _session_context, _when
from .registrations import _offer_next


def _check_times(starts_at, ends_at, now=None):
    now = now or timezone.now()
    if ends_at <= starts_at:
        raise ActionError(_("The end must be after the start."), field="end_time")
    if starts_at < now:
        raise ActionError(_("The start is in the past."), field="date")


def _check_online(is_online, meeting_url):
    if meeting_url and not meeting_url.lower().startswith("https://"):
        raise ActionError(_("The meeting URL must start with https://."), field="meeting_url")
    if meeting_url and not is_online:
        raise ActionError(_("Only an online session can have a meeting URL."), field="meeting_url")


def _check_salon_online(salon, is_online):
    """Online sessions only for a salon registered as meeting online (the
    search's "online only" filter and the public page rely on it)."""
    if is_online and not salon.is_online:
        raise ActionError(
            _(
                "This salon is not registered as meeting online. Tick 'meets online' in its "
                "details first (a published salon's change needs approval)."
            )
        )


def session_create(
    *,
    salon,
    by,
    starts_at,
    ends_at,
    capacity=None,
    is_online=False,
    meeting_url="",
    facilitator=None,
    note="",
) -> Session:
    _check_times(starts_at, ends_at)
    _check_online(is_online, meeting_url)
    if capacity is not None and capacity < 1:
        raise ActionError(
            _("The capacity must be at least 1, or empty for no limit."), field="capacity"
        )
    with transaction.atomic():
        salon = Salon.objects.get_manageable(by, pk=salon.pk)
        _check_salon_online(salon, is_online)
        return Session.objects.create(
            salon=salon,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            is_online=is_online,
            meeting_url=meeting_url,
            facilitator=facilitator,
            note=note,
        )


def _notify_session(session, template, statuses, extra=None):
    for reg in session.registrations.filter(status__in=statuses).select_related("user"):
        _send_to_registration(
            reg,
            template=template,
            context={
                **_session_context(session),
                "registration_url": reg.get_absolute_url(),
                **(extra or {}),
            },
        )


def _managed_session(session, by, sessions=None):
    """Lock a session ``by`` may change (``sessions``: a narrower scope)."""
    session = (
        (Session.objects.manageable_by(by) if sessions is None else sessions)
        .select_for_update(of=("self",))
        .select_related("salon")
        .filter(pk=session.pk)
        .first()
    )
    if session is None:
        raise ActionError(_("You cannot change this session."))
    return session


def session_move(*, session, by, starts_at, ends_at) -> Session:
    _check_times(starts_at, ends_at)
    with transaction.atomic():
        session = _managed_session(session, by)
        if session.is_cancelled:
            raise ActionError(_("This session is cancelled."))
        old = _when(session.starts_at)
        session.starts_at, session.ends_at = starts_at, ends_at
        session.moved_at, session.moved_by = timezone.now(), by
        session.reminder_sent_at = None
        session.sequence += 1
        session.save(
            update_fields=[
                "starts_at",
                "ends_at",
                "moved_at",
                "moved_by",
                "reminder_sent_at",
                "sequence",
            ]
        )
        _notify_session(
            session,
            "salons/email/session_moved",
            (*HOLDING_STATUSES, RegistrationStatus.WAITING),
            {"old_starts_at": old},
        )
    return session


def _cancel(session, by, reason=""):
    """Cancel a locked session and tell everyone signed up or waiting, with
    the reason. The session stays listed (marked cancelled) for a while, and
    its raised SEQUENCE makes calendar clients replace their copy."""
    session.status = SessionStatus.CANCELLED
    session.cancelled_at, session.cancelled_by = timezone.now(), by
    session.cancel_reason = reason
    session.sequence += 1
    session.save(
        update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "sequence"]
    )
    _notify_session(
        session,
        "salons/email/session_cancelled",
        (*HOLDING_STATUSES, RegistrationStatus.WAITING),
        {"reason": reason},
    )


CANCEL_REASON_MAX = 500


def session_cancel(*, session, by, reason) -> Session:
    """The organiser cancels a session and says why (shown on the page, in
    the feeds and in the email to everyone signed up)."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionError(
            _("Write the reason for cancelling: participants and visitors see it."), field="reason"
        )
    if len(reason) > CANCEL_REASON_MAX:
        raise ActionError(
            _("The reason can be at most %(max)s characters.") % {"max": CANCEL_REASON_MAX}
        )
    with transaction.atomic():
        session = _managed_session(session, by)
        if session.is_cancelled:
            raise ActionError(_("This session is already cancelled."))
        if session.has_ended:
            raise ActionError(_("This session has already ended."))
        _cancel(session, by, reason)
    return session


MESSAGE_MAX = 2000


# Who an organiser's message reaches: everyone holding a seat or waiting.
MESSAGE_STATUSES = (*HOLDING_STATUSES, RegistrationStatus.WAITING)


def session_message(*, session, by, message) -> int:
    """The organiser writes to everyone signed up for one of their sessions
    (through the outbox; the addresses are never shown to the organiser).
    Returns how many were written to."""
    message = (message or "").strip()
    if not message:
        raise ActionError(_("Write the message."), field="message")
    if len(message) > MESSAGE_MAX:
        raise ActionError(
            _("The message can be at most %(max)s characters.") % {"max": MESSAGE_MAX}
        )
    with transaction.atomic():
        session = _managed_session(
            session, by, Session.objects.manageable_by(by).filter(salon__organiser=by)
        )
        if session.has_ended:
            raise ActionError(_("This session has already ended."))
        recipients = session.registrations.filter(status__in=MESSAGE_STATUSES)
        count = recipients.count()
        if not count:
            raise ActionError(_("Nobody is signed up for this session yet."))
        _notify_session(
            session,
            "salons/email/organiser_message",
            MESSAGE_STATUSES,
            {"message": message, "cancelled": session.is_cancelled},
        )
    return count


def session_update(*, session, by, capacity, meeting_url, facilitator, note) -> Session:
    """Change a session's capacity, meeting URL, facilitator and note. The
    capacity cannot go below the seats already held; seats it frees are
    offered to the waiting list as after a cancellation."""
    if capacity is not None and capacity < 1:
        raise ActionError(
            _("The capacity must be at least 1, or empty for no limit."), field="capacity"
        )
    meeting_url = (meeting_url or "").strip()
    _check_online(True, meeting_url)  # the session's own online flag is checked below
    with transaction.atomic():
        # Managers of the salon (a facilitator alone may not change the session).
        session = _managed_session(
            session,
            by,
            Session.objects.manageable_by(by).filter(salon__in=Salon.objects.manageable_by(by)),
        )
        if session.is_cancelled:
            raise ActionError(_("This session is cancelled."))
        if session.has_ended:
            raise ActionError(_("This session has already ended."))
        if meeting_url and not session.is_online:
            raise ActionError(
                _("Only an online session can have a meeting URL."), field="meeting_url"
            )
        held = session.registrations.filter(status__in=HOLDING_STATUSES).count()
        if capacity is not None and capacity < held:
            raise ActionError(
                _(
                    "%(held)s seats are already booked or offered: the capacity cannot be "
                    "lower than that."
                )
                % {"held": held}
            )
        grew = session.capacity is not None and (capacity is None or capacity > session.capacity)
        session.capacity = capacity
        session.meeting_url = meeting_url
        session.facilitator = facilitator
        session.note = note or ""
        session.edited_at, session.edited_by = timezone.now(), by
        session.save(
            update_fields=[
                "capacity",
                "meeting_url",
                "facilitator",
                "note",
                "edited_at",
                "edited_by",
            ]
        )
        if grew and session.starts_at > timezone.now():
            _offer_next(session)
    return session


def sessions_send_reminders(*, now=None) -> int:
    """Remind everyone booked for a session that starts tomorrow (Tokyo date)."""
    now = now or timezone.now()
    tomorrow = _local(now).date() + timedelta(days=1)
    due = Session.objects.unscoped().filter(
        status=SessionStatus.SCHEDULED,
        reminder_sent_at__isnull=True,
        starts_at__date=tomorrow,
    )
    sent = 0
    for session_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            session = (
                Session.objects.unscoped()
                .select_for_update(of=("self",), skip_locked=True)
                .select_related("salon")
                .filter(pk=session_id, reminder_sent_at__isnull=True)
                .first()
            )
            if session is None:
                continue
            session.reminder_sent_at = now
            session.save(update_fields=["reminder_sent_at"])
            _notify_session(session, "salons/email/reminder", (RegistrationStatus.CONFIRMED,))
            sent += 1
    return sent


def salons_refresh_next_sessions(*, now=None) -> int:
    """Salons whose stored next session has started get the one after it
    (Salon.next_session_at; every change of a session stores it at once)."""
    return Salon.objects.unscoped().refresh_passed(now)  # every salon: a periodic task
