"""State-changing writes on dispatch requests. Every transition goes through
``_transition``: it locks the request, re-checks its version and state against
``advisors.workflow``, checks the role and scope, saves with update_fields,
writes one RequestEvent and queues the notifications in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from carers import outbox
from carers.models import Role, User
from carers.wording import format_when

from .models import Advisor, DispatchReport, DispatchRequest, Format, RequestEvent
from .workflow import CREATED, EDITABLE, Action, Audience, Status, transition_for

REQUEST_FIELDS = (
    "menu_items",
    "other_description",
    "purpose",
    "situation",
    "preferred_date_1",
    "preferred_date_2",
    "preferred_date_3",
    "format",
    "venue",
    "expected_participants",
    "contact_name",
    "contact_phone",
    "contact_email",
)


class TransitionRefused(Exception):
    """The action is not possible on this request now (its state forbids it)."""


class NotPermitted(TransitionRefused):
    """This user may not make this change (wrong role or outside their scope)."""


class StaleRequest(TransitionRefused):
    """Someone else changed the request after the form was rendered."""


def check_preferred_dates(dates, today=None):
    """Preferred dates must be given (at least one) and lie after today."""
    today = today or timezone.localdate()
    dates = [d for d in dates if d]
    if not dates:
        raise ValidationError(_("Give at least one preferred date."))
    if any(d <= today for d in dates):
        raise ValidationError(_("Preferred dates must be after today."))


def check_menu(menu_items, other_description):
    """ "Other" needs a description of the support wanted."""
    from .models import MenuItem

    if MenuItem.OTHER in (menu_items or []) and not (other_description or "").strip():
        raise ValidationError(_("Describe the support wanted under “Other”."))


def _lock(dispatch) -> DispatchRequest:
    # of=("self",): the advisor join is nullable and cannot be locked.
    return (
        DispatchRequest.objects.select_for_update(of=("self",))
        .select_related("municipality", "created_by", "advisor__user")
        .get(pk=dispatch.pk)
    )


def _in_scope(dispatch, user) -> bool:
    return DispatchRequest.objects.for_user(user).filter(pk=dispatch.pk).exists()


def _recipients(dispatch, audience):
    if audience == Audience.PREFECTURE:
        return list(User.objects.filter(role=Role.PREFECTURE_STAFF, is_active=True).order_by("pk"))
    if audience == Audience.MUNICIPALITY:
        return [dispatch.created_by] if dispatch.created_by.is_active else []
    if audience == Audience.ADVISOR and dispatch.advisor_id:
        return [dispatch.advisor.user]
    return []


def _notify(dispatch, transition, comment):
    with translation.override("ja"):  # the outbox moves links to the recipient's language
        path = dispatch.get_absolute_url()
    context = {
        "request_id": dispatch.pk,
        "municipality": dispatch.municipality.name,
        "municipality_code": dispatch.municipality_id,
        "status": dispatch.status,
        "path": path,
        "dispatch_date": dispatch.dispatch_date.isoformat() if dispatch.dispatch_date else "",
        "start_time": dispatch.start_time.strftime("%H:%M") if dispatch.start_time else "",
        "end_time": dispatch.end_time.strftime("%H:%M") if dispatch.end_time else "",
        "venue": dispatch.confirmed_venue,
        "is_online": dispatch.format == Format.ONLINE,
        "advisor": dispatch.advisor.name if dispatch.advisor_id else "",
        "comment": comment,
    }
    for audience in transition.notify:
        for user in _recipients(dispatch, audience):
            outbox.enqueue(to=user, template=transition.email_template(audience), context=context)


def _record(dispatch, user, action, from_status, comment=""):
    RequestEvent.objects.create(
        request=dispatch,
        actor=user,
        actor_label=str(user),
        action=action,
        from_status=from_status,
        to_status=dispatch.status,
        comment=comment,
    )


def _transition(
    *, dispatch, user, action, expected_version=None, comment="", changes=None, check=None
):
    """Make one workflow transition; returns the locked, updated request.

    ``check(locked)`` runs after the state checks, under the lock, and may
    raise ValidationError; ``changes`` are extra fields to save."""
    if not _in_scope(dispatch, user):
        raise NotPermitted(_("You may not change this request."))
    locked = _lock(dispatch)
    if expected_version is not None and locked.version != expected_version:
        raise StaleRequest(
            _(
                "Someone else changed this request in the meantime (it is now “%(status)s”). "
                "Nothing was saved; check the request before acting."
            )
            % {"status": locked.get_status_display()}
        )
    transition = transition_for(locked.status, action)
    if transition is None:
        raise TransitionRefused(
            _("This is not possible for a request that is “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    if user.role not in transition.roles:
        raise NotPermitted(_("You may not change this request."))
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise ValidationError(_("Please write a comment for the municipality."))
    if check is not None:
        check(locked)
    from_status = locked.status
    changes = dict(changes or {})
    changes.update(status=transition.target, version=locked.version + 1, updated_at=timezone.now())
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.save(update_fields=list(changes))
    _record(locked, user, action, from_status, comment)
    _notify(locked, transition, comment)
    return locked


def _require_municipal_staff(user):
    if user.role != Role.MUNICIPAL_STAFF or not user.municipality_id:
        raise NotPermitted(_("Only municipal staff make dispatch requests."))


@transaction.atomic
def request_create(*, user, data: dict, submit=False) -> DispatchRequest:
    """Save a new draft for the user's municipality; ``submit`` also sends it."""
    _require_municipal_staff(user)
    check_preferred_dates([data.get(f"preferred_date_{i}") for i in (1, 2, 3)])
    check_menu(data.get("menu_items"), data.get("other_description"))
    data = {**data, "other_description": (data.get("other_description") or "").strip()}
    dispatch = DispatchRequest.objects.create(
        municipality_id=user.municipality_id,
        created_by=user,
        **{f: data.get(f) for f in REQUEST_FIELDS},
    )
    _record(dispatch, user, CREATED, Status.DRAFT)
    if submit:
        dispatch = request_submit(dispatch=dispatch, user=user, expected_version=dispatch.version)
    return dispatch


@transaction.atomic
def request_update(
    *, dispatch, user, expected_version, data: dict, submit=False
) -> DispatchRequest:
    """Revise a draft or a returned request (content only, not a transition)."""
    _require_municipal_staff(user)
    if not _in_scope(dispatch, user):
        raise NotPermitted(_("You may not change this request."))
    locked = _lock(dispatch)
    if locked.version != expected_version:
        raise StaleRequest(
            _("Someone else changed this request in the meantime. Nothing was saved; reload it.")
        )
    if locked.status not in EDITABLE:
        raise TransitionRefused(_("Only drafts and returned requests can be changed."))
    check_preferred_dates([data.get(f"preferred_date_{i}") for i in (1, 2, 3)])
    check_menu(data.get("menu_items"), data.get("other_description"))
    data = {**data, "other_description": (data.get("other_description") or "").strip()}
    for field in REQUEST_FIELDS:
        setattr(locked, field, data.get(field))
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save(update_fields=[*REQUEST_FIELDS, "version", "updated_at"])
    if submit:
        locked = request_submit(dispatch=locked, user=user, expected_version=locked.version)
    return locked


@transaction.atomic
def request_submit(*, dispatch, user, expected_version=None, comment="") -> DispatchRequest:
    def check(locked):
        check_preferred_dates(locked.preferred_dates)

    changes = {} if dispatch.submitted_at else {"submitted_at": timezone.now()}
    return _transition(
        dispatch=dispatch,
        user=user,
        action=Action.SUBMIT,
        expected_version=expected_version,
        comment=comment,
        changes=changes,
        check=check,
    )


@transaction.atomic
def request_withdraw(*, dispatch, user, expected_version=None, comment="") -> DispatchRequest:
    return _transition(
        dispatch=dispatch,
        user=user,
        action=Action.WITHDRAW,
        expected_version=expected_version,
        comment=comment,
    )


@transaction.atomic
def request_return(*, dispatch, user, expected_version=None, comment="") -> DispatchRequest:
    return _transition(
        dispatch=dispatch,
        user=user,
        action=Action.RETURN,
        expected_version=expected_version,
        comment=comment,
    )


@transaction.atomic
def request_reject(*, dispatch, user, expected_version=None, comment="") -> DispatchRequest:
    return _transition(
        dispatch=dispatch,
        user=user,
        action=Action.REJECT,
        expected_version=expected_version,
        comment=comment,
    )


def check_advisor_free(advisor, day, exclude_pk=None):
    """Refuse a date the advisor marked unavailable or already holds."""
    if not advisor.is_active or not advisor.user.is_active:
        raise ValidationError(_("This advisor is not active."))
    if day in (advisor.unavailable_dates or []):
        raise ValidationError(
            _("%(name)s is unavailable on %(date)s.")
            % {"name": advisor.name, "date": format_when(day, "date")}
        )
    if (
        DispatchRequest.objects.booked()
        .filter(advisor=advisor, dispatch_date=day)
        .exclude(pk=exclude_pk)
        .exists()
    ):
        raise ValidationError(
            _("%(name)s is already assigned to another dispatch on %(date)s.")
            % {"name": advisor.name, "date": format_when(day, "date")}
        )


@transaction.atomic
def request_approve(
    *, dispatch, user, advisor, dispatch_date, expected_version=None, comment=""
) -> DispatchRequest:
    """Assign an advisor and a date. The advisor row is locked so that two
    approvals booking the same advisor on the same date cannot both pass."""
    if advisor is None or dispatch_date is None:
        raise ValidationError(_("Choose an advisor and a date to approve."))

    def check(locked):
        if dispatch_date <= timezone.localdate():
            raise ValidationError(_("The dispatch date must be after today."))
        booked_advisor = (
            Advisor.objects.select_for_update().select_related("user").get(pk=advisor.pk)
        )
        check_advisor_free(booked_advisor, dispatch_date, exclude_pk=locked.pk)

    return _transition(
        dispatch=dispatch,
        user=user,
        action=Action.APPROVE,
        expected_version=expected_version,
        comment=comment,
        changes={"advisor": advisor, "dispatch_date": dispatch_date},
        check=check,
    )


@transaction.atomic
def request_schedule(
    *,
    dispatch,
    user,
    start_time,
    end_time=None,
    confirmed_venue="",
    expected_version=None,
    comment="",
) -> DispatchRequest:
    """Confirm the time and the venue (or meeting link) agreed with the municipality."""
    if start_time is None:
        raise ValidationError(_("Give the start time."))
    if end_time is not None and end_time <= start_time:
        raise ValidationError(_("The end time must be after the start time."))
    changes = {
        "start_time": start_time,
        "end_time": end_time,
        "confirmed_venue": (confirmed_venue or "").strip(),
    }
    return _transition(
        dispatch=dispatch,
        user=user,
        action=Action.SCHEDULE,
        expected_version=expected_version,
        comment=comment,
        changes=changes,
    )


@transaction.atomic
def request_report(
    *, dispatch, user, data: dict, expected_version=None, comment=""
) -> DispatchRequest:
    """The assigned advisor files the report; the request becomes completed."""
    missing = [f for f in ("what_was_done", "outcomes") if not (data.get(f) or "").strip()]
    if missing or data.get("participants") is None or data["participants"] < 0:
        raise ValidationError(_("Describe what was done, the participants and the outcomes."))

    def check(locked):
        # A report tells what happened at the visit: not before the dispatch date.
        today = timezone.localdate()
        if not locked.can_report_on(today):
            raise ValidationError(
                _(
                    "The report can be filed on or after the dispatch date (%(date)s), "
                    "once the visit has taken place. Nothing was saved."
                )
                % {"date": format_when(locked.dispatch_date, "date") or "—"}
            )
        DispatchReport.objects.create(
            request=locked,
            filed_by=user,
            participants=data["participants"],
            **{f: (data.get(f) or "").strip() for f in ("what_was_done", "outcomes", "follow_ups")},
        )

    return _transition(
        dispatch=dispatch,
        user=user,
        action=Action.REPORT,
        expected_version=expected_version,
        comment=comment,
        check=check,
    )


def _event_times(dispatch):
    from datetime import datetime, timedelta

    tz = timezone.get_current_timezone()
    starts = datetime.combine(dispatch.dispatch_date, dispatch.start_time, tzinfo=tz)
    if dispatch.end_time and dispatch.end_time > dispatch.start_time:
        ends = datetime.combine(dispatch.dispatch_date, dispatch.end_time, tzinfo=tz)
    else:
        ends = starts + timedelta(hours=2)
    return starts, ends


@transaction.atomic
def request_publish_event(
    *, dispatch, user, title, description="", contact="", consent=False
) -> DispatchRequest:
    """Municipal staff of the requesting municipality publish a scheduled
    symposium or training as a public event in the salon calendar. Their
    explicit consent is recorded; publishing again updates the event. The
    venue is published only for an on-site dispatch (an online dispatch's
    confirmed "venue" may be a meeting link)."""
    from salons.api import publish_public_event

    from .models import PUBLISHED_EVENT

    if user.role != Role.MUNICIPAL_STAFF or not _in_scope(dispatch, user):
        raise NotPermitted(_("Only staff of the requesting municipality can publish this event."))
    if not consent:
        raise ValidationError(
            _("Confirm that the municipality agrees to publish this event to the public.")
        )
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the event a title."))
    locked = _lock(dispatch)
    if not locked.can_publish_event():
        raise TransitionRefused(
            _(
                "Only a scheduled symposium or training still to come can be published as a "
                "public event."
            )
        )
    starts, ends = _event_times(locked)
    is_online = locked.format == Format.ONLINE
    path = publish_public_event(
        source=f"advisors:dispatch:{locked.pk}",
        title=title,
        description=description or "",
        organising_body=locked.municipality.name,
        municipality_code=locked.municipality_id,
        venue="" if is_online else locked.confirmed_venue,
        is_online=is_online,
        contact=contact or "",
        starts_at=starts,
        ends_at=ends,
        by=user,
    )
    locked.public_event_consent_at = timezone.now()
    locked.public_event_consent_by = user
    locked.public_event_path = path
    locked.updated_at = timezone.now()
    locked.save(
        update_fields=[
            "public_event_consent_at",
            "public_event_consent_by",
            "public_event_path",
            "updated_at",
        ]
    )
    _record(locked, user, PUBLISHED_EVENT, locked.status, title)
    return locked


# Every transition's function, keyed by workflow action (views and tests use it).
PERFORM = {
    Action.SUBMIT: request_submit,
    Action.WITHDRAW: request_withdraw,
    Action.RETURN: request_return,
    Action.REJECT: request_reject,
    Action.APPROVE: request_approve,
    Action.SCHEDULE: request_schedule,
    Action.REPORT: request_report,
}
