"""The public salon search, shared by the search page and the calendar feed."""

from datetime import datetime
from urllib.parse import urlencode

from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from .forms import (
    SearchForm,
)
from .models import (
    PublicEvent,
    Salon,
    distance_km_expression,
)

# Salons anyone in the prefecture can join, listed for every municipality.
WIDE = Q(municipality__isnull=True) | Q(is_online=True)


def search_salons(params):
    """(form, queryset, origin, after) for the public search; shared by the
    page and the feed.

    With a municipality, its own salons come first ("near": every in-person
    salon, nearest first, with its distance), then the prefecture-wide and
    online salons anyone can join (``is_wide``), which are always listed."""
    form = SearchForm(params or None)
    # Fresh as of this minute: the same SQL all minute long, so the page's total
    # is counted once per minute and change (CachedCountPaginator), not per request.
    minute = timezone.now().replace(second=0, microsecond=0)
    salons = Salon.objects.public().searchable(minute).select_related("municipality")
    origin = None
    local = None
    after = timezone.now()
    later = None  # a "from" date after today
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            salons = salons.search(data["q"])
        if data["audience"]:
            salons = salons.filter(audiences__contains=[data["audience"]])
        if data["online"]:
            salons = salons.filter(is_online=True)
        if data["from"]:
            start = datetime.combine(
                data["from"], datetime.min.time(), tzinfo=timezone.get_current_timezone()
            )
            if start > after:
                after = later = start
        municipality = data["municipality"]
        if municipality and data["near"] and municipality.lat is not None:
            origin = municipality
            local = Q(is_in_person=True, municipality__isnull=False)
        elif municipality:
            local = Q(municipality=municipality)
            salons = salons.filter(local | WIDE)
    if later is None:
        # Bookkeeping of every salon (unscoped): the stored next sessions are
        # those from now on.
        Salon.objects.unscoped().refresh_passed(after)
    salons = salons.with_next_start(later)
    if form.is_valid() and form.cleaned_data["from"]:
        salons = salons.filter(next_start__isnull=False)
    order = [F("next_start").asc(nulls_last=True)]
    if local is not None:
        salons = salons.annotate(
            is_wide=Case(When(local, then=Value(False)), default=Value(True)),
            distance_km=Case(
                When(local, then=distance_km_expression(origin.lat, origin.lng)),
                output_field=FloatField(),
            )
            if origin is not None
            else Value(None, output_field=FloatField()),
        )
        # Local (or nearest) first; then the wide ones, the prefecture's featured salon first.
        order = [
            "is_wide",
            F("distance_km").asc(nulls_last=True),
            F("is_featured").desc(),
            *order,
        ]
    salons = salons.order_by(*order, "name")
    return form, salons, origin, after


def public_events(params, after):
    """Public events (symposiums, trainings) for the all-salon feed and the
    search page: filtered by the search's municipality only."""
    events = PublicEvent.objects.upcoming(after).select_related("municipality")
    form = SearchForm(params or None)
    if form.is_valid():
        if form.cleaned_data["q"] or form.cleaned_data["audience"]:
            return []  # a salon search, not an event search
        if form.cleaned_data["municipality"]:
            events = events.filter(municipality=form.cleaned_data["municipality"])
        if form.cleaned_data["online"]:
            events = events.filter(is_online=True)
    return list(events[:50])


SEARCH_CAP = 50  # matches counted; beyond it the page says "50+"


def site_search(query: str, municipality_code: str | None = None, limit: int = 5) -> dict:
    """The public salon search (the salon list's words, normalised for width
    and kana) for the site-wide search box. With a municipality: its salons
    first, then those anyone in the prefecture can join (as the salon list).
    ``count`` (at most SEARCH_CAP), ``more``, ``items`` (the first ``limit``:
    name, url, municipality_name, is_online) and ``list_url``. One bounded query."""
    salons = Salon.objects.public().searchable().search(query).select_related("municipality")
    order = ["name", "pk"]
    if municipality_code:
        salons = salons.filter(Q(municipality_id=municipality_code) | WIDE).annotate(
            is_wide=Case(
                When(municipality_id=municipality_code, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        order = ["is_wide", *order]
    found = list(salons.order_by(*order)[: SEARCH_CAP + 1])
    params = {"q": query}
    if municipality_code:
        params["municipality"] = municipality_code
    return {
        "count": min(len(found), SEARCH_CAP),
        "more": len(found) > SEARCH_CAP,
        "items": [
            {
                "name": salon.name,
                "url": salon.get_absolute_url(),
                "municipality_name": salon.municipality.localized_name
                if salon.municipality
                else "",
                "is_online": salon.is_online,
            }
            for salon in found[:limit]
        ],
        "list_url": f"{reverse('salons:list')}?{urlencode(params)}",
    }
