"""The salon journey in a real browser: an organiser registers a salon, staff
approve it, it appears in search and in the feed, a resident joins and sees
the online link at the right time; a non-participant never does."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from conftest import make_user
from salons.models import Salon, SalonStatus, Session

SECRET_URL = "https://meet.example.jp/journey-room-7"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.context.clear_cookies()


def test_salon_journey(page, browser_login, axe_check, organiser, prefecture_staff, resident):
    base = page.base_url
    # 1. the organiser registers a salon
    browser_login(page, organiser)
    page.goto(f"{base}/salons/manage/new/")
    page.fill("#id_name", "ジャーニー・ケアラーズカフェ")
    page.fill("#id_description", "介護をしている人が話せるカフェです。")
    page.fill("#id_organising_body", "ジャーニーの会")
    page.select_option("#id_municipality", "011002")
    page.fill("#id_venue_address", "札幌市中央区 3-3")
    page.check("#id_is_online")
    page.check("input[name=audiences][value=all]")
    page.fill("#id_contact", "011-222-2222")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    salon = Salon.objects.get(name="ジャーニー・ケアラーズカフェ")
    assert salon.status == SalonStatus.PENDING
    start = timezone.now() + timedelta(minutes=20)
    Session.objects.create(
        salon=salon,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=5,
        is_online=True,
        meeting_url=SECRET_URL,
    )
    page.goto(f"{base}/salons/?q=ジャーニー")
    assert "ジャーニー・ケアラーズカフェ" not in page.locator("main").inner_text()

    # 2. prefecture staff approve it
    sign_out(page)
    browser_login(page, prefecture_staff)
    page.goto(f"{base}/salons/manage/")
    page.get_by_role("link", name="ジャーニー・ケアラーズカフェ").click()
    page.locator("form input[name=decision][value=approve] + button").click()
    page.wait_for_load_state()
    salon.refresh_from_db()
    assert salon.status == SalonStatus.PUBLISHED

    # 3. it appears in the search and the feed
    sign_out(page)
    page.goto(f"{base}/salons/?q=じゃーにー")
    assert page.get_by_role("link", name="ジャーニー・ケアラーズカフェ").count() == 1
    axe_check(page)
    feed = Calendar.from_ical(page.request.get(f"{base}/salons/calendar.ics?q=ジャーニー").body())
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == ["ジャーニー・ケアラーズカフェ"]

    # 4. a resident joins and sees the online link (the session starts in 20 minutes)
    browser_login(page, resident)
    page.goto(f"{base}/salons/{salon.pk}/")
    page.locator(".session form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("a.meeting-url").get_attribute("href") == SECRET_URL
    axe_check(page)

    # 5. someone else signed in sees no link in the page, the feed or the JSON-LD
    sign_out(page)
    browser_login(page, make_user("stranger@example.jp"))
    page.goto(f"{base}/salons/{salon.pk}/")
    html = page.content()
    assert SECRET_URL not in html
    ld = page.locator('script[type="application/ld+json"]').text_content()
    assert json.loads(ld)[0]["@type"] == "Event" and SECRET_URL not in ld
    assert SECRET_URL not in page.request.get(f"{base}/salons/{salon.pk}/calendar.ics").text()
    assert not re.search(r"journey-room", page.request.get(f"{base}/salons/calendar.ics").text())
