"""Fixtures of the advisor-dispatch tests: a roster entry for the advisor
persona and a factory of requests in any state (written directly, bypassing
the workflow, so every state can be set up)."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from advisors.models import Advisor, DispatchRequest, MenuItem
from advisors.workflow import Action, Status

PERSONA_OF_ROLE = {
    "municipal_staff": "municipal_staff",
    "prefecture_staff": "prefecture_staff",
    "advisor": "advisor_user",
    "organiser": "organiser",
    "registered": "resident",
}


def future(days=30):
    return timezone.localdate() + timedelta(days=days)


def request_fields(**overrides):
    fields = {
        "menu_items": [MenuItem.SURVEY],
        "purpose": "Survey carers",
        "situation": "No data yet",
        "preferred_date_1": future(30),
        "preferred_date_2": None,
        "preferred_date_3": None,
        "format": "online",
        "venue": "",
        "expected_participants": 10,
        "contact_name": "Tanaka",
        "contact_phone": "",
        "contact_email": "",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def advisor(advisor_user):
    return Advisor.objects.create(
        user=advisor_user, name="Advisor Sato", specialties=[MenuItem.SURVEY]
    )


@pytest.fixture
def make_request(municipal_staff, advisor):
    """make_request(status=..., **fields) -> a DispatchRequest of 札幌市 in that state."""

    def make(status=Status.SUBMITTED, created_by=None, **overrides):
        created_by = created_by or municipal_staff
        fields = request_fields(**overrides)
        if status != Status.DRAFT:
            fields.setdefault("submitted_at", timezone.now() - timedelta(days=2))
        if status in Status.assigned():
            fields.setdefault("advisor", advisor)
            # A scheduled visit is today (its report may be filed); a completed one took place.
            days = {Status.SCHEDULED: 0, Status.COMPLETED: -5}.get(status, 35)
            fields.setdefault("dispatch_date", future(days))
        if status in (Status.SCHEDULED, Status.COMPLETED):
            fields.setdefault("start_time", time(10, 0))
        return DispatchRequest.objects.create(
            municipality_id=created_by.municipality_id,
            created_by=created_by,
            status=status,
            **fields,
        )

    return make


def action_kwargs(action, advisor):
    """Valid arguments of each workflow action (besides dispatch and user)."""
    return {
        Action.APPROVE: {"advisor": advisor, "dispatch_date": future(40)},
        Action.SCHEDULE: {"start_time": time(14, 0), "confirmed_venue": "Hall"},
        Action.REPORT: {
            "data": {
                "what_was_done": "Talk",
                "participants": 12,
                "outcomes": "Plan",
                "follow_ups": "",
            }
        },
        Action.RETURN: {"comment": "Please add the venue"},
        Action.REJECT: {"comment": "Out of scope"},
    }.get(action, {})
