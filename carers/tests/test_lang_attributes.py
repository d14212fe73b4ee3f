"""``lang`` on content whose language is not the page's (WCAG 3.1.2)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from carers.templatetags.kizuki import text_language

SPAN = Template("{% load kizuki %}<p>{{ text|lang_span }}</p><div{{ text|lang_attr }}>x</div>")


def render(text, language):
    with translation.override(language):
        return SPAN.render(Context({"text": text}))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ケアラーズカフェ ひだまり", "ja"),
        ("札幌市中央区 地区センター 会議室（デモ）", "ja"),
        ("Carers' café", "en"),
        ("Call the community general support centre (地域包括支援センター).", "en"),
        ("2026-12-01 14:00", None),
        ("", None),
    ],
)
def test_the_language_of_a_text_is_the_script_most_of_it_is_written_in(text, expected):
    assert text_language(text) == expected


def test_japanese_text_on_an_english_page_is_marked_ja():
    html = render("ケアラーズカフェ <ひだまり>", "en")
    assert '<p><span lang="ja">ケアラーズカフェ &lt;ひだまり&gt;</span></p>' in html
    assert '<div lang="ja">x</div>' in html


def test_english_text_on_a_japanese_page_is_marked_en():
    assert '<span lang="en">Carers Café</span>' in render("Carers Café", "ja")


def test_text_in_the_page_language_is_left_alone():
    assert render("ケアラーズカフェ", "ja") == "<p>ケアラーズカフェ</p><div>x</div>"
    assert render("Carers Café", "en") == "<p>Carers Café</p><div>x</div>"


@pytest.mark.django_db
def test_salon_pages_mark_japanese_names_and_venues_on_english_pages(client, organiser):
    from salons.models import Salon, SalonStatus

    salon = Salon.objects.create(
        name="ケアラーズカフェ ひだまり",
        description="介護をしている方が気軽に集まるカフェです。",
        organising_body="ひだまりの会",
        municipality_id="011002",
        is_in_person=True,
        venue_address="札幌市中央区 地区センター",
        audiences=["carers"],
        status=SalonStatus.PUBLISHED,
        organiser=organiser,
    )
    english = client.get(f"/en/salons/{salon.pk}/").content.decode()
    assert '<span lang="ja">ケアラーズカフェ ひだまり</span>' in english
    assert '<p class="salon-description" lang="ja">' in english
    assert '<span lang="ja">札幌市中央区 地区センター</span>' in english
    assert "Sapporo-shi" in english  # the municipality itself is named in English
    japanese = client.get(f"/salons/{salon.pk}/").content.decode()
    assert 'lang="ja">ケアラーズカフェ' not in japanese
    listing = client.get("/en/salons/").content.decode()
    assert '<span lang="ja">ケアラーズカフェ ひだまり</span>' in listing
