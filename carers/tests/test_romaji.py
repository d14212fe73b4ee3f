import pytest

from carers.models import Municipality
from carers.romaji import katakana_to_romaji, municipality_romaji, prefecture_romaji


@pytest.mark.parametrize(
    ("name", "kana", "expected"),
    [
        ("札幌市", "サッポロシ", "Sapporo-shi"),
        ("函館市", "ハコダテシ", "Hakodate-shi"),
        ("夕張市", "ユウバリシ", "Yubari-shi"),
        ("ニセコ町", "ニセコチョウ", "Niseko-cho"),
        ("新篠津村", "シンシノツムラ", "Shinshinotsu-mura"),
        ("千代田区", "チヨダク", "Chiyoda-ku"),
        ("音威子府村", "オトイネップムラ", "Otoineppu-mura"),
        ("中央区", "チュウオウク", "Chuo-ku"),
        ("留萌市", "ルモイシ", "Rumoi-shi"),
    ],
)
def test_municipality_names(name, kana, expected):
    assert municipality_romaji(name, kana) == expected


@pytest.mark.parametrize(
    ("name", "kana", "expected"),
    [
        ("北海道", "ホッカイドウ", "Hokkaido"),
        ("東京都", "トウキョウト", "Tokyo"),
        ("大阪府", "オオサカフ", "Osaka"),
        ("青森県", "アオモリケン", "Aomori"),
    ],
)
def test_prefecture_names(name, kana, expected):
    assert prefecture_romaji(name, kana) == expected


def test_syllabic_n_and_small_tsu():
    assert katakana_to_romaji("シンイチ") == "shinichi"
    assert katakana_to_romaji("マッチャ") == "matcha"


@pytest.mark.django_db
def test_municipality_str_follows_the_language():
    from django.utils import translation

    sapporo = Municipality.objects.get(code="011002")
    with translation.override("ja"):
        assert str(sapporo) == "札幌市"
    with translation.override("en"):
        assert str(sapporo) == "Sapporo-shi"
        assert Municipality.objects.get(code="010006").localized_full_name == "Hokkaido"
        assert sapporo.localized_full_name == "Sapporo-shi, Hokkaido"
