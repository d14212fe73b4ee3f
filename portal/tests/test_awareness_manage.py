"""Staff write, preview, schedule and publish articles; scope rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from portal import actions
from portal.models import Article, ArticleStatus


def form_data(**overrides):
    data = {
        "slug": "local-news",
        "title_ja": "地域のお知らせ",
        "title_en": "Local news",
        "summary_ja": "要約",
        "summary_en": "Summary",
        "body_ja": "本文 **太字**",
        "body_en": "Body **bold**",
        "audiences": ["residents"],
        "publish_at": "",
        "action": "publish",
    }
    data.update(overrides)
    return data


def make(slug, municipality=None, status=ArticleStatus.PUBLISHED):
    return Article.objects.create(
        slug=slug,
        municipality=municipality,
        status=status,
        publish_at=timezone.now() - timedelta(days=1),
        audiences=["residents"],
        title_ja=slug,
        title_en=slug,
        summary_ja="s",
        summary_en="s",
        body_ja="b",
        body_en="b",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/awareness/manage/", "/awareness/manage/new/"])
@pytest.mark.parametrize("persona", ["resident", "organiser", "advisor_user"])
def test_other_roles_get_404(request, client_for, persona, path):
    assert client_for(request.getfixturevalue(persona)).get(path).status_code == 404


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in(client):
    response = client.post("/awareness/manage/new/", form_data())
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Article.objects.filter(slug="local-news").exists()


@pytest.mark.django_db
def test_municipal_staff_publish_a_local_article_of_their_municipality(
    client_for, municipal_staff, other_municipality
):
    # A municipality posted in the form is ignored: municipal staff write only for their own.
    response = client_for(municipal_staff).post(
        "/en/awareness/manage/new/", form_data(municipality=other_municipality.pk)
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="local-news")
    assert article.municipality_id == "011002"
    assert article.status == ArticleStatus.PUBLISHED and article.author == municipal_staff
    assert article.is_live()


@pytest.mark.django_db
def test_prefecture_staff_write_for_the_whole_prefecture_or_a_municipality(
    client_for, prefecture_staff
):
    c = client_for(prefecture_staff)
    assert c.post("/awareness/manage/new/", form_data()).status_code == 302
    assert Article.objects.get(slug="local-news").municipality is None
    assert (
        c.post(
            "/awareness/manage/new/", form_data(slug="hakodate", municipality="012025")
        ).status_code
        == 302
    )
    assert Article.objects.get(slug="hakodate").municipality_id == "012025"


@pytest.mark.django_db
def test_future_publish_at_schedules_the_article(client_for, prefecture_staff, client):
    when = timezone.localtime() + timedelta(days=3)
    response = client_for(prefecture_staff).post(
        "/en/awareness/manage/new/",
        form_data(publish_at=when.strftime("%Y-%m-%dT%H:%M")),
        follow=True,
    )
    assert "The article is scheduled" in response.content.decode()
    article = Article.objects.get(slug="local-news")
    assert article.status == ArticleStatus.SCHEDULED
    assert client.get("/en/awareness/local-news/").status_code == 404


@pytest.mark.django_db
def test_save_as_draft_keeps_it_hidden_but_staff_can_look(client_for, prefecture_staff, client):
    c = client_for(prefecture_staff)
    c.post("/awareness/manage/new/", form_data(action="draft"))
    assert Article.objects.get(slug="local-news").status == ArticleStatus.DRAFT
    assert client.get("/awareness/local-news/").status_code == 404
    staff_view = c.get("/en/awareness/local-news/")
    assert staff_view.status_code == 200 and "Not public yet" in staff_view.content.decode()


@pytest.mark.django_db
def test_preview_renders_the_sanitised_body_without_saving(client_for, prefecture_staff):
    response = client_for(prefecture_staff).post(
        "/en/awareness/manage/new/",
        form_data(action="preview", body_en="Hi **there** <script>alert(1)</script>"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview (not saved yet)" in html and "<strong>there</strong>" in html
    assert "<script>alert(1)" not in html
    assert not Article.objects.exists() or not Article.objects.filter(slug="local-news").exists()


@pytest.mark.django_db
def test_image_without_alt_is_refused_and_the_text_kept(client_for, prefecture_staff):
    response = client_for(prefecture_staff).post(
        "/en/awareness/manage/new/", form_data(body_ja="写真 ![](/media/a.png)")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Every image needs alt text" in html
    assert "写真 ![](/media/a.png)" in html
    assert not Article.objects.filter(slug="local-news").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["check", "manage", "work-and-care", "kaigo/shigoto", "a.b"])
def test_slugs_of_other_pages_and_bad_slugs_are_refused(client_for, prefecture_staff, slug):
    response = client_for(prefecture_staff).post("/en/awareness/manage/new/", form_data(slug=slug))
    assert response.status_code == 400
    assert not Article.objects.filter(slug=slug).exists()


@pytest.mark.django_db
def test_unknown_municipality_is_a_form_error(client_for, prefecture_staff):
    response = client_for(prefecture_staff).post(
        "/en/awareness/manage/new/", form_data(municipality="999999")
    )
    assert response.status_code == 400
    assert "This municipality is not in the list" in response.content.decode()


@pytest.mark.django_db
def test_municipal_staff_see_and_edit_only_their_municipalitys_articles(
    client_for, municipal_staff, municipality, other_municipality
):
    own = make("sapporo-news", municipality=municipality)
    other = make("hakodate-news", municipality=other_municipality)
    prefecture_wide = make("prefecture-news")
    c = client_for(municipal_staff)
    listing = c.get("/en/awareness/manage/").content.decode()
    assert (
        "sapporo-news" in listing
        and "hakodate-news" not in listing
        and "prefecture-news" not in listing
    )
    assert c.get(f"/awareness/manage/{own.pk}/").status_code == 200
    assert c.get(f"/awareness/manage/{other.pk}/").status_code == 404
    assert c.get(f"/awareness/manage/{prefecture_wide.pk}/").status_code == 404
    assert (
        c.post(f"/awareness/manage/{other.pk}/", form_data(slug="hakodate-news")).status_code == 404
    )
    assert c.post(f"/awareness/manage/{other.pk}/unpublish/").status_code == 404
    other.refresh_from_db()
    assert other.title_en == "hakodate-news" and other.status == ArticleStatus.PUBLISHED


@pytest.mark.django_db
def test_editing_keeps_the_article_and_records_who(client_for, municipal_staff, municipality):
    article = make("sapporo-news", municipality=municipality)
    response = client_for(municipal_staff).post(
        f"/awareness/manage/{article.pk}/", form_data(slug="sapporo-news", title_en="Updated")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Updated" and article.updated_by == municipal_staff


@pytest.mark.django_db
def test_prefecture_staff_can_take_any_article_back_to_draft(
    client_for, prefecture_staff, other_municipality, client
):
    article = make("hakodate-news", municipality=other_municipality)
    response = client_for(prefecture_staff).post(f"/awareness/manage/{article.pk}/unpublish/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert client.get("/awareness/hakodate-news/").status_code == 404


@pytest.mark.django_db
def test_unpublish_needs_post(client_for, prefecture_staff):
    article = make("x")
    assert (
        client_for(prefecture_staff).get(f"/awareness/manage/{article.pk}/unpublish/").status_code
        == 405
    )


@pytest.mark.django_db
def test_the_action_refuses_out_of_scope_writes(municipal_staff, resident, other_municipality):
    article = make("hakodate-news", municipality=other_municipality)
    with pytest.raises(PermissionDenied):
        actions.article_unpublish(by=municipal_staff, article=article)
    with pytest.raises(PermissionDenied):
        actions.article_unpublish(by=resident, article=article)


@pytest.mark.django_db
def test_manage_list_paginates_with_few_queries(
    client_for, prefecture_staff, django_assert_max_num_queries
):
    for i in range(25):
        make(f"a-{i}")
    c = client_for(prefecture_staff)
    with django_assert_max_num_queries(12):
        html = c.get("/en/awareness/manage/").content.decode()
    assert "Page 1 of" in html


@pytest.mark.django_db
def test_preview_works_while_another_field_is_still_invalid(client_for, prefecture_staff):
    response = client_for(prefecture_staff).post(
        "/en/awareness/manage/new/",
        form_data(action="preview", summary_ja="", body_en="Draft **text**"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<strong>text</strong>" in html and "This field is required" in html
    assert not Article.objects.filter(title_en="Local news").exists()


@pytest.mark.django_db
def test_preview_button_reads_preview_in_japanese(prefecture_staff, client_for):
    body = client_for(prefecture_staff).get("/awareness/manage/new/").content.decode()
    assert ">プレビュー</button>" in body  # not the services catalogue's "確認"


def test_article_statuses_are_not_read_as_event_statuses():
    from django.utils import translation

    with translation.override("ja"):
        assert str(ArticleStatus.SCHEDULED.label) == "予約公開"  # not the salons' 開催予定
        assert str(ArticleStatus.PUBLISHED.label) == "公開"
