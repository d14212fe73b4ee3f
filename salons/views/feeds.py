"""Calendar feeds (iCalendar) and public event pages."""

import hashlib
from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..feeds import public_event_json_ld, sessions_to_ical
from ..models import (
    PublicEvent,
    Salon,
    Session,
)
from ..search import public_events, search_salons

# Calendar feeds carry the sessions of the next six months (calendar apps poll
# them; the search filters narrow the all-salons feed), at most FEED_MAX_EVENTS.
FEED_WINDOW = timedelta(days=183)
FEED_MAX_EVENTS = 2000
FEED_MAX_AGE = 900  # seconds calendar apps and proxies may keep a feed


def calendar_feed(request):
    _form, salons, _origin, after = search_salons(request.GET)
    sessions = (
        Session.objects.listed(after)
        .filter(salon__in=salons.values("pk"), starts_at__lt=after + FEED_WINDOW)
        .select_related("salon")
        .order_by("starts_at")[:FEED_MAX_EVENTS]
    )
    events = public_events(request.GET, after)
    return _ical_response(
        request, sessions_to_ical(sessions, _("Carer salons and cafés"), events), "salons.ics"
    )


def event_detail(request, pk):
    event = get_object_or_404(PublicEvent.objects.select_related("municipality"), pk=pk)
    return render(
        request,
        "salons/event_detail.html",
        {
            "event": event,
            "json_ld": mark_safe(public_event_json_ld(event)),
            "is_past": event.ends_at <= timezone.now(),
        },
    )


def salon_calendar(request, pk):
    salon = get_object_or_404(Salon.objects.searchable(), pk=pk)
    now = timezone.now()
    sessions = (
        salon.sessions.listed(now)
        .filter(starts_at__lt=now + FEED_WINDOW)
        .select_related("salon")[:FEED_MAX_EVENTS]
    )
    return _ical_response(request, sessions_to_ical(sessions, salon.name), f"salon-{salon.pk}.ics")


def _ical_response(request, body, filename):
    """The feed with an ETag (a calendar app that has it gets a 304) and a max-age."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return get_conditional_response(request, etag=response["ETag"], response=response)
