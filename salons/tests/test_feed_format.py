"""The hand-written iCalendar output parses back to the same values."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar

from salons.feeds import _fold, sessions_to_ical
from salons.models import Session

from .conftest import make_salon, make_session


@pytest.mark.django_db
def test_events_round_trip_with_escaping_and_folding(organiser, municipality):
    description = "介護の話をする場です; 予約不要, 途中参加も可\\n" + "ゆっくり話せます。" * 40
    salon = make_salon(organiser, municipality, name="カフェ, 本町; 2階", description=description)
    session = make_session(salon, note="持ち物: なし")
    cancelled = make_session(salon, days=10, status="cancelled")
    body = sessions_to_ical(
        Session.objects.filter(salon=salon).select_related("salon").order_by("starts_at"),
        "名前, 一覧",
    )
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    cal = Calendar.from_ical(body)
    assert "X-WR-CALNAME:名前\\, 一覧\r\n" in body.decode()  # TEXT, escaped as the library did
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    first, second = cal.walk("VEVENT")
    assert str(first["SUMMARY"]) == "カフェ, 本町; 2階"
    assert str(first["DESCRIPTION"]) == description[:500] + "\n持ち物: なし"
    assert first["DTSTART"].dt == session.starts_at
    assert str(first["DTSTART"].dt.tzinfo) == "Asia/Tokyo"
    assert first["DTEND"].dt == session.ends_at
    assert str(first["UID"]) == f"salon-session-{session.pk}@{urlsplit(settings.SITE_URL).hostname}"
    assert str(first["LOCATION"]) == salon.venue_address
    assert str(first["STATUS"]) == "CONFIRMED" and str(second["STATUS"]) == "CANCELLED"
    assert second["DTSTART"].dt == cancelled.starts_at
    assert first["DTSTAMP"].dt <= timezone.now() + timedelta(seconds=1)


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "あ" * 100
    folded = _fold(line)
    pieces = folded.split(b"\r\n ")
    assert all(len(p.rstrip(b"\r\n")) <= 75 for p in pieces)
    assert b"".join(pieces).decode().rstrip("\r\n") == line
