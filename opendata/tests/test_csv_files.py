"""Every CSV file, for the prefecture and two municipalities, in UTF-8 and
CP932, against the column list and the format's rules (opendata.tests.checks)."""

import pytest

from .checks import STANDARD, check_csv
from .conftest import AREAS, HAKODATE, PREFECTURE, SAPPORO


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(STANDARD))
def test_every_csv_follows_the_format(world, fetch, key):
    for code in AREAS:
        utf8, body = fetch(f"/opendata/{code}/{key}.csv")
        assert utf8.status_code == 200
        assert utf8["Content-Type"] == "text/csv; charset=utf-8"
        rows = check_csv(key, body)
        cp932, cp932_body = fetch(f"/opendata/{code}/{key}-cp932.csv")
        assert cp932["Content-Type"] == "text/csv; charset=Windows-31J"
        assert len(check_csv(key, cp932_body, "cp932")) == len(rows)
        assert rows, f"{key} for {code} has no rows"
        if code != PREFECTURE:
            codes = {r["都道府県コード又は市区町村コード"] for r in rows}
            assert codes == {code}, f"{key} for {code} holds rows of {codes}"


@pytest.mark.django_db
def test_events_follow_the_documented_rules(world, fetch):
    rows = check_csv("events", fetch(f"/opendata/{PREFECTURE}/events.csv")[1])
    online = [r for r in rows if r["イベント名"] == "ヤングケアラーのオンラインサロン"]
    assert len(online) == 1 and online[0]["場所名称"] == "オンライン" and online[0]["住所"] == ""
    assert online[0]["都道府県コード又は市区町村コード"] == PREFECTURE
    cafe = [r for r in rows if r["イベント名"] == "ケアラーズカフェ ひだまり"]
    # The session 400 days ahead is outside the 12 months; the cancelled one is kept.
    assert len(cafe) == 2
    assert [r["備考"].startswith("中止") for r in cafe] == [False, True]
    assert cafe[0]["住所"] == "北海道札幌市中央区 地区センター 会議室"
    assert cafe[0]["開始時間"] == "14:00" and cafe[0]["定員"] == "10"
    assert cafe[0]["URL"].endswith(world["cafe"].get_absolute_url())
    assert not any(r["イベント名"] == "承認待ちのサロン" for r in rows)
    assert rows == sorted(rows, key=lambda r: (r["開始日"], r["開始時間"]))


@pytest.mark.django_db
def test_care_services_hold_visible_offices_with_their_source(world, fetch):
    rows = check_csv("care_services", fetch(f"/opendata/{PREFECTURE}/care_services.csv")[1])
    names = {r["介護サービス事業所名称"] for r in rows}
    assert {"ケアプランセンターひまわり（架空）", "デイサービス〜はまなす〜（架空）"} <= names
    for left_out in (
        "電話のない事業所（架空）",
        "下書きの事業所（架空）",
        "掲載終了の事業所（架空）",
    ):
        assert left_out not in names
    # Support desks are public facilities, not providers.
    assert "旭川市介護者相談窓口（架空）" not in names
    himawari = next(r for r in rows if r["介護サービス事業所名称"].startswith("ケアプランセンター"))
    assert "出典：厚生労働省 介護サービス情報公表システム" in himawari["備考"]
    assert himawari["住所"] == "北海道札幌市中央区北1条西2丁目"
    assert himawari["介護サービス事業所名称_カナ"] == "ケアプランセンターヒマワリカクウ"
    assert himawari["実施サービス"] == "介護保険サービス"


@pytest.mark.django_db
def test_facilities_hold_windows_and_salon_venues(world, fetch):
    rows = check_csv("facilities", fetch(f"/opendata/{PREFECTURE}/facilities.csv")[1])
    names = [r["名称"] for r in rows]
    assert "旭川市介護者相談窓口（架空）" in names  # a window
    assert "ケアラーズカフェ ひだまり" in names  # a salon venue
    assert "ヤングケアラーのオンラインサロン" not in names  # online only: no venue
    codes = [r["都道府県コード又は市区町村コード"] for r in rows]
    assert codes == sorted(codes)
    cafe = rows[names.index("ケアラーズカフェ ひだまり")]
    assert cafe["バリアフリー情報"] == "車椅子可;多目的トイレあり"
    hakodate = check_csv("facilities", fetch(f"/opendata/{HAKODATE}/facilities.csv")[1])
    assert {r["名称"] for r in hakodate} >= {"はこだて介護者のつどい"}
    sapporo = check_csv("facilities", fetch(f"/opendata/{SAPPORO}/facilities.csv")[1])
    assert "旭川市介護者相談窓口（架空）" not in {r["名称"] for r in sapporo}


@pytest.mark.django_db
def test_published_public_events_are_in_the_event_list(world, fetch, municipal_staff):
    """An advisor-led symposium that the municipality agreed to publish is an
    event of the open-data list too (and follows the format)."""
    from datetime import timedelta

    from django.utils import timezone

    from salons import api as salons_api

    starts = timezone.localtime() + timedelta(days=20)
    starts = starts.replace(hour=13, minute=30, second=0, microsecond=0)
    salons_api.publish_public_event(
        source="test:symposium",
        title="ケアラー支援シンポジウム（架空）",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        organising_body="札幌市",
        by=municipal_staff,
        municipality_code=SAPPORO,
        venue="札幌市中央区 市民ホール",
    )
    for code in (PREFECTURE, SAPPORO):
        rows = check_csv("events", fetch(f"/opendata/{code}/events.csv")[1])
        (event,) = [r for r in rows if r["イベント名"] == "ケアラー支援シンポジウム（架空）"]
        assert event["開始日"] == starts.date().isoformat() and event["開始時間"] == "13:30"
        assert event["都道府県コード又は市区町村コード"] == SAPPORO
        assert "市民ホール" in event["住所"]
        assert rows == sorted(rows, key=lambda r: (r["開始日"], r["開始時間"]))
    rows = check_csv("events", fetch(f"/opendata/{HAKODATE}/events.csv")[1])
    assert not any(r["イベント名"] == "ケアラー支援シンポジウム（架空）" for r in rows)
