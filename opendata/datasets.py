"""The published datasets: what each file holds and where its rows come from.

Rows are read from the other apps only through their ``api.py`` open-data
functions, which return plain dicts of public facts. Every row builder is a
generator over a server-side cursor, so a file never sits whole in memory.

Files are written in Japanese (the standard's language) whatever the page
language; ``Area`` is the prefecture (the whole catalogue) or one municipality.
"""

import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as dtime

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from . import columns as C
from .areas import (  # noqa: F401 (public as datasets.*)
    Area,
    Places,
    area_for,
    areas,
    prefecture_area,
)
from .rows import (  # noqa: F401 (public as datasets.*)
    CANCELLED,
    EVENTS_AHEAD,
    ONLINE_PLACE,
    SUPPRESSED,
    THRESHOLD,
    _attribution,
    _building,
    _figure_table,
    _join,
    _one_line,
    _venue_row,
    _window_row,
    absolute,
    care_service_rows,
    dispatch_rows,
    event_rows,
    event_version,
    facility_rows,
    facility_version,
    protect,
    salon_figure_rows,
    selfcheck_rows,
    services_version,
)

logger = logging.getLogger(__name__)
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"
LICENCE_URL_EN = "https://creativecommons.org/licenses/by/4.0/"
CATEGORY = "社会保障・衛生"
FREQUENCY = "随時"


# The day the files were first published (登録日 of the catalogue).
REGISTERED_ON = date(2026, 11, 29)


# Bump when the layout of the files changes, so cached copies are replaced.
FORMAT_VERSION = "1"


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
