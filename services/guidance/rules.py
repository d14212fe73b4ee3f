"""The rules as data: the groups of suggestions, the rules that fill them and the notes."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .answers import OLD_AGE_NEEDS


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
