"""Articles written by staff: English optional (the English page shows the
Japanese text with a note), the address made from the title (editable), the
Markdown editor's rules (images need alt text)."""

import pytest

from portal import slugs
from portal.models import Article
from tests.test_lang_fragments import unmarked_japanese

NEW = "/awareness/manage/new/"
TITLE = "介護と仕事の両立"


def japanese_only(**overrides):
    data = {
        "slug": "",
        "title_ja": TITLE,
        "title_en": "",
        "summary_ja": "働きながら家族を介護する人へ",
        "summary_en": "",
        "body_ja": "## 休みの制度\n\n- 介護休業\n- 介護休暇",
        "body_en": "",
        "audiences": ["carers"],
        "publish_at": "",
        "action": "publish",
    }
    data.update(overrides)
    return data


@pytest.fixture
def staff(client_for, municipal_staff):
    return client_for(municipal_staff)


@pytest.mark.django_db
def test_a_japanese_only_article_gets_its_address_from_the_title(staff):
    response = staff.post(NEW, japanese_only())
    assert response.status_code == 302
    article = Article.objects.get(title_ja=TITLE)
    assert article.slug == "kaigo-shigoto-ryoritsu"
    assert article.title_en == "" and not article.has_english


@pytest.mark.django_db
def test_the_english_page_shows_the_japanese_text_with_a_note(staff, client):
    staff.post(NEW, japanese_only())
    html = client.get("/en/awareness/kaigo-shigoto-ryoritsu/").content.decode()
    assert "has not been translated into English yet" in html
    assert f'<span lang="ja">{TITLE}</span>' in html
    assert "介護休業" in html
    assert unmarked_japanese(html) == []
    japanese = client.get("/awareness/kaigo-shigoto-ryoritsu/").content.decode()
    assert "translated" not in japanese and "英語" not in japanese


@pytest.mark.django_db
def test_the_english_list_marks_untranslated_articles(staff, client):
    staff.post(NEW, japanese_only())
    html = client.get("/en/awareness/").content.decode()
    assert "In Japanese only" in html and TITLE in html
    assert unmarked_japanese(html) == []


@pytest.mark.django_db
def test_a_translated_article_shows_english_without_the_note(staff, client):
    staff.post(
        NEW,
        japanese_only(
            title_en="Work and care", summary_en="For workers", body_en="Leave **schemes**"
        ),
    )
    html = client.get("/en/awareness/kaigo-shigoto-ryoritsu/").content.decode()
    assert "Work and care" in html and "<strong>schemes</strong>" in html
    assert "has not been translated" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "english,field",
    [
        ({"body_en": "Only a body"}, "title_en"),
        ({"summary_en": "Only a summary"}, "title_en"),
        ({"title_en": "Only a title"}, "body_en"),
    ],
)
def test_english_is_all_or_nothing(staff, english, field):
    response = staff.post(NEW, japanese_only(**english))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Article.objects.filter(title_ja=TITLE).exists()
    assert TITLE in response.content.decode()  # nothing typed is lost


@pytest.mark.django_db
def test_a_second_article_with_the_same_title_gets_its_own_address(staff):
    staff.post(NEW, japanese_only())
    staff.post(NEW, japanese_only())
    assert sorted(Article.objects.filter(title_ja=TITLE).values_list("slug", flat=True)) == [
        "kaigo-shigoto-ryoritsu",
        "kaigo-shigoto-ryoritsu-2",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed,saved",
    [
        ("Kaigo  Shigoto", "kaigo-shigoto"),
        ("ヤングケアラー", "yangukeara"),
        ("care_week-2026", "care-week-2026"),
    ],
)
def test_a_typed_address_is_tidied_into_a_valid_one(staff, typed, saved):
    assert staff.post(NEW, japanese_only(slug=typed)).status_code == 302
    assert Article.objects.get(author__isnull=False).slug == saved


@pytest.mark.django_db
def test_editing_the_title_keeps_the_address(staff):
    staff.post(NEW, japanese_only())
    article = Article.objects.get(author__isnull=False)
    response = staff.post(
        f"/awareness/manage/{article.pk}/",
        japanese_only(slug=article.slug, title_ja="仕事と介護の両立"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.slug == "kaigo-shigoto-ryoritsu" and article.title_ja == "仕事と介護の両立"


@pytest.mark.django_db
def test_preview_shows_the_address_and_the_missing_translation(staff):
    response = staff.post(NEW, japanese_only(action="preview"))
    html = response.content.decode()
    assert "/awareness/kaigo-shigoto-ryoritsu/" in html
    assert 'id="preview-no-english"' in html
    assert "<h2>休みの制度</h2>" in html
    assert not Article.objects.filter(title_ja=TITLE).exists()


@pytest.mark.django_db
def test_an_image_without_alt_text_is_refused_with_a_clear_message(staff):
    response = staff.post(NEW, japanese_only(body_ja="説明\n\n![](/static/img/salon.jpg)"))
    assert response.status_code == 400
    errors = response.context["form"].errors["body_ja"]
    assert any("代替テキスト" in e or "説明" in e for e in errors), errors
    assert not Article.objects.filter(title_ja=TITLE).exists()


@pytest.mark.django_db
def test_the_address_suggestion_is_for_writers_only(staff, client_for, resident):
    assert staff.get("/awareness/manage/slug/", {"title": TITLE}).json() == {
        "slug": "kaigo-shigoto-ryoritsu"
    }
    assert staff.get("/awareness/manage/slug/").json() == {"slug": ""}
    assert client_for(resident).get("/awareness/manage/slug/", {"title": TITLE}).status_code == 404


@pytest.mark.django_db
def test_the_editor_offers_a_toolbar_and_the_markdown_help(staff):
    html = staff.get(NEW).content.decode()
    assert (
        'data-markdown-toolbar="id_body_ja"' in html
        and 'data-markdown-toolbar="id_body_en"' in html
    )
    assert "portal/article-editor" in html


def test_addresses_without_the_analyser_use_kana_and_ascii():
    assert slugs._words_without_analyser("ひとりで Carers 2026") == ["hitoride", "carers", "2026"]
    assert slugs.from_title("！！") == "article"
    assert slugs.unique("a", {"a", "a-2"}.__contains__) == "a-3"
