"""Salons near me: for any municipality, even one without salons of its own
(稚内市 012149), local salons come first — nearest first with the distance
when asked — and the prefecture-wide and online salons always follow, labelled."""

import pytest

from salons import api
from salons.models import Audience

from .conftest import make_salon, make_session

pytestmark = pytest.mark.django_db

WAKKANAI = "012149"


def names(response):
    return [s.name for s in response.context["page"]]


@pytest.fixture
def salons(organiser, municipality, other_municipality):
    """札幌 and 函館 in person, an online-only salon, and the featured
    prefecture-wide young-carer salon (which meets online monthly)."""
    sapporo = make_salon(organiser, municipality, name="札幌カフェ")
    hakodate = make_salon(organiser, other_municipality, name="函館カフェ")
    online = make_salon(organiser, None, name="オンライン介護者の会", is_online=True)
    featured = make_salon(
        organiser,
        None,
        name="ヤングケアラー オンラインサロン",
        is_online=True,
        audiences=[Audience.YOUNG_CARERS],
        is_featured=True,
    )
    make_session(sapporo, days=9)
    make_session(hakodate, days=2)
    make_session(online, days=1, is_online=True)
    make_session(featured, days=20, is_online=True)
    return sapporo, hakodate, online, featured


def test_a_municipality_without_salons_still_gets_the_wide_ones_labelled(visitor, salons):
    _sapporo, _hakodate, online, featured = salons
    response = visitor.get("/salons/", {"municipality": WAKKANAI})
    assert names(response) == [featured.name, online.name]  # the featured one first
    html = response.content.decode()
    assert "北海道全域・オンラインのサロン（どなたでも参加できます）" in html
    assert html.count("オンラインでどなたでも") == 2


def test_local_salons_come_before_the_wide_ones(visitor, salons):
    sapporo, _hakodate, online, featured = salons
    response = visitor.get("/en/salons/", {"municipality": "011002"})
    assert names(response) == [sapporo.name, featured.name, online.name]
    html = response.content.decode()
    divider = html.index("Salons for all of Hokkaido and online salons — anyone can join")
    assert html.index(sapporo.name) < divider < html.index(featured.name)


def test_near_orders_by_distance_from_the_municipality_and_shows_km(visitor, salons):
    sapporo, hakodate, online, featured = salons
    response = visitor.get("/en/salons/", {"municipality": WAKKANAI, "near": "1"})
    assert names(response) == [sapporo.name, hakodate.name, featured.name, online.name]
    page = list(response.context["page"])
    # 稚内–札幌 is about 260 km as the crow flies, 稚内–函館 about 410 km.
    assert 200 < page[0].distance_km < 300 and 350 < page[1].distance_km < 480
    assert page[2].distance_km is None and page[2].is_wide
    html = response.content.decode()
    assert f"about {page[0].distance_km:.0f} km" in html
    assert "Nearest to Wakkanai-shi first" in html


def test_other_filters_still_apply_to_the_wide_ones(visitor, salons):
    _sapporo, _hakodate, _online, featured = salons
    response = visitor.get("/salons/", {"municipality": WAKKANAI, "audience": "young"})
    assert names(response) == [featured.name]


def test_list_queries_stay_bounded_with_the_wide_ones(
    visitor, organiser, salons, django_assert_max_num_queries
):
    for i in range(15):
        make_session(make_salon(organiser, None, name=f"オンライン{i:02d}", is_online=True))
    with django_assert_max_num_queries(8):
        response = visitor.get("/salons/", {"municipality": WAKKANAI, "near": "1"})
    assert len(response.context["page"]) == 10


def test_upcoming_sessions_near_gives_nearest_then_the_wide_ones(salons):
    sapporo, hakodate, online, featured = salons
    result = api.upcoming_sessions_near(WAKKANAI, limit=2)
    assert [r["salon_name"] for r in result] == [
        sapporo.name,
        hakodate.name,
        featured.name,
        online.name,
    ]
    assert [r["is_wide"] for r in result] == [False, False, True, True]
    assert 200 < result[0]["distance_km"] < 300 and result[2]["distance_km"] is None


def test_wide_sessions_are_offered_even_when_near_ones_fill_the_limit(organiser, salons):
    sapporo, _hakodate, _online, featured = salons
    result = api.upcoming_sessions_near(WAKKANAI, limit=1, wide_limit=1)
    assert [r["salon_name"] for r in result] == [sapporo.name, featured.name]


def test_self_check_result_lists_the_online_salon_labelled_and_km(client, salons):
    from portal.tests.test_selfcheck import full_post

    html = client.post(
        "/en/awareness/check/", full_post(municipality=WAKKANAI, sign_no_one_to_talk="yes")
    ).content.decode()
    step = html.split('id="step-salons"', 1)[1].split("</li>\n", 1)[0]
    assert "札幌カフェ" in step and " km)" in step
    # An adult is offered the online salon for all carers, not the young carers' one.
    assert "オンライン介護者の会" in step and "online, open to everyone" in step
    assert "ヤングケアラー オンラインサロン" not in step


@pytest.mark.parametrize("near", ["", "1"])
def test_calendar_feed_of_a_municipality_includes_the_wide_salons(visitor, salons, near):
    body = visitor.get("/salons/calendar.ics", {"municipality": WAKKANAI, "near": near})
    text = body.content.decode()
    assert body.status_code == 200
    assert "ヤングケアラー オンラインサロン" in text and "オンライン介護者の会" in text
    assert ("札幌カフェ" in text) == bool(near)  # in-person ones only when near
