"""The site-wide search box: articles, salons, services and consultation
windows for one query, width- and kana-insensitive, grouped by kind with
counts and links to each full list, respecting the resident's municipality,
in a few bounded queries."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carers.models import Municipality
from carers.residence import COOKIE
from portal.models import Article, ArticleStatus
from salons.tests.conftest import make_salon
from services.content import load_taxonomy
from services.models import Organization, Scope, Service, ServiceStatus, TaxonomyTerm

pytestmark = pytest.mark.django_db

ASAHIKAWA, HAKODATE = "012041", "012025"


@pytest.fixture
def found(organiser):
    asahikawa = Municipality.objects.get(code=ASAHIKAWA)
    hakodate = Municipality.objects.get(code=HAKODATE)
    article = Article.objects.create(
        slug="hidamari-test",
        status=ArticleStatus.PUBLISHED,
        publish_at=timezone.now(),
        audiences=["residents"],
        title_ja="ヒダマリの会と介護の相談",
        title_en="The Hidamari group",
        summary_ja="架空の記事です。",
        summary_en="A made-up article.",
        body_ja="介護をしている人のための、架空の記事です。",
        body_en="A made-up article for carers.",
    )
    salon = make_salon(organiser, asahikawa, name="ひだまりケアラーサロン 旭川")
    far_salon = make_salon(organiser, hakodate, name="ひだまりサロン 函館")
    org = Organization.objects.create(name_ja="架空の事業者")
    service = Service.objects.create(
        organization=org,
        name_ja="ﾋﾀﾞﾏﾘ訪問介護",
        summary_ja="架空のサービスです。",
        scope=Scope.NATIONAL,
        status=ServiceStatus.PUBLISHED,
    )
    load_taxonomy()
    window_term = TaxonomyTerm.objects.get(code="consultation")
    window = Service.objects.create(
        organization=org,
        name_ja="ひだまり相談窓口 旭川",
        summary_ja="架空の窓口です。",
        scope=Scope.MUNICIPAL,
        status=ServiceStatus.PUBLISHED,
        phone="0166-00-0000",
    )
    window.municipalities.add(asahikawa)
    window.categories.add(window_term)
    far_window = Service.objects.create(
        organization=org,
        name_ja="ひだまり相談窓口 函館",
        summary_ja="架空の窓口です。",
        scope=Scope.MUNICIPAL,
        status=ServiceStatus.PUBLISHED,
    )
    far_window.municipalities.add(hakodate)
    far_window.categories.add(window_term)
    return {
        "article": article,
        "salon": salon,
        "far_salon": far_salon,
        "service": service,
        "window": window,
        "far_window": far_window,
    }


def group(html, kind):
    match = re.search(rf'<section[^>]*id="results-{kind}".*?</section>', html, re.S)
    assert match, f"no group {kind}"
    return match.group(0)


def count(html, kind):
    return re.search(r'<span class="badge[^"]*">([^<]*)</span>', group(html, kind)).group(1)


def test_every_page_has_the_search_box():
    for path in ("/", "/salons/", "/en/services/", "/privacy/"):
        html = Client().get(path).content.decode()
        assert 'role="search" method="get" action="' in html, path
        assert re.search(r'<input[^>]*type="search"[^>]*name="q"', html), path


@pytest.mark.parametrize("query", ["ひだまり", "ヒダマリ", "ﾋﾀﾞﾏﾘ", "ＨＩＤＡＭＡＲＩ"])
def test_one_query_finds_each_kind_whatever_the_width_or_kana(found, query):
    response = Client().get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    if query == "ＨＩＤＡＭＡＲＩ":  # full-width Latin: only the English title has it
        assert found["article"].get_absolute_url() in group(html, "articles")
        return
    assert found["article"].get_absolute_url() in group(html, "articles")
    assert found["salon"].get_absolute_url() in group(html, "salons")
    assert found["service"].get_absolute_url() in group(html, "services")
    assert found["window"].get_absolute_url() in group(html, "windows")
    # Windows are their own kind, not repeated among services.
    assert found["window"].get_absolute_url() not in group(html, "services")
    assert count(html, "salons") == "2" and count(html, "windows") == "2"


def test_kana_finds_kanji_by_its_reading(found):
    html = Client().get("/search/", {"q": "かいご"}).content.decode()
    assert found["article"].get_absolute_url() in group(html, "articles")


def test_the_remembered_municipality_narrows_salons_and_windows(found):
    client = Client()
    client.cookies[COOKIE] = ASAHIKAWA
    html = client.get("/search/", {"q": "ひだまり"}).content.decode()
    assert found["salon"].get_absolute_url() in group(html, "salons")
    assert found["far_salon"].get_absolute_url() not in group(html, "salons")
    assert found["window"].get_absolute_url() in group(html, "windows")
    assert found["far_window"].get_absolute_url() not in group(html, "windows")
    assert count(html, "salons") == "1" and count(html, "windows") == "1"
    # Each kind links to its full list with the same words and municipality.
    assert "/salons/?q=%E3%81%B2%E3%81%A0%E3%81%BE%E3%82%8A&amp;municipality=012041" in html
    assert "category=consultation&amp;municipality=012041" in group(html, "windows")
    assert "/awareness/?q=" in group(html, "articles")


def test_the_full_article_list_searches_the_same_way(found):
    html = Client().get("/awareness/", {"q": "ﾋﾀﾞﾏﾘ"}).content.decode()
    assert found["article"].get_absolute_url() in html
    assert found["article"].get_absolute_url() not in (
        Client().get("/awareness/", {"q": "存在しないことば"}).content.decode()
    )


def test_the_search_is_a_few_bounded_queries(found):
    client = Client()
    client.cookies[COOKIE] = ASAHIKAWA
    client.get("/search/", {"q": "ひだまり"})  # the articles' text is built once
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/search/", {"q": "ひだまり"})
    assert response.status_code == 200
    assert len(ctx.captured_queries) <= 7, [q["sql"][:120] for q in ctx.captured_queries]
    for query in ctx.captured_queries:
        sql = query["sql"]
        # Every list read is bounded: a LIMIT, or a lookup of listed ids.
        if "salons_salon" in sql or "services_searchentry" in sql:
            assert "LIMIT" in sql, sql[:300]


def test_nothing_found_and_bad_input():
    html = Client().get("/search/", {"q": "存在しないことば"}).content.decode()
    assert html.count("見つかりませんでした。") == 4
    long = "あ" * 101
    response = Client().get("/search/", {"q": long})
    assert response.status_code == 400
    html = response.content.decode()
    assert "100文字以内で入力してください。" in html and long in html
    assert Client().get("/search/", {"q": "   "}).status_code == 200
    english = Client().get("/en/search/", {"q": "x" * 101}).content.decode()
    assert "Please use at most 100 characters." in english
