"""The published datasets: what each file holds and where its rows come from.

Rows are read from the other apps only through their ``api.py`` open-data
functions, which return plain dicts of public facts. Every row builder is a
generator over a server-side cursor, so a file never sits whole in memory.

Files are written in Japanese (the standard's language) whatever the page
language; ``Area`` is the prefecture (the whole catalogue) or one municipality.
"""

import hashlib
import heapq
import logging
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dtime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from advisors import api as advisors_api
from carers.models import Municipality
from portal import api as portal_api
from salons import api as salons_api
from services import api as services_api

from . import columns as C
from .kana import reading

logger = logging.getLogger(__name__)
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"
LICENCE_URL_EN = "https://creativecommons.org/licenses/by/4.0/"
CATEGORY = "社会保障・衛生"
FREQUENCY = "随時"
# The day the files were first published (登録日 of the catalogue).
REGISTERED_ON = date(2026, 11, 29)
EVENTS_AHEAD = timedelta(days=365)
# Counts of 1 to 4 are not published (they could point to a person).
THRESHOLD = 5
SUPPRESSED = "<5"
ONLINE_PLACE = "オンライン"
CANCELLED = "中止"
# Bump when the layout of the files changes, so cached copies are replaced.
FORMAT_VERSION = "1"


@dataclass(frozen=True)
class Area:
    code: str
    prefecture: str
    name: str  # "" for the prefecture
    name_kana: str = ""

    @property
    def is_prefecture(self):
        return not self.name

    @property
    def filter_code(self):
        """The municipality code rows are filtered on; None for everything."""
        return None if self.is_prefecture else self.code

    @property
    def full_name(self):
        return self.prefecture + self.name


def prefecture_area() -> Area:
    pref = Municipality.objects.get(
        is_prefecture=True, prefecture_code=settings.PORTAL_PREFECTURE_CODE
    )
    return Area(pref.code, pref.prefecture, "", pref.prefecture_kana)


def areas() -> list[Area]:
    """The prefecture first, then its municipalities by code."""
    rows = Municipality.objects.in_portal_prefecture().values_list(
        "code", "prefecture", "name", "name_kana"
    )
    return [prefecture_area(), *(Area(*row) for row in rows)]


def area_for(code: str) -> Area | None:
    return next((a for a in areas() if a.code == code), None)


class Places:
    """Names of every local government, for the four leading columns (1,741
    rows: small enough to hold, and one query per file)."""

    def __init__(self):
        self.by_code = {
            code: (pref, name)
            for code, pref, name in Municipality.objects.values_list("code", "prefecture", "name")
        }
        self.prefecture = prefecture_area()

    def common(self, code) -> dict:
        """The four leading columns (NO is numbered by the writer)."""
        if not code or code not in self.by_code:
            code = self.prefecture.code
        pref, name = self.by_code[code]
        return {
            "都道府県コード又は市区町村コード": code,
            "都道府県名": pref,
            "市区町村名": name,
        }

    def address(self, code, text) -> str:
        """A full address: prefecture and municipality prefixed when the
        stored text starts below them ("中央区北1条西2丁目" → "北海道札幌市中央区…")."""
        text = (text or "").strip()
        if not text:
            return ""
        pref, name = self.by_code.get(code or "", (self.prefecture.prefecture, ""))
        if text.startswith(pref):
            return text
        if name and not text.startswith(name):
            text = name + text
        return pref + text


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _one_line(text) -> str:
    return " ".join((text or "").split())


def _join(*parts) -> str:
    """Sentences joined with 。 (none doubled)."""
    texts = [p for p in (_one_line(x) for x in parts) if p]
    return "".join(
        t if t.endswith(("。", ".", "．")) or i == len(texts) - 1 else t + "。"
        for i, t in enumerate(texts)
    )


# --- イベント一覧 ---------------------------------------------------------------------------------


def event_rows(area: Area) -> Iterator[dict]:
    """Salon sessions (and published public events such as an advisor-led
    symposium) from today to 12 months ahead. Cancelled sessions stay
    listed with 備考 "中止" until their date has passed (people who noted the
    date learn it will not take place). Online sessions: 場所名称 "オンライン",
    住所 empty, and never the meeting link."""
    places = Places()
    start = timezone.make_aware(datetime.combine(timezone.localdate(), dtime.min))
    for s in salons_api.opendata_sessions(
        start=start, end=start + EVENTS_AHEAD, municipality_code=area.filter_code
    ):
        code = s["municipality_code"]
        starts, ends = timezone.localtime(s["starts_at"]), timezone.localtime(s["ends_at"])
        online = s["is_online"]
        venue = _one_line(s["venue_address"])
        common = places.common(code)
        remarks = [CANCELLED] if s["cancelled"] else []
        if online:
            remarks.append("参加方法は申込者にのみ案内します")
        remarks.append(_one_line(s["note"]))
        yield {
            **common,
            "イベント名": s["salon_name"],
            "イベント名_カナ": reading(s["salon_name"]),
            "開始日": starts.date().isoformat(),
            "終了日": ends.date().isoformat(),
            "開始時間": starts.strftime("%H:%M"),
            "終了時間": ends.strftime("%H:%M"),
            "説明": _one_line(s["description"]) or s["salon_name"],  # a required column
            "料金(基本)": _one_line(s["fee"]) or "無料",
            "連絡先名称": s["organising_body"],
            "主催者": s["organising_body"],
            "場所名称": ONLINE_PLACE if online else (venue or common["市区町村名"]),
            "住所": ""
            if online
            else places.address(code, venue or common["市区町村名"] or common["都道府県名"]),
            "アクセス方法": "" if online else _one_line(s["venue_access"]),
            "定員": s["capacity"],
            "参加申込方法": "URLのページで確認"
            if s.get("is_public_event")
            else "URLのページから申し込み",
            "URL": absolute(s["path"]),
            "備考": _join(*remarks),
        }


def event_version(area: Area):
    return salons_api.opendata_version(municipality_code=area.filter_code)


# --- 介護サービス事業所一覧 -------------------------------------------------------------------------


def _attribution(row) -> str:
    """Imported entries keep the source they came from (e.g. the MHLW open data)."""
    source = _one_line(row.get("attribution") or row.get("source"))
    return f"出典：{source}" if source else ""


def _building(row) -> str:
    """方書: the building as recorded (imported data), else the location's own
    name when it adds to the service name and address."""
    if row.get("address_line2"):
        return _one_line(row["address_line2"])
    name = _one_line(row.get("location_name"))
    if not name or name == row["name"] or name in (row.get("address") or ""):
        return ""
    return name


def care_service_rows(area: Area) -> Iterator[dict]:
    """Offices of the services catalogue. Entries without a telephone number
    (a required column) are left out; they stay on the portal's pages."""
    places = Places()
    for row in services_api.opendata_providers(municipality_code=area.filter_code):
        if not row.get("phone"):
            continue
        code = row["municipality_code"]
        yield {
            **places.common(code),
            "介護サービス事業所名称": row["name"],
            "介護サービス事業所名称_カナ": row.get("name_kana") or reading(row["name"]),
            "実施サービス": row.get("service_type") or ";".join(row["categories"]),
            "住所": places.address(code, row["address"]),
            "方書": _building(row),
            "緯度": row["latitude"],
            "経度": row["longitude"],
            "電話番号": row["phone"],
            "FAX番号": row.get("fax", ""),
            "法人番号": row.get("corporate_number", ""),
            "法人の名称": row["organization"],
            "事業所番号": row.get("office_number", ""),
            "利用可能曜日": row.get("days", ""),
            "定員": row.get("capacity"),
            "URL": row["url"] or absolute(row["path"]),
            "備考": _join(row["summary"], _attribution(row)),
        }


def services_version(area: Area):
    return services_api.opendata_version(municipality_code=area.filter_code)


# --- 公共施設一覧 -----------------------------------------------------------------------------------


def _window_row(places, row) -> dict:
    code = row["municipality_code"]
    return {
        **places.common(code),
        "名称": row["name"],
        "名称_カナ": row.get("name_kana") or reading(row["name"]),
        "住所": places.address(code, row["address"]),
        "方書": _building(row),
        "緯度": row["latitude"],
        "経度": row["longitude"],
        "電話番号": row["phone"],
        "団体名": row["organization"],
        "説明": _one_line(row["summary"]),
        "URL": row["url"] or absolute(row["path"]),
        "備考": _join("相談窓口", _attribution(row)),
    }


def _venue_row(places, row) -> dict:
    code = row["municipality_code"]
    return {
        **places.common(code),
        "名称": row["name"],
        "名称_カナ": reading(row["name"]),
        "住所": places.address(code, row["venue_address"]),
        "団体名": row["organising_body"],
        "利用可能日時特記事項": "開催日時はイベント一覧を参照",
        "説明": _one_line(row["description"]),
        "バリアフリー情報": ";".join(
            p.strip() for p in row["barrier_free_notes"].replace("、", ";").split(";") if p.strip()
        ),
        "URL": absolute(row["path"]),
        "備考": _join("ケアラーサロン・カフェの会場", row["venue_access"]),
    }


def facility_rows(area: Area) -> Iterator[dict]:
    """Support desks and salon venues, merged by municipality code
    (both sources arrive sorted by it, so the merge streams)."""
    places = Places()
    windows = (
        _window_row(places, r)
        for r in services_api.opendata_windows(municipality_code=area.filter_code)
    )
    venues = (
        _venue_row(places, r)
        for r in salons_api.opendata_venues(municipality_code=area.filter_code)
    )
    yield from heapq.merge(windows, venues, key=lambda r: r["都道府県コード又は市区町村コード"])


def facility_version(area: Area):
    return (
        services_api.opendata_version(municipality_code=area.filter_code),
        salons_api.opendata_version(municipality_code=area.filter_code),
    )


# --- Figures ------------------------------------------------------------------------------------


def protect(values: list[int], total: int) -> tuple[list, object]:
    """Suppress counts of 1–4 ("<5"). When exactly one municipality's count
    is hidden and the total is shown, the smallest other non-zero count is
    hidden too (or else the total), so no hidden count can be worked out by
    subtraction. Zero is published as 0."""
    hidden = [0 < v < THRESHOLD for v in values]
    hide_total = 0 < total < THRESHOLD
    if sum(hidden) == 1 and not hide_total:
        others = [i for i, v in enumerate(values) if v > 0 and not hidden[i]]
        if others:
            hidden[min(others, key=lambda i: values[i])] = True
        else:
            hide_total = True
    shown = [SUPPRESSED if h else v for h, v in zip(hidden, values, strict=True)]
    return shown, SUPPRESSED if hide_total else total


def _figure_table(rows, period, counts, area, note=None) -> list[dict]:
    """Rows (dicts with municipality_code, the ``period`` keys and ``counts``)
    with a prefecture total per period, counts protected. Columns keyed by the
    Japanese names in ``period`` and ``counts`` ({key: column})."""
    places = Places()
    groups = defaultdict(list)
    for row in rows:
        groups[tuple(row[k] for k in period)].append(row)
    out = []
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda r: r["municipality_code"] or "")
        protected = {}
        for field in counts:
            values = [r[field] for r in members]
            protected[field] = protect(values, sum(values))
        base = {period[k]: v for k, v in zip(period, key, strict=True)}
        if area.is_prefecture:
            out.append(
                {
                    **places.common(None),
                    **base,
                    **{counts[f]: protected[f][1] for f in counts},
                    "備考": "合計",
                }
            )
        for i, row in enumerate(members):
            code = row["municipality_code"]
            if area.filter_code and code != area.filter_code:
                continue
            out.append(
                {
                    **places.common(code),
                    **base,
                    **{counts[f]: protected[f][0][i] for f in counts},
                    "備考": note(row) if note else "",
                }
            )
    return out


def dispatch_rows(area: Area) -> list[dict]:
    """Completed advisor dispatches by fiscal year and menu item."""
    with translation.override("ja"):
        labels = {value: str(label) for value, label in advisors_api.dispatch_menu_items()}
    rows = advisors_api.dispatch_figures()
    for row in rows:
        row["menu"] = labels.get(row["menu_item"], row["menu_item"])
    return _figure_table(
        rows, {"fiscal_year": "年度", "menu": "支援メニュー"}, {"count": "派遣件数"}, area
    )


def salon_figure_rows(area: Area) -> list[dict]:
    """Salons that met and sessions held (not cancelled) by fiscal year."""
    return _figure_table(
        salons_api.opendata_figures(),
        {"fiscal_year": "年度"},
        {"salons": "開催サロン数", "sessions": "開催回数"},
        area,
        note=lambda r: "" if r["municipality_code"] else "市町村を限らないオンラインサロン",
    )


def selfcheck_rows(area: Area) -> list[dict]:
    """Opt-in anonymous self-checks by month."""
    rows = portal_api.selfcheck_monthly()
    for row in rows:
        row["ym"] = row["month"].strftime("%Y-%m")
    return _figure_table(rows, {"ym": "年月"}, {"checks": "実施件数"}, area)


# --- The registry -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    key: str
    name: str  # the standard's Japanese name, used in files
    title: object  # lazy, for the page
    description: object  # lazy
    columns: tuple
    required: tuple
    rows: Callable[[Area], Iterator[dict]]
    # (latest change, counts…) from cheap aggregate queries; None: the rows
    # are small aggregates, hashed instead.
    version: Callable | None = None
    standard: bool = True

    def description_ja(self) -> str:
        with translation.override("ja"):
            return str(self.description)


DATASETS = [
    Dataset(
        "events",
        "イベント一覧",
        _("Events: salon and café sessions"),
        _(
            "Carer salon and café sessions from today to twelve months ahead. Online "
            "sessions have the place name オンライン and no address; cancelled sessions "
            "stay listed with 中止 in the remarks until their date."
        ),
        C.EVENTS,
        C.EVENTS_REQUIRED,
        event_rows,
        event_version,
    ),
    Dataset(
        "care_services",
        "介護サービス事業所一覧",
        _("Care service providers"),
        _(
            "Offices of the services catalogue with an address and a telephone number. "
            "Entries imported from other publishers name their source in the remarks."
        ),
        C.CARE_SERVICES,
        C.CARE_SERVICES_REQUIRED,
        care_service_rows,
        services_version,
    ),
    Dataset(
        "facilities",
        "公共施設一覧",
        _("Public facilities: support desks and salon venues"),
        _("Support desks for carers and the venues where salons and cafés meet."),
        C.FACILITIES,
        C.FACILITIES_REQUIRED,
        facility_rows,
        facility_version,
    ),
    Dataset(
        "dispatches",
        "アドバイザー派遣件数",
        _("Figures: advisor dispatches"),
        _(
            "Completed advisor dispatches per municipality, fiscal year and menu item "
            "(a dispatch with several menu items counts under each)."
        ),
        C.DISPATCHES,
        C.DISPATCHES_REQUIRED,
        dispatch_rows,
        standard=False,
    ),
    Dataset(
        "salon_figures",
        "ケアラーサロン開催状況",
        _("Figures: salons and sessions held"),
        _("Salons that met and sessions held (not cancelled) per municipality and fiscal year."),
        C.SALON_FIGURES,
        C.SALON_FIGURES_REQUIRED,
        salon_figure_rows,
        standard=False,
    ),
    Dataset(
        "selfchecks",
        "セルフチェック実施件数",
        _("Figures: self-checks completed"),
        _(
            "Self-checks completed per municipality and month, counted only when the "
            "person agreed to be counted anonymously."
        ),
        C.SELFCHECKS,
        C.SELFCHECKS_REQUIRED,
        selfcheck_rows,
        standard=False,
    ),
]


def catalogue_rows(area: Area) -> Iterator[dict]:
    """オープンデータ一覧: one row per dataset and area (the prefecture's file
    lists every municipality's files too)."""
    places = Places()
    targets = areas() if area.is_prefecture else [area]
    updated = {d.key: state(d, prefecture_area(), "csv").last_modified for d in DATASETS}
    for target in targets:
        for d in [*DATASETS, CATALOGUE]:
            modified = updated.get(d.key) or timezone.now()
            yield {
                **places.common(target.code),
                "データ名称": d.name,
                "データ概要": d.description_ja(),
                "データ形式": "CSV",
                "分類": CATEGORY,
                "更新頻度": FREQUENCY,
                "URL": absolute(file_path(target.code, d.key, "csv")),
                "API対応有無": "無",
                "ライセンス": LICENCE,
                "登録日": REGISTERED_ON.isoformat(),
                "最終更新日": timezone.localtime(modified).date().isoformat(),
                "備考": "CP932版：{} JSON版：{}".format(
                    absolute(file_path(target.code, d.key, "cp932")),
                    absolute(file_path(target.code, d.key, "json")),
                ),
            }


def catalogue_version(area: Area):
    return tuple((d.key, state(d, prefecture_area(), "csv").etag) for d in DATASETS), len(areas())


CATALOGUE = Dataset(
    "catalog",
    "オープンデータ一覧",
    _("Open data catalogue"),
    _("The list of these datasets and their files, in the recommended catalogue format."),
    C.CATALOGUE,
    C.CATALOGUE_REQUIRED,
    catalogue_rows,
    catalogue_version,
)
ALL = {d.key: d for d in [*DATASETS, CATALOGUE]}

# File name endings: <key>.csv (UTF-8 with BOM), <key>-cp932.csv, <key>.json.
FORMATS = {
    "csv": (".csv", "text/csv; charset=utf-8"),
    "cp932": ("-cp932.csv", "text/csv; charset=Windows-31J"),
    "json": (".json", "application/json"),
}


def file_path(code: str, key: str, fmt: str) -> str:
    """Language-neutral path of a file (the files are Japanese in any case)."""
    return f"/opendata/{code}/{key}{FORMATS[fmt][0]}"


def parse_filename(filename: str):
    """'events-cp932.csv' -> ('events', 'cp932'); None when not a file we publish."""
    for fmt, (ending, _type) in sorted(FORMATS.items(), key=lambda f: -len(f[1][0])):
        if filename.endswith(ending):
            key = filename[: -len(ending)]
            return (key, fmt) if key in ALL else None
    return None


@dataclass(frozen=True)
class State:
    etag: str
    last_modified: datetime
    rows: list | None = None  # the computed rows of a small (hashed) dataset


def state(dataset: Dataset, area: Area, fmt: str) -> State:
    """ETag and Last-Modified of a file without building it (aggregate queries
    only), or for small figure tables from their computed rows. The date takes
    part: what is shown depends on today (the 12-month window, visibility)."""
    today = timezone.localdate()
    midnight = timezone.make_aware(datetime.combine(today, dtime.min))
    rows = None
    if dataset.version is not None:
        version = dataset.version(area)
        latest = [v for v in _flatten(version) if isinstance(v, datetime)]
        last_modified = max([midnight, *latest])
    else:
        rows = dataset.rows(area)
        version = rows
    # Small tables are hashed whole; others by their version and the date.
    day = today if dataset.version is not None else None
    digest = hashlib.sha256(
        repr((FORMAT_VERSION, dataset.key, area.code, fmt, day, version)).encode()
    ).hexdigest()[:32]
    if dataset.version is None:
        # When this content was first seen; kept while the content is the same.
        first_seen = cached(
            lambda: cache.get_or_set(f"opendata:seen:{digest}", timezone.now(), 90 * 86400)
        )
        last_modified = first_seen or midnight
    return State(digest, last_modified.replace(microsecond=0), rows)


def cached(call):
    """The cache's answer, or None when the cache (Redis) is unavailable: the
    files are then built every time, never refused."""
    try:
        return call()
    except Exception:
        logger.warning("open data: cache unavailable", exc_info=True)
        return None


def _flatten(value):
    if isinstance(value, tuple | list):
        for v in value:
            yield from _flatten(v)
    else:
        yield value
