"""State-changing writes on dispatch requests. Every transition goes through
``_transition``: it locks the request, re-checks its version and state against
``advisors.workflow``, checks the role and scope, saves with update_fields,
writes one RequestEvent and queues the notifications in the same transaction."""

from .common import (  # noqa: I001
    REQUEST_FIELDS,
    _in_scope,
    _lock,
    _notify,
    _recipients,
    _record,
    _require_municipal_staff,
    _transition,
    check_menu,
    check_preferred_dates,
)

from .requests import (  # noqa: I001
    PERFORM,
    check_advisor_free,
    request_approve,
    request_create,
    request_reject,
    request_report,
    request_return,
    request_schedule,
    request_submit,
    request_update,
    request_withdraw,
)

from .events import (  # noqa: I001
    _event_times,
    request_publish_event,
)

__all__ = [
    "PERFORM",
    "REQUEST_FIELDS",
    "_event_times",
    "_in_scope",
    "_lock",
    "_notify",
    "_recipients",
    "_record",
    "_require_municipal_staff",
    "_transition",
    "check_advisor_free",
    "check_menu",
    "check_preferred_dates",
    "request_approve",
    "request_create",
    "request_publish_event",
    "request_reject",
    "request_report",
    "request_return",
    "request_schedule",
    "request_submit",
    "request_update",
    "request_withdraw",
]
