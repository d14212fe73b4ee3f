"""Which services fit a household: by category, by entry and by the carer's age."""

from dataclasses import dataclass

from ..models import Scope
from .answers import CERTIFIED_LEVELS, OLD_AGE_NEEDS

SCOPE_ORDER = {Scope.MUNICIPAL: 0, Scope.NATIONAL: 1, Scope.PREFECTURAL: 2}


def suggestion_order(service):
    """Local entries first (the most actionable), then the national systems in
    the order they were written (the first window first), then the prefecture's."""
    return (SCOPE_ORDER.get(service.scope, 3), service.created_at, service.name_ja)


def _services_by_category(categories, municipality_code):
    from ..models import Service

    qs = (
        Service.objects.public()
        .applying_to(municipality_code)
        .filter(categories__code__in=categories)
        .distinct()
        .prefetch_related("categories")
    )
    services = sorted(qs, key=suggestion_order)
    by_code = {c: [] for c in categories}
    for service in services:
        for term in service.categories.all():
            if term.code in by_code:
                by_code[term.code].append(service)
    return by_code


YOUNG_ONLY = frozenset({"young_carers", "family"})


@dataclass(frozen=True)
class Fit:
    """Entries of a category are suggested only to households they can serve:
    one of ``answers`` (needs, situations or wishes) was chosen, or the care
    level is certified when ``certified`` is set; never for ``not_recipients``
    nor when the care level was answered as one of ``not_care_levels``."""

    answers: frozenset = frozenset()
    certified: bool = False
    not_recipients: frozenset = frozenset()
    not_care_levels: frozenset = frozenset()
    not_situations: frozenset = frozenset()


# Long-term care insurance serves people of 65 and over, and of 40–64 with an
# age-related illness (dementia, terminal cancer...): not children, and not a
# disability or mental-health condition alone (those go to disability welfare).
LONG_TERM_CARE_FIT = Fit(
    answers=OLD_AGE_NEEDS | {"illness", "other"},
    certified=True,
    not_recipients=frozenset({"child"}),
    not_care_levels=frozenset({"na"}),  # "Not applicable": the person said it does not apply
)


CATEGORY_FIT = {
    "disability": Fit(answers=frozenset({"disability", "mental"})),
    "long_term_care": LONG_TERM_CARE_FIT,
    "care_level": LONG_TERM_CARE_FIT,
    # Leave, leave benefit and working-hours measures are for carers who work.
    "work_care": Fit(
        answers=frozenset({"working", "keep_job"}), not_situations=frozenset({"under_18"})
    ),
}


# Built-in entries (services/content/, by their stable key) meant for fewer
# households than their categories say.
ENTRY_FIT = {
    # The community general support centre is the window for older people.
    "community-support-centre": LONG_TERM_CARE_FIT,
    "high-cost-ltc": LONG_TERM_CARE_FIT,
    "dementia-cafe": Fit(answers=frozenset({"dementia"})),
}


def _category_fits(fit: Fit, answers) -> bool:
    if answers.get("recipient") in fit.not_recipients:
        return False
    if answers.get("care_level") in fit.not_care_levels:
        return False
    if fit.not_situations & set(answers.get("situations") or []):
        return False
    if fit.certified and (answers.get("care_level") or "unknown") in CERTIFIED_LEVELS:
        return True
    chosen = {
        value for key in ("needs", "situations", "wishes") for value in answers.get(key) or []
    }
    return bool(chosen & fit.answers)


def _fits(service, answers) -> bool:
    """Entries meant only for young carers are suggested to carers under 18
    only; an entry of a category in CATEGORY_FIT (or a built-in entry in
    ENTRY_FIT) only when the answers fit it."""
    audiences = set(service.audiences)
    if (
        "young_carers" in audiences
        and audiences <= YOUNG_ONLY
        and "under_18" not in (answers.get("situations") or [])
    ):
        return False
    if service.key in ENTRY_FIT and not _category_fits(ENTRY_FIT[service.key], answers):
        return False
    codes = {term.code for term in service.categories.all()}
    return all(_category_fits(fit, answers) for code, fit in CATEGORY_FIT.items() if code in codes)
