"""The resident's municipality: the chooser page, the middleware that
remembers a deliberate choice, and what the site's header shows.

A choice is deliberate when the resident submits it: the chooser at
``/municipality/`` (POST), or a search or questionnaire form carrying the
hidden field ``CHOICE_FIELD`` (the salon and service searches, the service
guide, the self-check). A link that merely names a municipality
(``/salons/?municipality=012041`` from a municipal site) sets nothing.

The cookie (``carers.residence.COOKIE``) holds only the municipality code.
Pages that show it are cached per municipality (portal.pagecache keys on it).
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from carers import residence
from carers.forms import MunicipalityChoiceField, MunicipalitySelect

# Hidden field of the forms whose submission is a deliberate choice.
CHOICE_FIELD = "set_municipality"


def remember(response, request, code) -> None:
    response.set_cookie(
        residence.COOKIE,
        code,
        max_age=residence.COOKIE_AGE,
        samesite="Lax",
        httponly=True,
        secure=request.is_secure(),
    )


def forget(response) -> None:
    response.delete_cookie(residence.COOKIE, samesite="Lax")


def _stored(request) -> str | None:
    value = request.COOKIES.get(residence.COOKIE)
    return residence.valid_code(value) if value else None


def _submitted(request) -> str | None:
    """The municipality a form submitted as a deliberate choice, or None."""
    data = request.POST if request.method == "POST" else request.GET
    if data.get(CHOICE_FIELD) != "1":
        return None
    return residence.valid_code(data.get(residence.PARAM))


def _without_marker(request) -> str:
    query = [(k, v) for k, values in request.GET.lists() if k != CHOICE_FIELD for v in values]
    # One leading slash: "//host/..." would send the visitor to another site.
    path = "/" + request.path.lstrip("/")
    return path + (f"?{urlencode(query)}" if query else "")


class ResidentMunicipalityMiddleware:
    """Place after PublicPageCacheMiddleware: the cookie it sets keeps the
    response out of the cache, and the choice it reads is part of the key."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = _submitted(request) if request.method in ("GET", "POST") else None
        if chosen and request.method == "GET":
            # A search form submitted with the marker: remember, then show the
            # same search at an address without it (shared links set nothing).
            response = HttpResponseRedirect(_without_marker(request))
            response["Cache-Control"] = "no-store"
            remember(response, request, chosen)
            return response
        if chosen:
            setattr(request, residence.CHOSEN_ATTR, chosen)
        response = self.get_response(request)
        if chosen and response.status_code < 400 and chosen != _stored(request):
            remember(response, request, chosen)
        return response


def context(request) -> dict:
    """For the header: the remembered municipality and the chooser's address."""
    code = residence.code(request)
    return {
        "resident_municipality": {"code": code, "name": residence.name(code)} if code else None,
        "resident_choose_url": reverse("resident_municipality")
        + "?"
        + urlencode({"next": request.get_full_path()}),
    }


class ChooseForm(forms.Form):
    municipality = MunicipalityChoiceField(
        label=gettext_lazy("Municipality where you live"),
        empty_label=gettext_lazy("Choose…"),
        widget=MunicipalitySelect(attrs={"class": "form-select"}),
    )


def _safe_next(request, value) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return "/"


def _next_with(next_url, code) -> str:
    """``next_url`` with its municipality parameter, if it has one, set to ``code``
    (removed when ``code`` is None)."""
    parts = urlsplit(next_url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not any(key == residence.PARAM for key, _value in query):
        return next_url
    query = [(k, v) for k, v in query if k != residence.PARAM]
    if code:
        query.append((residence.PARAM, code))
    return urlunsplit(parts._replace(query=urlencode(query)))


@never_cache
def choose(request):
    """GET: the chooser. POST: remember the municipality (or forget it) and go back."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    current = _stored(request)
    if request.method == "POST" and request.POST.get("action") == "forget":
        response = HttpResponseRedirect(_next_with(next_url, None))
        forget(response)
        return response
    form = ChooseForm(
        request.POST if request.method == "POST" else None,
        initial={"municipality": current},
    )
    if request.method == "POST":
        if form.is_valid():
            code = form.cleaned_data["municipality"].pk
            response = HttpResponseRedirect(_next_with(next_url, code))
            remember(response, request, code)
            return response
    return render(
        request,
        "portal/resident_municipality.html",
        {
            "form": form,
            "next": next_url,
            "current": residence.name(current) if current else "",
            "error": _("Choose a municipality from the list.") if form.errors else "",
        },
        status=400 if form.errors else 200,
    )
