"""Cancelling a session with a reason: the session stays listed for 30 days,
marked 中止 with the reason, on the page, in iCalendar (same UID, raised
SEQUENCE, STATUS:CANCELLED) and in JSON-LD (EventCancelled); everyone signed
up is told the reason."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from carers.errors import ActionError
from carers.outbox import render
from conftest import make_user
from salons import actions
from salons.models import Session, SessionStatus

from .conftest import make_session

pytestmark = pytest.mark.django_db
REASON = "講師の体調不良のため中止します"


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def vevents(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_organiser_cancels_with_a_reason_and_everyone_sees_it(
    client_for, visitor, organiser, salon, session, resident, outbox_emails
):
    actions.session_join(session=session, by=resident)
    (before,) = vevents(visitor.get(f"/salons/{salon.pk}/calendar.ics"))
    assert int(before["SEQUENCE"]) == 0 and str(before["STATUS"]) == "CONFIRMED"

    page = client_for(organiser).get(f"/salons/manage/sessions/{session.pk}/cancel/")
    assert 'name="reason"' in page.content.decode()
    response = client_for(organiser).post(
        f"/salons/manage/sessions/{session.pk}/cancel/", {"reason": REASON}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.cancel_reason == REASON

    html = visitor.get(f"/salons/{salon.pk}/").content.decode()
    assert "中止" in html and REASON in html
    assert f'action="/salons/sessions/{session.pk}/join/"' not in html

    (event,) = json_ld(html)
    assert event["eventStatus"] == "https://schema.org/EventCancelled"

    for url in (f"/salons/{salon.pk}/calendar.ics", "/salons/calendar.ics"):
        (after,) = vevents(visitor.get(url))
        assert str(after["UID"]) == str(before["UID"])
        assert str(after["STATUS"]) == "CANCELLED"
        assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
        assert REASON in str(after["DESCRIPTION"])

    email = outbox_emails()[-1]
    assert (email.to_email, email.template) == (resident.email, "salons/email/session_cancelled")
    _subject, body = render(email)
    assert REASON in body


def test_a_reason_is_required_and_typed_text_is_kept(client_for, organiser, session):
    response = client_for(organiser).post(
        f"/salons/manage/sessions/{session.pk}/cancel/", {"reason": "   "}
    )
    assert response.status_code == 400
    assert "理由" in response.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED
    with pytest.raises(ActionError):
        actions.session_cancel(session=session, by=organiser, reason="")


def test_cancelled_sessions_leave_the_page_and_feeds_after_30_days(visitor, salon, organiser):
    session = make_session(salon, days=60)
    actions.session_cancel(session=session, by=organiser, reason=REASON)
    assert REASON in visitor.get(f"/salons/{salon.pk}/").content.decode()
    Session.objects.filter(pk=session.pk).update(cancelled_at=timezone.now() - timedelta(days=31))
    assert REASON not in visitor.get(f"/salons/{salon.pk}/").content.decode()
    assert vevents(visitor.get(f"/salons/{salon.pk}/calendar.ics")) == []


def test_moving_a_session_raises_its_sequence(organiser, session):
    start = session.starts_at + timedelta(days=1)
    actions.session_move(
        session=session, by=organiser, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    session.refresh_from_db()
    assert session.sequence == 1


def test_only_the_organiser_can_cancel(client_for, session):
    other = make_user("other-org@example.jp", "organiser")
    response = client_for(other).post(
        f"/salons/manage/sessions/{session.pk}/cancel/", {"reason": REASON}
    )
    assert response.status_code == 404
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED
