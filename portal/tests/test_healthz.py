import pytest


@pytest.mark.django_db
def test_healthz_reports_database_and_redis(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "not configured"}


@pytest.mark.django_db
def test_healthz_reports_unreachable_redis_but_stays_200(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["redis"] == "error"


@pytest.mark.django_db
def test_healthz_with_real_redis(client, redis_url, settings):
    settings.REDIS_URL = redis_url
    assert client.get("/healthz").json()["redis"] == "ok"


def test_healthz_is_503_when_the_database_is_down(rf, monkeypatch):
    from portal import health

    monkeypatch.setattr(health, "database_status", lambda: "error")
    response = health.healthz(rf.get("/healthz"))
    assert response.status_code == 503
