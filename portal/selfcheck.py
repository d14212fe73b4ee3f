"""The "noticing" self-check: its six signs and the rules that turn answers into
next steps. Everything the result page says is decided here, as data.

There is no score and no diagnosis: the result says which signs were noticed,
that this is common, and what to do next in the chosen municipality.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    MYSELF = "myself", _("About myself")
    SOMEONE = "someone", _("About someone I know")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")


@dataclass(frozen=True)
class Sign:
    key: str
    plan: str  # the check sheet item as the prefectural plan words it
    about_myself: str  # the same, as a plain question
    about_someone: str
    noticed: str  # how the result names it, neutrally
    # やさしい日本語 (plain Japanese at primary-school level), Japanese pages only.
    easy_myself: str = ""
    easy_someone: str = ""


# The plan's six check-sheet items, in its order and its words; a plain
# question follows each.
SIGNS = (
    Sign(
        "alone",
        _("Caring alone"),
        _("Do you look after your family member mostly on your own?"),
        _("Do they look after their family member mostly on their own?"),
        _("caring mostly alone"),
        "家族の お世話を、ほとんど あなた 一人で して いますか？",
        "その人は、家族の お世話を ほとんど 一人で して いますか？",
    ),
    Sign(
        "other_roles",
        _("Carrying many roles besides care, such as work or raising children"),
        _(
            "Besides care, do you carry other heavy roles, such as work, raising children or school?"
        ),
        _(
            "Besides care, do they carry other heavy roles, such as work, raising children or school?"
        ),
        _("other heavy roles besides care"),
        "お世話の ほかに、学校や 仕事、小さい きょうだいの 世話など、たくさんの ことを して いますか？",
        "その人は、お世話の ほかに、学校や 仕事など、たくさんの ことを して いますか？",
    ),
    Sign(
        "own_health",
        _("Having an illness or disability of their own"),
        _("Do you have an illness or disability of your own?"),
        _("Do they have an illness or disability of their own?"),
        _("an illness or disability of the carer's own"),
        "あなたにも、びょうきや しょうがいが ありますか？",
        "その人にも、びょうきや しょうがいが ありますか？",
    ),
    Sign(
        "no_services",
        _("Not trying to use public services"),
        _(
            "Even where public services could help, does your family hold back from using them, "
            "or turn them down?"
        ),
        _(
            "Even where public services could help, does their family hold back from using them, "
            "or turn them down?"
        ),
        _("not trying to use public services"),
        "あなたの 家族は、役所などの 手助け（サービス）を 使おうと しなかったり、ことわったり して いますか？",
        "その人の 家族は、役所などの 手助け（サービス）を 使おうと しなかったり、ことわったり して いますか？",
    ),
    Sign(
        "no_one_to_talk",
        _("Not consulting anyone"),
        _(
            "Have you not consulted anyone about the care: no support desk, no professional, "
            "no family member or friend?"
        ),
        _(
            "Have they not consulted anyone about the care: no support desk, no professional, "
            "no family member or friend?"
        ),
        _("not consulting anyone"),
        "お世話の ことを、まだ だれにも そうだん して いませんか？",
        "その人は、お世話の ことを まだ だれにも そうだん して いないようですか？",
    ),
    Sign(
        "tired",
        _("Looking tired"),
        _("Do you feel tired, or do people tell you that you look tired?"),
        _("Do they look tired, or say that they are tired?"),
        _("tiredness"),
        "つかれて いますか？ 「つかれてるね」と 言われる ことが ありますか？",
        "その人は つかれて いるように 見えますか？ 「つかれた」と 言って いますか？",
    ),
)
SIGN_KEYS = tuple(s.key for s in SIGNS)

# The other questions of the form in やさしい日本語: (about myself, about someone).
EASY_LABELS = {
    "under_18": ("わたしは 18さいより 下です", "その人は 18さいより 下です"),
    "studies": ("学校に 行って います", "その人は 学校に 行って います"),
    "works": ("アルバイトや 仕事を して います", "その人は アルバイトや 仕事を して います"),
    "municipality": ("住んで いる 市町村", "その人が 住んで いる 市町村"),
    "left_work": (
        "お世話の ために 仕事を やめました",
        "その人は お世話の ために 仕事を やめました",
    ),
}


class Step(models.TextChoices):
    """Next steps a result can contain, in the order the page shows them."""

    YOUNG_CARER = "young_carer", _("Support for young carers")
    SCHOOL = "school", _("Help at school")
    CONSULT = "consult", _("Talk to a support desk")
    SERVICES = "services", _("Services that can take some of the load")
    OWN_HEALTH = "own_health", _("Look after the carer's own health")
    SALONS = "salons", _("Meet other carers")
    YOUNG_SALON = "young_salon", _("Meet other young carers")
    WORK_AND_CARE = "work_and_care", _("Keep working while caring")
    YOUNG_JOB = "young_job", _("If you have a part-time job")
    BACK_TO_WORK = "back_to_work", _("Back to work after leaving to care")
    APPROACH = "approach", _("How to offer help to someone you know")
    STAY_IN_TOUCH = "stay_in_touch", _("If things change")


@dataclass(frozen=True)
class Rule:
    """A step applies when every condition given is met.

    signs_any: at least one of these signs answered "yes" or "not sure"
    no_signs:  no sign answered "yes" or "not sure"
    works / studies / under_18 / left_work / subject: the matching answer of the form
    """

    step: str
    why: str
    signs_any: frozenset = frozenset()
    no_signs: bool = False
    works: bool | None = None
    studies: bool | None = None
    under_18: bool | None = None
    subject: str | None = None
    left_work: bool | None = None
    why_someone: str = ""  # the reason worded for "about someone I know", when it differs

    def applies(self, answers) -> bool:
        possible = answers.possible_signs
        if self.signs_any and not (self.signs_any & possible):
            return False
        if self.no_signs and possible:
            return False
        if self.works is not None and answers.works != self.works:
            return False
        if self.studies is not None and answers.studies != self.studies:
            return False
        if self.under_18 is not None and answers.under_18 != self.under_18:
            return False
        if self.left_work is not None and answers.left_work != self.left_work:
            return False
        return self.subject is None or answers.subject == self.subject


RULES = (
    Rule(
        Step.YOUNG_CARER,
        _(
            "A child or teenager should not have to carry care. Support for young carers exists, and asking for it is the right thing to do."
        ),
        under_18=True,
        why_someone=_(
            "A child or teenager should not have to carry care. Support for young carers exists, and it is right to help them ask for it."
        ),
    ),
    # A young carer's other role is school, not a job: help there comes first.
    Rule(
        Step.SCHOOL,
        _(
            "School is where you learn, rest from home and meet friends. Teachers and school counsellors can make room for you, for example with homework or lateness, and link you with help."
        ),
        studies=True,
        under_18=True,
        why_someone=_(
            "School is where they learn, rest from home and meet friends. Teachers and school counsellors can make room for them and link them with help."
        ),
    ),
    Rule(
        Step.CONSULT,
        _(
            "Whatever the answers, a support desk will listen and help sort out what could help. Talking is free and confidential."
        ),
    ),
    Rule(
        Step.SERVICES,
        _(
            "Services such as home help, day services or short stays can share the care, so that it does not all rest on one person."
        ),
        signs_any=frozenset({"alone", "other_roles", "own_health", "no_services"}),
    ),
    Rule(
        Step.OWN_HEALTH,
        _(
            "The carer's own health matters as much as the care. Rest, a check-up and a break are part of caring well."
        ),
        signs_any=frozenset({"own_health", "tired"}),
    ),
    Rule(
        Step.SALONS,
        _(
            "At carer salons and cafés people who care meet, talk and share tips. You can just listen."
        ),
        signs_any=frozenset({"alone", "no_one_to_talk", "tired"}),
        under_18=False,
    ),
    # Young carers meet young carers: the adult salons are not suggested to them.
    Rule(
        Step.YOUNG_SALON,
        _(
            "Once a month young people who look after family meet online. You can join with a nickname, without showing your face, and just listen."
        ),
        under_18=True,
        why_someone=_(
            "Once a month young people who look after family meet online. They can join with a nickname, without showing their face, and just listen."
        ),
    ),
    Rule(
        Step.WORK_AND_CARE,
        _(
            "The law gives working carers leave, days off and shorter hours, and employers must tell you about them."
        ),
        works=True,
        under_18=False,
        why_someone=_(
            "The law gives working carers leave, days off and shorter hours, and employers must tell them about these."
        ),
    ),
    # Employee leave schemes are not for a student: a young person with a job
    # gets advice about shifts and where to ask, not family care leave.
    Rule(
        Step.YOUNG_JOB,
        _(
            "School, rest and your health come before shifts. You may ask to work fewer or different hours, and you do not have to say why."
        ),
        works=True,
        under_18=True,
        why_someone=_(
            "School, rest and their health come before shifts. They may ask to work fewer or different hours without saying why."
        ),
    ),
    Rule(
        Step.BACK_TO_WORK,
        _(
            "Leaving work to care is not the end: Hello Work helps with the job search and training, "
            "the unemployment benefit period can be extended, and employers must now offer more to "
            "workers who care."
        ),
        left_work=True,
    ),
    Rule(
        Step.APPROACH,
        _(
            "A few kind words and listening without judging can help. You do not have to solve anything: sharing where help is available is enough."
        ),
        subject=Subject.SOMEONE,
    ),
    Rule(
        Step.STAY_IN_TOUCH,
        _(
            "No signs stood out right now. Care often changes over time; keep these contacts in mind."
        ),
        no_signs=True,
    ),
)

# Service catalogue categories worth suggesting per sign (services.api taxonomy).
SERVICE_CATEGORIES = {
    "alone": ("long_term_care", "respite"),
    "other_roles": ("long_term_care", "respite"),
    "own_health": ("medical", "disability"),
    "no_services": ("care_level", "long_term_care", "consultation"),
    "no_one_to_talk": ("peer_support", "consultation"),
    "tired": ("respite", "peer_support"),
}
YOUNG_CARER_CATEGORIES = ("young_carer",)
WORK_CATEGORIES = ("work_care",)


@dataclass(frozen=True)
class Answers:
    subject: str
    signs: dict  # sign key -> Answer value
    works: bool
    under_18: bool
    studies: bool = False
    left_work: bool = False

    @property
    def noticed_signs(self) -> frozenset:
        return frozenset(k for k, v in self.signs.items() if v == Answer.YES)

    @property
    def unsure_signs(self) -> frozenset:
        return frozenset(k for k, v in self.signs.items() if v == Answer.UNSURE)

    @property
    def possible_signs(self) -> frozenset:
        return self.noticed_signs | self.unsure_signs


@dataclass(frozen=True)
class Result:
    answers: Answers
    steps: tuple  # of Rule, in RULES order

    @property
    def step_keys(self) -> tuple:
        return tuple(r.step for r in self.steps)

    @property
    def noticed(self) -> list:
        return [s.noticed for s in SIGNS if s.key in self.answers.noticed_signs]

    @property
    def unsure(self) -> list:
        return [s.noticed for s in SIGNS if s.key in self.answers.unsure_signs]

    def service_categories(self) -> tuple:
        categories = []
        if self.answers.under_18:
            categories += YOUNG_CARER_CATEGORIES
        for key in SIGN_KEYS:
            if key in self.answers.possible_signs:
                categories += SERVICE_CATEGORIES[key]
        if self.answers.works and not self.answers.under_18:
            categories += WORK_CATEGORIES  # employee leave is not for a student
        return tuple(dict.fromkeys(categories))  # unique, in order


def evaluate(answers: Answers) -> Result:
    return Result(answers=answers, steps=tuple(rule for rule in RULES if rule.applies(answers)))
