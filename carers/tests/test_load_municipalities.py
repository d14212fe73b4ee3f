import csv
import io

import pytest
from django.core.management import call_command

from carers.models import Municipality, is_valid_local_government_code, jis_check_digit
from carers.municipalities import FIXTURE, load_municipalities


def test_check_digit_of_known_codes():
    assert jis_check_digit("01100") == 2  # 札幌市 011002
    assert jis_check_digit("13101") == 6  # 千代田区 131016
    assert is_valid_local_government_code("011002")
    assert not is_valid_local_government_code("011003")
    assert not is_valid_local_government_code("01100")
    assert not is_valid_local_government_code("01100x")


def test_bundled_csv_has_every_prefecture_and_hokkaido_municipality():
    with FIXTURE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sum(1 for r in rows if not r["municipality"]) == 47
    assert sum(1 for r in rows if r["code"].startswith("01") and r["municipality"]) == 179
    assert all(is_valid_local_government_code(r["code"]) for r in rows)


@pytest.mark.django_db
def test_command_is_idempotent():
    out = io.StringIO()
    call_command("load_municipalities", stdout=out)
    assert "0 created" in out.getvalue()  # the test database already has them
    count = Municipality.objects.count()
    call_command("load_municipalities", stdout=io.StringIO())
    assert Municipality.objects.count() == count == 1788
    assert Municipality.objects.in_portal_prefecture().count() == 179


@pytest.mark.django_db
def test_bad_check_digit_is_reported_not_loaded(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "code,prefecture,municipality,prefecture_kana,municipality_kana,lat,lng\n"
        "011003,北海道,札幌市もどき,ホッカイドウ,,43.0,141.3\n"
        "999997,架空県,架空市,,,,\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("load_municipalities", csv=str(path), stdout=out, stderr=err)
    assert "line 2: code '011003' refused" in err.getvalue()
    assert "1 created" in out.getvalue()
    assert not Municipality.objects.filter(code="011003").exists()


@pytest.mark.django_db
def test_changed_row_is_updated_in_place():
    Municipality.objects.filter(code="011002").update(name="旧名")
    result = load_municipalities(
        [
            {
                "code": "011002",
                "prefecture": "北海道",
                "municipality": "札幌市",
                "prefecture_kana": "ホッカイドウ",
                "municipality_kana": "サッポロシ",
                "lat": "43.0620958",
                "lng": "141.3543763",
            }
        ]
    )
    assert result.updated == 1
    assert Municipality.objects.get(code="011002").name == "札幌市"
