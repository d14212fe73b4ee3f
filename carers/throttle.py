"""Per-address throttles for anonymous forms that send email.

Counted in the Django cache (Redis, or the local fallback while Redis is down)
by the client's address (REMOTE_ADDR, which RealClientAddressMiddleware sets
from the trusted proxy's header). Used from views: ``if over_limit(...)``.
"""

from django.core.cache import cache


def over_limit(request, scope: str, *, limit: int, window: int, key: str = "") -> bool:
    """Count one request for ``scope`` (and an optional ``key`` such as a salon
    id) from this client; True once more than ``limit`` in ``window`` seconds."""
    address = request.META.get("REMOTE_ADDR", "")
    cache_key = f"throttle:{scope}:{key}:{address}"
    cache.add(cache_key, 0, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window)
        count = 1
    return count > limit
