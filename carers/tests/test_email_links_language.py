"""Emails are read in the recipient's language: their links, municipality names
and the prefecture's wording too, whoever caused them."""

import pytest
from django.utils import translation

from carers.models import OutboundEmail
from carers.outbox import link_in_language, localise_context, render

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/en/salons/3/", "ja", "/salons/3/"),
        ("/salons/3/", "en", "/en/salons/3/"),
        ("/en/salons/?municipality=011002", "en", "/en/salons/?municipality=011002"),
        ("/advisors/requests/5/", "en", "/en/advisors/requests/5/"),
        ("/no/such/page/", "en", "/no/such/page/"),
    ],
)
def test_links_move_to_the_recipients_language(path, language, expected):
    with translation.override("ja"):
        assert link_in_language(path, language) == expected


def test_context_links_and_municipality_names_follow_the_recipient():
    context = {"salon_url": "/en/salons/3/", "path": "/cases/", "municipality_code": "011002"}
    with translation.override("ja"):
        ja = localise_context(context, "ja")
    with translation.override("en"):
        en = localise_context(context, "en")
    assert ja == {**context, "salon_url": "/salons/3/", "municipality": "札幌市"}
    assert en["salon_url"] == "/en/salons/3/" and en["path"] == "/en/cases/"
    assert en["municipality"] == "Sapporo-shi"


def test_english_readers_get_the_english_value_where_there_is_one():
    context = {"service_name": "介護保険", "service_name_en": "Long-term care insurance"}
    assert localise_context(context, "en")["service_name"] == "Long-term care insurance"
    assert localise_context(context, "ja")["service_name"] == "介護保険"
    empty = {"service_name": "介護保険", "service_name_en": ""}
    assert localise_context(empty, "en")["service_name"] == "介護保険"


@pytest.mark.parametrize(
    ("code", "language", "wording"),
    [
        ("01", "ja", "時間と会場の確定のため、道庁から連絡します。"),
        ("13", "ja", "時間と会場の確定のため、都庁から連絡します。"),
        ("27", "en", "The Osaka Prefectural Government will contact you"),
        ("01", "en", "The Hokkaido Government will contact you"),
    ],
)
def test_advisor_email_names_the_prefectures_government(settings, code, language, wording):
    settings.PORTAL_PREFECTURE_CODE = code
    message = OutboundEmail(
        to_email="staff@example.jp",
        language=language,
        template="advisors/email/approve_municipality",
        context={
            "request_id": 7,
            "municipality": "札幌市",
            "municipality_code": "011002",
            "path": "/advisors/requests/7/",
            "dispatch_date": "2026-12-01",
            "advisor": "助言 太郎",
            "comment": "",
        },
    )
    subject, body = render(message)
    assert wording in body
    assert "県" not in body.replace("都道府県", "") or code not in ("01", "13", "27")
    prefix = "/en" if language == "en" else ""
    assert f"{settings.SITE_URL}{prefix}/advisors/requests/7/" in body
