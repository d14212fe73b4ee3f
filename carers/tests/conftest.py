"""Fixtures for the case-record tests: a household of 札幌市 recorded with consent."""

import datetime

import pytest
from django.utils import timezone

from carers import actions
from carers.models import AccessLogEntry, AgeBand, CareLevel, ConsentMethod, ConsentPurpose

SECRET_NOTE = "長女が夜間の介護で睡眠不足"
CARER_NAME = "山田花子"
RECIPIENT_NAME = "山田太郎"
REFERENCE = "SAP-2026-0042"


def make_household(user, **fields):
    return actions.household_create(
        by=user,
        fields={
            "reference": REFERENCE,
            "service_use": "some",
            "services_used": "デイサービス週2回",
            "needs_and_wishes": "休息がほしい",
            "notes": SECRET_NOTE,
            "next_follow_up": timezone.localdate() + datetime.timedelta(days=7),
            **fields,
        },
        consent={
            "given_by": "本人（主たる介護者）",
            "given_on": timezone.localdate(),
            "method": ConsentMethod.IN_PERSON,
            "purposes": [ConsentPurpose.CASE_RECORD, ConsentPurpose.GUIDANCE],
        },
        carers=[
            {
                "name": CARER_NAME,
                "relationship": "娘",
                "age_band": AgeBand.AGE_12_17,
                "is_under_18": True,
                "is_working": False,
            }
        ],
        recipients=[
            {
                "name": RECIPIENT_NAME,
                "relationship": "父",
                "age_band": AgeBand.AGE_75_PLUS,
                "care_level": CareLevel.CARE_3,
                "conditions": ["dementia"],
            }
        ],
    )


@pytest.fixture
def household(municipal_staff):
    return make_household(municipal_staff)


@pytest.fixture
def log_count():
    """log_count(household) -> number of access-log entries for it."""
    return lambda h: AccessLogEntry.objects.filter(household_public_id=h.public_id).count()
