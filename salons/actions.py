"""State-changing writes of the salons app.

Each function checks the state, runs in one transaction, locks what it
counts, saves with ``update_fields`` and queues its notifications through the
outbox in the same transaction. Errors a user can fix raise ``SalonError``
with a message for them.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from carers.models import Municipality, Role, User
from carers.outbox import enqueue

from .models import (
    CONFIRM_EVERY,
    HOLDING_STATUSES,
    PUBLIC_FIELDS,
    SALON_TRANSITIONS,
    RecurrenceKind,
    Registration,
    RegistrationStatus,
    Salon,
    SalonEvent,
    SalonStatus,
    Session,
    SessionRule,
    SessionStatus,
)

# How long a freed seat is held for the first person on the waiting list.
OFFER_HOURS = 24
GUEST_LINK_MAX_AGE = 2 * 24 * 3600
CONFIRM_LINK_MAX_AGE = 60 * 24 * 3600
GUEST_SALT = "salons.guest-confirm"
CONFIRM_SALT = "salons.salon-confirm"
GENERATE_AHEAD_DAYS = 120


class SalonError(Exception):
    """A refusal the user can understand and fix (shown as a message)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- helpers -----------------------------------------------------------------------


def _local(dt):
    return timezone.localtime(dt)


def _when(dt):
    # Language-neutral: the email is rendered later in the recipient's language.
    return _local(dt).strftime("%Y-%m-%d %H:%M")


def _session_context(session):
    """What every email about a session says: when, where, what it costs and
    whom to ask (the salon's public facts only; never the meeting URL)."""
    salon = session.salon
    in_person = salon.is_in_person and bool(salon.venue_address) and not session.is_online
    return {
        "salon_name": salon.name,
        "starts_at": _when(session.starts_at),
        "ends_at": _local(session.ends_at).strftime("%H:%M"),
        "salon_url": salon.get_absolute_url(),
        "is_online": session.is_online,
        "venue": salon.venue_address if in_person else "",
        "venue_access": salon.venue_access if in_person else "",
        "fee": salon.fee,
        "contact": salon.contact,
        "organising_body": salon.organising_body,
    }


def _send(*, to, template, context, language=None):
    """Queue an email in the recipient's language with its links in that
    language too: paths in ``context`` (keys ending in ``_url``) were reversed
    in the language of whoever acted, which may not be the recipient's."""
    language = language or getattr(to, "language", None) or settings.LANGUAGE_CODE
    context = {
        key: translate_url(value, language)
        if key.endswith("_url") and isinstance(value, str)
        else value
        for key, value in context.items()
    }
    return enqueue(to=to, template=template, context=context, language=language)


def _send_to_registration(reg, template, context):
    """Account holders get their account's language; guests the language
    they signed up in."""
    return _send(
        to=reg.recipient, template=template, context=context, language=reg.language or None
    )


def reviewers_for(salon):
    """Staff who approve this salon: its municipality's staff, and prefecture
    staff when the municipality has none (or for prefecture-wide salons)."""
    active = User.objects.filter(is_active=True)
    staff = (
        list(active.filter(role=Role.MUNICIPAL_STAFF, municipality_id=salon.municipality_id))
        if salon.municipality_id
        else []
    )
    return staff or list(active.filter(role=Role.PREFECTURE_STAFF))


def _transition(salon, action):
    allowed = SALON_TRANSITIONS[action]
    if salon.status not in allowed:
        raise SalonError(_("This salon cannot be changed that way in its current state."))
    return allowed[salon.status]


def _notify_reviewers(salon, template, extra=None):
    for staff in reviewers_for(salon):
        _send(
            to=staff,
            template=template,
            context={
                "salon_name": salon.name,
                "manage_url": reverse("salons:manage_detail", args=[salon.pk]),
                **(extra or {}),
            },
        )


def _record(salon, action, actor=None, comment=""):
    SalonEvent.objects.create(salon=salon, action=action, actor=actor, comment=comment)


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


# --- salons: registration and moderation -----------------------------------------------


def organiser_enrol(*, user) -> User:
    """A registered user becomes a salon organiser."""
    if user.role == Role.ORGANISER:
        return user
    if user.role != Role.REGISTERED:
        raise SalonError(_("Staff accounts cannot become organisers."))
    user.role = Role.ORGANISER
    user.save(update_fields=["role"])
    return user


def salon_create(*, organiser, data: dict) -> Salon:
    if organiser.role != Role.ORGANISER:
        raise SalonError(_("Only salon organisers can register a salon."))
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


def salon_update(*, salon_id, by, data: dict) -> Salon:
    """Save the organiser's edit. Unpublished salons change directly (a
    returned one goes back for approval); a published salon's changed public
    facts wait in ``pending_changes`` while the published version stays."""
    with transaction.atomic():
        salon = Salon.objects.select_for_update().get(pk=salon_id)
        if salon.organiser_id != by.pk:
            raise SalonError(_("Only the organiser can edit this salon."))
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
            salon.status = _transition(salon, "resubmit")
            fields.append("status")
        salon.search_text = salon.build_search_text()
        salon.save(update_fields=fields)
        _record(salon, SalonEvent.Action.SUBMITTED, by)
        _notify_reviewers(salon, "salons/email/submitted")
    return salon


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
        salon.status = _transition(salon, "propose_changes")
    else:
        salon.status = _transition(salon, "withdraw_changes")
    salon.pending_changes = pending
    salon.save(update_fields=["status", "pending_changes", "updated_at"])
    if pending:
        _record(salon, SalonEvent.Action.CHANGES_PROPOSED, by, ", ".join(pending))
        _notify_reviewers(salon, "salons/email/submitted", {"is_change": True})
    else:
        _record(salon, SalonEvent.Action.CHANGES_WITHDRAWN, by)
    return salon


def _reviewable(salon_id, by):
    salon = Salon.objects.reviewable_by(by).select_for_update().filter(pk=salon_id).first()
    if salon is None:
        raise SalonError(_("You cannot review this salon."))
    return salon


def salon_approve(*, salon_id, by) -> Salon:
    with transaction.atomic():
        salon = _reviewable(salon_id, by)
        was_published = salon.is_public
        salon.status = _transition(salon, "approve")
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


def salon_return(*, salon_id, by, comment: str) -> Salon:
    comment = (comment or "").strip()
    if not comment:
        raise SalonError(_("Write a comment so the organiser knows what to change."))
    with transaction.atomic():
        salon = _reviewable(salon_id, by)
        salon.status = _transition(salon, "return")
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


# --- freshness -----------------------------------------------------------------------


def confirm_token(salon) -> str:
    return signing.dumps({"salon": salon.pk, "org": salon.organiser_id}, salt=CONFIRM_SALT)


def confirm_link_salon(*, salon_id, token) -> Salon:
    """The salon a quarterly confirmation link names, checked; nothing changes."""
    invalid = InvalidLink(_("This confirmation link is invalid or has expired."))
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_LINK_MAX_AGE)
    except signing.BadSignature:
        raise invalid from None
    salon = Salon.objects.filter(pk=salon_id, organiser_id=data.get("org")).first()
    if salon is None or data.get("salon") != salon_id:
        raise invalid
    return salon


def salon_confirm(*, salon_id, by=None, token=None) -> Salon:
    """The organiser confirms the details are current: by a signed-in click,
    or by the one-click signed link from the quarterly email."""
    invalid = InvalidLink(_("This confirmation link is invalid or has expired."))
    if token is not None:
        try:
            data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_LINK_MAX_AGE)
        except signing.BadSignature:
            raise invalid from None
        if data.get("salon") != salon_id:
            raise invalid
    with transaction.atomic():
        salon = Salon.objects.select_for_update().filter(pk=salon_id).first()
        if salon is None or (token is not None and data.get("org") != salon.organiser_id):
            raise invalid
        if token is None and (by is None or by.pk != salon.organiser_id):
            raise SalonError(_("Only the organiser can confirm this salon."))
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
        Salon.objects.published()
        .filter(last_confirmed_at__lt=now - CONFIRM_EVERY)
        .exclude(confirm_requested_at__gte=now - CONFIRM_EVERY)
    )
    count = 0
    for salon_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            salon = (
                Salon.objects.select_for_update(skip_locked=True)
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


def salon_report_outdated(*, salon_id, message: str, reporter=None):
    from .models import OutdatedReport

    message = (message or "").strip()
    if not message:
        raise SalonError(_("Tell us what is wrong or out of date."))
    with transaction.atomic():
        salon = Salon.objects.published().select_related("organiser").get(pk=salon_id)
        report = OutdatedReport.objects.create(
            salon=salon,
            message=message,
            reporter=reporter if reporter and reporter.is_authenticated else None,
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


# --- sessions --------------------------------------------------------------------------


def _check_times(starts_at, ends_at, now=None):
    now = now or timezone.now()
    if ends_at <= starts_at:
        raise SalonError(_("The end must be after the start."))
    if starts_at < now:
        raise SalonError(_("The start is in the past."))


def _check_online(is_online, meeting_url):
    if meeting_url and not meeting_url.lower().startswith("https://"):
        raise SalonError(_("The meeting URL must start with https://."))
    if meeting_url and not is_online:
        raise SalonError(_("Only an online session can have a meeting URL."))


def _check_salon_online(salon, is_online):
    """Online sessions only for a salon registered as meeting online (the
    search's "online only" filter and the public page rely on it)."""
    if is_online and not salon.is_online:
        raise SalonError(
            _(
                "This salon is not registered as meeting online. Tick 'meets online' in its "
                "details first (a published salon's change needs approval)."
            )
        )


def session_create(
    *,
    salon_id,
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
        raise SalonError(_("The capacity must be at least 1, or empty for no limit."))
    with transaction.atomic():
        salon = Salon.objects.for_user(by).get(pk=salon_id)
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


def occurrence_dates(rule, start, end):
    """Dates in [start, end] on which the rule meets."""
    from calendar import monthrange

    start = max(start, rule.starts_on)
    if rule.ends_on:
        end = min(end, rule.ends_on)
    dates = []
    if rule.kind == RecurrenceKind.WEEKLY:
        day = start + timedelta(days=(rule.weekday - start.weekday()) % 7)
        while day <= end:
            dates.append(day)
            day += timedelta(days=7)
        return dates
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first = start.replace(year=year, month=month, day=1)
        offset = (rule.weekday - first.weekday()) % 7
        day_number = 1 + offset + 7 * (rule.nth - 1)
        if day_number <= monthrange(year, month)[1]:
            day = first.replace(day=day_number)
            if start <= day <= end:
                dates.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def rule_generate_sessions(*, rule_id, today=None, days=GENERATE_AHEAD_DAYS) -> int:
    """Create the rule's sessions for the coming ``days``. Idempotent: the
    (rule, occurrence_date) constraint skips dates already generated, also
    those moved or cancelled."""
    rule = SessionRule.objects.select_related("salon").get(pk=rule_id)
    if not rule.is_active:
        return 0
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    sessions = []
    for day in occurrence_dates(rule, today, today + timedelta(days=days)):
        sessions.append(
            Session(
                salon=rule.salon,
                rule=rule,
                occurrence_date=day,
                starts_at=datetime.combine(day, rule.start_time, tzinfo=tz),
                ends_at=datetime.combine(day, rule.end_time, tzinfo=tz),
                capacity=rule.capacity,
                is_online=rule.is_online,
                meeting_url=rule.meeting_url,
                facilitator=rule.facilitator,
                note=rule.note,
            )
        )
    created = Session.objects.bulk_create(sessions, ignore_conflicts=True)
    return len(created)


def rule_create(*, salon_id, by, data: dict) -> SessionRule:
    if data["end_time"] <= data["start_time"]:
        raise SalonError(_("The end must be after the start."))
    if data["starts_on"] < timezone.localdate():
        raise SalonError(_("The first date is in the past."))
    if data.get("ends_on") and data["ends_on"] < data["starts_on"]:
        raise SalonError(_("The last date is before the first date."))
    if data["kind"] == RecurrenceKind.MONTHLY_NTH_WEEKDAY and not data.get("nth"):
        raise SalonError(_("Choose which week of the month."))
    if data.get("capacity") is not None and data["capacity"] < 1:
        raise SalonError(_("The capacity must be at least 1, or empty for no limit."))
    _check_online(data.get("is_online"), data.get("meeting_url", ""))
    with transaction.atomic():
        salon = Salon.objects.for_user(by).get(pk=salon_id)
        _check_salon_online(salon, data.get("is_online"))
        rule = SessionRule.objects.create(salon=salon, **data)
        rule_generate_sessions(rule_id=rule.pk)
    return rule


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


def _managed_session(session_id, by, sessions=None):
    """Lock a session ``by`` may change (``sessions``: a narrower scope)."""
    session = (
        (Session.objects.for_user(by) if sessions is None else sessions)
        .select_for_update(of=("self",))
        .select_related("salon")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise SalonError(_("You cannot change this session."))
    return session


def session_move(*, session_id, by, starts_at, ends_at) -> Session:
    _check_times(starts_at, ends_at)
    with transaction.atomic():
        session = _managed_session(session_id, by)
        if session.is_cancelled:
            raise SalonError(_("This session is cancelled."))
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


def session_cancel(*, session_id, by, reason) -> Session:
    """The organiser cancels a session and says why (shown on the page, in
    the feeds and in the email to everyone signed up)."""
    reason = (reason or "").strip()
    if not reason:
        raise SalonError(_("Write the reason for cancelling: participants and visitors see it."))
    if len(reason) > CANCEL_REASON_MAX:
        raise SalonError(
            _("The reason can be at most %(max)s characters.") % {"max": CANCEL_REASON_MAX}
        )
    with transaction.atomic():
        session = _managed_session(session_id, by)
        if session.is_cancelled:
            raise SalonError(_("This session is already cancelled."))
        if session.has_ended:
            raise SalonError(_("This session has already ended."))
        _cancel(session, by, reason)
    return session


MESSAGE_MAX = 2000
# Who an organiser's message reaches: everyone holding a seat or waiting.
MESSAGE_STATUSES = (*HOLDING_STATUSES, RegistrationStatus.WAITING)


def session_message(*, session_id, by, message) -> int:
    """The organiser writes to everyone signed up for one of their sessions
    (through the outbox; the addresses are never shown to the organiser).
    Returns how many were written to."""
    message = (message or "").strip()
    if not message:
        raise SalonError(_("Write the message."))
    if len(message) > MESSAGE_MAX:
        raise SalonError(_("The message can be at most %(max)s characters.") % {"max": MESSAGE_MAX})
    with transaction.atomic():
        session = _managed_session(session_id, by, Session.objects.filter(salon__organiser=by))
        if session.has_ended:
            raise SalonError(_("This session has already ended."))
        recipients = session.registrations.filter(status__in=MESSAGE_STATUSES)
        count = recipients.count()
        if not count:
            raise SalonError(_("Nobody is signed up for this session yet."))
        _notify_session(
            session,
            "salons/email/organiser_message",
            MESSAGE_STATUSES,
            {"message": message, "cancelled": session.is_cancelled},
        )
    return count


def session_update(*, session_id, by, capacity, meeting_url, facilitator, note) -> Session:
    """Change a session's capacity, meeting URL, facilitator and note. The
    capacity cannot go below the seats already held; seats it frees are
    offered to the waiting list as after a cancellation."""
    if capacity is not None and capacity < 1:
        raise SalonError(_("The capacity must be at least 1, or empty for no limit."))
    meeting_url = (meeting_url or "").strip()
    _check_online(True, meeting_url)  # the session's own online flag is checked below
    with transaction.atomic():
        # Managers of the salon (a facilitator alone may not change the session).
        session = _managed_session(
            session_id, by, Session.objects.filter(salon__in=Salon.objects.for_user(by))
        )
        if session.is_cancelled:
            raise SalonError(_("This session is cancelled."))
        if session.has_ended:
            raise SalonError(_("This session has already ended."))
        if meeting_url and not session.is_online:
            raise SalonError(_("Only an online session can have a meeting URL."))
        held = session.registrations.filter(status__in=HOLDING_STATUSES).count()
        if capacity is not None and capacity < held:
            raise SalonError(
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


def rule_stop(*, rule_id, by, now=None) -> dict:
    """Stop a recurring schedule: no more occurrences are generated; future
    occurrences nobody signed up for are removed, the others cancelled (their
    sign-ups are told, as for a single cancellation). Past and already started
    sessions stay as they were. Returns the counts."""
    now = now or timezone.now()
    with transaction.atomic():
        rule = (
            SessionRule.objects.filter(salon__in=Salon.objects.for_user(by))
            .select_for_update(of=("self",))
            .filter(pk=rule_id)
            .first()
        )
        if rule is None:
            raise SalonError(_("You cannot change this schedule."))
        if not rule.is_active:
            raise SalonError(_("This schedule has already been stopped."))
        rule.is_active = False
        rule.stopped_at, rule.stopped_by = now, by
        rule.save(update_fields=["is_active", "stopped_at", "stopped_by"])
        future = (
            Session.objects.filter(rule=rule, starts_at__gt=now, status=SessionStatus.SCHEDULED)
            .select_for_update(of=("self",))
            .select_related("salon")
            .order_by("starts_at")
        )
        removed = cancelled = 0
        for session in future:
            if session.registrations.exists():
                _cancel(session, by)
                cancelled += 1
            else:
                session.delete()
                removed += 1
    return {"removed": removed, "cancelled": cancelled}


def rule_future_counts(rule, now=None) -> dict:
    """What stopping the rule would do (for the confirmation page)."""
    now = now or timezone.now()
    future = Session.objects.filter(rule=rule, starts_at__gt=now, status=SessionStatus.SCHEDULED)
    with_signups = future.filter(registrations__isnull=False).distinct().count()
    return {"removed": future.count() - with_signups, "cancelled": with_signups}


# --- joining ---------------------------------------------------------------------------


def _lock_open_session(session_id, now=None):
    """Lock the session row: every seat count happens under this lock."""
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("salon")
        .filter(pk=session_id)
        .first()
    )
    if session is None or not session.salon.is_public:
        raise SalonError(_("This session is not open for sign-up."))
    if session.is_cancelled:
        raise SalonError(_("This session has been cancelled."))
    if session.starts_at <= (now or timezone.now()):
        raise SalonError(_("This session has already started."))
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


def session_join(*, session_id, user, nickname="", age_band="", wait_if_full=True) -> Registration:
    """A signed-in user joins a session: a seat if one is free, otherwise the
    waiting list (only when ``wait_if_full``)."""
    with transaction.atomic():
        session = _lock_open_session(session_id)
        if session.registrations.active().filter(user=user).exists():
            raise SalonError(_("You are already signed up for this session."))
        status = _seat_status(session)
        if status == RegistrationStatus.WAITING and not wait_if_full:
            raise SalonError(_("This session is full. You can join the waiting list."))
        try:
            with transaction.atomic():
                reg = Registration.objects.create(
                    session=session,
                    user=user,
                    nickname=_account_nickname(nickname, user, session.salon)[:40],
                    age_band=age_band if session.salon.is_for_young_carers else "",
                    status=status,
                )
        except IntegrityError:
            raise SalonError(_("You are already signed up for this session.")) from None
        _joined(reg)
    return reg


def guest_token(reg) -> str:
    return signing.dumps(str(reg.token), salt=GUEST_SALT)


def guest_request(*, session_id, email, nickname, age_band="") -> Registration:
    """A guest asks to join: nothing is booked until they click the signed
    link sent to the address (proving it is theirs)."""
    with transaction.atomic():
        session = Session.objects.select_related("salon").get(pk=session_id)
        if (
            session.is_cancelled
            or session.starts_at <= timezone.now()
            or not session.salon.is_public
        ):
            raise SalonError(_("This session is not open for sign-up."))
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


class InvalidLink(SalonError):
    """A signed link that is forged, expired or points at nothing (a 404)."""


def guest_registration(token) -> Registration:
    """The guest's pending sign-up named by a signed confirmation link."""
    try:
        reg_token = signing.loads(token, salt=GUEST_SALT, max_age=GUEST_LINK_MAX_AGE)
    except signing.BadSignature:
        raise InvalidLink(_("This link is invalid or has expired. Please sign up again.")) from None
    reg = Registration.objects.filter(token=reg_token).first()
    if reg is None:
        raise InvalidLink(_("This link is invalid or has expired. Please sign up again."))
    return reg


def guest_confirm(*, token) -> Registration:
    with transaction.atomic():
        reg = guest_registration(token)
        if reg.status != RegistrationStatus.EMAIL_UNCONFIRMED:
            return reg  # clicked twice: already done
        session = _lock_open_session(reg.session_id)
        if session.registrations.active().filter(guest_email=reg.guest_email).exists():
            raise SalonError(_("This email address is already signed up for this session."))
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


def registration_cancel(*, registration_id) -> Registration:
    with transaction.atomic():
        reg = Registration.objects.get(pk=registration_id)
        session = (
            Session.objects.select_for_update(of=("self",))
            .select_related("salon")
            .get(pk=reg.session_id)
        )
        reg.refresh_from_db()
        if reg.status not in (*HOLDING_STATUSES, RegistrationStatus.WAITING):
            raise SalonError(_("This sign-up is not active."))
        freed = reg.status in HOLDING_STATUSES
        reg.status = RegistrationStatus.CANCELLED
        reg.save(update_fields=["status", "updated_at"])
        if freed and session.starts_at > timezone.now():
            _offer_next(session)
    return reg


def registration_accept_offer(*, registration_id, now=None) -> Registration:
    now = now or timezone.now()
    with transaction.atomic():
        reg = Registration.objects.get(pk=registration_id)
        Session.objects.select_for_update(of=("self",)).get(pk=reg.session_id)
        reg.refresh_from_db()
        if reg.status != RegistrationStatus.OFFERED:
            raise SalonError(_("There is no seat on offer for this sign-up."))
        if reg.offered_until and reg.offered_until < now:
            raise SalonError(_("This offer has expired."))
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
                Session.objects.select_for_update(of=("self",))
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


def sessions_send_reminders(*, now=None) -> int:
    """Remind everyone booked for a session that starts tomorrow (Tokyo date)."""
    now = now or timezone.now()
    tomorrow = _local(now).date() + timedelta(days=1)
    due = Session.objects.filter(
        status=SessionStatus.SCHEDULED,
        reminder_sent_at__isnull=True,
        starts_at__date=tomorrow,
    )
    sent = 0
    for session_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            session = (
                Session.objects.select_for_update(of=("self",), skip_locked=True)
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


def guest_requests_purge(*, now=None) -> int:
    """Delete guest sign-ups whose email was never confirmed once their link
    has expired: the address is personal data kept for nothing."""
    now = now or timezone.now()
    deleted, _details = Registration.objects.filter(
        status=RegistrationStatus.EMAIL_UNCONFIRMED,
        created_at__lt=now - timedelta(seconds=GUEST_LINK_MAX_AGE),
    ).delete()
    return deleted


def rules_generate_all(*, today=None) -> int:
    return sum(
        rule_generate_sessions(rule_id=pk, today=today)
        for pk in SessionRule.objects.filter(is_active=True).values_list("pk", flat=True)
    )
