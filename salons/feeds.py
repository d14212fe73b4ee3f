"""iCalendar feeds and schema.org JSON-LD of public sessions.

Neither ever carries a meeting URL: they are public and cached by calendar
apps; participants get the link on their own sign-up page.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from .models import Audience

TZID = "Asia/Tokyo"


def _location(salon):
    if salon.is_in_person and salon.venue_address:
        return salon.venue_address
    return "Online" if salon.is_online else ""


def uid_host() -> str:
    """The domain of iCalendar UIDs: the site's own host (RFC 5545 3.8.4.7), so
    the feeds of two deployments (two prefectures) never share an event UID."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _public_event(event, tz):
    """A public event (e.g. an advisor's symposium) as a VEVENT."""
    vevent = Event()
    vevent.add("uid", f"public-event-{event.pk}@{uid_host()}")
    vevent.add("summary", event.title)
    vevent.add("dtstart", event.starts_at.astimezone(tz))
    vevent.add("dtend", event.ends_at.astimezone(tz))
    vevent.add("dtstamp", timezone.now())
    vevent.add("sequence", event.sequence)
    vevent.add("url", settings.SITE_URL + event.get_absolute_url())
    vevent.add("description", f"{event.organising_body}\n{event.description[:500]}".strip())
    vevent.add("location", "Online" if event.is_online else event.venue)
    vevent.add("status", "CONFIRMED")
    return vevent


def sessions_to_ical(sessions, name, events=()) -> bytes:
    tz = timezone.get_current_timezone()
    cal = Calendar()
    cal.add("prodid", "-//Kizuki//salons//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(Timezone.from_tzid(TZID))
    host = uid_host()
    for session in sessions:
        salon = session.salon
        event = Event()
        event.add("uid", f"salon-session-{session.pk}@{host}")
        event.add("dtstart", session.starts_at.astimezone(tz))
        event.add("dtend", session.ends_at.astimezone(tz))
        event.add("dtstamp", timezone.now())
        event.add("url", settings.SITE_URL + salon.get_absolute_url())
        description = salon.description[:500] + ("\n" + session.note if session.note else "")
        if session.is_cancelled:
            # Same UID, raised SEQUENCE, STATUS:CANCELLED: clients mark their copy cancelled.
            event.add("summary", f"【中止 / Cancelled】{salon.name}")
            if session.cancel_reason:
                description = f"中止 / Cancelled: {session.cancel_reason}\n\n{description}"
        else:
            event.add("summary", salon.name)
        event.add("sequence", session.sequence)
        event.add("description", description)
        location = _location(salon)
        if location:
            event.add("location", location)
        event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        cal.add_component(event)
    for public_event in events:
        cal.add_component(_public_event(public_event, tz))
    return cal.to_ical()


def public_event_json_ld(event) -> str:
    """schema.org Event of a public event page (escaped for a <script> block)."""
    if event.is_online:
        location = {"@type": "VirtualLocation", "url": settings.SITE_URL + event.get_absolute_url()}
        mode = "Online"
    else:
        location = {"@type": "Place", "name": event.venue, "address": event.venue}
        mode = "Offline"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description[:300],
        "startDate": timezone.localtime(event.starts_at).isoformat(),
        "endDate": timezone.localtime(event.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "location": location,
        "organizer": {"@type": "Organization", "name": event.organising_body},
        "url": settings.SITE_URL + event.get_absolute_url(),
    }
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def sessions_json_ld(salon, sessions) -> str:
    """schema.org Event list for the salon page (escaped for a <script> block)."""
    events = []
    for session in sessions:
        location = []
        if salon.is_in_person and salon.venue_address:
            location.append({"@type": "Place", "name": salon.name, "address": salon.venue_address})
        if session.is_online:
            # The meeting URL is a secret: the public page URL stands in for it.
            location.append(
                {"@type": "VirtualLocation", "url": settings.SITE_URL + salon.get_absolute_url()}
            )
        mode = "Mixed" if len(location) > 1 else ("Online" if session.is_online else "Offline")
        events.append(
            {
                "@context": "https://schema.org",
                "@type": "Event",
                "name": salon.name,
                "description": salon.description[:300],
                "startDate": timezone.localtime(session.starts_at).isoformat(),
                "endDate": timezone.localtime(session.ends_at).isoformat(),
                "eventStatus": "https://schema.org/EventCancelled"
                if session.is_cancelled
                else "https://schema.org/EventScheduled",
                "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
                **(
                    {"disambiguatingDescription": f"中止 / Cancelled: {session.cancel_reason}"}
                    if session.is_cancelled and session.cancel_reason
                    else {}
                ),
                "location": location[0] if len(location) == 1 else location,
                "organizer": {"@type": "Organization", "name": salon.organising_body},
                "audience": [
                    {"@type": "Audience", "audienceType": str(Audience(a).label)}
                    for a in salon.audiences
                    if a in Audience.values
                ],
                "isAccessibleForFree": salon.fee.strip() in ("", "無料", "0", "free", "Free"),
                "url": settings.SITE_URL + salon.get_absolute_url(),
            }
        )
    text = json.dumps(events, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
