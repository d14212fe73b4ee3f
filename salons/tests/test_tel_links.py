"""Salon pages show the organiser's phone number as a tel: link."""

import pytest

from .conftest import make_salon, make_session

pytestmark = pytest.mark.django_db


def test_salon_detail_and_search_link_the_contact_number(visitor, organiser, municipality):
    salon = make_salon(organiser, municipality)
    salon.contact = "ひだまりの会 011-000-0000（平日）"
    salon.save()
    make_session(salon)
    link = '<a href="tel:+81110000000" class="tel">011-000-0000</a>'
    for url in (f"/salons/{salon.pk}/", "/salons/"):
        html = visitor.get(url).content.decode()
        assert "ひだまりの会 " + link + "（平日）" in html, url
    # On English pages the Japanese text around the number is marked lang="ja".
    for url in (f"/en/salons/{salon.pk}/", "/en/salons/"):
        html = visitor.get(url).content.decode()
        marked = '<span lang="ja">ひだまりの会 </span>' + link + '<span lang="ja">（平日）</span>'
        assert marked in html, url


def test_a_contact_without_a_number_is_shown_as_written(visitor, organiser, municipality):
    salon = make_salon(organiser, municipality)
    salon.contact = "hidamari@example.jp <まで>"
    salon.save()
    html = visitor.get(f"/salons/{salon.pk}/").content.decode()
    assert "hidamari@example.jp &lt;まで&gt;" in html
    assert 'href="tel:' not in html
    html = visitor.get(f"/en/salons/{salon.pk}/").content.decode()
    assert 'hidamari@example.jp<span lang="ja"> &lt;まで&gt;</span>' in html
    assert 'href="tel:' not in html
