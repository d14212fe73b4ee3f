"""Publishing a dispatch as a public event in the salons' calendar."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from carers.errors import CONFLICT, FORBIDDEN, ActionError
from carers.models import Role

from ..models import DispatchRequest, Format
from .common import _in_scope, _lock, _record


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
    *, dispatch, by, title, description="", contact="", consent=False
) -> DispatchRequest:
    """Municipal staff of the requesting municipality publish a scheduled
    symposium or training as a public event in the salon calendar. Their
    explicit consent is recorded; publishing again updates the event. The
    venue is published only for an on-site dispatch (an online dispatch's
    confirmed "venue" may be a meeting link)."""
    from salons.api import publish_public_event

    from ..models import PUBLISHED_EVENT

    if by.role != Role.MUNICIPAL_STAFF or not _in_scope(dispatch, by):
        raise ActionError(
            _("Only staff of the requesting municipality can publish this event."), code=FORBIDDEN
        )
    if not consent:
        raise ActionError(
            _("Confirm that the municipality agrees to publish this event to the public.")
        )
    title = (title or "").strip()
    if not title:
        raise ActionError(_("Give the event a title."))
    locked = _lock(dispatch, by)
    if not locked.can_publish_event():
        raise ActionError(
            _(
                "Only a scheduled symposium or training still to come can be published as a "
                "public event."
            ),
            code=CONFLICT,
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
        by=by,
    )
    locked.public_event_consent_at = timezone.now()
    locked.public_event_consent_by = by
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
    _record(locked, by, PUBLISHED_EVENT, locked.status, title)
    return locked
