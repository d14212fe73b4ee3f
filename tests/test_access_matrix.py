"""Every URL of the site, as every persona: never a 500, never a 403 that
confirms a record exists; pages with an identifier that does not exist are 404.

URLs are enumerated from the resolver, so a new page is covered automatically.
"""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

SKIP_PREFIXES = ("admin/", "accounts/", "jsi18n/", "i18n/", "media/")
PERSONAS = [
    "visitor",
    "resident",
    "organiser",
    "municipal_staff",
    "other_municipality_staff",
    "prefecture_staff",
    "advisor_user",
]


def _walk(patterns, prefix=""):
    for p in patterns:
        route = str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + route)
        elif isinstance(p, URLPattern):
            yield prefix + route


def _fill(route):
    """A concrete path for a route, with identifiers that match nothing."""
    route = route.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
    route = re.sub(r"<uuid:\w+>", str(uuid.UUID(int=1)), route)
    route = re.sub(r"<int:\w+>", "987654", route)
    # Signed tokens are not record identifiers: a bad one gets its own page (400).
    route = re.sub(r"<str:token>", "bad-token", route)
    route = re.sub(r"<slug:\w+>|<str:\w+>|<path:\w+>|<\w+>", "no-such-thing", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "no-such-thing", route)
    return "/" + route


def _routes():
    from portal import urls

    for route in _walk(get_resolver(urls).url_patterns):
        clean = route.replace("^", "")
        if clean.startswith(SKIP_PREFIXES) or "(?P<path>" in route:
            continue
        yield route


def _paths():
    return sorted({_fill(r) for r in _routes()}, key=str)


@pytest.fixture
def persona_client(request, client, client_for):
    def get(name):
        if name == "visitor":
            return client
        return client_for(request.getfixturevalue(name))

    return get


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_is_a_500_or_a_403_for_anyone(persona, persona_client):
    c = persona_client(persona)
    failures = []
    for path in _paths():
        response = c.get(path)
        if response.status_code >= 500 or response.status_code == 403:
            failures.append((path, response.status_code))
    assert not failures, f"as {persona}: {failures}"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["visitor", "municipal_staff", "prefecture_staff"])
def test_identifiers_that_do_not_exist_are_404(persona, persona_client):
    c = persona_client(persona)
    wrong = []
    for path in _paths():
        if "bad-token" in path:
            continue
        if (
            "no-such-thing" not in path
            and "987654" not in path
            and str(uuid.UUID(int=1)) not in path
        ):
            continue
        status = c.get(path).status_code
        allowed = {404, 405} | ({302} if persona == "visitor" else set())
        if status not in allowed:
            wrong.append((path, status))
    assert not wrong, f"as {persona}: {wrong}"


def test_the_public_url_contract_exists():
    from django.urls import Resolver404, resolve
    from django.utils import translation

    translation.activate(
        "ja"
    )  # unprefixed URLs are Japanese; an earlier test may leave English active
    for path in [
        "/",
        "/awareness/",
        "/awareness/check/",
        "/awareness/work-and-care/",
        "/salons/",
        "/salons/calendar.ics",
        "/services/",
        "/services/guide/",
        "/api/hsds/services",
        "/advisors/requests/",
        "/dashboard/",
        "/accounts/login/",
        "/healthz",
    ]:
        try:
            resolve(path)
        except Resolver404:
            pytest.fail(f"{path} is part of the public URL contract but does not resolve")
