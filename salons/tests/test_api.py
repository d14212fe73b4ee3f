import re

import pytest
from django.test import RequestFactory

from salons import actions, api
from salons.models import Audience

from .conftest import make_salon, make_session

pytestmark = pytest.mark.django_db


def test_home_block_lists_the_featured_salon_first_without_links(organiser, municipality):
    featured = make_salon(
        organiser,
        None,
        name="ヤングケアラー オンラインサロン",
        is_online=True,
        audiences=[Audience.YOUNG_CARERS],
        is_featured=True,
    )
    make_session(
        featured, days=20, is_online=True, meeting_url="https://meet.example.jp/secret-room-42"
    )
    make_session(make_salon(organiser, municipality, name="地元のカフェ"), days=1)
    html = str(api.home_upcoming(RequestFactory().get("/")))
    assert re.search(r"<h2[^>]*>", html)
    assert html.index("ヤングケアラー オンラインサロン") < html.index("地元のカフェ")
    assert "secret-room" not in html
    assert "/salons/" in html


def test_home_block_without_salons_still_links_to_search(db):
    html = str(api.home_upcoming(RequestFactory().get("/")))
    assert re.search(r'href="(/en)?/salons/"', html)


def test_upcoming_sessions_near_is_nearest_first(organiser, municipality, other_municipality):
    make_session(make_salon(organiser, municipality, name="札幌"), days=1)
    make_session(make_salon(organiser, other_municipality, name="函館"), days=5)
    result = api.upcoming_sessions_near("012025")
    assert [r["salon_name"] for r in result] == ["函館", "札幌"]
    assert set(result[0]) == {
        "salon_name",
        "url",
        "starts_at",
        "municipality_name",
        "is_online",
        "is_wide",
        "distance_km",
    }
    assert result[0]["municipality_name"] == "函館市" and result[0]["url"].startswith("/salons/")
    assert api.upcoming_sessions_near("012025", limit=1)[0]["salon_name"] == "函館"


def test_dashboard_counts(organiser, municipality, session, resident):
    make_salon(organiser, municipality, name="審査待ち", status="pending")
    actions.session_join(session=session, by=resident)
    counts = dict(api.dashboard_counts())
    assert list(counts.values()) == [1, 1, 1, 1]


def test_coverage_by_municipality_counts_active_stale_and_pending(
    organiser, municipality, django_assert_num_queries
):
    from datetime import timedelta

    from django.utils import timezone

    make_salon(organiser, municipality, name="活動中")
    make_salon(
        organiser, municipality, name="古い", last_confirmed_at=timezone.now() - timedelta(days=200)
    )
    make_salon(organiser, municipality, name="審査待ち", status="pending")
    make_salon(organiser, None, name="オンライン", is_online=True)  # no municipality
    with django_assert_num_queries(1):
        coverage = api.coverage_by_municipality(["011002", "012149"])
    sapporo = coverage["011002"]
    assert (sapporo["active"], sapporo["stale"], sapporo["pending"]) == (1, 1, 1)
    assert sapporo["updated_at"] is not None
    assert coverage["012149"] == {"active": 0, "stale": 0, "pending": 0, "updated_at": None}
    assert api.wide_salon_count() == 1
