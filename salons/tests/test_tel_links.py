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
    for url in (salon.get_absolute_url(), "/salons/", "/en/salons/"):
        html = visitor.get(url).content.decode()
        assert "ひだまりの会 " + link + "（平日）" in html, url


def test_a_contact_without_a_number_is_shown_as_written(visitor, organiser, municipality):
    salon = make_salon(organiser, municipality)
    salon.contact = "hidamari@example.jp <まで>"
    salon.save()
    html = visitor.get(salon.get_absolute_url()).content.decode()
    assert "hidamari@example.jp &lt;まで&gt;" in html
    assert 'href="tel:' not in html
