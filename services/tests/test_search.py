"""/services/: search insensitive to width and kana, facets, pagination."""

import pytest

URL = "/services/"


def names(response):
    return [s.name_ja for s in response.context["page"].object_list]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["ショートステイ", "しょーとすてい", "ｼｮｰﾄｽﾃｲ", "ショート　ステイ"]
)
def test_kana_and_width_variants_find_the_same_service(visitor, content, query):
    response = visitor.get(URL, {"q": query})
    assert "短期入所生活介護（ショートステイ）" in names(response)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ＳＯＳ", "sos", "SOS"])
def test_full_width_latin_matches(visitor, content, query):
    assert "24時間子供SOSダイヤル" in names(visitor.get(URL, {"q": query}))


@pytest.mark.django_db
def test_words_all_have_to_match(visitor, content):
    assert names(visitor.get(URL, {"q": "デイサービス 存在しない語"})) == []


@pytest.mark.django_db
def test_category_and_audience_facets(visitor, content):
    found = names(visitor.get(URL, {"category": "work_care", "audience": "working_carers"}))
    assert "介護休業" in found
    assert "地域包括支援センター" not in found


@pytest.mark.django_db
def test_municipality_facet_keeps_national_and_prefectural(visitor, demo_content):
    found = names(visitor.get(URL, {"municipality": "011002", "category": "consultation"}))
    assert "【デモ】札幌市中央区第1地域包括支援センター" in found
    assert "地域包括支援センター" in found
    assert "北海道のケアラー支援（相談と情報）" in found
    assert not any("函館" in n for n in found)


@pytest.mark.django_db
def test_hidden_entries_are_not_listed(visitor, make_service):
    import datetime

    make_service(name_ja="下書きの窓口", status="draft")
    make_service(name_ja="期限切れの窓口", visible_until=datetime.date(2020, 1, 1))
    make_service(name_ja="未来の窓口", visible_from=datetime.date(2999, 1, 1))
    found = names(visitor.get(URL, {"q": "窓口", "category": "consultation"}))
    assert not {"下書きの窓口", "期限切れの窓口", "未来の窓口"} & set(found)


@pytest.mark.django_db
def test_unknown_and_invalid_parameters_are_ignored(visitor, content):
    response = visitor.get(
        URL,
        {
            "category": "nope",
            "audience": "martians",
            "municipality": "abc",
            "page": "-3",
            "utm_source": "x",
            "q": "x" * 500,
        },
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_pagination_and_query_count(visitor, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        first = visitor.get(URL)
    assert first.context["page"].paginator.num_pages >= 2
    second = visitor.get(URL, {"page": 2})
    assert set(names(first)).isdisjoint(names(second))


@pytest.mark.django_db
def test_english_page(visitor, content):
    response = visitor.get("/en" + URL, {"q": "respite"})
    assert response.status_code == 200
    assert "Short stays (短期入所生活介護)" in response.content.decode()


@pytest.mark.django_db
def test_all_municipalities_lists_municipal_entries_too(visitor, demo_content):
    """ "All municipalities" means every municipality: local entries are not hidden."""
    found = names(visitor.get(URL, {"q": "デモ"}))
    assert "【デモ】札幌市中央区第1地域包括支援センター" in found
    assert "【デモ】函館市 西部地域包括支援センター" in found
    everything = visitor.get(URL).context["page"].paginator.count
    assert everything == visitor.get("/api/hsds/services").json()["total_items"]


@pytest.mark.django_db
def test_order_national_first_or_local_first(visitor, demo_content):
    def scopes(**params):
        return [
            s.scope
            for s in visitor.get(URL, {"category": "consultation", **params})
            .context["page"]
            .object_list
        ]

    everywhere = scopes()
    assert everywhere[0] == "national" and everywhere[-1] == "municipal"
    assert scopes(municipality="011002")[0] == "municipal"
