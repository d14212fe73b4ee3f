"""Fixtures for the salons tests: salons and sessions in known states."""

from datetime import timedelta

import pytest
from django.utils import timezone

from salons.models import Audience, Salon, SalonStatus, Session


def make_salon(organiser, municipality=None, status=SalonStatus.PUBLISHED, **extra):
    salon = Salon(
        organiser=organiser,
        name=extra.pop("name", "ケアラーズカフェ テスト"),
        description=extra.pop("description", "介護をしている人が集まるカフェです。"),
        organising_body="テストの会",
        municipality=municipality,
        is_in_person=municipality is not None,
        venue_address="札幌市中央区 1-1" if municipality is not None else "",
        is_online=extra.pop("is_online", municipality is None),
        audiences=extra.pop("audiences", [Audience.ALL_CARERS]),
        contact="011-000-0000",
        status=status,
        **extra,
    )
    salon.search_text = salon.build_search_text()
    salon.save()
    return salon


def make_session(salon, days=3, hours=2, **extra):
    start = (timezone.now() + timedelta(days=days)).replace(microsecond=0)
    return Session.objects.create(
        salon=salon, starts_at=start, ends_at=start + timedelta(hours=hours), **extra
    )


@pytest.fixture
def salon(organiser, municipality):
    return make_salon(organiser, municipality)


@pytest.fixture
def session(salon):
    return make_session(salon, capacity=2)


@pytest.fixture
def online_salon(organiser):
    return make_salon(
        organiser, None, name="オンラインサロン", is_online=True, audiences=[Audience.YOUNG_CARERS]
    )


@pytest.fixture
def online_session(online_salon):
    return make_session(
        online_salon, is_online=True, meeting_url="https://meet.example.jp/secret-room-42"
    )


@pytest.fixture
def post_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the outbox queues mail after commit)."""
    return django_capture_on_commit_callbacks
