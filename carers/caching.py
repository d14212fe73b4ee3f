"""Caching shared by the apps (Redis when REDIS_URL is set, local memory otherwise).

Everything cached from public data is keyed on one *public data version*,
bumped whenever a row of a public model is saved or deleted (signals connected
in ``CarersConfig.ready``), so a change shows at once: old entries are simply
never read again and expire. A cache that is down never breaks a page: every
helper falls back to computing the value.

- ``cached_count(queryset)``: a paginator's total without counting the whole
  table on every request (``CachedCountPaginator``);
- ``cached(key, compute)``: any value of public or aggregate data (the
  dashboard's figures);
- ``data_version()`` / ``bump()``: what ``portal.pagecache`` keys pages on.

How long entries live: ``AGGREGATE_CACHE_SECONDS`` (settings; 0 disables).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.utils.functional import cached_property

log = logging.getLogger(__name__)

VERSION_KEY = "public-data-version"
# Models whose rows public pages show: apps of public content, plus municipalities.
PUBLIC_APPS = {"salons", "services", "portal"}
PUBLIC_MODELS = {"carers.municipality"}
# Rows of those apps that no public page shows (written often: visitors' reports,
# moderation history, opt-in self-check tallies).
PRIVATE_MODELS = {
    "services.servicereport",
    "salons.outdatedreport",
    "salons.salonevent",
    "portal.selfchecktally",
}


def aggregate_seconds() -> int:
    return getattr(settings, "AGGREGATE_CACHE_SECONDS", 0)


def data_version():
    """The current public data version, or None when the cache cannot be reached."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            # A new version, not 1: entries of an evicted counter must never come back.
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(VERSION_KEY)
        return version
    except Exception:
        log.warning("cache unreachable: serving without it")
        return None


def bump() -> None:
    """Public data changed: every page and count cached so far is outdated."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        try:
            cache.set(VERSION_KEY, time.time_ns(), timeout=None)
        except Exception:
            log.warning("cache unreachable: could not mark public data as changed")
    except Exception:
        log.warning("cache unreachable: could not mark public data as changed")


def is_public_model(model) -> bool:
    label = model._meta.label_lower
    if label in PRIVATE_MODELS:
        return False
    return model._meta.app_label in PUBLIC_APPS or label in PUBLIC_MODELS


def on_change(sender, **kwargs):
    """Signal receiver: bump now, and again once the transaction commits (a
    request between the two could have cached what was there before)."""
    if is_public_model(sender):
        bump()
        transaction.on_commit(bump)


def cached(key: str, compute, seconds=None):
    """``compute()``, cached under ``key`` for the current data version."""
    seconds = aggregate_seconds() if seconds is None else seconds
    version = data_version() if seconds else None
    if version is None:
        return compute()
    full_key = f"agg:{version}:{key}"
    try:
        value = cache.get(full_key)
    except Exception:
        value = None
    if value is None:
        value = compute()
        try:
            cache.set(full_key, value, seconds)
        except Exception:
            pass
    return value


def cached_count(queryset) -> int:
    """``queryset.count()``, computed once per data version (and expiry)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except Exception:  # an empty result set, for one
        return queryset.count()
    digest = hashlib.md5(f"{sql}|{params!r}".encode(), usedforsecurity=False).hexdigest()
    return cached(f"count:{digest}", queryset.count)


class CachedCountPaginator(Paginator):
    """A Paginator whose total comes from ``cached_count``."""

    @cached_property
    def count(self):
        if hasattr(self.object_list, "query"):
            return cached_count(self.object_list)
        return super().count
