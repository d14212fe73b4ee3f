"""Real Chromium, three people at once: municipal staff submit, prefecture staff
approve with an advisor and confirm the schedule, the advisor files the report,
municipal staff read it; the emails of every step are checked."""

import re

import pytest
from django.utils import timezone

from advisors.models import DispatchRequest
from advisors.workflow import Status
from carers import outbox
from carers.models import OutboundEmail

from .conftest import future


@pytest.fixture
def new_page(chromium, live_server):
    """new_page() -> a page in its own browser context (its own session)."""
    contexts = []

    def make():
        context = chromium.new_context(locale="en-GB", timezone_id="Asia/Tokyo")
        context.set_default_timeout(15000)
        contexts.append(context)
        pg = context.new_page()
        pg.base_url = live_server.url
        return pg

    yield make
    for context in contexts:
        context.close()


def submit(pg, label):
    pg.locator("main form button[type=submit]", has_text=label).click()
    pg.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_submit_approve_report_read(
    new_page, browser_login, axe_check, municipal_staff, prefecture_staff, advisor
):
    municipal, prefecture, adviser = new_page(), new_page(), new_page()
    for pg, user in (
        (municipal, municipal_staff),
        (prefecture, prefecture_staff),
        (adviser, advisor.user),
    ):
        browser_login(pg, user, lang_prefix="/en")

    # Municipal staff write and submit the request.
    municipal.goto(f"{municipal.base_url}/en/advisors/requests/new/")
    axe_check(municipal)
    municipal.get_by_label("Surveying carers' situation in the area").check()
    municipal.fill("textarea[name=purpose]", "Design a survey of carers in the city")
    municipal.fill("textarea[name=situation]", "Two departments count carers separately")
    municipal.fill("input[name=preferred_date_1]", future(21).isoformat())
    municipal.check("input[name=format][value=online]")
    municipal.fill("input[name=expected_participants]", "8")
    municipal.fill("input[name=contact_name]", "Tanaka")
    submit(municipal, "Submit to the Hokkaido Government")
    assert municipal.locator("#request-status").inner_text() == "Submitted"
    pk = int(re.search(r"/requests/(\d+)/", municipal.url).group(1))

    # Prefecture staff find it in the queue, approve it with the advisor and confirm the schedule.
    prefecture.goto(f"{prefecture.base_url}/en/advisors/requests/")
    axe_check(prefecture)
    prefecture.get_by_role("link", name=f"#{pk}", exact=True).click()
    prefecture.get_by_role("link", name="Approve and assign an advisor").click()
    prefecture.select_option("select[name=advisor]", label="Advisor Sato")
    assert prefecture.input_value("input[name=dispatch_date]") == future(21).isoformat()
    submit(prefecture, "Approve and assign an advisor")
    assert prefecture.locator("#request-status").inner_text() == "Approved"
    prefecture.get_by_role("link", name="Confirm the schedule").click()
    prefecture.fill("input[name=start_time]", "14:00")
    prefecture.fill("input[name=confirmed_venue]", "Online meeting (link sent by the city)")
    submit(prefecture, "Confirm the schedule")
    assert prefecture.locator("#request-status").inner_text() == "Scheduled"
    axe_check(prefecture)

    # The advisor sees the assignment and files the report.
    adviser.goto(f"{adviser.base_url}/en/advisors/requests/")
    adviser.get_by_role("link", name=f"#{pk}", exact=True).click()
    # Before the visit the report cannot be filed; on the day it can.
    assert "from the dispatch date" in adviser.locator("#report-not-yet").inner_text()
    DispatchRequest.objects.filter(pk=pk).update(dispatch_date=timezone.localdate())
    adviser.goto(f"{adviser.base_url}/en/advisors/requests/{pk}/")
    adviser.wait_for_load_state()
    adviser.get_by_role("link", name="File the report").click()
    adviser.fill("textarea[name=what_was_done]", "Walked through three survey designs")
    adviser.fill("input[name=participants]", "7")
    adviser.fill("textarea[name=outcomes]", "The city chose a postal survey")
    adviser.fill("textarea[name=follow_ups]", "Review the draft questionnaire in January")
    submit(adviser, "File the report")
    assert adviser.locator("#request-status").inner_text() == "Completed"

    # Municipal staff read the report and the timeline.
    municipal.reload()
    assert municipal.locator("#request-status").inner_text() == "Completed"
    assert "The city chose a postal survey" in municipal.locator("#report").inner_text()
    assert (
        municipal.locator("#timeline li").count() == 5
    )  # created, submitted, approved, scheduled, reported
    axe_check(municipal)

    assert DispatchRequest.objects.get(pk=pk).status == Status.COMPLETED
    emails = list(OutboundEmail.objects.order_by("created_at"))
    assert [(e.template.rsplit("/", 1)[1], e.to_email) for e in emails] == [
        ("submit_prefecture", prefecture_staff.email),
        ("approve_municipality", municipal_staff.email),
        ("approve_advisor", advisor.user.email),
        ("schedule_municipality", municipal_staff.email),
        ("schedule_advisor", advisor.user.email),
        ("report_municipality", municipal_staff.email),
    ]
    assert all(e.status == OutboundEmail.Status.SENT for e in emails)
    subject, body = outbox.render(emails[-1])
    assert f"#{pk}" in subject
    assert f"/advisors/requests/{pk}/" in body
