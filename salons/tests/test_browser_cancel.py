"""In a real browser: an organiser cancels a session with a reason; a visitor
sees 中止 and the reason; a calendar client sees STATUS:CANCELLED."""

import pytest
from icalendar import Calendar

from salons.feeds import uid_host
from salons.models import SessionStatus

from .conftest import make_salon, make_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REASON = "会場の改修工事のため、この回はお休みします"


def test_organiser_cancels_visitor_and_calendar_see_it(
    page, browser_login, axe_check, organiser, municipality
):
    base = page.base_url
    salon = make_salon(organiser, municipality, name="キャンセル確認カフェ")
    session = make_session(salon, days=5)

    browser_login(page, organiser)
    page.goto(f"{base}/salons/manage/{salon.pk}/")
    page.get_by_role("link", name="中止する").click()
    page.wait_for_load_state()
    page.fill("textarea[name=reason]", REASON)
    axe_check(page)
    page.get_by_role("button", name="はい、中止します").click()
    page.wait_for_load_state()
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED

    page.context.clear_cookies()
    page.goto(f"{base}/salons/{salon.pk}/")
    card = page.locator(".session").first
    assert "中止" in card.locator(".session-cancelled").inner_text()
    assert REASON in card.inner_text()
    assert card.locator("form").count() == 0
    axe_check(page)

    feed = Calendar.from_ical(page.request.get(f"{base}/salons/{salon.pk}/calendar.ics").body())
    (event,) = feed.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == f"salon-session-{session.pk}@{uid_host()}"
    assert int(event["SEQUENCE"]) >= 1
