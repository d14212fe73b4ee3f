"""services.api: the functions other apps call."""

import pytest

from services import api
from services.models import Scope


@pytest.mark.django_db
def test_services_for_municipality_includes_national_prefectural_and_local(demo_content):
    rows = api.services_for_municipality("011002", categories=["consultation"], limit=50)
    scopes = {r["scope"] for r in rows}
    assert scopes == {"municipal", "national", "prefectural"}
    assert not any("函館" in r["name"] for r in rows)
    assert rows[0]["name"].startswith("【デモ】札幌市")  # local first
    assert set(rows[0]) >= {"id", "name", "summary", "url", "category"}
    assert all(r["category"] == "consultation" for r in rows)


@pytest.mark.django_db
def test_limit_and_unknown_code(content):
    assert len(api.services_for_municipality("011002", limit=2)) == 2
    assert api.services_for_municipality(
        "999999", categories=["young_carer"]
    )  # national ones still apply
    assert api.services_for_municipality("011002", categories=["no_such"]) == []


@pytest.mark.django_db
def test_consultation_windows(content):
    rows = api.consultation_windows("012025", limit=3)
    assert len(rows) == 3
    assert rows[0]["name"] == "地域包括支援センター"


@pytest.mark.django_db
def test_hidden_entries_are_left_out(make_service, municipality):
    make_service(
        name_ja="下書き", status="draft", scope=Scope.MUNICIPAL, municipalities=[municipality]
    )
    assert not any(r["name"] == "下書き" for r in api.consultation_windows("011002", limit=50))


@pytest.mark.django_db
def test_dashboard_counts(content, make_service):
    from services.models import ServiceReport

    ServiceReport.objects.create(service=make_service(), message="x")
    counts = api.dashboard_counts()
    assert len(counts) == 3
    assert counts[0][1] >= 20 and counts[2][1] == 1
    assert all(isinstance(label, str) for label, _ in counts)


@pytest.mark.django_db
def test_demo_load_is_idempotent_and_removable(demo_content):
    from services import demo
    from services.models import Service

    before = Service.objects.count()
    demo.load({})
    assert Service.objects.count() == before
    demo.remove()
    assert not Service.objects.filter(is_demo=True).exists()
    assert Service.objects.filter(key="home-help").exists()


@pytest.mark.django_db
def test_suggestions_carry_how_to_reach_the_window(make_service, municipality):
    make_service(
        name_ja="札幌市 介護の相談窓口",
        scope=Scope.MUNICIPAL,
        municipalities=[municipality],
        phone="011-000-0000",
        contact_ja="平日 8:45–17:15",
    )
    row = next(
        r
        for r in api.services_for_municipality("011002", limit=50)
        if r["name"] == "札幌市 介護の相談窓口"
    )
    assert row["phone"] == "011-000-0000"
    assert row["contact"] == "平日 8:45–17:15"


@pytest.mark.django_db
def test_coverage_by_municipality_counts_visible_municipal_entries(
    make_service, django_assert_num_queries
):
    make_service(categories=("consultation",), scope="municipal", municipalities=["012149"])
    make_service(
        categories=("respite", "long_term_care"), scope="municipal", municipalities=["012149"]
    )
    make_service(categories=("respite",), scope="municipal", municipalities=["012149", "011002"])
    make_service(
        categories=("consultation",),
        scope="municipal",
        municipalities=["012149"],
        status="draft",
    )
    make_service(categories=("consultation",), scope="national")  # not local
    with django_assert_num_queries(2):
        coverage = api.coverage_by_municipality(["012149", "011002", "012025"])
    assert coverage["012149"]["services"] == 3
    assert coverage["012149"]["windows"] == 1
    assert coverage["012149"]["categories"] == {
        "consultation": 1,
        "respite": 2,
        "long_term_care": 1,
    }
    assert coverage["012149"]["updated_at"] is not None
    assert coverage["011002"]["services"] == 1 and coverage["011002"]["windows"] == 0
    assert coverage["012025"] == {"services": 0, "windows": 0, "categories": {}, "updated_at": None}


@pytest.mark.django_db
def test_service_categories_in_taxonomy_order(content):
    codes = [code for code, _name in api.service_categories()]
    assert codes[0] == "consultation" and "respite" in codes
