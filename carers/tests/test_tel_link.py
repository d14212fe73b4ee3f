"""The shared ``tel_link`` filter: phone numbers become tel: links, written as given."""

import pytest
from django.template import Context, Template
from django.utils import translation

from carers.templatetags.contact import tel_link, tel_uri


def render(value):
    """The filter on a Japanese page (an earlier test may have left English active)."""
    with translation.override("ja"):
        return Template("{% load contact %}{{ value|tel_link }}").render(Context({"value": value}))


@pytest.mark.parametrize(
    ("written", "uri"),
    [
        ("011-000-0000", "tel:+81110000000"),
        ("0138-00-0000", "tel:+81138000000"),
        ("090-1234-5678", "tel:+819012345678"),
        ("(011) 222-3333", "tel:+81112223333"),
        ("０１２０－０－７８３１０", "tel:+81120078310"),
        ("+81 11-000-0000", "tel:+81110000000"),
        ("189", "tel:189"),
        ("#7119", "tel:%237119"),
    ],
)
def test_a_phone_number_is_one_link_showing_it_as_written(written, uri):
    assert render(written) == f'<a href="{uri}" class="tel">{written}</a>'


@pytest.mark.parametrize("value", ["", "   ", None])
def test_empty_input_renders_nothing(value):
    assert render(value) == ""


@pytest.mark.parametrize("value", ["12345", "0120", "平日 9時〜17時", "2026-11-29 10:00"])
def test_text_without_a_valid_number_is_shown_unlinked(value):
    assert "<a" not in render(value)
    assert tel_uri(value) is None


def test_markup_is_escaped_around_and_inside_links():
    html = render('<script>x</script> 011-000-0000 "quoted"')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&quot;quoted&quot;" in html
    assert '<a href="tel:+81110000000" class="tel">011-000-0000</a>' in html


def test_numbers_inside_free_text_are_linked_and_the_rest_kept():
    html = render("ひだまりの会 011-000-0000（デモ） / 携帯 090-1234-5678")
    assert html == (
        'ひだまりの会 <a href="tel:+81110000000" class="tel">011-000-0000</a>（デモ） / 携帯 '
        '<a href="tel:+819012345678" class="tel">090-1234-5678</a>'
    )


def test_a_date_before_a_number_does_not_hide_it():
    assert 'href="tel:+81138000000"' in render("2026 0138-00-0000")


def test_the_filter_is_usable_from_python():
    assert str(tel_link("189")) == '<a href="tel:189" class="tel">189</a>'


def test_japanese_contact_text_is_marked_on_english_pages():
    value = "ケアラー支援担当（デモ） young-carers@demo.example.jp 011-000-0000（平日）"
    with translation.override("en"):
        html = str(tel_link(value))
    assert html.startswith(
        '<span lang="ja">ケアラー支援担当（デモ） </span>young-carers@demo.example.jp '
    )
    assert html.endswith('class="tel">011-000-0000</a><span lang="ja">（平日）</span>')
    with translation.override("ja"):
        assert "<span" not in str(tel_link(value))
