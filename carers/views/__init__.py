"""Household case records for municipal staff.

Every page is scoped through Household.objects.editable_by / for_user (404
outside scope), is never cached (private, no-store), hides POST data from
error reports, and writes exactly one access-log entry per request that shows,
changes or exports a household."""

from .common import (  # noqa: I001
    EDITORS,
    PAGE_SIZE,
    READERS,
    _action_page,
    _household,
    _refuse_if_locked,
    _to_detail,
    case_page,
)

from .households import (  # noqa: I001
    _count_per_household,
    _forget_vanished_members,
    _has_members,
    _looks_like_id,
    _member_forms,
    _submitted_snapshot,
    household_create,
    household_detail,
    household_edit,
    household_list,
)

from .case_actions import (  # noqa: I001
    consent_withdraw,
    consultation_add,
    follow_up_set,
    household_close,
    household_delete,
)

from .exports import (  # noqa: I001
    household_export_json,
    household_print,
)

from .audit import (  # noqa: I001
    audit_list,
    household_access_log,
)

__all__ = [
    "EDITORS",
    "PAGE_SIZE",
    "READERS",
    "_action_page",
    "_count_per_household",
    "_forget_vanished_members",
    "_has_members",
    "_household",
    "_looks_like_id",
    "_member_forms",
    "_refuse_if_locked",
    "_submitted_snapshot",
    "_to_detail",
    "audit_list",
    "case_page",
    "consent_withdraw",
    "consultation_add",
    "follow_up_set",
    "household_access_log",
    "household_close",
    "household_create",
    "household_delete",
    "household_detail",
    "household_edit",
    "household_export_json",
    "household_list",
    "household_print",
]
