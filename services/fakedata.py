"""Fictional open-data files for tests, the benchmark and the demo.

``write_kaigo_files`` writes files exactly in the MHLW care-service provider
format (24 columns, one ``jigyosho_<code>.csv`` per service type, UTF-8 with
BOM, CRLF) spread over every municipality of Japan (some rows use the ward
codes of designated cities). ``write_facilities_file`` writes the Digital
Agency 公共施設一覧 format with support desks per municipality.

Every name carries 架空 (fictional); phone numbers start with 000, which no
Japanese number does. Nothing here is a real provider.
"""

import csv
import itertools
import random
from pathlib import Path

from carers.models import jis_check_digit
from carers.municipalities import FIXTURE

from . import kaigo_types
from .kaigo_import import COLUMNS

# 政令指定都市: the generator gives them more entries and writes some of them
# under their wards' own codes (011011 札幌市中央区), as national files do.
DESIGNATED_CITIES = (
    "011002",
    "041009",
    "111007",
    "121002",
    "141003",
    "141305",
    "141500",
    "151009",
    "221007",
    "221309",
    "231002",
    "261009",
    "271004",
    "271403",
    "281000",
    "331007",
    "341002",
    "401005",
    "401307",
    "431001",
)

FACILITY_COLUMNS = (
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称", "名称_カナ",
    "名称_通称", "POIコード", "住所", "方書", "緯度", "経度", "電話番号", "内線番号", "法人番号",
    "団体名", "利用可能曜日", "開始時間", "終了時間", "利用可能日時特記事項", "説明",
    "バリアフリー情報", "URL", "備考",
)  # fmt: skip

_WORDS = (
    ("あおば", "アオバ"), ("さくら", "サクラ"), ("ひまわり", "ヒマワリ"), ("みなみ", "ミナミ"),
    ("きた", "キタ"), ("ひかり", "ヒカリ"), ("なごみ", "ナゴミ"), ("やすらぎ", "ヤスラギ"),
    ("ほほえみ", "ホホエミ"), ("わかば", "ワカバ"), ("こもれび", "コモレビ"), ("つばさ", "ツバサ"),
    ("すずらん", "スズラン"), ("はまなす", "ハマナス"), ("いずみ", "イズミ"), ("もみじ", "モミジ"),
)  # fmt: skip
_SUFFIX = (
    ("ケアセンター", "ケアセンター"),
    ("の家", "ノイエ"),
    ("苑", "エン"),
    ("ステーション", "ステーション"),
)
_CORP_KINDS = (
    ("社会福祉法人", "福祉会"),
    ("株式会社", "ケア"),
    ("医療法人社団", "会"),
    ("合同会社", "ライフ"),
)
_DAYS = ("平日", "平日,土曜日", "平日,土曜日,日曜日,祝日", "平日,土曜日,日曜日")


def municipalities(prefecture_codes=None) -> list:
    """[(code, prefecture, name, lat, lng)] of every municipality (bundled list)."""
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        rows = [
            (r["code"], r["prefecture"], r["municipality"], r["lat"], r["lng"])
            for r in csv.DictReader(fh)
            if r["municipality"]
        ]
    if prefecture_codes:
        rows = [r for r in rows if r[0][:2] in set(prefecture_codes)]
    return rows


def _code(five: int) -> str:
    text = f"{five:05d}"
    return text + str(jis_check_digit(text))


def corporate_number(base12: int) -> str:
    """A 法人番号 with a valid check digit (first digit) for a 12-digit base."""
    digits = f"{base12:012d}"
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(digits)))
    return str(9 - total % 9) + digits


def _point(rng, lat, lng):
    if not lat:
        return "", ""
    return (
        f"{float(lat) + rng.uniform(-0.03, 0.03):.7f}",
        f"{float(lng) + rng.uniform(-0.04, 0.04):.7f}",
    )


def write_kaigo_files(directory, total_rows, seed=0, prefecture_codes=None) -> list[Path]:
    """Write ``total_rows`` fictional rows in the MHLW 24-column format, one
    file per service type; every municipality gets at least one row when
    ``total_rows`` allows. Returns the paths."""
    rng = random.Random(seed)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    places = municipalities(prefecture_codes)
    # Designated cities are the largest markets, then cities and wards, then towns.
    weights = [
        40 if code in DESIGNATED_CITIES else 5 if name.endswith(("市", "区")) else 1
        for code, _p, name, _la, _ln in places
    ]
    cum_places = list(itertools.accumulate(weights))
    types = kaigo_types.SERVICE_TYPES
    cum_types = list(itertools.accumulate(kaigo_types.WEIGHTS[t.code] for t in types))
    rows = {t.code: [] for t in types}
    corporations = []
    for n in range(total_rows):
        if n < len(places) and total_rows >= len(places):
            place = places[n]
        else:
            place = rng.choices(places, cum_weights=cum_places)[0]
        code, prefecture, city, lat, lng = place
        if code in DESIGNATED_CITIES and rng.random() < 0.7:
            code = _code(int(code[:5]) + rng.randint(1, 7))  # a ward of the city
        stype = rng.choices(types, cum_weights=cum_types)[0]
        if not corporations or rng.random() < 0.4:
            kind, tail = rng.choice(_CORP_KINDS)
            word = rng.choice(_WORDS)[0]
            corp_no = corporate_number(rng.randrange(10**11, 10**12)) if rng.random() < 0.85 else ""
            corporations.append((f"{kind}架空{word}{tail}", corp_no))
        corp_name, corp_no = rng.choice(corporations[-50:])
        word, word_kana = rng.choice(_WORDS)
        suffix, suffix_kana = rng.choice(_SUFFIX)
        office = f"{code[:2]}{n:08d}"
        name = f"架空{word}{stype.name_ja.split('（')[0]}{suffix}"
        kana = f"カクウ{word_kana}{suffix_kana}"
        point = _point(rng, lat, lng)
        rows[stype.code].append(
            [
                code, "", prefecture, city, name, kana, stype.name_ja,
                f"{prefecture}{city}架空町{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号",
                rng.choice(("", "", "架空ビル2階", "架空会館1階")), point[0], point[1],
                f"000-{code[:3]}-{n % 10000:04d}", rng.choice(("", f"000-{code[:3]}-{(n + 1) % 10000:04d}")),
                corp_no, corp_name, office, rng.choice(_DAYS), rng.choice(("", "年末年始を除く")),
                str(rng.choice((0, 0, 9, 18, 25, 29, 50))), rng.choice(("", f"https://example.com/kakuu/{n}")),
                rng.choice(("", "○")), "", "", "架空のデータです",
            ]
        )  # fmt: skip
        if stype.code == "110" and rng.random() < 0.3:
            # The same office also runs care management (a second file, same 事業所番号).
            rows["430"].append([*rows["110"][-1][:6], "居宅介護支援", *rows["110"][-1][7:]])
    paths = []
    for stype in types:
        if not rows[stype.code]:
            continue
        path = directory / f"jigyosho_{stype.code}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(COLUMNS)
            for number, row in enumerate(rows[stype.code], start=1):
                row[1] = str(number)
                writer.writerow(row)
        paths.append(path)
    return paths


WINDOW_KINDS = (
    ("地域包括支援センター", "チイキホウカツシエンセンター", "高齢者とその家族の介護・福祉・健康の総合相談窓口（架空）"),
    ("高齢者福祉課 介護相談窓口", "コウレイシャフクシカ カイゴソウダンマドグチ", "介護保険の申請・介護の相談（架空）"),
    ("障害福祉課 相談窓口", "ショウガイフクシカ ソウダンマドグチ", "障害のある方と家族の相談（架空）"),
    ("子ども家庭相談窓口", "コドモカテイソウダンマドグチ", "子育て・ヤングケアラーの相談（架空）"),
)  # fmt: skip


def write_facilities_file(path, municipality_codes, seed=0) -> Path:
    """Support desks of the given municipalities in the 公共施設一覧
    format (a prefecture code writes the prefecture's carer-support window),
    plus one library per municipality, which is not a window (the importer
    skips it)."""
    rng = random.Random(seed)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        known = {r["code"]: r for r in csv.DictReader(fh)}
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(FACILITY_COLUMNS)
        number = 0
        for code in municipality_codes:
            place = known[code]
            city = place["municipality"]
            kinds = (
                [
                    (
                        "ケアラー支援相談窓口",
                        "ケアラーシエンソウダンマドグチ",
                        "ケアラー（介護者）の相談（架空）",
                    )
                ]
                if not city
                else list(WINDOW_KINDS) + [("図書館", "トショカン", "本の貸出（架空）")]
            )
            for name, kana, description in kinds:
                number += 1
                owner = city or place["prefecture"]
                point = _point(rng, place["lat"], place["lng"])
                writer.writerow(
                    [
                        code, number, place["prefecture"], city, f"【架空】{owner}{name}",
                        f"カクウ{kana}", "", "", f"{place['prefecture']}{city}架空町1丁目{number}番",
                        rng.choice(("", "2階")), point[0], point[1],
                        f"000-{code[:3]}-{number % 10000:04d}", "", "", f"{owner}（架空）",
                        "月,火,水,木,金", "08:45", "17:30", "土日祝日・年末年始を除く",
                        description, "車椅子対応;多目的トイレ", "", "架空のデータです",
                    ]
                )  # fmt: skip
    return path
