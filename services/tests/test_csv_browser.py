"""Browser journey: municipal staff download the CSV template, fill it in
with Japanese column names and values for a provider that is not in the
catalogue yet, check it and import it: the provider is created."""

import pytest

from services.models import Organization, Service

PROVIDER = "NPO法人 きずなの輪"
NUMBER = "7000012050002"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_csv_with_japanese_headers_creates_a_new_provider(
    page, browser_login, municipal_staff, content, axe_check
):
    browser_login(page, municipal_staff)
    page.goto(f"{page.base_url}/services/manage/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="テンプレートをダウンロード").click()
    template = open(download.value.path(), "rb").read().decode("utf-8-sig")
    header = template.splitlines()[0]
    assert header.startswith("ID,名称,名称（英語）,概要") and "提供団体,法人番号" in header

    filled = (
        template.replace("（例）NPO法人 ささえあいの会", PROVIDER)
        .replace("7123456789012", NUMBER)
        .replace("（例）介護者のつどい", "きずなカフェ")
        .replace("下書き", "公開")
    )
    page.set_input_files(
        "input[name=file]",
        files=[
            {"name": "services.csv", "mimeType": "text/csv", "buffer": filled.encode("utf-8-sig")}
        ],
    )
    page.get_by_role("button", name="ファイルを確認する").click()
    page.wait_for_selector("#preview-title")
    assert f"新しい提供団体：{PROVIDER}" in page.locator("main table").inner_text()
    assert not Organization.objects.filter(name_ja=PROVIDER).exists()
    axe_check(page)
    page.get_by_role("button", name="この内容で取り込む").click()
    page.wait_for_selector("text=取り込みました：新規1件")

    provider = Organization.objects.get(name_ja=PROVIDER)
    assert provider.corporate_number == NUMBER
    entry = Service.objects.get(name_ja="きずなカフェ")
    assert entry.organization == provider and entry.status == "published"
    assert list(entry.municipalities.values_list("code", flat=True)) == ["011002"]
