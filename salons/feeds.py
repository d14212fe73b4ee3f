"""iCalendar feeds and schema.org JSON-LD of public sessions.

Neither ever carries a meeting URL: they are public and cached by calendar
apps; participants get the link on their own sign-up page.
"""

import functools
import json
from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Timezone

from .models import Audience

TZID = "Asia/Tokyo"


def _location(salon):
    if salon.is_in_person and salon.venue_address:
        return salon.venue_address
    return "Online" if salon.is_online else ""


def _text(value) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newlines escaped."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> bytes:
    """A content line folded at 75 octets, never inside a UTF-8 character."""
    data = line.encode()
    if len(data) <= 75:
        return data + b"\r\n"
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode())
        if size + width > (75 if not parts else 74):
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts).encode() + b"\r\n"


@functools.cache
def _vtimezone() -> bytes:
    """The VTIMEZONE block of Asia/Tokyo (the library's, built once)."""
    return Timezone.from_tzid(TZID).to_ical()


def _local(moment) -> str:
    return timezone.localtime(moment, timezone.get_current_timezone()).strftime("%Y%m%dT%H%M%S")


def uid_host() -> str:
    """The domain of iCalendar UIDs: the site's own host (RFC 5545 3.8.4.7), so
    the feeds of two deployments (two prefectures) never share an event UID."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _vevent(
    *, uid, summary, starts_at, ends_at, stamp, description, location, status, url, sequence
):
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(summary)}",
        f"DTSTART;TZID={TZID}:{_local(starts_at)}",
        f"DTEND;TZID={TZID}:{_local(ends_at)}",
        f"DTSTAMP:{stamp}",
        f"UID:{uid}",
        f"SEQUENCE:{sequence}",
        f"DESCRIPTION:{_text(description)}",
    ]
    if location:
        lines.append(f"LOCATION:{_text(location)}")
    lines += [f"STATUS:{status}", f"URL:{url}", "END:VEVENT"]
    return [_fold(line) for line in lines]


def sessions_to_ical(sessions, name, events=()) -> bytes:
    """The sessions (and public events, e.g. an advisor's symposium) as an
    iCalendar file. Written line by line: the icalendar library took
    milliseconds per event, which a feed of months cannot afford.

    A cancelled session keeps its UID, with STATUS:CANCELLED and a raised
    SEQUENCE, so calendar clients mark their copy cancelled."""
    stamp = timezone.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    host = uid_host()
    out = [
        b"BEGIN:VCALENDAR\r\n",
        b"VERSION:2.0\r\n",
        b"PRODID:-//Kizuki//salons//JA\r\n",
        _fold(f"X-WR-CALNAME:{_text(name)}"),
        _fold(f"X-WR-TIMEZONE:{TZID}"),
        _vtimezone(),
    ]
    for session in sessions:
        salon = session.salon
        description = salon.description[:500] + ("\n" + session.note if session.note else "")
        summary = salon.name
        if session.is_cancelled:
            summary = f"【中止 / Cancelled】{salon.name}"
            if session.cancel_reason:
                description = f"中止 / Cancelled: {session.cancel_reason}\n\n{description}"
        out += _vevent(
            uid=f"salon-session-{session.pk}@{host}",
            summary=summary,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            stamp=stamp,
            description=description,
            location=_location(salon),
            status="CANCELLED" if session.is_cancelled else "CONFIRMED",
            url=settings.SITE_URL + salon.get_absolute_url(),
            sequence=session.sequence,
        )
    for event in events:
        out += _vevent(
            uid=f"public-event-{event.pk}@{host}",
            summary=event.title,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            stamp=stamp,
            description=f"{event.organising_body}\n{event.description[:500]}".strip(),
            location="Online" if event.is_online else event.venue,
            status="CONFIRMED",
            url=settings.SITE_URL + event.get_absolute_url(),
            sequence=event.sequence,
        )
    out.append(b"END:VCALENDAR\r\n")
    return b"".join(out)


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
