"""Independent checks of the published files: the recommended-dataset column
lists are written out here from the Digital Agency's format (not imported from
the app), so a change to the app's lists that breaks the standard fails."""

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from carers.models import Municipality, is_valid_local_government_code

COMMON = "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名"
STANDARD = {
    "events": (
        COMMON + ",イベント名,イベント名_カナ,イベント名_英語,開始日,終了日,開始時間,終了時間,"
        "開始日時特記事項,説明,料金(基本),料金(詳細),連絡先名称,連絡先電話番号,連絡先内線番号,主催者,"
        "場所名称,住所,方書,緯度,経度,アクセス方法,駐車場情報,定員,参加申込終了日,参加申込終了時間,"
        "参加申込方法,URL,備考",
        "イベント名,イベント名_カナ,開始日,終了日,開始時間,終了時間,説明,場所名称,住所",
    ),
    "care_services": (
        COMMON
        + ",介護サービス事業所名称,介護サービス事業所名称_カナ,実施サービス,住所,方書,緯度,経度,"
        "電話番号,内線番号,FAX番号,法人番号,法人の名称,事業所番号,利用可能曜日,利用可能曜日特記事項,"
        "定員,URL,備考",
        "介護サービス事業所名称,介護サービス事業所名称_カナ,実施サービス,住所,電話番号",
    ),
    "facilities": (
        COMMON
        + ",名称,名称_カナ,名称_通称,POIコード,住所,方書,緯度,経度,電話番号,内線番号,法人番号,"
        "団体名,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,説明,バリアフリー情報,URL,備考",
        "名称,名称_カナ,住所",
    ),
    "catalog": (
        COMMON
        + ",データ名称,データ概要,データ形式,分類,更新頻度,URL,API対応有無,ライセンス,登録日,"
        "最終更新日,備考",
        "データ名称,データ形式,分類,URL,ライセンス",
    ),
    # The figure files are not in the standard: their documented column lists.
    "dispatches": (COMMON + ",年度,支援メニュー,派遣件数,備考", "年度,支援メニュー,派遣件数"),
    "salon_figures": (COMMON + ",年度,開催サロン数,開催回数,備考", "年度,開催サロン数,開催回数"),
    "selfchecks": (COMMON + ",年月,実施件数,備考", "年月,実施件数"),
}
DATE_COLUMNS = {"開始日", "終了日", "参加申込終了日", "登録日", "最終更新日"}
TIME_COLUMNS = {"開始時間", "終了時間", "参加申込終了時間"}
COUNT_COLUMNS = {"派遣件数", "開催サロン数", "開催回数", "実施件数"}
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc\u3000\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+$")
SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def decode(body: bytes, encoding: str) -> str:
    if encoding == "cp932":
        assert not body.startswith(b"\xef\xbb\xbf"), "the CP932 file has a UTF-8 BOM"
        return body.decode("cp932")
    assert body.startswith(b"\xef\xbb\xbf"), "the UTF-8 file has no BOM"
    return body.decode("utf-8")[1:]


def check_csv(key: str, body: bytes, encoding="utf-8") -> list[dict]:
    """Every rule of the format; returns the rows as dicts."""
    text = decode(body, encoding)
    assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "line ends are not CRLF"
    header, required = (s.split(",") for s in STANDARD[key])
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert table[0] == header, f"{key}: header differs from the standard"
    names = dict(Municipality.objects.values_list("code", "name"))
    rows = []
    for number, values in enumerate(table[1:], start=1):
        assert len(values) == len(header), f"{key} row {number}: {len(values)} cells"
        row = dict(zip(header, values, strict=True))
        where = f"{key} row {number}"
        code = row["都道府県コード又は市区町村コード"]
        assert is_valid_local_government_code(code), f"{where}: bad code {code!r}"
        assert row["NO"] == str(number), where
        assert row["都道府県名"] == "北海道", where
        assert row["市区町村名"] == names[code], f"{where}: name does not match the code"
        for column in required:
            if key == "events" and column == "住所" and row["場所名称"] == "オンライン":
                assert row["住所"] == "", f"{where}: an online session has an address"
                continue
            assert row[column].strip(), f"{where}: required {column} is empty"
        for column in DATE_COLUMNS & row.keys():
            if row[column]:
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[column]), f"{where}: {column}"
                date.fromisoformat(row[column])
        for column in TIME_COLUMNS & row.keys():
            if row[column]:
                assert TIME.fullmatch(row[column]), f"{where}: {column} {row[column]!r}"
        if row.get("緯度"):
            assert -90 <= float(row["緯度"]) <= 90 and 20 <= float(row["緯度"]) <= 46, where
        if row.get("経度"):
            assert -180 <= float(row["経度"]) <= 180 and 122 <= float(row["経度"]) <= 154, where
        for column in ("イベント名_カナ", "介護サービス事業所名称_カナ", "名称_カナ"):
            if column in row:
                assert KATAKANA.fullmatch(row[column]), f"{where}: {column} {row[column]!r}"
        if row.get("URL"):
            assert re.fullmatch(r"https?://\S+", row["URL"]), f"{where}: URL"
        for column in COUNT_COLUMNS & row.keys():
            assert re.fullmatch(r"\d+|<5", row[column]), f"{where}: {column} {row[column]!r}"
            assert row[column] not in {"1", "2", "3", "4"}, f"{where}: {column} not suppressed"
        if "年度" in row:
            assert re.fullmatch(r"\d{4}", row["年度"]), where
        if "年月" in row:
            assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", row["年月"]), where
        if key == "catalog":
            assert row["ライセンス"] == "CC BY 4.0" and row["API対応有無"] in ("有", "無"), where
        rows.append(row)
    return rows


def check_json(key: str, body: bytes) -> dict:
    schema = json.loads((SCHEMAS / f"{key}.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    data = json.loads(body.decode("utf-8"))
    errors = sorted(
        Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(data),
        key=lambda e: list(e.path),
    )
    assert not errors, f"{key}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    return data
