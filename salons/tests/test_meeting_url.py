"""The meeting URL is for participants (30 minutes before until the end), the
facilitator and the organiser; never public pages, feeds or JSON-LD."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_user
from salons import actions

SECRET = "secret-room-42"
pytestmark = pytest.mark.django_db


def json_ld(response):
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(block.group(1))


def start_in(session, delta):
    session.starts_at = timezone.now() + delta
    session.ends_at = session.starts_at + timedelta(hours=1)
    session.save()


def test_window_rules(online_session, resident):
    reg = actions.session_join(session=online_session, by=resident)
    start, end = online_session.starts_at, online_session.ends_at
    url = online_session.meeting_url
    assert online_session.meeting_url_for(resident, reg, now=start - timedelta(minutes=31)) == ""
    assert online_session.meeting_url_for(resident, reg, now=start - timedelta(minutes=30)) == url
    assert online_session.meeting_url_for(resident, reg, now=end) == url
    assert online_session.meeting_url_for(resident, reg, now=end + timedelta(seconds=1)) == ""
    stranger = make_user("stranger@example.jp")
    assert online_session.meeting_url_for(stranger, now=start) == ""
    assert online_session.meeting_url_for(stranger, reg, now=start) == ""  # someone else's sign-up
    waiting = make_user("w@example.jp")
    assert online_session.meeting_url_for(waiting, None, now=start) == ""


def test_participant_sees_link_in_window_and_stranger_never(
    client_for, visitor, online_session, resident, organiser
):
    reg = actions.session_join(session=online_session, by=resident)
    start_in(online_session, timedelta(minutes=20))
    participant = client_for(resident)
    assert SECRET in participant.get(f"/salons/{online_session.salon_id}/").content.decode()
    assert SECRET in participant.get(reg.get_absolute_url()).content.decode()
    stranger = client_for(make_user("stranger@example.jp"))
    for c in (stranger, visitor):
        page = c.get(f"/salons/{online_session.salon_id}/")
        assert SECRET not in page.content.decode()
        assert SECRET not in json.dumps(json_ld(page))
        assert (
            SECRET not in c.get(f"/salons/{online_session.salon_id}/calendar.ics").content.decode()
        )
        assert SECRET not in c.get("/salons/calendar.ics").content.decode()
        assert SECRET not in c.get("/salons/", {"q": "オンライン"}).content.decode()
        assert SECRET not in c.get("/").content.decode()
    assert (
        SECRET
        not in participant.get(f"/salons/{online_session.salon_id}/calendar.ics").content.decode()
    )
    # a participant's page through someone else's account is a 404
    assert stranger.get(reg.get_absolute_url()).status_code == 404


def test_participant_does_not_see_link_too_early_or_after(client_for, online_session, resident):
    reg = actions.session_join(session=online_session, by=resident)
    c = client_for(resident)
    start_in(online_session, timedelta(minutes=45))
    assert SECRET not in c.get(reg.get_absolute_url()).content.decode()
    assert SECRET not in c.get(f"/salons/{online_session.salon_id}/").content.decode()
    online_session.starts_at = timezone.now() - timedelta(hours=2)
    online_session.ends_at = timezone.now() - timedelta(minutes=1)
    online_session.save()
    assert SECRET not in c.get(reg.get_absolute_url()).content.decode()


def test_waiting_list_and_cancelled_participants_do_not_see_it(client_for, online_session):
    online_session.capacity = 1
    start_in(online_session, timedelta(minutes=10))
    first, second = make_user("a@example.jp"), make_user("b@example.jp")
    booked = actions.session_join(session=online_session, by=first)
    waiting = actions.session_join(session=online_session, by=second)
    assert SECRET not in client_for(second).get(waiting.get_absolute_url()).content.decode()
    actions.registration_cancel(registration=booked)
    assert SECRET not in client_for(first).get(booked.get_absolute_url()).content.decode()


def test_organiser_and_facilitator_see_it_any_time(
    client_for, online_session, organiser, advisor_user
):
    online_session.facilitator = advisor_user
    online_session.save()
    for user in (organiser, advisor_user):
        assert (
            SECRET in client_for(user).get(f"/salons/{online_session.salon_id}/").content.decode()
        )
    mine = client_for(advisor_user).get("/salons/signups/")
    assert list(mine.context["facilitating"]) == [online_session]


def test_guest_participant_sees_it_on_their_token_page(visitor, online_session, outbox_emails):
    start_in(online_session, timedelta(minutes=10))
    visitor.post(
        f"/salons/sessions/{online_session.pk}/guest/",
        {"email": "g@example.jp", "nickname": "そら", "age_band": "15-18"},
    )
    response = visitor.post(outbox_emails()[-1].context["confirm_url"], follow=True)
    assert SECRET in response.content.decode()


def test_json_ld_describes_events_without_the_link(visitor, online_session):
    events = json_ld(visitor.get(f"/salons/{online_session.salon_id}/"))
    assert events[0]["@type"] == "Event"
    assert events[0]["startDate"].endswith("+09:00")
    assert events[0]["location"]["@type"] == "VirtualLocation"
    assert SECRET not in json.dumps(events)


def test_meeting_url_must_be_https(online_session):
    from django.core.exceptions import ValidationError

    online_session.meeting_url = "http://meet.example.jp/x"
    with pytest.raises(ValidationError):
        online_session.full_clean()
