"""The resident's municipality, chosen once and remembered in a cookie.

The cookie holds a 6-digit local government code and nothing else. It is set
only when the resident chooses (portal.residence: the "my municipality"
chooser, or a search or questionnaire form submitted with a municipality) and
read here by every app that preselects a municipality: salons, services, the
self-check. A value that is not a municipality of the portal's prefecture is
ignored, so the cookie cannot carry anything else into a page or a cache key.
"""

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import get_language

from .caching import cached
from .municipalities import city_code_for

COOKIE = "municipality"
COOKIE_AGE = 365 * 24 * 3600
# The query parameter every public search and questionnaire uses.
PARAM = "municipality"
# Attribute of the request that overrides the cookie for the request that sets it.
CHOSEN_ATTR = "_resident_municipality"


def _names() -> dict:
    """code → (Japanese name, English name) of the portal's prefecture's municipalities."""

    def compute():
        from .models import Municipality

        rows = Municipality.objects.in_portal_prefecture()
        return {m.code: (m.name, m.name_en) for m in rows}

    key = f"resident-municipalities:{settings.PORTAL_PREFECTURE_CODE}"
    return cached(key, compute, seconds=3600)


def valid_code(value) -> str | None:
    """The municipality code ``value`` stands for (a designated city's ward
    code means its city), or None when it is not one of the portal's."""
    value = str(value or "").strip()
    if len(value) != 6 or not value.isdigit():
        return None
    code = city_code_for(value) or value
    return code if code in _names() else None


def code(request) -> str | None:
    """The resident's chosen municipality code, or None."""
    chosen = getattr(request, CHOSEN_ATTR, None)
    if chosen is not None:
        return chosen or None
    value = request.COOKIES.get(COOKIE)
    return valid_code(value) if value else None


def name(municipality_code) -> str:
    """The municipality's name in the active language ("" when unknown)."""
    names = _names().get(municipality_code)
    if not names:
        return ""
    return names[1] if get_language() == "en" and names[1] else names[0]


def with_default(request, params: QueryDict) -> QueryDict:
    """``params`` with the resident's municipality added when the query names
    none at all (an explicit empty ``municipality=`` means "all")."""
    chosen = code(request)
    if chosen is None or PARAM in params:
        return params
    params = params.copy()
    params[PARAM] = chosen
    return params
