import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.db import transaction

from .models import Municipality, is_valid_local_government_code, jis_check_digit

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "jp_local_governments.csv"
FIELDS = (
    "prefecture_code",
    "prefecture",
    "prefecture_kana",
    "name",
    "name_kana",
    "is_prefecture",
    "lat",
    "lng",
)


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line, code, reason)


def _float(value):
    value = (value or "").strip()
    return float(value) if value else None


def load_municipalities(rows) -> LoadResult:
    """Upsert rows of the CSV format (code, prefecture, municipality, kana, lat, lng)."""
    result = LoadResult()
    existing = {m.code: m for m in Municipality.objects.all()}
    to_create, to_update = [], []
    for line, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        if not is_valid_local_government_code(code):
            result.errors.append((line, code, "not a 6-digit code with a valid check digit"))
            continue
        try:
            values = {
                "prefecture_code": code[:2],
                "prefecture": row["prefecture"].strip(),
                "prefecture_kana": (row.get("prefecture_kana") or "").strip(),
                "name": (row.get("municipality") or "").strip(),
                "name_kana": (row.get("municipality_kana") or "").strip(),
                "is_prefecture": not (row.get("municipality") or "").strip(),
                "lat": _float(row.get("lat")),
                "lng": _float(row.get("lng")),
            }
        except (KeyError, ValueError, AttributeError) as exc:
            result.errors.append((line, code, f"malformed row ({type(exc).__name__})"))
            continue
        current = existing.get(code)
        if current is None:
            to_create.append(Municipality(code=code, **values))
        elif any(getattr(current, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(current, k, v)
            to_update.append(current)
        else:
            result.unchanged += 1
    with transaction.atomic():
        Municipality.objects.bulk_create(to_create, batch_size=1000)
        Municipality.objects.bulk_update(to_update, FIELDS, batch_size=1000)
    result.created, result.updated = len(to_create), len(to_update)
    return result


def ensure_municipalities_loaded() -> None:
    """Load the bundled list if the table is empty (tests, first run)."""
    if not Municipality.objects.exists():
        with FIXTURE.open(encoding="utf-8", newline="") as fh:
            load_municipalities(csv.DictReader(fh))


@lru_cache(maxsize=1)
def _bundled_municipalities() -> dict:
    """code → name of every municipality in the bundled list (no prefectures)."""
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        return {
            row["code"]: row["municipality"].strip()
            for row in csv.DictReader(fh)
            if (row.get("municipality") or "").strip()
        }


@lru_cache(maxsize=4096)  # importers call it for every ward row
def city_code_for(code) -> str | None:
    """The municipality a local government code stands for, or None.

    National data often codes places by the wards (行政区) of the designated
    cities (政令指定都市), which are not municipalities: 札幌市中央区 011011 is
    札幌市 011002 here. A ward's code lies between its city's code (XX1N0) and
    the next city's, so it maps to the nearest designated city at or below it
    in its prefecture. Tokyo's 23 special wards (特別区, 131016–131237) are
    municipalities and map to themselves, like every other municipality.
    Five-digit codes (without the check digit, as spreadsheets and some
    national files write them) are accepted. A prefecture's code, an unknown
    code or a wrong check digit gives None.
    """
    code = str(code or "").strip()
    if len(code) == 5 and code.isdigit():
        code += str(jis_check_digit(code))
    if not is_valid_local_government_code(code):
        return None
    known = _bundled_municipalities()
    if code in known:
        return code
    number = int(code[2:5])
    if not 100 < number < 200:
        return None
    cities = [
        c
        for c, name in known.items()
        if c[:2] == code[:2] and 100 <= int(c[2:5]) <= number and name.endswith("市")
    ]
    return max(cities) if cities else None
