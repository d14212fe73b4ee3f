"""The services CSV in Japanese: column names and coded values in Japanese
(English codes still accepted), provider organisations found or created from
their name and 法人番号, and the downloadable template."""

import csv
import io

import pytest

from services import csvio
from services.forms import corporate_number_is_valid
from services.models import Organization, Service

from .test_csv_import import URL, upload

NEW_PROVIDER = "NPO法人 きずなの輪"
NEW_NUMBER = "7000012050002"  # a number with a valid check digit


def japanese_row(**changes):
    values = {
        "名称": "介護者のつどい（北区）",
        "概要": "介護をしている人どうしの集まり",
        "提供団体": NEW_PROVIDER,
        "法人番号": NEW_NUMBER,
        "分類": "ピアサポート・サロン、相談窓口",
        "対象": "ケアラー|家族",
        "範囲": "市町村",
        "市町村": "札幌市",
        "公開状態": "公開",
        "最終確認日": "2026/10/1",
    }
    values.update(changes)
    return values


def japanese_csv(rows, encoding="utf-8-sig"):
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=csvio.header_row(), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.fixture
def staff(client_for, municipal_staff, content):
    return client_for(municipal_staff)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_japanese_headers_and_values_create_an_entry_and_a_new_provider(staff, encoding):
    response = upload(staff, japanese_csv([japanese_row()], encoding))
    preview = response.context["preview"]
    assert preview.ok, [r.errors for r in preview.rows]
    assert preview.rows[0].new_provider == NEW_PROVIDER
    assert NEW_PROVIDER in response.content.decode()
    assert not Organization.objects.filter(name_ja=NEW_PROVIDER).exists()  # dry run
    assert staff.post(URL, {"confirm": "1", "digest": preview.digest}).status_code == 302
    provider = Organization.objects.get(name_ja=NEW_PROVIDER)
    assert provider.corporate_number == NEW_NUMBER and provider.municipality_id == "011002"
    entry = Service.objects.get(name_ja="介護者のつどい（北区）")
    assert entry.organization == provider
    assert sorted(entry.categories.values_list("code", flat=True)) == [
        "consultation",
        "peer_support",
    ]
    assert sorted(entry.audiences) == ["carers", "family"]
    assert entry.scope == "municipal" and entry.status == "published"
    assert list(entry.municipalities.values_list("code", flat=True)) == ["011002"]


@pytest.mark.django_db
def test_two_rows_with_the_same_new_provider_create_it_once(staff):
    rows = [japanese_row(), japanese_row(名称="家族介護教室")]
    preview = upload(staff, japanese_csv(rows)).context["preview"]
    staff.post(URL, {"confirm": "1", "digest": preview.digest})
    assert Organization.objects.filter(name_ja=NEW_PROVIDER).count() == 1
    assert Service.objects.filter(organization__name_ja=NEW_PROVIDER).count() == 2


@pytest.mark.django_db
def test_a_provider_is_found_by_its_number_whatever_the_name(staff):
    existing = Organization.objects.create(
        name_ja="特定非営利活動法人きずなの輪", corporate_number=NEW_NUMBER
    )
    preview = upload(staff, japanese_csv([japanese_row()])).context["preview"]
    assert preview.ok and preview.rows[0].new_provider is None
    staff.post(URL, {"confirm": "1", "digest": preview.digest})
    assert Service.objects.get(name_ja="介護者のつどい（北区）").organization == existing
    assert not Organization.objects.filter(name_ja=NEW_PROVIDER).exists()


@pytest.mark.django_db
def test_a_provider_is_found_by_its_name_without_a_number(staff):
    existing = Organization.objects.create(name_ja=NEW_PROVIDER)
    preview = upload(staff, japanese_csv([japanese_row(法人番号="")])).context["preview"]
    assert preview.ok and preview.rows[0].new_provider is None
    staff.post(URL, {"confirm": "1", "digest": preview.digest})
    assert Service.objects.get(name_ja="介護者のつどい（北区）").organization == existing


@pytest.mark.django_db
def test_a_name_whose_provider_has_another_number_is_an_error(staff):
    Organization.objects.create(name_ja=NEW_PROVIDER, corporate_number="7123456789012")
    response = upload(staff, japanese_csv([japanese_row()]))
    assert response.status_code == 400
    (error,) = response.context["preview"].rows[0].errors
    assert "7123456789012" in error and NEW_NUMBER in error


@pytest.mark.django_db
def test_a_wrong_corporate_number_is_a_clear_row_error(staff):
    response = upload(staff, japanese_csv([japanese_row(法人番号="1234567890123")]))
    assert response.status_code == 400
    errors = response.context["preview"].rows[0].errors
    assert len(errors) == 1 and errors[0].startswith("法人番号: ")
    assert not Organization.objects.filter(name_ja=NEW_PROVIDER).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "column,value,message",
    [
        ("範囲", "宇宙", "Unknown scope “宇宙”."),
        ("公開状態", "たぶん", "Unknown status “たぶん”."),
        ("対象", "ケアラー|ねこ", "Unknown audience “ねこ”."),
        ("分類", "占い", "Unknown category “占い”."),
        ("市町村", "大阪市", "Unknown municipality “大阪市”."),
    ],
)
def test_an_unknown_japanese_value_is_one_clear_error(staff, column, value, message):
    response = upload(staff, japanese_csv([japanese_row(**{column: value})]))
    assert response.status_code == 400
    assert response.context["preview"].rows[0].errors == [message]


@pytest.mark.django_db
def test_row_errors_are_in_japanese_on_the_japanese_page(staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = japanese_csv([japanese_row(範囲="宇宙")])
    response = staff.post(
        "/services/manage/import/",
        {"file": SimpleUploadedFile("s.csv", content, content_type="text/csv")},
    )
    assert response.context["preview"].rows[0].errors == ["範囲「宇宙」は使えません。"]


@pytest.mark.django_db
def test_no_provider_at_all_is_said_in_the_files_words(staff):
    response = upload(staff, japanese_csv([japanese_row(提供団体="", 法人番号="")]))
    errors = response.context["preview"].rows[0].errors
    assert errors == ["Write the provider organisation's name in the “提供団体” column."]


@pytest.mark.django_db
def test_the_export_is_in_japanese_and_imports_back_unchanged(
    client_for, prefecture_staff, content
):
    body = b"".join(
        client_for(prefecture_staff).get("/services/manage/export.csv").streaming_content
    )
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert list(rows[0])[:3] == ["ID", "名称", "名称（英語）"]
    assert {r["範囲"] for r in rows} <= {"国", "都道府県", "市町村"}
    assert {r["公開状態"] for r in rows} <= {"公開", "下書き"}
    preview = csvio.preview(body, prefecture_staff)
    assert not preview.errors and {r.action for r in preview.rows} == {"unchanged"}


@pytest.mark.django_db
def test_the_template_has_japanese_columns_and_an_example_row_that_imports(staff):
    response = staff.get("/services/manage/import/template.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 1 and rows[0]["市町村"] == "札幌市" and rows[0]["公開状態"] == "下書き"
    preview = upload(staff, body).context["preview"]
    assert preview.ok and preview.count_create == 1
    assert preview.rows[0].new_provider == csvio.EXAMPLE_PROVIDER[0]


@pytest.mark.django_db
def test_the_import_page_links_the_template_and_shows_japanese_values(staff):
    html = staff.get("/services/manage/import/").content.decode()
    assert "/services/manage/import/template.csv" in html
    assert "ピアサポート・サロン" in html and "<code>peer_support</code>" in html


@pytest.mark.parametrize(
    "number,valid",
    [("7000012050002", True), ("1000012050002", False), ("700001205000", False), ("abc", False)],
)
def test_corporate_number_check_digit(number, valid):
    assert corporate_number_is_valid(number) is valid
