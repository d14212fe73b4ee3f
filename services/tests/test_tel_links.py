"""Every services page that shows a phone number makes it a tel: link."""

import pytest

pytestmark = pytest.mark.django_db

TEL = '<a href="tel:+81162000000" class="tel">0162-00-0000</a>'


@pytest.fixture
def window(make_service):
    return make_service(
        name_ja="稚内市 地域包括支援センター（架空）",
        scope="municipal",
        municipalities=["012149"],
        phone="0162-00-0000",
        contact_ja="平日 8:45〜17:30 代表 0162-00-0000",
    )


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_services_list_links_the_phone(visitor, window, prefix):
    html = visitor.get(f"{prefix}/services/", {"municipality": "012149"}).content.decode()
    assert TEL in html


def test_service_detail_links_the_phone_and_numbers_in_the_contact(visitor, window):
    html = visitor.get(window.get_absolute_url()).content.decode()
    assert html.count('href="tel:+81162000000"') == 2
    assert "平日 8:45〜17:30 代表 " + TEL in html


def test_guidance_result_links_the_phone_of_a_suggested_window(visitor, window):
    html = visitor.post(
        "/services/guide/",
        {
            "recipient": "parent",
            "needs": ["dementia"],
            "service_use": "none",
            "municipality": "012149",
        },
    ).content.decode()
    assert "稚内市 地域包括支援センター（架空）" in html
    assert TEL in html
