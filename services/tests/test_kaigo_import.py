"""Import of the MHLW care-service provider open data (services.kaigo_import)."""

import csv
import io
import random

import pytest
from django.core.management import call_command

from services import fakedata, kaigo_import
from services.models import Location, Organization, Origin, Service
from services.opendata import ImportRefused

pytestmark = pytest.mark.django_db


def imported():
    return Service.objects.filter(origin=Origin.KAIGO)


def row(**values):
    base = dict.fromkeys(kaigo_import.COLUMNS, "")
    base.update(
        {
            kaigo_import.CODE: "012041",
            "No": "1",
            "都道府県名": "北海道",
            "市区町村名": "旭川市",
            "事業所名": "架空あさひ訪問介護センター",
            "事業所名カナ": "カクウアサヒホウモンカイゴセンター",
            "サービスの種類": "訪問介護",
            "住所": "北海道旭川市架空町1丁目1番",
            "緯度": "43.7706355",
            "経度": "142.364819",
            "電話番号": "000-012-0001",
            "法人番号": "1234567890123",
            "法人の名称": "社会福祉法人架空あさひ福祉会",
            "事業所番号": "0170000001",
            "利用可能曜日": "平日,土曜日",
            "定員": "0",
        }
    )
    base.update(values)
    return base


def to_csv(rows, columns=kaigo_import.COLUMNS, encoding="utf-8-sig"):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([r[c] for c in columns])
    return out.getvalue().encode(encoding)


@pytest.fixture
def places(db):
    from carers.municipalities import ensure_municipalities_loaded

    ensure_municipalities_loaded()


@pytest.fixture
def generated(tmp_path, places, content):
    return fakedata.write_kaigo_files(tmp_path, 400, seed=3, prefecture_codes=["01"])


def test_generated_files_import_every_row(generated):
    results = kaigo_import.import_paths(generated)
    rows = sum(r.rows for r in results)
    assert not any(r.bad or r.refused for r in results)
    assert Service.objects.filter(origin=Origin.KAIGO).count() == rows
    service = Service.objects.filter(origin=Origin.KAIGO).first()
    assert "架空" in service.name_ja
    assert service.categories.filter(code=f"kaigo-{service.service_type_code}").exists()
    assert service.categories.filter(code="long_term_care").exists()
    location = service.service_at_locations.get().location
    assert location.municipality_id == service.municipalities.get().code
    # Designated-city wards (0110xx) are filed under 札幌市.
    assert Service.objects.filter(municipalities="011002").exists()


def test_row_maps_to_organisation_service_location(places, content):
    result = kaigo_import.import_file(
        to_csv([row(**{"方書（ビル名等）": "架空ビル2階", "定員": "25"})]), "jigyosho_110.csv"
    )
    assert (result.created, result.bad) == (1, [])
    service = Service.objects.get(source_key="0170000001-110")
    assert service.organization.corporate_number == "1234567890123"
    assert service.organization.name_ja == "社会福祉法人架空あさひ福祉会"
    assert (service.phone, service.capacity, service.opening_days) == (
        "000-012-0001",
        25,
        "平日,土曜日",
    )
    assert list(service.municipalities.values_list("code", flat=True)) == ["012041"]
    location = Location.objects.get(service_at_locations__service=service)
    assert (location.address_line2, location.latitude) == ("架空ビル2階", 43.7706355)
    assert "公共データ利用規約" in str(service.attribution)


def test_shuffled_header_order_gives_the_same_entries(places, content):
    columns = list(kaigo_import.COLUMNS)
    random.Random(1).shuffle(columns)
    result = kaigo_import.import_file(to_csv([row()], columns=columns), "x.csv")
    assert result.created == 1
    assert Service.objects.get(source_key="0170000001-110").name_ja == "架空あさひ訪問介護センター"


@pytest.mark.parametrize("encoding", ["cp932", "utf-8", "utf-8-sig"])
def test_cp932_and_utf8_with_or_without_bom(places, content, encoding):
    result = kaigo_import.import_file(to_csv([row()], encoding=encoding), "x.csv")
    assert result.created == 1
    assert imported().get().name_kana == "カクウアサヒホウモンカイゴセンター"


def test_bad_check_digit_is_reported_and_the_rest_imported(places, content):
    rows = [row(), row(**{kaigo_import.CODE: "012040", "事業所番号": "0170000002"})]
    result = kaigo_import.import_file(to_csv(rows), "x.csv")
    assert result.created == 1
    [bad] = result.bad
    assert bad.line == 3 and "検査数字" in bad.reason and bad.key == "0170000002"


def test_duplicate_rows_are_reported_once(places, content):
    result = kaigo_import.import_file(to_csv([row(), row(No="2")]), "x.csv")
    assert result.created == 1
    [bad] = result.bad
    assert bad.line == 3 and "2行目" in bad.reason


def test_same_office_in_two_service_types_is_two_entries(places, content):
    kaigo_import.import_file(to_csv([row()]), "jigyosho_110.csv")
    kaigo_import.import_file(
        to_csv([row(**{"サービスの種類": "居宅介護支援"})]), "jigyosho_430.csv"
    )
    assert Service.objects.filter(office_number="0170000001").count() == 2
    assert Organization.objects.filter(corporate_number="1234567890123").count() == 1


def test_identical_reimport_changes_nothing(generated):
    kaigo_import.import_paths(generated)
    before = dict(imported().values_list("pk", "updated_at"))
    results = kaigo_import.import_paths(generated)
    assert sum(r.created + r.updated + r.closed for r in results) == 0
    assert sum(r.unchanged for r in results) == len(before)
    assert dict(imported().values_list("pk", "updated_at")) == before
    assert Location.objects.count() == len(before)


def test_newer_file_updates_in_place_and_keeps_staff_fields(places, content):
    kaigo_import.import_file(to_csv([row()]), "x.csv")
    service = imported().get()
    service.description_ja = "職員が書いた説明"
    service.keywords = "あさひ"
    service.save()
    result = kaigo_import.import_file(
        to_csv([row(電話番号="000-012-9999", 住所="北海道旭川市架空町2丁目")]), "x.csv"
    )
    assert (result.created, result.updated) == (0, 1)
    service = imported().get()
    assert service.phone == "000-012-9999"
    assert service.description_ja == "職員が書いた説明" and service.keywords == "あさひ"
    assert "職員が書いた説明" in service.search_text
    assert (
        Location.objects.get(service_at_locations__service=service).address_ja
        == "北海道旭川市架空町2丁目"
    )


def test_rows_missing_from_a_full_reimport_are_closed_not_deleted(places, content, client):
    second = row(**{"事業所番号": "0170000002", "事業所名": "架空きた訪問介護"})
    kaigo_import.import_file(to_csv([row(), second]), "x.csv")
    result = kaigo_import.import_file(to_csv([row()]), "x.csv")
    assert result.closed == 1
    gone = Service.objects.get(office_number="0170000002")
    assert gone.is_closed and gone.closed_on
    assert imported().count() == 2
    page = client.get(gone.get_absolute_url())
    assert page.status_code == 200 and "閉鎖" in page.content.decode()
    listing = client.get("/services/", {"municipality": "012041"}).content.decode()
    assert "架空あさひ訪問介護センター" in listing and "架空きた訪問介護" not in listing
    # It comes back when a later file lists it again.
    result = kaigo_import.import_file(to_csv([row(), second]), "x.csv")
    assert result.reopened == 1 and not Service.objects.get(pk=gone.pk).is_closed


def test_other_prefectures_are_not_closed_by_a_file_without_them(places, content):
    tokyo = row(**{kaigo_import.CODE: "131016", "事業所番号": "1370000001"})
    kaigo_import.import_file(to_csv([row(), tokyo]), "x.csv")
    result = kaigo_import.import_file(to_csv([row()]), "x.csv")
    assert result.closed == 0


def test_not_this_format_is_refused_with_one_clear_message(places, content):
    with pytest.raises(ImportRefused) as caught:
        kaigo_import.import_file("名前,住所\nあ,い\n".encode(), "x.csv")
    assert "事業所番号" in str(caught.value) and "何も取り込んでいません" in str(caught.value)
    assert not imported().exists()


def test_a_failure_leaves_nothing_half_written(places, content, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(kaigo_import, "copy_insert_rows", broken)
    with pytest.raises(RuntimeError):
        kaigo_import.import_file(to_csv([row()]), "x.csv")
    assert not imported().exists() and not Location.objects.exists()
    assert not Organization.objects.filter(corporate_number="1234567890123").exists()


def test_command_imports_and_writes_the_report(tmp_path, places, content, capsys):
    path = tmp_path / "jigyosho_110.csv"
    path.write_bytes(to_csv([row(), row(**{kaigo_import.CODE: "99999"})]))
    report = tmp_path / "bad.csv"
    call_command("import_kaigo_opendata", str(path), "--report", str(report))
    out = capsys.readouterr().out
    assert "1 new" in out and "1 bad" in out
    text = report.read_text(encoding="utf-8-sig")
    assert "jigyosho_110.csv,3" in text and "検査数字" in text
