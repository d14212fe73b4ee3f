"""Recurring sessions: the rules and the sessions they generate."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carers.errors import ActionError

from ..models import (
    RecurrenceKind,
    Salon,
    Session,
    SessionRule,
    SessionStatus,
)
from .sessions import _cancel, _check_online, _check_salon_online

GENERATE_AHEAD_DAYS = 120


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


def rule_generate_sessions(*, rule, today=None, days=GENERATE_AHEAD_DAYS) -> int:
    """Create the rule's sessions for the coming ``days``. Idempotent: the
    (rule, occurrence_date) constraint skips dates already generated, also
    those moved or cancelled."""
    rule = SessionRule.objects.select_related("salon").get(pk=rule.pk)
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
    Salon.objects.filter(pk=rule.salon_id).refresh_next_session()  # bulk: no signals
    return len(created)


def rule_create(*, salon, by, data: dict) -> SessionRule:
    if data["end_time"] <= data["start_time"]:
        raise ActionError(_("The end must be after the start."), field="end_time")
    if data["starts_on"] < timezone.localdate():
        raise ActionError(_("The first date is in the past."))
    if data.get("ends_on") and data["ends_on"] < data["starts_on"]:
        raise ActionError(_("The last date is before the first date."))
    if data["kind"] == RecurrenceKind.MONTHLY_NTH_WEEKDAY and not data.get("nth"):
        raise ActionError(_("Choose which week of the month."))
    if data.get("capacity") is not None and data["capacity"] < 1:
        raise ActionError(
            _("The capacity must be at least 1, or empty for no limit."), field="capacity"
        )
    _check_online(data.get("is_online"), data.get("meeting_url", ""))
    with transaction.atomic():
        salon = Salon.objects.get_manageable(by, pk=salon.pk)
        _check_salon_online(salon, data.get("is_online"))
        rule = SessionRule.objects.create(salon=salon, **data)
        rule_generate_sessions(rule=rule)
    return rule


def rule_stop(*, rule, by, now=None) -> dict:
    """Stop a recurring schedule: no more occurrences are generated; future
    occurrences nobody signed up for are removed, the others cancelled (their
    sign-ups are told, as for a single cancellation). Past and already started
    sessions stay as they were. Returns the counts."""
    now = now or timezone.now()
    with transaction.atomic():
        rule = (
            SessionRule.objects.filter(salon__in=Salon.objects.manageable_by(by))
            .select_for_update(of=("self",))
            .filter(pk=rule.pk)
            .first()
        )
        if rule is None:
            raise ActionError(_("You cannot change this schedule."))
        if not rule.is_active:
            raise ActionError(_("This schedule has already been stopped."))
        rule.is_active = False
        rule.stopped_at, rule.stopped_by = now, by
        rule.save(update_fields=["is_active", "stopped_at", "stopped_by"])
        future = (
            Session.objects.unscoped()  # the rule was locked through the policy
            .filter(rule=rule, starts_at__gt=now, status=SessionStatus.SCHEDULED)
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
    # The caller read the rule through the policy (its salon's managers).
    future = Session.objects.unscoped().filter(
        rule=rule, starts_at__gt=now, status=SessionStatus.SCHEDULED
    )
    with_signups = future.filter(registrations__isnull=False).distinct().count()
    return {"removed": future.count() - with_signups, "cancelled": with_signups}


def rules_generate_all(*, today=None) -> int:
    return sum(
        rule_generate_sessions(rule=rule, today=today)
        for rule in SessionRule.objects.filter(is_active=True).only("pk")
    )
