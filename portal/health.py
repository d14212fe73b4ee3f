"""/healthz: database and Redis status as JSON; 200 when the database answers."""

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


def redis_status() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        import redis

        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        return "ok" if client.ping() else "error"
    except Exception:
        return "error"


@never_cache
def healthz(request):
    status = {"database": database_status(), "redis": redis_status()}
    return JsonResponse(status, status=200 if status["database"] == "ok" else 503)
