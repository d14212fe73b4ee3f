import pytest


@pytest.mark.django_db
def test_home_in_japanese_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "ja"
    body = response.content.decode()
    assert '<html lang="ja">' in body
    assert body.count("<h1") == 1


@pytest.mark.django_db
def test_home_in_english_under_en(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_is_a_404_page_in_the_right_language(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "next_url", "expected"),
    [
        ("en", "/salons/?q=a", "/en/salons/?q=a"),
        ("ja", "/en/salons/", "/salons/"),
        ("ja", "/en/", "/"),
        ("en", "https://evil.example/", "/en/"),
        ("xx", "/en/x/", "/x/"),
    ],
)
def test_language_switch_keeps_the_page(client, language, next_url, expected):
    response = client.post("/i18n/setlang/", {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response.url == expected


@pytest.mark.django_db
def test_expired_form_token_is_a_friendly_403():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/en/accounts/login/", {"login": "a@b.jp", "password": "x"}
    )
    assert response.status_code == 403
    assert "the form expired" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "Something went wrong on our side"), ("ja", "システムで問題が発生しました")],
)
def test_server_error_page_in_both_languages(rf, language, text):
    from django.utils import translation

    from portal.views import error_500

    with translation.override(language):
        response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert text in response.content.decode()


@pytest.mark.django_db
def test_unhandled_error_renders_the_500_page_not_a_traceback(client, settings, monkeypatch):
    import portal.sections

    settings.DEBUG = False
    monkeypatch.setattr(portal.sections, "home_sections", lambda request: 1 / 0, raising=False)
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "ZeroDivisionError" not in response.content.decode()
