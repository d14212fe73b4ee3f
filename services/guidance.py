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

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Scope

# --- The answers (values of GuidanceForm's choices) ------------------------------------

RECIPIENTS = (
    ("parent", _("A parent or grandparent")),
    ("partner", _("A spouse or partner")),
    ("child", _("A child")),
    ("sibling", _("A brother or sister")),
    ("other", _("Someone else")),
)
NEEDS = (
    ("ageing", _("Frailty or care needs in old age")),
    ("dementia", _("Dementia")),
    ("disability", _("A physical, intellectual or developmental disability")),
    ("mental", _("A mental health condition")),
    ("illness", _("A long-term or serious illness, medical care at home")),
    ("other", _("Something else")),
)
SERVICE_USE = (
    ("none", _("No, no services yet")),
    ("some", _("Yes, some services")),
)
USED_SERVICES = (
    ("home_help", _("Home help")),
    ("day_service", _("Day services")),
    ("short_stay", _("Short stays")),
    ("nursing", _("Home-visit nursing or medical care")),
    ("disability", _("Disability welfare services")),
    ("other", _("Other services")),
)
SITUATIONS = (
    ("under_18", _("I am under 18")),
    ("studying", _("I go to school or study besides caring")),
    ("working", _("I have a job besides caring (including part-time)")),
    ("own_health", _("My own health is affected")),
    ("alone", _("I care mostly alone")),
    ("other_roles", _("I also care for children or others, or have other roles")),
)
WISHES = (
    ("talk", _("Someone to talk to")),
    ("break", _("A break from caring")),
    ("keep_job", _("Keeping my job")),
    ("keep_studies", _("Keeping up with school or my studies")),
    ("help_at_home", _("Help at home")),
    ("money", _("Help with costs")),
    ("information", _("Information about what exists")),
)

# A service the household already uses (USED_SERVICES) and the built-in
# catalogue entries (services.content keys) that offer it: in track B these are
# not suggested again; the result suggests reviewing them instead.
USED_SERVICE_ENTRIES = {
    "home_help": ("home-help",),
    "day_service": ("day-service",),
    "short_stay": ("short-stay",),
    "nursing": ("home-visit-nursing",),
    "disability": ("disability-welfare",),
}

# Care levels (carers.models.CareLevel values) meaning "certified for long-term care".
CERTIFIED_LEVELS = frozenset({"s1", "s2", "c1", "c2", "c3", "c4", "c5"})
OLD_AGE_NEEDS = frozenset({"ageing", "dementia"})


# --- The rules -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    key: str
    title: Promise
    intro: Promise = ""
    leads_when: str | None = None  # shown first when this situation was answered


GROUPS = (
    Group(
        "start",
        _("Start here"),
        _("You do not have to work it all out alone: the support desk helps with the next steps."),
    ),
    Group(
        "in_use",
        _("The services you use now: review them with the care manager"),
        _(
            "You already use these, so they are not suggested again. Ask the care manager "
            "(or the disability consultation support worker) whether the amount, the days and the "
            "hours still fit: more days, other hours or another provider can change a lot."
        ),
    ),
    Group(
        "load",
        _("What could take some load off"),
        _(
            "The care plan should not rely on what the carer can or cannot do. These services can share more of the care."
        ),
    ),
    Group(
        "young_carer",
        _("Support for young carers"),
        _("Your studies, friends and rest matter. Adults should carry the care, not you."),
        leads_when="under_18",
    ),
    Group(
        "school",
        _("Help at school"),
        _(
            "School comes first. These people at school and in the municipality can make room for you."
        ),
        leads_when="under_18",
    ),
    Group("work", _("Keeping your job")),
    Group("health", _("Your own health and a break")),
    Group("talk", _("Someone to talk to")),
    Group("care", _("Care that fits the person cared for")),
    Group("money", _("Help with costs")),
)
GROUP_BY_KEY = {g.key: g for g in GROUPS}


@dataclass(frozen=True)
class Advice:
    """A suggestion that is not a catalogue entry (e.g. a care-plan review)."""

    key: str
    name: Promise
    text: Promise


CARE_PLAN_REVIEW = Advice(
    "care_plan_review",
    _("Review the care plan with the care manager"),
    _(
        "Ask the care manager (or the disability consultation support worker) for a review. Say plainly what you can and "
        "cannot keep doing: the plan should not count on you filling the gaps."
    ),
)


SCHOOL_STAFF = Advice(
    "school_staff",
    _("Talk to your class teacher, the school nurse or the school counsellor"),
    _(
        "Saying “things at home make me tired” is enough to start. They can make room for you (homework, "
        "lateness, rest) and call in the school social worker, who links the family with care and welfare services."
    ),
)
CHILDREN_FAMILY_CENTRE = Advice(
    "children_family_centre",
    _("Ask the municipality's children and family centre (こども家庭センター)"),
    _(
        "The municipality's support desk for children and families. You may go with a teacher. It arranges adult services "
        "so that the care does not rest on you."
    ),
)
YOUNG_WORKER = Advice(
    "young_worker",
    _("A part-time job: school and rest come first"),
    _(
        "Tell the person who makes the shifts when you cannot work: a part-time job must not push out school or "
        "sleep. Trouble about pay or hours can go to the labour bureau's general labour consultation corner "
        "(総合労働相談コーナー), free of charge."
    ),
)


@dataclass(frozen=True)
class Rule:
    """Suggest services of ``categories`` (and/or ``advice``) in ``group`` when
    every given condition holds. Set conditions mean "any of these answered";
    the reason names the answers that matched."""

    group: str
    categories: tuple = ()
    advice: Advice | None = None
    track: str | None = None  # "A" or "B"
    situations: frozenset = frozenset()
    wishes: frozenset = frozenset()
    needs: frozenset = frozenset()
    care_level_unknown: bool | None = None  # True: not certified yet; False: certified
    all_situations: frozenset = frozenset()  # every one of these answered too
    not_situations: frozenset = frozenset()  # none of these answered
    limit: int = 3


A, B = "A", "B"
# Order matters twice: a service is listed under the first rule that suggests it
# (later rules add their reason to it), and groups are shown in GROUPS order.
RULES = (
    # A carer under 18 is led to young-carer support before anything else.
    Rule("young_carer", ("young_carer",), situations=frozenset({"under_18"}), limit=8),
    # For a carer under 18, school takes the place of work.
    Rule("school", advice=SCHOOL_STAFF, situations=frozenset({"under_18"})),
    Rule("school", advice=CHILDREN_FAMILY_CENTRE, situations=frozenset({"under_18"})),
    Rule(
        "school",
        advice=YOUNG_WORKER,
        situations=frozenset({"working"}),
        all_situations=frozenset({"under_18"}),
    ),
    # Track A: the support desk and the care-level application come first.
    Rule("start", ("consultation",), track=A),
    Rule(
        "start",
        ("care_level",),
        track=A,
        care_level_unknown=True,
        needs=OLD_AGE_NEEDS | {"illness", "other"},
    ),
    Rule("start", ("disability",), track=A, needs=frozenset({"disability", "mental"})),
    Rule("start", ("long_term_care",), track=A, care_level_unknown=False),
    # Track B: never assume the carer's capacity; what could take load off, and a review.
    Rule("load", advice=CARE_PLAN_REVIEW, track=B),
    Rule("load", ("respite", "long_term_care"), track=B),
    Rule(
        "load",
        ("consultation",),
        track=B,
        situations=frozenset({"alone", "own_health", "other_roles", "under_18"}),
    ),
    # Whatever the track.
    # Employee leave schemes are for working adults, never for a student under 18.
    Rule(
        "work",
        ("work_care",),
        situations=frozenset({"working"}),
        not_situations=frozenset({"under_18"}),
        limit=4,
    ),
    Rule(
        "work",
        ("work_care",),
        wishes=frozenset({"keep_job"}),
        not_situations=frozenset({"under_18"}),
        limit=4,
    ),
    Rule("health", ("respite",), situations=frozenset({"own_health"})),
    Rule("health", ("respite",), wishes=frozenset({"break"})),
    Rule("talk", ("peer_support",), wishes=frozenset({"talk"})),
    Rule("talk", ("peer_support",), situations=frozenset({"alone"})),
    Rule("care", ("medical",), needs=frozenset({"illness"})),
    Rule("care", ("disability",), needs=frozenset({"disability", "mental"})),
    Rule("care", ("long_term_care",), wishes=frozenset({"help_at_home"})),
    Rule("money", ("financial",), wishes=frozenset({"money"})),
)


@dataclass(frozen=True)
class Note:
    key: str
    text: Promise
    track: str | None = None
    situation: str | None = None


NOTES = (
    Note(
        "wishes_first",
        _(
            "The wishes of the carer and the family come first. These are suggestions to talk about, "
            "not decisions: choose what fits your family, and change your mind whenever you need to."
        ),
    ),
    Note(
        "young_carer",
        _(
            "You are under 18. A child's care must never be counted on in anyone's care plan. "
            "Telling an adult you trust is not a betrayal of your family: young-carer support is there "
            "so that you can go to school, rest and be a child."
        ),
        situation="under_18",
    ),
    Note(
        "track_a",
        _(
            "Your household does not use any services yet. The first step is a conversation at the "
            "support desk; applying for the care-level certification opens most long-term care "
            "services."
        ),
        track=A,
    ),
    Note(
        "track_b",
        _(
            "Your household already uses some services. If caring still weighs on you, that is a reason "
            "to review the plan, not a failing: the services can be adjusted to what you can really do."
        ),
        track=B,
    ),
)


# --- Evaluation -----------------------------------------------------------------------------


def _labels(choices, values):
    labels = dict(choices)
    return [labels[v] for v in values if v in labels]


@dataclass
class Item:
    key: str  # "<service uuid>" or "advice:<key>"
    name: str
    summary: str = ""
    url: str = ""
    service: object = None
    advice: Advice | None = None
    reasons: list = field(default_factory=list)
    entry_keys: tuple = ()  # catalogue entries of a service in use (not suggested again)

    def to_dict(self):
        return {
            "id": self.key,
            "name": str(self.name),
            "summary": str(self.summary),
            "url": self.url,
            "reasons": [str(r) for r in self.reasons],
        }


@dataclass
class ResultGroup:
    key: str
    title: Promise
    intro: Promise
    items: list = field(default_factory=list)

    def to_dict(self):
        return {
            "key": self.key,
            "title": str(self.title),
            "items": [i.to_dict() for i in self.items],
        }


@dataclass
class Wishes:
    """What the person cared for and the carer wish for: shown first, above
    every suggestion (their wishes come first)."""

    cared_for: str = ""
    carer: list = field(default_factory=list)  # labels of the WISHES chosen
    carer_own_words: str = ""

    def __bool__(self):
        return bool(self.cared_for or self.carer or self.carer_own_words)

    def to_dict(self):
        return {
            "cared_for": self.cared_for,
            "carer": [str(label) for label in self.carer],
            "carer_own_words": self.carer_own_words,
        }


@dataclass
class GuidanceResult:
    track: str
    groups: list
    notes: list  # of Note
    municipality_code: str | None = None
    wishes: Wishes = field(default_factory=Wishes)

    @property
    def is_a(self):
        return self.track == A

    def items(self):
        return [item for group in self.groups for item in group.items]

    def to_dict(self) -> dict:
        return {
            "track": self.track,
            "municipality": self.municipality_code,
            "groups": [g.to_dict() for g in self.groups],
            "notes": [{"key": n.key, "text": str(n.text)} for n in self.notes],
            "wishes": self.wishes.to_dict(),
        }


def track_for(answers: dict) -> str:
    return A if answers.get("service_use") == "none" else B


def _reason_parts(rule: Rule, answers: dict, track: str) -> list:
    """What the person said that made ``rule`` apply, or None when it does not."""
    parts = []
    if rule.track is not None:
        if rule.track != track:
            return None
        parts.append(
            _("your household uses no services yet")
            if track == A
            else _("your household already uses some services")
        )
    situations = set(answers.get("situations") or [])
    if rule.not_situations & situations or not rule.all_situations <= situations:
        return None
    level = answers.get("care_level") or "unknown"
    if rule.care_level_unknown is not None:
        certified = level in CERTIFIED_LEVELS
        if rule.care_level_unknown == certified:
            return None
        parts.append(
            _("the care level has not been certified yet")
            if not certified
            else _("the care level is already certified")
        )
    for attr, answer_key, choices in (
        ("needs", "needs", NEEDS),
        ("situations", "situations", SITUATIONS),
        ("wishes", "wishes", WISHES),
    ):
        wanted = getattr(rule, attr)
        if not wanted:
            continue
        matched = [v for v in answers.get(answer_key) or [] if v in wanted]
        if not matched:
            return None
        parts.extend(format_lazy(_("“{}”"), label) for label in _labels(choices, matched))
    return parts


def _because(parts) -> str:
    joined = _join(parts)
    return format_lazy(_("Because you said: {}"), format_lazy("{}" * len(joined), *joined))


def _join(parts):
    out = []
    for i, part in enumerate(parts):
        if i:
            out.append(_("; "))
        out.append(part)
    return out


SCOPE_ORDER = {Scope.MUNICIPAL: 0, Scope.NATIONAL: 1, Scope.PREFECTURAL: 2}


def suggestion_order(service):
    """Local entries first (the most actionable), then the national systems in
    the order they were written (the first window first), then the prefecture's."""
    return (SCOPE_ORDER.get(service.scope, 3), service.created_at, service.name_ja)


def _services_by_category(categories, municipality_code):
    from .models import Service

    qs = (
        Service.objects.visible()
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


# Built-in entries (services.content, by their stable key) meant for fewer
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


def evaluate(answers: dict, municipality_code: str | None = None) -> "GuidanceResult":
    """Apply RULES to ``answers`` (GuidanceForm.cleaned_data)."""
    municipality_code = municipality_code or answers.get("municipality") or None
    track = track_for(answers)
    matches = []
    for rule in RULES:
        parts = _reason_parts(rule, answers, track)
        if parts is not None:
            matches.append((rule, parts))
    categories = sorted({c for rule, _parts in matches for c in rule.categories})
    by_code = _services_by_category(categories, municipality_code) if categories else {}

    groups = {g.key: ResultGroup(g.key, g.title, g.intro) for g in GROUPS}
    seen = {}
    in_use = _in_use_items(answers, track, municipality_code)
    for item in in_use:
        seen[item.key] = item
        groups["in_use"].items.append(item)
    # Catalogue entries of the services in use are reviewed, not suggested again.
    used_keys = {key for item in in_use for key in item.entry_keys}
    for rule, parts in matches:
        reason = _because(parts) if parts else _("Recommended for everyone as a first step")
        candidates = []
        if rule.advice:
            candidates.append(
                Item(
                    key=f"advice:{rule.advice.key}",
                    name=rule.advice.name,
                    summary=rule.advice.text,
                    advice=rule.advice,
                )
            )
        for code in rule.categories:
            fitting = [
                s for s in by_code.get(code, []) if _fits(s, answers) and s.key not in used_keys
            ]
            new = [s for s in fitting if str(s.pk) not in seen][: rule.limit]
            for service in fitting:
                if str(service.pk) in seen or service in new:
                    candidates.append(
                        Item(
                            key=str(service.pk),
                            name=service.name,
                            summary=service.tr("summary"),
                            url=service.get_absolute_url(),
                            service=service,
                        )
                    )
        for item in candidates:
            if item.key in seen:  # already suggested: add the reason there
                if reason not in seen[item.key].reasons:
                    seen[item.key].reasons.append(reason)
                continue
            item.reasons.append(reason)
            seen[item.key] = item
            groups[rule.group].items.append(item)

    situations = set(answers.get("situations") or [])
    ordered = sorted(
        (g for g in groups.values() if g.items),
        key=lambda g: GROUP_BY_KEY[g.key].leads_when not in situations,
    )
    notes = [
        n
        for n in NOTES
        if (n.track in (None, track)) and (n.situation is None or n.situation in situations)
    ]
    return GuidanceResult(
        track=track,
        groups=ordered,
        notes=notes,
        municipality_code=municipality_code,
        wishes=Wishes(
            cared_for=(answers.get("recipient_wishes") or "").strip(),
            carer=_labels(WISHES, answers.get("wishes") or []),
            carer_own_words=(answers.get("carer_wishes") or "").strip(),
        ),
    )


def _in_use_items(answers, track, municipality_code) -> list:
    """Track B: one item per service the household uses now, suggesting a
    review with the care manager (linked to its catalogue entry when there is one)."""
    if track != B:
        return []
    from .models import Service

    used = [v for v in answers.get("services_used") or [] if v in dict(USED_SERVICES)]
    keys = [k for v in used for k in USED_SERVICE_ENTRIES.get(v, ())]
    entries = {
        s.key: s
        for s in Service.objects.visible().applying_to(municipality_code).filter(key__in=keys)
    }
    reason = format_lazy(_("Because you said: {}"), _("the household uses it now"))
    items = []
    for value, label in USED_SERVICES:
        if value not in used:
            continue
        entry_keys = USED_SERVICE_ENTRIES.get(value, ())
        entry = next((entries[k] for k in entry_keys if k in entries), None)
        items.append(
            Item(
                key=f"advice:in_use:{value}",
                name=format_lazy(_("{} (in use now)"), label),
                summary=CARE_PLAN_REVIEW.text,
                url=entry.get_absolute_url() if entry else "",
                service=entry,
                advice=CARE_PLAN_REVIEW,
                reasons=[reason],
                entry_keys=entry_keys,
            )
        )
    return items
