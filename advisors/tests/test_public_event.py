"""An advisor-led symposium or training, with the municipality's consent,
becomes a public event in the salon calendar (feed, search page, own page);
an online event's link is never published."""

import json
import re
from datetime import time

import pytest
from icalendar import Calendar

from advisors import actions
from advisors.models import DispatchRequest, MenuItem
from advisors.workflow import Status
from carers.errors import ActionError

from .conftest import future

pytestmark = pytest.mark.django_db


@pytest.fixture
def symposium(make_request):
    return make_request(
        status=Status.SCHEDULED,
        menu_items=[MenuItem.LECTURE],
        dispatch_date=future(12),
        start_time=time(13, 30),
        end_time=time(16, 0),
        format="on_site",
        venue="札幌市民交流プラザ",
        confirmed_venue="札幌市民交流プラザ 3階 会議室",
    )


def publish(client, dispatch, **extra):
    data = {
        "title": "ケアラー支援シンポジウム（架空）",
        "description": "介護する家族を地域で支えるために。",
        "contact": "札幌市 介護保険課 011-000-0000",
        "consent": "on",
        **extra,
    }
    return client.post(f"/advisors/requests/{dispatch.pk}/public-event/", data)


def test_municipal_staff_publish_with_consent_and_it_reaches_the_calendar(
    client_for, visitor, municipal_staff, symposium
):
    client = client_for(municipal_staff)
    detail = client.get(symposium.get_absolute_url()).content.decode()
    assert f"/advisors/requests/{symposium.pk}/public-event/" in detail

    response = publish(client, symposium)
    assert response.status_code == 302
    symposium.refresh_from_db()
    assert symposium.public_event_consent_by == municipal_staff
    assert symposium.public_event_path.startswith("/salons/events/")

    feed = Calendar.from_ical(visitor.get("/salons/calendar.ics").content)
    (event,) = [e for e in feed.walk("VEVENT") if str(e["UID"]).startswith("public-event-")]
    assert str(event["SUMMARY"]) == "ケアラー支援シンポジウム（架空）"
    assert str(event["LOCATION"]) == "札幌市民交流プラザ 3階 会議室"
    start = event.decoded("DTSTART")
    assert (start.date(), start.hour, start.minute) == (future(12), 13, 30)

    page = visitor.get(symposium.public_event_path).content.decode()
    assert "ケアラー支援シンポジウム（架空）" in page and "011-000-0000" in page
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert data["@type"] == "Event" and data["name"] == "ケアラー支援シンポジウム（架空）"
    assert "ケアラー支援シンポジウム（架空）" in visitor.get("/salons/").content.decode()

    # Publishing again updates the same event.
    publish(client, symposium, title="ケアラー支援シンポジウム 2027（架空）")
    feed = Calendar.from_ical(visitor.get("/salons/calendar.ics").content)
    events = [e for e in feed.walk("VEVENT") if str(e["UID"]).startswith("public-event-")]
    assert [str(e["SUMMARY"]) for e in events] == ["ケアラー支援シンポジウム 2027（架空）"]
    assert int(events[0]["SEQUENCE"]) == 1


def test_without_consent_nothing_is_published(client_for, visitor, municipal_staff, symposium):
    response = publish(client_for(municipal_staff), symposium, consent="")
    assert response.status_code == 400
    assert "ケアラー支援シンポジウム（架空）" in response.content.decode()  # kept
    symposium.refresh_from_db()
    assert symposium.public_event_path == ""
    assert "public-event-" not in visitor.get("/salons/calendar.ics").content.decode()


def test_an_online_event_never_publishes_its_link(client_for, visitor, municipal_staff, symposium):
    DispatchRequest.objects.filter(pk=symposium.pk).update(
        format="online", confirmed_venue="https://meet.example.jp/secret-symposium"
    )
    publish(client_for(municipal_staff), symposium)
    symposium.refresh_from_db()
    for url in ("/salons/calendar.ics", symposium.public_event_path, "/salons/"):
        assert "secret-symposium" not in visitor.get(url).content.decode()


@pytest.mark.parametrize(
    "persona", ["prefecture_staff", "advisor_user", "other_municipality_staff"]
)
def test_only_the_requesting_municipality_may_publish(request, client_for, symposium, persona):
    user = request.getfixturevalue(persona)
    assert publish(client_for(user), symposium).status_code == 404
    symposium.refresh_from_db()
    assert symposium.public_event_path == ""


def test_only_scheduled_symposiums_and_trainings(make_request, municipal_staff):
    survey = make_request(status=Status.SCHEDULED, menu_items=[MenuItem.SURVEY])
    with pytest.raises(ActionError):
        actions.request_publish_event(dispatch=survey, by=municipal_staff, title="x", consent=True)
