"""/dashboard/coverage/: one row per municipality of the prefecture with its
support desks, services by type, salons (active / stale), staff
accounts and last update; a "missing something" filter, sortable columns,
a CSV download — prefecture staff only, in a fixed number of queries."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carers.models import Municipality

pytestmark = pytest.mark.django_db

WAKKANAI, SAPPORO = "012149", "011002"
URL = "/dashboard/coverage/"


def make_service(code, categories, name="窓口（架空）", **fields):
    from services.models import Organization, Service, TaxonomyTerm

    service = Service.objects.create(
        name_ja=name,
        summary_ja="テスト",
        organization=Organization.objects.get(key="municipalities"),
        scope=fields.pop("scope", "municipal"),
        audiences=["carers"],
        **fields,
    )
    service.categories.set(TaxonomyTerm.objects.filter(code__in=categories))
    service.municipalities.set([code])
    return service


def make_salon(organiser, code, **fields):
    from salons.models import Salon

    return Salon.objects.create(
        organiser=organiser,
        name=fields.pop("name", "サロン（架空）"),
        description="-",
        organising_body="-",
        municipality_id=code,
        venue_address="-",
        contact="-",
        status=fields.pop("status", "published"),
        **fields,
    )


@pytest.fixture
def wakkanai(organiser):
    """稚内市 with everything: a window, a respite service, an active and a
    stale salon, a salon waiting for approval and a staff account."""
    from conftest import make_user

    make_service(WAKKANAI, ["consultation"], name="稚内市 地域包括支援センター（架空）")
    make_service(WAKKANAI, ["respite", "long_term_care"], name="ショートステイ（架空）")
    make_service(WAKKANAI, ["respite"], name="下書き（架空）", status="draft")  # not counted
    make_service(SAPPORO, ["respite"], name="札幌のショートステイ（架空）")
    make_salon(organiser, WAKKANAI, name="稚内カフェ")
    make_salon(
        organiser,
        WAKKANAI,
        name="古いカフェ",
        last_confirmed_at=timezone.now() - timedelta(days=400),
    )
    make_salon(organiser, WAKKANAI, name="新しいカフェ", status="pending")
    make_user("staff@wakkanai.example.jp", "municipal_staff", WAKKANAI)
    make_user("gone@wakkanai.example.jp", "municipal_staff", WAKKANAI, is_active=False)


def rows(response):
    return {row.code: row for row in response.context["rows"]}


def test_one_row_per_municipality_of_the_prefecture_with_its_numbers(
    client_for, prefecture_staff, wakkanai
):
    response = client_for(prefecture_staff).get(URL)
    assert response.status_code == 200
    by_code = rows(response)
    assert len(by_code) == Municipality.objects.in_portal_prefecture().count() == 179
    w = by_code[WAKKANAI]
    assert (w.windows, w.services, w.salons_active, w.salons_stale, w.salons_pending, w.staff) == (
        1,
        2,
        1,
        1,
        1,
        1,
    )
    assert w.categories == {"consultation": 1, "respite": 1, "long_term_care": 1}
    assert w.missing == [] and w.updated_at is not None
    s = by_code[SAPPORO]
    assert (s.windows, s.services) == (0, 1)
    assert s.missing == ["windows", "salons", "staff"]
    html = response.content.decode()
    row = html.split('id="m-012149"', 1)[1].split("</tr>", 1)[0]
    assert "相談窓口 1, 介護保険サービス 1, レスパイト（介護者の休息） 1" in row
    assert response.content.count(b"<h1") == 1


def test_filter_missing_something_and_one_gap(client_for, prefecture_staff, wakkanai):
    client = client_for(prefecture_staff)
    missing_any = rows(client.get(URL, {"missing": "any"}))
    assert WAKKANAI not in missing_any and SAPPORO in missing_any
    assert len(missing_any) == 178
    no_window = rows(client.get(URL, {"missing": "windows"}))
    assert SAPPORO in no_window and WAKKANAI not in no_window
    # An unknown filter value shows every municipality rather than an error.
    assert len(rows(client.get(URL, {"missing": "<script>"}))) == 179


def test_columns_sort_by_links_both_ways(client_for, prefecture_staff, wakkanai):
    client = client_for(prefecture_staff)
    response = client.get(URL, {"sort": "services", "order": "desc"})
    order = [row.code for row in response.context["rows"]]
    assert order[:2] == [WAKKANAI, SAPPORO]
    html = response.content.decode()
    assert 'aria-sort="descending"' in html
    assert 'href="?sort=services&amp;order=asc"' in html  # the link flips the order
    ascending = [row.code for row in client.get(URL, {"sort": "services"}).context["rows"]]
    assert ascending[-2:] == [SAPPORO, WAKKANAI]
    assert ascending[0] == "011002" or ascending[0] < "02"  # ties keep the code order
    by_name = [row.code for row in client.get(URL, {"sort": "nonsense"}).context["rows"]]
    assert by_name == sorted(by_name)


def test_filter_is_kept_in_the_sort_links(client_for, prefecture_staff, wakkanai):
    html = client_for(prefecture_staff).get(URL, {"missing": "staff"}).content.decode()
    assert 'href="?sort=windows&amp;order=asc&amp;missing=staff"' in html


def test_csv_download_has_a_bom_every_row_and_neutralised_formulas(
    client_for, prefecture_staff, wakkanai
):
    Municipality.objects.filter(code=WAKKANAI).update(name="=HYPERLINK(1)")
    response = client_for(prefecture_staff).get(URL + "coverage.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(body[1:])))
    assert len(table) == 1 + 179
    header = table[0]
    assert header[:4] == ["地方公共団体コード", "市町村", "相談窓口", "地域のサービス"]
    row = next(r for r in table if r[0] == WAKKANAI)
    assert row[1] == "'=HYPERLINK(1)"
    assert int(row[2]) == 1 and int(row[3]) == 2
    filtered = client_for(prefecture_staff).get(URL + "coverage.csv", {"missing": "any"})
    assert len(list(csv.reader(io.StringIO(filtered.content.decode("utf-8-sig"))))) == 1 + 178


def test_query_count_does_not_grow_with_the_number_of_municipalities(
    client_for, prefecture_staff, wakkanai, settings
):
    """Hokkaido (179 municipalities) and Tottori (19) take the same queries."""
    client = client_for(prefecture_staff)
    make_service("312011", ["consultation"], name="鳥取市の窓口（架空）")
    counts = {}
    for code in ("01", "31"):
        settings.PORTAL_PREFECTURE_CODE = code
        client.get(URL)  # warm caches such as the session
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL)
        counts[code] = len(queries)
        assert len(response.context["rows"]) == (179 if code == "01" else 19)
    assert counts["01"] == counts["31"]
    assert counts["01"] <= 16


@pytest.mark.parametrize("persona", ["municipal_staff", "advisor_user", "organiser", "resident"])
def test_other_roles_get_404(request, client_for, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get(URL).status_code == 404
    assert client.get(URL + "coverage.csv").status_code == 404


def test_visitor_is_sent_to_sign_in(client):
    response = client.get(URL + "coverage.csv")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_dashboard_links_to_the_board(client_for, prefecture_staff):
    html = client_for(prefecture_staff).get("/en/dashboard/").content.decode()
    assert 'href="/en/dashboard/coverage/"' in html


def test_map_is_an_inline_svg_of_every_point_without_third_party_hosts(
    client_for, prefecture_staff, wakkanai
):
    response = client_for(prefecture_staff).get(URL)
    board_map = response.context["map"]
    assert len(board_map["points"]) == 179
    assert board_map["complete"] == 1 and board_map["gaps"] == 178
    north = min(board_map["points"], key=lambda p: p["y"])
    assert north["row"].code == WAKKANAI  # 稚内 is the northernmost point
    html = response.content.decode()
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<circle") == 179
    assert 'role="img"' in html.split("<svg", 1)[1][:300]
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
