"""Error reports (the 500 email to admins) never carry personal data typed into a case page."""

import sys

import pytest
from django.core.signals import got_request_exception
from django.urls import reverse
from django.views.debug import ExceptionReporter

from carers import actions
from carers.tests.test_case_edit import edit_data

pytestmark = pytest.mark.django_db
TYPED = "秘密の相談内容です"


def test_error_report_hides_post_data_and_local_variables(
    municipal_staff, household, client_for, monkeypatch
):
    def boom(**kwargs):
        notes = kwargs["fields"]["notes"]  # a local variable holding personal data
        raise RuntimeError(f"failed after reading {len(notes)} characters")

    monkeypatch.setattr(actions, "household_update", boom)
    captured = {}

    def capture(sender, request, **kwargs):
        captured["request"], captured["exc_info"] = request, sys.exc_info()

    got_request_exception.connect(capture)
    client = client_for(municipal_staff)
    client.raise_request_exception = False
    try:
        response = client.post(
            reverse("carers:household_edit", args=[household.public_id]),
            edit_data(household, **{"household-notes": TYPED}),
        )
    finally:
        got_request_exception.disconnect(capture)
    assert response.status_code == 500
    report = ExceptionReporter(captured["request"], *captured["exc_info"]).get_traceback_text()
    assert "RuntimeError" in report
    assert TYPED not in report


def test_logs_carry_no_personal_data(caplog, municipal_staff, other_municipality_staff, client_for):
    from carers.tests.test_case_create import URL, form_data

    caplog.set_level("DEBUG")
    client_for(municipal_staff).post(URL, form_data(**{"household-notes": TYPED}))
    client_for(municipal_staff).post(
        URL, form_data(**{"household-notes": TYPED, "consent-given_on": "2026-02-30"})
    )
    from carers.models import Household

    household = Household.objects.get()
    client_for(other_municipality_staff).get(
        reverse("carers:household_detail", args=[household.public_id])
    )
    actions.follow_up_reminders_send(today=household.next_follow_up)
    assert caplog.records  # the 404 above was logged
    for secret in (TYPED, "佐藤みどり", "REF-1"):
        assert secret not in caplog.text
