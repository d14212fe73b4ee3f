"""Support desks from the 公共施設一覧 format, and what the self-check
and the services list say when a municipality has none."""

import pytest
from django.core.management import call_command

from services import api, fakedata, windows_import
from services.models import Origin, Scope, Service
from services.opendata import ImportRefused

pytestmark = pytest.mark.django_db

ASAHIKAWA, MURORAN, HOKKAIDO = "012041", "012050", "010006"


@pytest.fixture
def windows_file(tmp_path, content):
    from carers.municipalities import ensure_municipalities_loaded

    ensure_municipalities_loaded()
    return fakedata.write_facilities_file(tmp_path / "windows.csv", [ASAHIKAWA, HOKKAIDO])


def windows():
    return Service.objects.filter(origin=Origin.FACILITIES)


def test_windows_become_consultation_entries_of_their_municipality(windows_file):
    result = windows_import.import_file(windows_file.read_bytes(), "windows.csv")
    assert result.created == 5 and result.skipped == 1 and not result.bad  # the library is skipped
    local = windows().filter(scope=Scope.MUNICIPAL)
    assert local.count() == 4
    assert all(w.municipalities.get().code == ASAHIKAWA for w in local)
    assert all(w.categories.filter(code="consultation").exists() for w in local)
    centre = local.get(name_ja__contains="地域包括支援センター")
    assert centre.phone.startswith("000-") and "08:45" in centre.contact_ja
    assert centre.service_at_locations.get().location.municipality_id == ASAHIKAWA
    children = local.get(name_ja__contains="子ども家庭")
    assert children.categories.filter(code="young_carer").exists()
    prefectural = windows().get(scope=Scope.PREFECTURAL)
    assert "ケアラー支援" in prefectural.name_ja


def test_reimport_is_idempotent_and_keeps_staff_texts(windows_file):
    windows_import.import_file(windows_file.read_bytes(), "w.csv")
    centre = windows().get(name_ja__contains="地域包括支援センター")
    centre.description_ja = "職員が書いた案内"
    centre.save()
    result = windows_import.import_file(windows_file.read_bytes(), "w.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    centre.refresh_from_db()
    assert centre.description_ja == "職員が書いた案内"


def test_not_this_format_is_refused(content):
    with pytest.raises(ImportRefused) as caught:
        windows_import.import_file("a,b\n1,2\n".encode("cp932"), "x.csv")
    assert "名称" in str(caught.value)


def test_api_lists_local_windows_first_with_level_tel_and_address(windows_file):
    windows_import.import_file(windows_file.read_bytes(), "w.csv")
    rows = api.consultation_windows(ASAHIKAWA, limit=20)
    assert rows[0]["level"] == "local" and "旭川市" in rows[0]["name"]
    assert rows[0]["tel"] == "tel:+81" + rows[0]["phone"].replace("-", "")[1:]
    assert "旭川市架空町" in rows[0]["address"]
    assert {r["level"] for r in rows} >= {"local", "national"}
    fallback = api.consultation_fallback(ASAHIKAWA)
    assert fallback["has_local_windows"] is True


def test_fallback_names_the_office_and_the_prefecture_window(windows_file):
    windows_import.import_file(windows_file.read_bytes(), "w.csv")
    fallback = api.consultation_fallback(MURORAN)
    assert fallback["has_local_windows"] is False
    assert fallback["office_name"] == "室蘭市役所"
    assert fallback["prefecture_name"] == "北海道"
    assert any("ケアラー支援" in w["name"] for w in fallback["prefecture_windows"])
    assert all(w["level"] == "prefectural" for w in fallback["prefecture_windows"])
    # A town's office is a 役場.
    assert api.consultation_fallback("013455")["office_name"].endswith("役場")
    assert api.consultation_fallback("999999") is None


def test_services_list_says_so_plainly(windows_file, client):
    windows_import.import_file(windows_file.read_bytes(), "w.csv")
    page = client.get("/services/", {"municipality": MURORAN}).content.decode()
    assert "no-local-window" in page and "室蘭市役所" in page
    assert 'href="tel:+8100' in page  # the prefecture's window (a fictional 000 number), callable
    page = client.get("/services/", {"municipality": ASAHIKAWA}).content.decode()
    assert "no-local-window" not in page


def test_command(windows_file, capsys):
    call_command("import_consultation_windows", str(windows_file))
    assert "5 new" in capsys.readouterr().out


def test_municipal_staff_edit_their_own_windows_only(
    tmp_path, content, client_for, municipal_staff, other_municipality_staff
):
    path = fakedata.write_facilities_file(tmp_path / "w.csv", ["011002"])
    windows_import.import_file(path.read_bytes(), "w.csv")
    window = windows().get(name_ja__contains="地域包括支援センター")
    edit = f"/services/manage/{window.pk}/edit/"
    assert client_for(municipal_staff).get(edit).status_code == 200
    assert client_for(other_municipality_staff).get(edit).status_code == 404
