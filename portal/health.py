"""/healthz: database and Redis status as JSON; 200 when the database answers.

Monitors and load balancers call it every few seconds (and the benchmark between
pages), so it reuses connections: the database connection of the thread
(CONN_MAX_AGE) and one Redis connection pool per process and URL. A new Redis
client per call cost a TCP connect and teardown each time (the page served a
third of a plain list page's throughput)."""

import functools

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception:
        return "error"


CLIENT_NAME = "kizuki-healthz"


@functools.cache
def _redis_client(url):
    """One client (and so one connection pool) per Redis URL in this process."""
    import redis

    return redis.Redis.from_url(
        url,
        socket_connect_timeout=1,
        socket_timeout=1,
        health_check_interval=30,
        client_name=CLIENT_NAME,
    )


def redis_status() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        return "ok" if _redis_client(settings.REDIS_URL).ping() else "error"
    except Exception:
        return "error"


@never_cache
def healthz(request):
    status = {"database": database_status(), "redis": redis_status()}
    return JsonResponse(status, status=200 if status["database"] == "ok" else 503)
