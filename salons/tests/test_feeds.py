from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from salons.models import SalonStatus

from .conftest import make_salon, make_session

pytestmark = pytest.mark.django_db


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_salon_feed_parses_with_tokyo_timezone(visitor, salon):
    session = make_session(salon)
    cal = parse(visitor.get(f"/salons/{salon.pk}/calendar.ics"))
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    (event,) = cal.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Asia/Tokyo" and event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert start == session.starts_at
    assert str(event["SUMMARY"]) == salon.name


def test_search_feed_applies_filters(visitor, organiser, municipality, other_municipality):
    make_session(make_salon(organiser, municipality, name="札幌"))
    make_session(make_salon(organiser, other_municipality, name="函館"))
    cal = parse(visitor.get("/salons/calendar.ics", {"municipality": "012025"}))
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["函館"]
    cal = parse(visitor.get("/salons/calendar.ics"))
    assert len(cal.walk("VEVENT")) == 2


def test_feeds_leave_out_unpublished_and_stale(visitor, organiser, municipality):
    pending = make_salon(organiser, municipality, status=SalonStatus.PENDING)
    stale = make_salon(
        organiser, municipality, last_confirmed_at=timezone.now() - timedelta(days=200)
    )
    make_session(pending)
    make_session(stale)
    assert parse(visitor.get("/salons/calendar.ics")).walk("VEVENT") == []
    assert visitor.get(f"/salons/{pending.pk}/calendar.ics").status_code == 404


def test_event_uids_use_the_host_of_site_url(visitor, salon, settings):
    session = make_session(salon)
    settings.SITE_URL = "https://carers.pref.example.jp:8443"
    (event,) = parse(visitor.get(f"/salons/{salon.pk}/calendar.ics")).walk("VEVENT")
    assert str(event["UID"]) == f"salon-session-{session.pk}@carers.pref.example.jp"
    settings.SITE_URL = "https://kizuki.other-pref.example.jp"
    (event,) = parse(visitor.get("/salons/calendar.ics")).walk("VEVENT")
    assert str(event["UID"]) == f"salon-session-{session.pk}@kizuki.other-pref.example.jp"
