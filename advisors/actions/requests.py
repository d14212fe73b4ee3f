"""A dispatch request's life: create, edit, submit, return, reject, approve, schedule, report."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from carers.errors import CONFLICT, FORBIDDEN, ActionError
from carers.wording import format_when

from ..models import Advisor, DispatchReport, DispatchRequest
from ..workflow import CREATED, EDITABLE, Action, Status
from .common import (
    REQUEST_FIELDS,
    _in_scope,
    _lock,
    _record,
    _require_municipal_staff,
    _transition,
    check_menu,
    check_preferred_dates,
)


@transaction.atomic
def request_create(*, by, data: dict, submit=False) -> DispatchRequest:
    """Save a new draft for the user's municipality; ``submit`` also sends it."""
    _require_municipal_staff(by)
    check_preferred_dates([data.get(f"preferred_date_{i}") for i in (1, 2, 3)])
    check_menu(data.get("menu_items"), data.get("other_description"))
    data = {**data, "other_description": (data.get("other_description") or "").strip()}
    dispatch = DispatchRequest.objects.create(
        municipality_id=by.municipality_id,
        created_by=by,
        **{f: data.get(f) for f in REQUEST_FIELDS},
    )
    _record(dispatch, by, CREATED, Status.DRAFT)
    if submit:
        dispatch = request_submit(dispatch=dispatch, by=by, expected_version=dispatch.version)
    return dispatch


@transaction.atomic
def request_update(*, dispatch, by, expected_version, data: dict, submit=False) -> DispatchRequest:
    """Revise a draft or a returned request (content only, not a transition)."""
    _require_municipal_staff(by)
    if not _in_scope(dispatch, by):
        raise ActionError(_("You may not change this request."), code=FORBIDDEN)
    locked = _lock(dispatch, by)
    if locked.version != expected_version:
        raise ActionError(
            _("Someone else changed this request in the meantime. Nothing was saved; reload it."),
            code=CONFLICT,
        )
    if locked.status not in EDITABLE:
        raise ActionError(_("Only drafts and returned requests can be changed."), code=CONFLICT)
    check_preferred_dates([data.get(f"preferred_date_{i}") for i in (1, 2, 3)])
    check_menu(data.get("menu_items"), data.get("other_description"))
    data = {**data, "other_description": (data.get("other_description") or "").strip()}
    for field in REQUEST_FIELDS:
        setattr(locked, field, data.get(field))
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save(update_fields=[*REQUEST_FIELDS, "version", "updated_at"])
    if submit:
        locked = request_submit(dispatch=locked, by=by, expected_version=locked.version)
    return locked


@transaction.atomic
def request_submit(*, dispatch, by, expected_version=None, comment="") -> DispatchRequest:
    def check(locked):
        check_preferred_dates(locked.preferred_dates)

    changes = {} if dispatch.submitted_at else {"submitted_at": timezone.now()}
    return _transition(
        dispatch=dispatch,
        by=by,
        action=Action.SUBMIT,
        expected_version=expected_version,
        comment=comment,
        changes=changes,
        check=check,
    )


@transaction.atomic
def request_withdraw(*, dispatch, by, expected_version=None, comment="") -> DispatchRequest:
    return _transition(
        dispatch=dispatch,
        by=by,
        action=Action.WITHDRAW,
        expected_version=expected_version,
        comment=comment,
    )


@transaction.atomic
def request_return(*, dispatch, by, expected_version=None, comment="") -> DispatchRequest:
    return _transition(
        dispatch=dispatch,
        by=by,
        action=Action.RETURN,
        expected_version=expected_version,
        comment=comment,
    )


@transaction.atomic
def request_reject(*, dispatch, by, expected_version=None, comment="") -> DispatchRequest:
    return _transition(
        dispatch=dispatch,
        by=by,
        action=Action.REJECT,
        expected_version=expected_version,
        comment=comment,
    )


def check_advisor_free(advisor, day, exclude_pk=None):
    """Refuse a date the advisor marked unavailable or already holds."""
    if not advisor.is_active or not advisor.user.is_active:
        raise ActionError(_("This advisor is not active."))
    if day in (advisor.unavailable_dates or []):
        raise ActionError(
            _("%(name)s is unavailable on %(date)s.")
            % {"name": advisor.name, "date": format_when(day, "date")}
        )
    if (
        DispatchRequest.objects.unscoped()  # every booking, whoever asked
        .booked()
        .filter(advisor=advisor, dispatch_date=day)
        .exclude(pk=exclude_pk)
        .exists()
    ):
        raise ActionError(
            _("%(name)s is already assigned to another dispatch on %(date)s.")
            % {"name": advisor.name, "date": format_when(day, "date")}
        )


@transaction.atomic
def request_approve(
    *, dispatch, by, advisor, dispatch_date, expected_version=None, comment=""
) -> DispatchRequest:
    """Assign an advisor and a date. The advisor row is locked so that two
    approvals booking the same advisor on the same date cannot both pass."""
    if advisor is None or dispatch_date is None:
        raise ActionError(_("Choose an advisor and a date to approve."))

    def check(locked):
        if dispatch_date <= timezone.localdate():
            raise ActionError(_("The dispatch date must be after today."))
        booked_advisor = (
            Advisor.objects.select_for_update().select_related("user").get(pk=advisor.pk)
        )
        check_advisor_free(booked_advisor, dispatch_date, exclude_pk=locked.pk)

    return _transition(
        dispatch=dispatch,
        by=by,
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
    by,
    start_time,
    end_time=None,
    confirmed_venue="",
    expected_version=None,
    comment="",
) -> DispatchRequest:
    """Confirm the time and the venue (or meeting link) agreed with the municipality."""
    if start_time is None:
        raise ActionError(_("Give the start time."))
    if end_time is not None and end_time <= start_time:
        raise ActionError(_("The end time must be after the start time."))
    changes = {
        "start_time": start_time,
        "end_time": end_time,
        "confirmed_venue": (confirmed_venue or "").strip(),
    }
    return _transition(
        dispatch=dispatch,
        by=by,
        action=Action.SCHEDULE,
        expected_version=expected_version,
        comment=comment,
        changes=changes,
    )


@transaction.atomic
def request_report(
    *, dispatch, by, data: dict, expected_version=None, comment=""
) -> DispatchRequest:
    """The assigned advisor files the report; the request becomes completed."""
    missing = [f for f in ("what_was_done", "outcomes") if not (data.get(f) or "").strip()]
    if missing or data.get("participants") is None or data["participants"] < 0:
        raise ActionError(_("Describe what was done, the participants and the outcomes."))

    def check(locked):
        # A report tells what happened at the visit: not before the dispatch date.
        today = timezone.localdate()
        if not locked.can_report_on(today):
            raise ActionError(
                _(
                    "The report can be filed on or after the dispatch date (%(date)s), "
                    "once the visit has taken place. Nothing was saved."
                )
                % {"date": format_when(locked.dispatch_date, "date") or "—"}
            )
        DispatchReport.objects.create(
            request=locked,
            filed_by=by,
            participants=data["participants"],
            **{f: (data.get(f) or "").strip() for f in ("what_was_done", "outcomes", "follow_ups")},
        )

    return _transition(
        dispatch=dispatch,
        by=by,
        action=Action.REPORT,
        expected_version=expected_version,
        comment=comment,
        check=check,
    )


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
