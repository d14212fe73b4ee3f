"""Readings (カナ) and the CP932 replacement of characters CP932 lacks."""

from opendata.kana import reading
from opendata.writers import csv_chunks, to_cp932


def test_readings_are_katakana():
    assert reading("札幌市地域包括支援センター") == "サッポロシチイキホウカツシエンセンター"
    assert reading("ケアラーズカフェ ひだまり（デモ）") == "ケアラーズカフェ\u3000ヒダマリデモ"
    assert reading("訪問介護No.3") == "ホウモンカイゴＮｏ３"
    assert reading("") == ""


def test_cp932_replaces_what_it_cannot_hold_in_the_documented_way():
    assert to_cp932("〜−—‖").decode("cp932") == "～－―∥"
    assert to_cp932("𠮷野家😀").decode("cp932") == "〓野家〓"
    assert to_cp932("介護サービス").decode("cp932") == "介護サービス"


def test_csv_chunks_stream_in_pieces_with_numbered_rows():
    rows = ({"名称": f"施設{i}", "緯度": 43.123456789} for i in range(5000))
    chunks = list(csv_chunks(("NO", "名称", "緯度"), rows))
    assert len(chunks) > 1
    text = b"".join(chunks).decode("utf-8")
    assert text.startswith("\ufeffNO,名称,緯度\r\n1,施設0,43.1234568\r\n")
    assert text.endswith("5000,施設4999,43.1234568\r\n")
