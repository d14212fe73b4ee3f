"""What the dispatch-request actions share: errors, checks, locking, notification and the transition step."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from carers import outbox
from carers.errors import CONFLICT, FORBIDDEN, ActionError
from carers.models import Role, User

from ..models import DispatchRequest, Format, RequestEvent
from ..workflow import WORKFLOW, Audience

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


def check_preferred_dates(dates, today=None):
    """Preferred dates must be given (at least one) and lie after today."""
    today = today or timezone.localdate()
    dates = [d for d in dates if d]
    if not dates:
        raise ActionError(_("Give at least one preferred date."))
    if any(d <= today for d in dates):
        raise ActionError(_("Preferred dates must be after today."))


def check_menu(menu_items, other_description):
    """ "Other" needs a description of the support wanted."""
    from ..models import MenuItem

    if MenuItem.OTHER in (menu_items or []) and not (other_description or "").strip():
        raise ActionError(_("Describe the support wanted under “Other”."))


def _lock(dispatch, user) -> DispatchRequest:
    # of=("self",): the advisor join is nullable and cannot be locked.
    return (
        DispatchRequest.objects.select_for_update(of=("self",))
        .select_related("municipality", "created_by", "advisor__user")
        .get_manageable(user, pk=dispatch.pk)
    )


def _in_scope(dispatch, user) -> bool:
    return DispatchRequest.objects.manageable_by(user).filter(pk=dispatch.pk).exists()


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
    *, dispatch, by, action, expected_version=None, comment="", changes=None, check=None
):
    """Make one workflow transition; returns the locked, updated request.

    ``check(locked)`` runs after the state checks, under the lock, and may
    raise ActionError; ``changes`` are extra fields to save."""
    if not _in_scope(dispatch, by):
        raise ActionError(_("You may not change this request."), code=FORBIDDEN)
    locked = _lock(dispatch, by)
    if expected_version is not None and locked.version != expected_version:
        raise ActionError(
            _(
                "Someone else changed this request in the meantime (it is now “%(status)s”). "
                "Nothing was saved; check the request before acting."
            )
            % {"status": locked.get_status_display()},
            code=CONFLICT,
        )
    transition = WORKFLOW.step(
        locked.status, action, by=by, status_label=locked.get_status_display()
    )
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise ActionError(_("Please write a comment for the municipality."))
    if check is not None:
        check(locked)
    from_status = locked.status
    changes = dict(changes or {})
    changes.update(status=transition.target, version=locked.version + 1, updated_at=timezone.now())
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.save(update_fields=list(changes))
    _record(locked, by, action, from_status, comment)
    _notify(locked, transition, comment)
    return locked


def _require_municipal_staff(user):
    if user.role != Role.MUNICIPAL_STAFF or not user.municipality_id:
        raise ActionError(_("Only municipal staff make dispatch requests."), code=FORBIDDEN)
