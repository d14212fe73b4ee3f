"""The public article list and article pages: publishing rules, filters,
local-first ordering, pagination and 404s in the right language."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.models import Article, ArticleStatus, Audience


@pytest.fixture(autouse=True)
def _no_core_articles(db):
    """Each test here starts from no article (not even the built-in ones)."""
    Article.objects.all().delete()


def make_article(
    slug,
    status=ArticleStatus.PUBLISHED,
    publish_at=None,
    audiences=("residents",),
    municipality=None,
    **extra,
):
    fields = {
        "title_ja": f"{slug} の題",
        "title_en": f"{slug} title",
        "summary_ja": "要約",
        "summary_en": "Summary",
        "body_ja": "本文です。",
        "body_en": "The **body**.",
        **extra,
    }
    return Article.objects.create(
        slug=slug,
        status=status,
        publish_at=publish_at if publish_at is not None else timezone.now() - timedelta(days=1),
        audiences=list(audiences),
        municipality=municipality,
        **fields,
    )


@pytest.mark.django_db
def test_the_core_articles_are_loaded_idempotently():
    from portal import builtin

    builtin.load()
    builtin.load()
    articles = Article.objects.published()
    assert articles.count() == 7
    assert articles.filter(slug="what-is-a-carer", content_key="what-is-a-carer").exists()
    # The plain-Japanese version is short and points to the full article.
    for article in articles.exclude(slug="young-carers-easy"):
        assert (
            article.title_ja
            and article.title_en
            and len(article.body_ja) > 300
            and len(article.body_en) > 300
        )
        assert "参考" in article.body_ja and "Reference" in article.body_en  # sources cited


@pytest.mark.django_db
def test_list_shows_published_articles_in_the_language(client):
    make_article("care-basics")
    assert "care-basics title" in client.get("/en/awareness/").content.decode()
    assert "care-basics の題" in client.get("/awareness/").content.decode()


@pytest.mark.django_db
def test_drafts_and_future_articles_are_hidden_until_due(client):
    make_article("a-draft", status=ArticleStatus.DRAFT)
    future = make_article(
        "later", status=ArticleStatus.SCHEDULED, publish_at=timezone.now() + timedelta(hours=2)
    )
    html = client.get("/en/awareness/").content.decode()
    assert "a-draft title" not in html and "later title" not in html
    assert client.get("/en/awareness/later/").status_code == 404
    assert client.get("/en/awareness/a-draft/").status_code == 404
    # When the time comes, the scheduled article appears without anyone acting.
    Article.objects.filter(pk=future.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    future.refresh_from_db()
    assert future.current_status == ArticleStatus.PUBLISHED
    assert client.get("/en/awareness/later/").status_code == 200
    assert "later title" in client.get("/en/awareness/").content.decode()


@pytest.mark.django_db
def test_published_queryset_uses_the_given_time():
    article = make_article(
        "x", status=ArticleStatus.SCHEDULED, publish_at=timezone.now() + timedelta(days=1)
    )
    assert article.current_status == ArticleStatus.SCHEDULED
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert (
        Article.objects.published(now=timezone.now() + timedelta(days=2))
        .filter(pk=article.pk)
        .exists()
    )


@pytest.mark.django_db
def test_filter_by_audience(client):
    make_article("for-employers", audiences=[Audience.EMPLOYERS])
    make_article("for-residents", audiences=[Audience.RESIDENTS])
    html = client.get("/en/awareness/?audience=employers").content.decode()
    assert "for-employers title" in html and "for-residents title" not in html


@pytest.mark.django_db
def test_local_articles_come_first_for_their_municipality(client, municipality, other_municipality):
    make_article("prefecture-wide", publish_at=timezone.now() - timedelta(hours=1))
    make_article(
        "sapporo-local", municipality=municipality, publish_at=timezone.now() - timedelta(days=5)
    )
    make_article(
        "hakodate-local",
        municipality=other_municipality,
        publish_at=timezone.now() - timedelta(hours=2),
    )
    html = client.get("/en/awareness/?municipality=011002").content.decode()
    assert (
        html.index("sapporo-local title")
        < html.index("prefecture-wide title")
        < html.index("hakodate-local title")
    )
    html = client.get("/en/awareness/").content.decode()
    assert html.index("prefecture-wide title") < html.index("sapporo-local title")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["?municipality=999999", "?audience=aliens", "?page=abc", "?page=999", "?municipality=%00"],
)
def test_bad_filters_are_ignored_not_a_500(client, query):
    make_article("still-listed")
    response = client.get(f"/en/awareness/{query}")
    assert response.status_code == 200
    assert "still-listed title" in response.content.decode()


@pytest.mark.django_db
def test_list_paginates_with_few_queries(client, django_assert_max_num_queries):
    for i in range(23):
        make_article(
            f"article-{i:02d}",
            audiences=[Audience.CARERS],
            publish_at=timezone.now() - timedelta(minutes=i),
        )
    with django_assert_max_num_queries(8):
        html = client.get("/en/awareness/?audience=carers").content.decode()
    assert html.count('class="card"') == 10
    assert "Page 1 of 3" in html and "audience=carers&amp;page=2" in html
    html = client.get("/en/awareness/?audience=carers&page=3").content.decode()
    assert html.count('class="card"') == 3


@pytest.mark.django_db
def test_empty_list_says_something_useful(client):
    html = client.get("/en/awareness/?audience=young_carers").content.decode()
    assert "No articles for this choice yet" in html


@pytest.mark.django_db
def test_detail_renders_sanitised_markdown_in_the_language(client):
    make_article("safe", body_en="Hello **there** <script>alert(1)</script>")
    html = client.get("/en/awareness/safe/").content.decode()
    assert "<strong>there</strong>" in html
    assert "<script>alert(1)" not in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_young_carer_articles_carry_the_quick_exit(client):
    make_article("yc", audiences=[Audience.YOUNG_CARERS])
    make_article("general")
    assert "data-quick-exit" in client.get("/awareness/yc/").content.decode()
    assert "data-quick-exit" not in client.get("/awareness/general/").content.decode()
    assert "data-quick-exit" in client.get("/awareness/?audience=young_carers").content.decode()
    assert "data-quick-exit" not in client.get("/awareness/").content.decode()


@pytest.mark.django_db
def test_missing_slug_is_a_404_in_the_right_language(client):
    english = client.get("/en/awareness/no-such-article/")
    assert english.status_code == 404
    assert (
        '<html lang="en">' in english.content.decode()
        and "Page not found" in english.content.decode()
    )
    japanese = client.get("/awareness/no-such-article/")
    assert japanese.status_code == 404
    assert (
        '<html lang="ja">' in japanese.content.decode()
        and "ページが見つかりません" in japanese.content.decode()
    )
