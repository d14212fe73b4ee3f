"""Fault injection: a real Redis server, started here and killed mid-test.

Sign-in, sign-up and password reset keep working while Redis is down (rate
limits fall back to a per-process limit, never a 500); the emails caused
meanwhile wait in the outbox and are delivered once Redis is back, by a real
Celery worker and the sweep racing each other, each exactly once.
"""

import time

import pytest
from django.test import Client

from carers.models import OutboundEmail
from portal.celery import app as celery_app
from tests.factories import TEST_PASSWORD
from tests.faults import RedisProcess, SMTPSink, start_worker, stop


@pytest.fixture
def redis_server():
    server = RedisProcess().start()
    yield server
    server.kill()


@pytest.fixture
def smtp_sink():
    sink = SMTPSink().up()
    yield sink
    sink.down()


@pytest.fixture
def on_redis(settings, redis_server):
    """Cache and Celery broker on the throw-away Redis; tasks really queued."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "fault",
            "RETRY_AFTER": 0.2,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    old = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    celery_app.conf.broker_url = redis_server.url
    celery_app.conf.task_always_eager = False
    _forget_broker_connections()
    yield redis_server
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = old
    _forget_broker_connections()


def _forget_broker_connections():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _login(client, email, password=TEST_PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def _signup(client, email):
    password = "a-long-enough-pass-42"
    return client.post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )


def _wait(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.django_db(transaction=True)
def test_sign_in_survives_redis_outage_and_emails_follow_once(
    on_redis, smtp_sink, settings, resident, organiser, municipality
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    settings.EMAIL_TIMEOUT = 5
    from django.core.cache import cache

    # Redis up: sign-in works and the rate limiter writes to Redis.
    client = Client()
    assert _login(client, resident.email).status_code == 302
    assert client.get("/").wsgi_request.user.is_authenticated
    import redis

    assert redis.Redis.from_url(on_redis.url).dbsize() > 0

    on_redis.kill()

    # Redis down: sign-in, sign-up, password reset answer as usual.
    client = Client()
    response = _login(client, resident.email)
    assert response.status_code == 302, response.content[:500]
    assert client.get("/").status_code == 200
    assert client.get("/").wsgi_request.user.is_authenticated
    cache.set("probe", 1)  # answered by the local fallback
    assert cache.get("probe") == 1

    started = time.monotonic()
    assert _signup(Client(), "during.outage@example.jp").status_code == 302
    assert time.monotonic() - started < 5, "a request waited on the dead broker"
    assert Client().post("/accounts/password/reset/", {"email": resident.email}).status_code == 302
    # A guest sign-up for a salon (throttled through the same cache) works too.
    from salons.tests.conftest import make_salon, make_session

    session = make_session(make_salon(organiser, municipality))
    response = Client().post(
        f"/salons/sessions/{session.pk}/guest/",
        {"email": "guest.outage@example.jp", "nickname": "ゲスト"},
    )
    assert response.status_code == 200 and "guest_sent" in response.templates[0].name

    # The rate limit still holds, per process: repeated wrong passwords lock that account.
    attacker = Client()
    for _ in range(6):
        response = _login(attacker, resident.email, "wrong-password-1")
        assert response.status_code in (200, 429)
    assert response.status_code == 429 or "too_many_login_attempts" in [
        e.code for e in response.context["form"].non_field_errors().as_data()
    ], response.context["form"].errors

    waiting = OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING)
    assert set(waiting.values_list("to_email", flat=True)) == {
        "during.outage@example.jp",
        resident.email,
        "guest.outage@example.jp",
    }
    assert smtp_sink.received == []

    # Redis back on the same port: a real worker and the sweep deliver.
    on_redis.start()
    worker = start_worker(on_redis.url, f"smtp://127.0.0.1:{smtp_sink.port}")
    try:
        from carers import outbox, tasks

        time.sleep(0.5)  # past RETRY_AFTER: the cache tries Redis again
        assert _signup(Client(), "after.outage@example.jp").status_code == 302
        tasks.sweep_outbox.delay()  # the beat's job, through the broker
        outbox.sweep()  # and a second sweeper racing the worker
        assert _wait(
            lambda: not OutboundEmail.objects.exclude(status=OutboundEmail.Status.SENT).exists()
        ), list(OutboundEmail.objects.values_list("to_email", "status", "last_error"))
        time.sleep(1)  # anything sent twice would arrive now
    finally:
        stop(worker)
    assert redis.Redis.from_url(on_redis.url).ping()
    expected = [
        "during.outage@example.jp",
        resident.email,
        "guest.outage@example.jp",
        "after.outage@example.jp",
    ]
    assert sorted(smtp_sink.recipients()) == sorted(expected)
    ids = [m["Message-ID"] for m in smtp_sink.received]
    assert len(set(ids)) == len(ids) == 4
    assert OutboundEmail.objects.filter(body="").count() == 4  # one-time links erased once sent
