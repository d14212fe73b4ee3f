"""Furigana: readings from the analyser and the override list, where ruby goes
(text only), the switch (a link, remembered in a cookie set only when chosen)
and the cache of readings."""

import re

import pytest
from django.core.cache import cache

from portal import furigana


def reading_of(html, word):
    """The furigana over ``word`` in ``html`` (the <rt> right after it)."""
    match = re.search(rf"<ruby>{word}<rp>\(</rp><rt>([^<]+)</rt>", html)
    return match.group(1) if match else None


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        ("介護について", "介護", "かいご"),
        ("相談してください", "相談", "そうだん"),
        ("札幌市に住んでいます", "札幌市", "さっぽろし"),
        ("学校の先生", "先生", "せんせい"),
        ("明日また来ます", "明日", "あした"),  # override: the analyser says あす
    ],
)
@pytest.mark.django_db
def test_known_readings(text, word, reading):
    assert reading_of(furigana.annotate_text(text), word) == reading


def test_okurigana_stays_outside_the_ruby():
    html = furigana.annotate_text("話して")
    assert html == "<ruby>話<rp>(</rp><rt>はな</rt><rp>)</rp></ruby>して"


@pytest.mark.django_db
def test_municipality_names_take_the_official_reading():
    furigana._overrides.cache_clear()
    html = furigana.annotate_text("音威子府村と占冠村")
    assert reading_of(html, "音威子府村") == "おといねっぷむら"
    assert reading_of(html, "占冠村") == "しむかっぷむら"


@pytest.mark.django_db
def test_only_text_nodes_of_the_body_get_ruby():
    html = (
        '<html><head><title>介護</title></head><body><p title="相談">相談 &amp; 介護</p>'
        '<script>var s = "介護";</script><style>/* 介護 */</style>'
        "<select><option>札幌市</option></select><ruby>漢<rt>かん</rt></ruby>"
        '<textarea name="t">相談</textarea><!-- 介護 --></body></html>'
    )
    out = furigana.annotate_html(html)
    assert "<title>介護</title>" in out
    assert 'title="相談"' in out
    assert reading_of(out, "相談") == "そうだん" and "&amp;" in out
    assert 'var s = "介護";' in out and "/* 介護 */" in out
    assert "<option>札幌市</option>" in out
    assert "<ruby>漢<rt>かん</rt></ruby>" in out  # existing ruby untouched
    assert '<textarea name="t">相談</textarea>' in out and "<!-- 介護 -->" in out


@pytest.mark.django_db
def test_readings_are_cached_per_text():
    text = "介護と相談の窓口"
    cache.delete(furigana._key(text))
    furigana._local_cache.pop(text, None)
    first = furigana.annotate_many([text])[text]
    assert cache.get(furigana._key(text)) == first  # shared with the other processes
    assert furigana._local_cache[text] == first  # and kept in this one
    furigana._local_cache.pop(text)
    cache.set(furigana._key(text), "cached-value")
    assert furigana.annotate_many([text])[text] == "cached-value"


@pytest.mark.django_db
def test_switch_is_a_link_that_sets_a_cookie_only_when_chosen(client):
    page = client.get("/awareness/")
    assert "furigana" not in page.cookies
    html = page.content.decode()
    assert 'href="/furigana/?on=1&amp;next=/awareness/"' in html
    assert "<rt>" not in html

    response = client.get("/furigana/", {"on": "1", "next": "/awareness/"})
    assert response.status_code == 302 and response.url == "/awareness/"
    assert response.cookies["furigana"].value == "1"
    assert response.cookies["furigana"]["max-age"]  # remembered

    page = client.get("/awareness/")
    html = page.content.decode()
    assert reading_of(html, "介護") == "かいご"
    assert int(page["Content-Length"]) == len(page.content)  # the longer body is sent whole
    assert 'href="/furigana/?on=0&amp;next=/awareness/"' in html  # and a way back

    off = client.get("/furigana/", {"on": "0", "next": "/awareness/"})
    assert off.cookies["furigana"].value == ""
    assert "<rt>" not in client.get("/awareness/").content.decode()


@pytest.mark.django_db
def test_switch_refuses_other_sites_and_english_pages_stay_plain(client):
    response = client.get("/furigana/", {"on": "1", "next": "https://evil.example/"})
    assert response.url == "/"
    html = client.get("/en/awareness/").content.decode()
    assert "<rt>" not in html
    assert "/furigana/" not in html  # the switch is for Japanese pages


@pytest.mark.django_db
def test_every_html_page_varies_on_the_cookie(client):
    response = client.get("/")
    assert "Cookie" in response["Vary"]
