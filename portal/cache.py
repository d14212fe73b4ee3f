"""A Redis cache that keeps working when Redis does not.

Rate limits (allauth's and ours) and page caches live in the Django cache. With
plain ``RedisCache`` a Redis outage turns every cache call into a
``ConnectionError`` and sign-in into a 500. ``ResilientRedisCache`` catches
connection and timeout errors and answers from a per-process local-memory cache
instead: rate limits degrade to a local limit (per web process), pages keep
working. After a failure Redis is not tried again for ``RETRY_AFTER`` seconds,
so a request never waits on a dead server more than once per interval.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    RETRY_AFTER = 5.0  # seconds between attempts to reach Redis again

    def __init__(self, server, params):
        super().__init__(server, params)
        self.retry_after = float(params.get("RETRY_AFTER", self.RETRY_AFTER))
        self._local = LocMemCache(
            f"kizuki-fallback-{id(self)}",
            {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": {"MAX_ENTRIES": 10000}},
        )
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def redis_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _call(self, name, *args, **kwargs):
        if not self.redis_down:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except OUTAGE_ERRORS as exc:
                with self._lock:
                    first = not self.redis_down
                    self._down_until = time.monotonic() + self.retry_after
                if first:
                    logger.warning(
                        "cache: Redis unreachable (%s); using a local cache for %.0f s",
                        type(exc).__name__,
                        self.retry_after,
                    )
        return getattr(self._local, name)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        self._local.clear()
        return self._call("clear")
