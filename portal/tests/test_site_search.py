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
from services.builtin import load_taxonomy
from services.models import Organization, Scope, Service, ServiceStatus

pytestmark = pytest.mark.django_db

ASAHIKAWA, HAKODATE = "012041", "012025"


def make_article(slug, title_ja, **extra):
    fields = dict(
        slug=slug,
        status=ArticleStatus.PUBLISHED,
        publish_at=timezone.now(),
        audiences=["residents"],
        title_ja=title_ja,
        title_en="A made-up article",
        summary_ja="架空の記事です。",
        summary_en="A made-up article.",
        body_ja="架空の本文です。",
        body_en="A made-up body.",
    )
    fields.update(extra)
    return Article.objects.create(**fields)


def make_service(name_ja, municipality=None, window=False, **extra):
    """A published service: national, or of ``municipality``; a consultation window if asked."""
    service = Service.objects.create(
        organization=Organization.objects.get_or_create(name_ja="架空の事業者")[0],
        name_ja=name_ja,
        summary_ja="架空のサービスです。",
        scope=Scope.MUNICIPAL if municipality else Scope.NATIONAL,
        status=ServiceStatus.PUBLISHED,
        **extra,
    )
    if municipality:
        service.municipalities.add(municipality)
    if window:
        service.categories.add(load_taxonomy()["consultation"])
    return service


@pytest.fixture
def found(organiser):
    asahikawa = Municipality.objects.get(code=ASAHIKAWA)
    hakodate = Municipality.objects.get(code=HAKODATE)
    article = make_article(
        "hidamari-test",
        "ヒダマリの会と介護の相談",
        title_en="The Hidamari group",
        body_ja="介護をしている人のための、架空の記事です。",
    )
    salon = make_salon(organiser, asahikawa, name="ひだまりケアラーサロン 旭川")
    far_salon = make_salon(organiser, hakodate, name="ひだまりサロン 函館")
    service = make_service("ﾋﾀﾞﾏﾘ訪問介護")
    window = make_service("ひだまり相談窓口 旭川", asahikawa, window=True, phone="0166-00-0000")
    far_window = make_service("ひだまり相談窓口 函館", hakodate, window=True)
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
    assert len(ctx.captured_queries) <= 6, [q["sql"][:120] for q in ctx.captured_queries]
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


def test_only_articles_due_are_found_and_an_edit_shows_at_once(found, settings):
    settings.AGGREGATE_CACHE_SECONDS = 60  # the index is cached, as in production
    later = make_article(
        "hidamari-later",
        "ヒダマリの予告",
        status=ArticleStatus.SCHEDULED,
        publish_at=timezone.now() + timezone.timedelta(days=1),
    )
    html = Client().get("/search/", {"q": "ひだまり"}).content.decode()
    assert found["article"].get_absolute_url() in group(html, "articles")
    assert later.get_absolute_url() not in group(html, "articles")
    article = found["article"]
    article.title_ja = "こもれびの会と介護の相談"
    article.save()
    html = Client().get("/search/", {"q": "こもれび"}).content.decode()
    assert article.get_absolute_url() in group(html, "articles")
