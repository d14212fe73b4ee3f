"""The site's navigation, defined once and rendered by templates/base.html.

Each entry names a URL and the audiences (carers.policy.Audience) that see
it; ``menus(user)`` filters them with the same role-to-scope function the
QuerySets use, so a link is shown exactly to those whose scope has pages
behind it. Entries marked ``local`` carry the resident's remembered
municipality (carers.residence) so the page opens on it. The shell may name
every app's URLs: it sits on top.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from carers.policy import Audience, scope_of
from carers.residence import PARAM
from carers.urlcache import reverse

EVERYONE = frozenset(Audience)
STAFF = frozenset({Audience.MUNICIPAL, Audience.PREFECTURE, Audience.ADVISOR})
PUBLIC_BODIES = frozenset({Audience.MUNICIPAL, Audience.PREFECTURE})
PREFECTURE = frozenset({Audience.PREFECTURE})


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    audiences: frozenset = EVERYONE
    local: bool = False  # opens on the resident's municipality (?municipality=)


# The main navigation: public pages, for everyone.
MAIN = (
    Entry("awareness:list", _("Learn")),
    Entry("awareness:check", _("Self-check"), local=True),
    Entry("salons:list", _("Salons & cafés"), local=True),
    Entry("services:list", _("Services"), local=True),
    Entry("talk_now", _("Talk to someone now"), local=True),
)

# The work navigation under it: each role's working pages.
WORK = (
    Entry("salons:manage", _("My salons"), frozenset({Audience.ORGANISER})),
    Entry("carers:household_list", _("Case records"), frozenset({Audience.MUNICIPAL})),
    Entry("my_work", _("My work"), STAFF),
    Entry("advisors:request_list", _("Advisor dispatch"), STAFF),
    Entry("salons:manage", _("Salon approval"), PUBLIC_BODIES),
    Entry("services:manage", _("Service catalogue"), PUBLIC_BODIES),
    Entry("awareness:manage", _("Articles"), PUBLIC_BODIES),
    Entry("advisors:advisor_list", _("Advisor roster"), PREFECTURE),
    Entry("carers:audit_list", _("Case audits"), PREFECTURE),
    Entry("dashboard", _("Dashboard"), PREFECTURE),
    Entry("staff_invite", _("Invite staff"), PREFECTURE),
)


def _url(entry, municipality_code) -> str:
    url = reverse(entry.url_name)
    if entry.local and municipality_code:
        url += "?" + urlencode({PARAM: municipality_code})
    return url


def entries_for(menu, user, municipality_code=None) -> list[dict]:
    audience = scope_of(user).audience
    return [
        {"url": _url(e, municipality_code), "label": e.label}
        for e in menu
        if audience in e.audiences
    ]


def menus(user, municipality_code=None) -> dict:
    """The main and work navigation for ``user``; ``municipality_code``: the
    resident's remembered municipality, if any."""
    return {
        "main_menu": entries_for(MAIN, user, municipality_code),
        "work_menu": entries_for(WORK, user),
    }
