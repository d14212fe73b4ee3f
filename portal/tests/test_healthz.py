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


@pytest.mark.django_db
def test_healthz_reuses_one_redis_connection(client, redis_url, settings):
    """Every call used to open (and drop) a TCP connection to Redis of its own."""
    import redis

    from portal import health

    settings.REDIS_URL = redis_url
    server = redis.Redis.from_url(redis_url)
    db = str(server.connection_pool.connection_kwargs.get("db", 0))
    seen = set()
    for _ in range(10):
        assert client.get("/healthz").json()["redis"] == "ok"
        # Connections of this test's database only (parallel test workers use others).
        seen |= {
            c["id"]
            for c in server.client_list()
            if c["name"] == health.CLIENT_NAME and c["db"] == db
        }
    assert len(seen) == 1, seen


@pytest.mark.django_db
def test_healthz_notices_redis_going_away_after_a_good_call(client, redis_url, settings):
    settings.REDIS_URL = redis_url
    assert client.get("/healthz").json()["redis"] == "ok"
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    assert client.get("/healthz").json()["redis"] == "error"
