"""The MHLW care-service provider open-data file format: its columns and one row parsed."""

import hashlib
import re

from django.utils.translation import gettext as _

from . import kaigo_types
from .opendata import (
    BadRow,
    parse_float,
    row_hash,
)

FORMAT_NAME = "介護サービス情報公表システム オープンデータ"
CODE = "都道府県コード又は市町村コード"
CODE_ALIASES = ("都道府県コード又は市区町村コード",)
NAME, KANA, TYPE = "事業所名", "事業所名カナ", "サービスの種類"
ADDRESS, ADDRESS2 = "住所", "方書（ビル名等）"
LAT, LNG, PHONE, FAX = "緯度", "経度", "電話番号", "FAX番号"
CORP_NUMBER, CORP_NAME, OFFICE = "法人番号", "法人の名称", "事業所番号"
DAYS, DAYS_NOTE, CAPACITY, URL = "利用可能曜日", "利用可能曜日特記事項", "定員", "URL"
SHARED = "高齢者の方と障害者の方が同時一体的に利用できるサービス"
LTC_STANDARD = "介護保険の通常の指定基準を満たしている"
DISABILITY_STANDARD = "障害福祉の通常の指定基準を満たしている"
REMARKS = "備考"


COLUMNS = (
    CODE, "No", "都道府県名", "市区町村名", NAME, KANA, TYPE, ADDRESS, ADDRESS2, LAT, LNG,
    PHONE, FAX, CORP_NUMBER, CORP_NAME, OFFICE, DAYS, DAYS_NOTE, CAPACITY, URL, SHARED,
    LTC_STANDARD, DISABILITY_STANDARD, REMARKS,
)  # fmt: skip


REQUIRED = (NAME, TYPE, ADDRESS, OFFICE)
URL_RE = re.compile(r"^https?://\S+$")


def _type_for(name: str, file_name: str) -> kaigo_types.ServiceType:
    known = kaigo_types.BY_NAME.get(name)
    if known:
        return known
    match = re.search(r"jigyosho_(\w+)\.csv$", file_name or "")
    code = match.group(1) if match else "x" + hashlib.md5(name.encode()).hexdigest()[:6]
    return kaigo_types.ServiceType(code, name, "", "", ("long_term_care",))


def _capacity(value):
    value = value.replace(",", "")
    if not value:
        return None
    number = int(float(value))
    return number if number > 0 else None  # 0 means "not applicable"


def _parse(number, row, places, file_name):
    """(record dict, None) or (None, BadRow)."""
    office = row.get(OFFICE, "").replace("-", "")
    code = row.get(CODE) or next((row[a] for a in CODE_ALIASES if row.get(a)), "")
    if not (len(office) == 10 and office.isdigit()):
        return None, BadRow(number, _("事業所番号 must be 10 digits"), office)
    name = row.get(NAME, "")
    if not name:
        return None, BadRow(number, _("事業所名 is empty"), office)
    if not row.get(TYPE):
        return None, BadRow(number, _("サービスの種類 is empty"), office)
    municipality, reason = places.resolve(code)
    if municipality is None:
        return None, BadRow(number, reason, office)
    if municipality.is_prefecture:
        return None, BadRow(
            number,
            _("the code %(code)s is a prefecture, not a municipality") % {"code": code},
            office,
        )
    try:
        lat = parse_float(row.get(LAT, ""), 20, 46)
        lng = parse_float(row.get(LNG, ""), 122, 154)
    except ValueError:
        return None, BadRow(number, _("緯度/経度 are not coordinates in Japan"), office)
    try:
        capacity = _capacity(row.get(CAPACITY, ""))
    except ValueError:
        return None, BadRow(number, _("定員 is not a number"), office)
    stype = _type_for(row[TYPE], file_name)
    corp_number = row.get(CORP_NUMBER, "")
    if corp_number and not (len(corp_number) == 13 and corp_number.isdigit()):
        corp_number = ""  # kept as a name-only organisation
    url = row.get(URL, "")
    record = {
        "line": number,
        "key": f"{office}-{stype.code}",
        "office": office,
        "type": stype,
        "municipality": municipality,
        "name": name[:200],
        "kana": row.get(KANA, "")[:200],
        "address": row.get(ADDRESS, "")[:200],
        "address2": row.get(ADDRESS2, "")[:200],
        "lat": lat,
        "lng": lng,
        "phone": row.get(PHONE, "")[:30],
        "fax": row.get(FAX, "")[:30],
        "corp_number": corp_number,
        "corp_name": row.get(CORP_NAME, "")[:200],
        "days": row.get(DAYS, "")[:100],
        "days_note": row.get(DAYS_NOTE, "")[:300],
        "capacity": capacity,
        "url": url[:200] if URL_RE.match(url) else "",
        "remarks": row.get(REMARKS, ""),
    }
    record["hash"] = row_hash(
        [municipality.code]
        + [record[k] for k in record if k not in ("line", "type", "municipality")]
        + [stype.name_ja]
    )
    return record, None
