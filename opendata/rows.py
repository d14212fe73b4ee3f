"""Row builders of the published files: events, care services, facilities and suppressed figures."""

import heapq
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta
from datetime import time as dtime

from django.conf import settings
from django.utils import timezone, translation

from advisors import api as advisors_api
from portal import api as portal_api
from salons import api as salons_api
from services import api as services_api

from .areas import Area, Places
from .kana import reading

EVENTS_AHEAD = timedelta(days=365)


# Counts of 1 to 4 are not published (they could point to a person).
THRESHOLD = 5
SUPPRESSED = "<5"
ONLINE_PLACE = "オンライン"
CANCELLED = "中止"


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
