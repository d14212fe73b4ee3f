"""Privacy policy, terms, accessibility statement and contact page: defaults
written for the prefecture, editable by prefecture staff, in every footer."""

import pytest

from portal.models import SitePage

PAGES = ["/privacy/", "/terms/", "/accessibility/", "/contact/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_default_pages_name_the_prefecture_in_both_languages(client, path):
    ja = client.get(path)
    assert ja.status_code == 200
    assert "北海道" in ja.content.decode()
    en = client.get("/en" + path)
    assert en.status_code == 200 and "Hokkaido" in en.content.decode()


@pytest.mark.django_db
def test_privacy_policy_covers_the_appi_duties(client):
    text = client.get("/privacy/").content.decode()
    for part in ("利用目的", "保存期間", "見ることができる人", "開示", "削除", "安全管理"):
        assert part in text
    assert "5年" in text  # from CASE_RETENTION_DAYS


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/salons/", "/services/", "/awareness/"])
def test_every_footer_links_the_four_pages(client, path):
    footer = client.get(path).content.decode().split("<footer", 1)[1]
    for page in PAGES:
        assert f'href="{page}"' in footer


@pytest.mark.django_db
def test_prefecture_staff_edit_and_reset_a_page(client_for, prefecture_staff, client):
    staff = client_for(prefecture_staff)
    form = staff.get("/pages/contact/edit/")
    assert form.status_code == 200
    assert "000-000-0000" in form.content.decode()  # the default text to start from
    response = staff.post(
        "/pages/contact/edit/",
        {
            "title_ja": "お問い合わせ",
            "title_en": "Contact",
            "body_ja": "電話：011-231-4111（テスト）\n\n<script>alert(1)</script>",
            "body_en": "Phone: 011-231-4111 (test)",
        },
    )
    assert response.status_code == 302
    page = client.get("/contact/").content.decode()
    assert "011-231-4111" in page and "<script>alert" not in page
    assert SitePage.objects.get(key="contact").updated_by == prefecture_staff
    staff.post("/pages/contact/edit/", {"action": "reset"})
    assert "000-000-0000" in client.get("/contact/").content.decode()


@pytest.mark.django_db
def test_an_empty_text_is_refused_and_the_rest_kept(client_for, prefecture_staff):
    response = client_for(prefecture_staff).post(
        "/pages/terms/edit/",
        {"title_ja": "規約", "title_en": "Terms", "body_ja": "", "body_en": "kept text"},
    )
    assert response.status_code == 400
    assert "kept text" in response.content.decode()
    assert not SitePage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["municipal_staff", "resident", "organiser"])
def test_only_prefecture_staff_edit(client_for, request, who):
    user = request.getfixturevalue(who)
    assert client_for(user).get("/pages/privacy/edit/").status_code == 404
    client_for(user).post(
        "/pages/privacy/edit/",
        {"title_ja": "x", "title_en": "x", "body_ja": "x", "body_en": "x"},
    )
    assert not SitePage.objects.exists()


@pytest.mark.django_db
def test_unknown_page_key_is_404(client_for, prefecture_staff):
    assert client_for(prefecture_staff).get("/pages/no-such/edit/").status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_information_and_my_data_pages_pass_axe(page, axe_check, browser_login, resident):
    """The accessibility statement's result (no serious or critical issue)
    holds for the pages it is published on, and for "My data"."""
    for prefix in ("", "/en"):
        for path in PAGES:
            page.goto(f"{page.base_url}{prefix}{path}")
            assert page.locator("h1").count() == 1
            axe_check(page)
    browser_login(page, resident)
    for path in ("/my-data/", "/my-data/delete/"):
        page.goto(f"{page.base_url}{path}")
        axe_check(page)
    page.goto(f"{page.base_url}/my-data/delete/")
    page.fill("input[name=password]", "wrong-password")
    page.locator("main form button[type=submit]").click()
    axe_check(page)  # with the error shown
    assert page.locator(".invalid-feedback, .text-danger, .alert-danger").count() >= 1
