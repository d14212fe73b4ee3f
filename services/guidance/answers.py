"""The answers: values of GuidanceForm's choices."""

from django.utils.translation import gettext_lazy as _

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
# catalogue entries (keys in services/content/) that offer it: in track B these are
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
