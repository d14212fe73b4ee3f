"""CSV import (dry run, then confirm) and export, in UTF-8 and Shift_JIS."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services import csvio
from services.models import Scope, Service

URL = "/en/services/manage/import/"


def row(**changes):
    values = {c: "" for c in csvio.COLUMNS}
    values.update(
        {
            "name_ja": "札幌市 家族介護教室",
            "summary_ja": "介護の基本を学ぶ教室",
            "organization": "お住まいの市町村",
            "categories": "peer_support",
            "audiences": "carers|family",
            "scope": "municipal",
            "municipalities": "011002",
            "status": "published",
            "last_verified": "2026-10-01",
        }
    )
    values.update(changes)
    return values


def make_csv(rows, encoding="utf-8-sig", columns=csvio.COLUMNS):
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def by_code(line):
    """A row read from an export (Japanese column names) keyed by the columns' codes."""
    return {code: line[csvio.HEADERS[code]] for code in csvio.FILE_COLUMNS}


def upload(c, content, name="services.csv"):
    return c.post(URL, {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


@pytest.fixture
def staff(client_for, municipal_staff, content):
    return client_for(municipal_staff)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932"])
def test_preview_then_confirm_imports(staff, encoding):
    response = upload(staff, make_csv([row(), row(name_ja="札幌市 介護者のつどい")], encoding))
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.ok and preview.count("create") == 2
    assert not Service.objects.filter(
        name_ja__startswith="札幌市"
    ).exists()  # dry run writes nothing
    response = staff.post(URL, {"confirm": "1", "digest": preview.digest})
    assert response.status_code == 302
    created = Service.objects.filter(name_ja__startswith="札幌市")
    assert created.count() == 2
    assert set(created.first().audiences) == {"carers", "family"}


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_bad_rows_are_listed_with_row_numbers_and_nothing_is_written(staff, encoding):
    rows = [
        row(),
        row(municipalities="999999"),
        row(categories="no_such_category", name_ja=""),
        row(municipalities="012025"),  # another municipality: outside this staff member's scope
        row(organization="", last_verified="2026-13-45"),  # no provider: it needs a name
    ]
    response = upload(staff, make_csv(rows, encoding))
    assert response.status_code == 400
    preview = response.context["preview"]
    by_row = {r.number: r.errors for r in preview.rows}
    assert not by_row[2]
    assert any("999999" in e for e in by_row[3])
    assert any("no_such_category" in e for e in by_row[4]) and len(by_row[4]) >= 2
    assert by_row[5]
    assert any("“提供団体”" in e for e in by_row[6]) and len(by_row[6]) >= 2
    html = response.content.decode()
    assert "999999" in html and "Import these rows" not in html
    # Confirming anyway does nothing: there is no staged file.
    staff.post(URL, {"confirm": "1", "digest": preview.digest})
    assert not Service.objects.filter(name_ja__startswith="札幌市").exists()


@pytest.mark.django_db
def test_wrong_columns_are_refused(staff):
    columns = [c for c in csvio.COLUMNS if c != "scope"] + ["colour"]
    response = upload(staff, make_csv([row()], columns=columns))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Row 1" in html and "missing columns: 範囲" in html and "colour" in html


@pytest.mark.django_db
def test_bad_encoding_is_refused(staff):
    content = make_csv([row()]).replace("介護".encode(), b"\xff\xfe\x80")
    response = upload(staff, content)
    assert response.status_code == 400
    assert "UTF-8 or Shift_JIS" in response.content.decode()


@pytest.mark.django_db
def test_huge_file_is_refused(staff):
    response = upload(staff, b"x" * (csvio.MAX_BYTES + 1))
    assert response.status_code == 400
    assert "too large" in response.content.decode()


@pytest.mark.django_db
def test_confirm_imports_exactly_the_previewed_file(staff):
    first = upload(staff, make_csv([row()])).context["preview"]
    upload(
        staff, make_csv([row(name_ja="札幌市 別の教室")])
    )  # a second preview replaces the staged file
    response = staff.post(URL, {"confirm": "1", "digest": first.digest})
    assert response.status_code == 302  # expired: the session holds the second file
    assert not Service.objects.filter(name_ja__startswith="札幌市").exists()


@pytest.mark.django_db
def test_update_shows_what_would_change(staff, make_service, municipality):
    entry = make_service(
        name_ja="札幌の窓口",
        scope=Scope.MUNICIPAL,
        municipalities=[municipality],
        categories=("peer_support",),
    )
    exported = csvio.export([entry]).decode("utf-8-sig")
    line = by_code(next(csv.DictReader(io.StringIO(exported))))
    line["summary_ja"] = "新しい説明"
    preview = upload(staff, make_csv([line])).context["preview"]
    assert preview.ok
    assert preview.rows[0].action == "update"
    assert preview.rows[0].changes == ["Summary (Japanese)"]
    assert preview.rows[0].details == [("Summary (Japanese)", "テスト", "新しい説明")]
    html = upload(staff, make_csv([line])).content.decode()
    assert "<del>テスト</del> → <ins>新しい説明</ins>" in html
    staff.post(URL, {"confirm": "1", "digest": preview.digest})
    entry.refresh_from_db()
    assert entry.summary_ja == "新しい説明"


@pytest.mark.django_db
def test_ids_outside_the_scope_are_errors(staff, content):
    national = Service.objects.get(key="home-help")
    preview = upload(staff, make_csv([row(id=str(national.pk))])).context["preview"]
    assert not preview.ok


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
def test_export_round_trips(client_for, prefecture_staff, content, encoding):
    response = client_for(prefecture_staff).get(
        "/services/manage/export.csv", {"encoding": encoding}
    )
    assert response.status_code == 200
    assert response.streaming  # constant memory, whatever the catalogue's size
    body = b"".join(response.streaming_content)
    text = body.decode("utf-8-sig" if encoding == "utf-8" else "cp932")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == Service.objects.count()
    preview = csvio.preview(body, prefecture_staff)
    assert not preview.errors
    # Shift_JIS cannot hold every character ("–", "é"): the "?" it writes
    # for them must not count as a change, nor overwrite the stored text.
    assert {r.action for r in preview.rows} == {"unchanged"}


@pytest.mark.django_db
def test_cp932_round_trip_keeps_characters_shift_jis_cannot_hold(staff, make_service, municipality):
    entry = make_service(
        name_ja="札幌の窓口〜相談",
        name_en="Sapporo window – café",
        scope=Scope.MUNICIPAL,
        municipalities=[municipality],
    )
    exported = csvio.export([entry], "cp932").decode("cp932")
    line = by_code(next(csv.DictReader(io.StringIO(exported))))
    assert line["name_en"] == "Sapporo window ? caf?"
    line["summary_ja"] = "新しい説明"
    preview = upload(staff, make_csv([line], "cp932")).context["preview"]
    assert preview.ok and preview.rows[0].changes == ["Summary (Japanese)"]
    staff.post(URL, {"confirm": "1", "digest": preview.digest})
    entry.refresh_from_db()
    assert (entry.summary_ja, entry.name_ja, entry.name_en) == (
        "新しい説明",
        "札幌の窓口〜相談",
        "Sapporo window – café",
    )


@pytest.mark.django_db
def test_export_is_scoped(client_for, municipal_staff, content):
    response = client_for(municipal_staff).get("/services/manage/export.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(body.splitlines()) == 1  # header only


@pytest.mark.django_db
def test_residents_cannot_import(client_for, resident):
    assert client_for(resident).get(URL).status_code == 404


@pytest.mark.django_db
def test_broken_csv_is_refused_with_the_row(staff):
    content = make_csv([row()]) + b'"unterminated,' + b"x" * 10 + b"\r\n" + ("a" * 200000).encode()
    response = upload(staff, content)
    assert response.status_code == 400
    assert "is not valid CSV" in response.content.decode()
    assert upload(staff, make_csv([row()]) + b"\x00\r\n").status_code == 400


@pytest.mark.django_db
def test_duplicate_new_rows_and_a_second_upload_are_refused(staff):
    preview = upload(staff, make_csv([row(), row(), row(name_ja="札幌市 別の教室")])).context[
        "preview"
    ]
    assert not preview.ok
    assert [r.number for r in preview.errors] == [3]
    assert "row 2" in preview.errors[0].errors[0]
    preview = upload(staff, make_csv([row()])).context["preview"]
    staff.post(URL, {"confirm": "1", "digest": preview.digest})
    assert Service.objects.filter(name_ja="札幌市 家族介護教室").count() == 1
    again = upload(staff, make_csv([row()]))
    assert again.status_code == 400
    assert "already exists" in again.context["preview"].errors[0].errors[0]
    assert Service.objects.filter(name_ja="札幌市 家族介護教室").count() == 1


@pytest.mark.django_db
def test_import_page_lists_the_codes_the_columns_accept(staff):
    html = staff.get(URL).content.decode()
    for code in ("young_carer", "working_carers", "municipal", "published"):
        assert f"<code>{code}</code>" in html


@pytest.mark.django_db
def test_a_file_saved_by_a_spreadsheet_is_understood(staff):
    """Opened and saved in a spreadsheet: dates as 2026/10/1, codes without the
    leading zero (011002 -> 11002)."""
    line = row(
        municipalities="11002",
        last_verified="2026/10/1",
        visible_from="2026年11月1日",
        visible_until="2027/3/31",
    )
    preview = upload(staff, make_csv([line], "cp932")).context["preview"]
    assert preview.ok, [r.errors for r in preview.rows]
    staff.post(URL, {"confirm": "1", "digest": preview.digest})
    entry = Service.objects.get(name_ja="札幌市 家族介護教室")
    assert list(entry.municipalities.values_list("code", flat=True)) == ["011002"]
    assert str(entry.last_verified) == "2026-10-01"
    assert (str(entry.visible_from), str(entry.visible_until)) == ("2026-11-01", "2027-03-31")
    bad = upload(staff, make_csv([row(name_ja="別", last_verified="2026/13/45")]))
    assert bad.status_code == 400


@pytest.mark.django_db
def test_another_municipality_gets_one_clear_message(staff):
    response = upload(staff, make_csv([row(municipalities="011002|012025")]))
    assert response.status_code == 400
    errors = response.context["preview"].errors[0].errors
    assert errors == ["You can import entries of Sapporo-shi only, not of 012025."]


@pytest.mark.django_db
def test_export_neutralises_formulas_and_imports_them_back_unchanged(
    staff, make_service, municipality
):
    entry = make_service(
        name_ja='=HYPERLINK("https://evil.example","窓口")',
        summary_ja="+81-11-000-0000",
        scope=Scope.MUNICIPAL,
        municipalities=[municipality],
    )
    exported = csvio.export([entry]).decode("utf-8-sig")
    line = by_code(next(csv.DictReader(io.StringIO(exported))))
    assert line["name_ja"].startswith("'=HYPERLINK")
    assert line["summary_ja"] == "'+81-11-000-0000"
    preview = upload(staff, make_csv([line])).context["preview"]
    assert preview.ok and preview.rows[0].action == "unchanged"


def test_every_text_cell_starting_a_formula_is_neutralised():
    from carers import csvsafe

    out = io.StringIO()
    csvsafe.writer(out).writerow(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "ok", -5, "a=b"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "ok",
        "-5",
        "a=b",
    ]


@pytest.mark.django_db
def test_export_streams_in_chunks_with_one_byte_order_mark(make_service, municipality):
    """More rows than one chunk: the file comes in several pieces, and only the
    first starts with the UTF-8 byte-order mark."""
    for n in range(5):
        make_service(name_ja=f"窓口{n}", scope=Scope.MUNICIPAL, municipalities=[municipality])
    services = Service.objects.order_by("name_ja", "pk")
    chunks = list(csvio.export_chunks(services.iterator(chunk_size=2), rows_per_chunk=2))
    assert len(chunks) >= 4
    assert chunks[0].startswith(b"\xef\xbb\xbf")
    assert not any(chunk.startswith(b"\xef\xbb\xbf") for chunk in chunks[1:])
    rows = list(csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))
    assert len(rows) == Service.objects.count()
