from datetime import timedelta

import pytest
from django.utils import timezone

from carers.text import normalise
from salons.models import Audience, SalonStatus

from .conftest import make_salon, make_session

pytestmark = pytest.mark.django_db


def names(response):
    return [s.name for s in response.context["page"]]


def test_normalise_folds_width_and_kana():
    assert normalise("ｹｱﾗｰ") == normalise("ケアラー") == normalise("けあらー")
    assert normalise("ＣＡＦＥ　１") == "cafe 1"


@pytest.mark.parametrize("query", ["カフェ", "かふぇ", "ｶﾌｪ", "札幌"])
def test_text_search_matches_japanese_variants(visitor, salon, query):
    make_session(salon)
    response = visitor.get("/salons/", {"q": query})
    assert names(response) == [salon.name]


def test_text_search_without_match_suggests_widening(visitor, salon):
    response = visitor.get("/salons/", {"q": "存在しない言葉"})
    assert names(response) == []
    assert (
        "Show all salons" in response.content.decode()
        or "すべてのサロン" in response.content.decode()
    )


def test_filters_municipality_audience_online(visitor, organiser, municipality, other_municipality):
    sapporo = make_salon(organiser, municipality, name="札幌A", audiences=[Audience.MEN_CARERS])
    hakodate = make_salon(organiser, other_municipality, name="函館B")
    online = make_salon(
        organiser, None, name="オンラインC", is_online=True, audiences=[Audience.YOUNG_CARERS]
    )
    # A municipality's own salons, then the online ones anyone can join.
    assert names(visitor.get("/salons/", {"municipality": "012025"})) == [
        hakodate.name,
        online.name,
    ]
    assert names(visitor.get("/salons/", {"audience": "men"})) == [sapporo.name]
    assert names(visitor.get("/salons/", {"online": "1"})) == [online.name]


def test_bad_municipality_shows_message_and_keeps_input(visitor, salon):
    response = visitor.get("/salons/", {"municipality": "999999", "q": "カフェ"})
    assert response.status_code == 200
    assert response.context["form"].errors["municipality"]
    assert 'value="カフェ"' in response.content.decode()


def test_near_me_sorts_by_distance_and_shows_it(
    visitor, organiser, municipality, other_municipality
):
    sapporo = make_salon(organiser, municipality, name="札幌A")
    hakodate = make_salon(organiser, other_municipality, name="函館B")
    response = visitor.get("/salons/", {"municipality": "012025", "near": "1"})
    assert names(response) == [hakodate.name, sapporo.name]
    distances = [s.distance_km for s in response.context["page"]]
    assert distances[0] == pytest.approx(0, abs=0.01)
    assert 100 < distances[1] < 250  # 函館–札幌 is about 150 km as the crow flies


def test_sorted_by_next_session_and_from_date(visitor, organiser, municipality):
    late = make_salon(organiser, municipality, name="遅い")
    soon = make_salon(organiser, municipality, name="早い")
    none = make_salon(organiser, municipality, name="予定なし")
    make_session(late, days=20)
    make_session(soon, days=2)
    assert names(visitor.get("/salons/")) == [soon.name, late.name, none.name]
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert names(visitor.get("/salons/", {"from": day})) == [late.name]


def test_only_published_and_fresh_salons_are_listed(visitor, organiser, municipality):
    make_salon(organiser, municipality, name="承認待ち", status=SalonStatus.PENDING)
    make_salon(
        organiser, municipality, name="古い", last_confirmed_at=timezone.now() - timedelta(days=200)
    )
    changed = make_salon(
        organiser, municipality, name="変更審査中", status=SalonStatus.CHANGES_PENDING
    )
    assert names(visitor.get("/salons/")) == [changed.name]


def test_list_paginates_with_bounded_queries(
    visitor, organiser, municipality, django_assert_max_num_queries
):
    for i in range(23):
        make_session(make_salon(organiser, municipality, name=f"サロン{i:02d}"), days=1 + i)
    with django_assert_max_num_queries(8):
        response = visitor.get("/salons/", {"q": "サロン"})
    assert len(response.context["page"]) == 10
    response = visitor.get("/salons/", {"q": "サロン", "page": 3})
    assert len(response.context["page"]) == 3
    assert "q=%E3%82%B5%E3%83%AD%E3%83%B3&amp;page=2" in response.content.decode()


def test_pending_salon_detail_is_404_to_the_public(visitor, organiser, municipality):
    pending = make_salon(organiser, municipality, status=SalonStatus.PENDING)
    assert visitor.get(f"/salons/{pending.pk}/").status_code == 404


def test_audiences_are_listed_with_the_language_s_separator(visitor, organiser, municipality):
    salon = make_salon(
        organiser, municipality, audiences=[Audience.ALL_CARERS, Audience.MEN_CARERS]
    )
    make_session(salon)
    english = visitor.get(f"/en/salons/{salon.pk}/").content.decode()
    assert "All carers, Men who care" in english and "、" not in english.split("<main", 1)[1]
    japanese = visitor.get(f"/salons/{salon.pk}/").content.decode()
    assert "ケアラー全般、男性介護者" in japanese
