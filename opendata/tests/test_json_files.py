"""Every JSON file against its JSON Schema (opendata/schemas/), carrying the
licence, and holding the same rows as the CSV file."""

import pytest

from .checks import STANDARD, check_csv, check_json
from .conftest import AREAS


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(STANDARD))
def test_every_json_file_follows_its_schema(world, fetch, key):
    for code in AREAS:
        response, body = fetch(f"/opendata/{code}/{key}.json")
        assert response["Content-Type"] == "application/json"
        data = check_json(key, body)
        assert data["license"] == {
            "name": "CC BY 4.0",
            "url": "https://creativecommons.org/licenses/by/4.0/deed.ja",
        }
        assert data["area"]["code"] == code
        csv_rows = check_csv(key, fetch(f"/opendata/{code}/{key}.csv")[1])
        assert len(data["records"]) == len(csv_rows)
        for record, row in zip(data["records"], csv_rows, strict=True):
            as_text = {
                k: "" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))
                for k, v in record.items()
            }
            assert as_text == {
                k: (f"{float(v):g}" if k in ("緯度", "経度") and v else v) for k, v in row.items()
            }


def test_the_schemas_reject_what_the_format_forbids():
    """The checks can fail: a record with a bad date, an unfilled required
    column, a bad code or an unsuppressed count does not pass."""
    import json

    from jsonschema import Draft202012Validator

    from .checks import SCHEMAS

    events = json.loads((SCHEMAS / "events.json").read_text(encoding="utf-8"))
    record_schema = events["properties"]["records"]["items"]
    good = {c: "" for c in events["properties"]["columns"]["const"]}
    good.update(
        {
            "都道府県コード又は市区町村コード": "011002",
            "NO": 1,
            "都道府県名": "北海道",
            "イベント名": "カフェ",
            "イベント名_カナ": "カフェ",
            "開始日": "2026-12-01",
            "終了日": "2026-12-01",
            "開始時間": "14:00",
            "終了時間": "15:30",
            "説明": "説明",
            "場所名称": "会館",
            "住所": "北海道札幌市",
            "緯度": 43.0,
            "経度": 141.3,
            "定員": None,
        }
    )
    validator = Draft202012Validator(record_schema)
    assert validator.is_valid(good)
    for change in (
        {"開始日": "2026/12/01"},
        {"開始時間": "14:00:00"},
        {"住所": ""},
        {"イベント名_カナ": ""},
        {"緯度": 123.0},
        {"都道府県コード又は市区町村コード": "11002"},
        {"場所名称": "オンライン"},  # an online session has no address
    ):
        assert not validator.is_valid({**good, **change}), change
    assert validator.is_valid({**good, "場所名称": "オンライン", "住所": ""})
    figures = json.loads((SCHEMAS / "selfchecks.json").read_text(encoding="utf-8"))
    count = figures["properties"]["records"]["items"]["properties"]["実施件数"]
    assert Draft202012Validator(count).is_valid("<5")
    assert Draft202012Validator(count).is_valid(12)
    assert not Draft202012Validator(count).is_valid("3")


@pytest.mark.django_db
def test_the_csv_checks_reject_what_the_format_forbids():
    from .checks import check_csv

    header = STANDARD["selfchecks"][0]
    good = f"\ufeff{header}\r\n011002,1,北海道,札幌市,2026-05,12,\r\n".encode()
    assert check_csv("selfchecks", good)
    for bad in (
        f"{header}\r\n011002,1,北海道,札幌市,2026-05,12,\r\n".encode(),  # no BOM
        f"\ufeff{header}\r\n011003,1,北海道,札幌市,2026-05,12,\r\n".encode(),  # check digit
        f"\ufeff{header}\r\n011002,1,北海道,札幌市,2026-05,3,\r\n".encode(),  # not suppressed
        f"\ufeff{header}\r\n011002,1,北海道,札幌市,2026-5,12,\r\n".encode(),  # month
        f"\ufeff{header.replace('実施件数', '件数')}\r\n".encode(),  # header
        f"\ufeff{header}\n011002,1,北海道,札幌市,2026-05,12,\n".encode(),  # LF
    ):
        with pytest.raises(AssertionError):
            check_csv("selfchecks", bad)
