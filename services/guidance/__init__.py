"""The service guidance: the rules as data in one place.

``evaluate(answers, municipality_code)`` takes the cleaned_data of
``services.forms.GuidanceForm`` and returns a ``GuidanceResult``: the track
(A: the household uses no services yet; B: it uses some), groups of suggested
services each with the reason ("because you said ..."), and notes.

Principles the rules encode (prefectural carer-support plan, initiative 4):
- the wishes of the carer and the family come first (a note, always);
- A starts with the support desk and the care-level application;
- B never assumes the carer's capacity: it suggests what could take load off
  and a review of the care plan with the care manager;
- a carer under 18: a child's care must not be counted on; lead to young-carer support,
  and school takes the place of work (no employee leave schemes for a student).

Nothing here is stored; the case-records app stores ``to_dict()`` when staff
save a support plan.
"""

from .answers import (  # noqa: I001
    CERTIFIED_LEVELS,
    NEEDS,
    OLD_AGE_NEEDS,
    RECIPIENTS,
    SERVICE_USE,
    SITUATIONS,
    USED_SERVICES,
    USED_SERVICE_ENTRIES,
    WISHES,
)

from .rules import (  # noqa: I001
    A,
    Advice,
    B,
    CARE_PLAN_REVIEW,
    CHILDREN_FAMILY_CENTRE,
    GROUPS,
    GROUP_BY_KEY,
    Group,
    NOTES,
    Note,
    RULES,
    Rule,
    SCHOOL_STAFF,
    YOUNG_WORKER,
)

from .fits import (  # noqa: I001
    CATEGORY_FIT,
    ENTRY_FIT,
    Fit,
    LONG_TERM_CARE_FIT,
    SCOPE_ORDER,
    YOUNG_ONLY,
    _category_fits,
    _fits,
    _services_by_category,
    suggestion_order,
)

from .result import (  # noqa: I001
    GuidanceResult,
    Item,
    ResultGroup,
    Wishes,
)

from .engine import (  # noqa: I001
    _because,
    _in_use_items,
    _join,
    _labels,
    _reason_parts,
    evaluate,
    track_for,
)

__all__ = [
    "A",
    "Advice",
    "B",
    "CARE_PLAN_REVIEW",
    "CATEGORY_FIT",
    "CERTIFIED_LEVELS",
    "CHILDREN_FAMILY_CENTRE",
    "ENTRY_FIT",
    "Fit",
    "GROUPS",
    "GROUP_BY_KEY",
    "Group",
    "GuidanceResult",
    "Item",
    "LONG_TERM_CARE_FIT",
    "NEEDS",
    "NOTES",
    "Note",
    "OLD_AGE_NEEDS",
    "RECIPIENTS",
    "RULES",
    "ResultGroup",
    "Rule",
    "SCHOOL_STAFF",
    "SCOPE_ORDER",
    "SERVICE_USE",
    "SITUATIONS",
    "USED_SERVICES",
    "USED_SERVICE_ENTRIES",
    "WISHES",
    "Wishes",
    "YOUNG_ONLY",
    "YOUNG_WORKER",
    "_because",
    "_category_fits",
    "_fits",
    "_in_use_items",
    "_join",
    "_labels",
    "_reason_parts",
    "_services_by_category",
    "evaluate",
    "suggestion_order",
    "track_for",
]
