"""Cached anonymous public pages (Redis when REDIS_URL is set, local memory otherwise).

A GET of a page listed in ``CACHED_PAGES`` is served from the cache when the
request carries no session and no pending messages (a visitor who is not
signed in). Pages are keyed on the language, the full path, the resident's
remembered municipality (``carers.residence``: the header names it and the
searches preselect it, so each municipality has its own copy and no visitor
sees another's choice) and the public data version (``carers.caching``), so
any change of public data shows at once.

What is never cached: requests with a session cookie (signed-in users, guests
mid-sign-up), pages not listed (sign-up pages with a meeting link, staff
pages, accounts), responses that are not 200, that hold a CSRF token or set a
cookie (a form's token belongs to one visitor) or say ``private``/``no-store``.
A page with a form (the language switch of the site's header, today) is
therefore rendered for each visitor until it no longer needs a token.

Every cached page also gets an ETag; a matching If-None-Match is a 304.

Each page is stored twice: as rendered, and gzip-compressed once when it is
stored. A visitor whose client accepts gzip (every browser and calendar app)
gets the compressed copy (``Content-Encoding: gzip``, a weak ETag, ``Vary:
Accept-Encoding``): the all-salons calendar feed is 1.1 MB of iCalendar at
prefecture volume and 45 KB compressed. Only these cached pages are compressed,
which hold nothing of one visitor's (no CSRF token, no personal data), so
compression cannot leak a secret (BREACH).
``PAGE_CACHE_SECONDS`` (settings; 0 disables) bounds how long a page lives.

A miss is rendered once (single flight): after a change of public data every
page misses at the same moment, and a busy page would otherwise be rendered by
each concurrent visitor at once (at national volume a cold search costs a few
hundred milliseconds of SQL). The first request takes a short lock in the cache
and renders; the others wait for its page, up to ``FILL_WAIT_SECONDS``, then
render it themselves (also when the page turned out not to be cacheable).
"""

import gzip
import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers

from carers import caching, residence

# Public pages (namespace:name) whose anonymous rendering is the same for every visitor.
CACHED_PAGES = {
    "home",
    "site_search",
    "talk_now",
    "awareness:list",
    "awareness:detail",
    "awareness:work_and_care",
    "salons:list",
    "salons:detail",
    "salons:calendar",
    "salons:salon_calendar",
    "services:list",
    "services:detail",
    "hsds:root",
    "hsds:services",
    "hsds:service",
    "hsds:organizations",
    "hsds:organization",
    "hsds:service_at_locations",
    "hsds:service_at_location",
    "hsds:taxonomies",
    "hsds:taxonomy",
    "hsds:taxonomy_terms",
    "hsds:taxonomy_term",
    "opendata:index",
    "opendata:catalog",
}
SKIPPED_HEADERS = {"set-cookie", "content-length"}
HIT_HEADER = "X-Page-Cache"
# Single flight: how long others wait for the request filling a page, how often
# they look, and how long its lock lives (a worker killed mid-render frees it).
FILL_WAIT_SECONDS = 5.0
FILL_POLL_SECONDS = 0.02
FILL_LOCK_SECONDS = 30
GZIP_SUFFIX = ":gz"
GZIP_LEVEL = 6
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def page_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _is_anonymous(request) -> bool:
    from django.contrib.messages.storage.cookie import CookieStorage

    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _cacheable_request(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return (
        page_seconds() > 0
        and request.method in ("GET", "HEAD")
        and match is not None
        and match.view_name in CACHED_PAGES
        and _is_anonymous(request)
    )


def _key(request, version) -> str:
    path = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    municipality = residence.code(request) or "-"
    return f"page:{version}:{translation.get_language()}:{municipality}:{path}"


def _cacheable_response(response, request=None) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        # The page holds a CSRF token (a form): it belongs to this visitor alone.
        and not (request is not None and request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        and not getattr(response, "streaming", False)
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


def _etag(content: bytes) -> str:
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


class PublicPageCacheMiddleware:
    """Place after LocaleMiddleware (the language is part of the key) and
    before CsrfViewMiddleware (so that a CSRF cookie it sets is seen here)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view, args, kwargs):
        if not _cacheable_request(request):
            return None
        version = caching.data_version()
        if version is None:
            return None
        key = _key(request, version)
        request._page_cache_key = key
        # The copy this client takes; both are stored together.
        stored = _get(key + GZIP_SUFFIX) if _accepts_gzip(request) else None
        if stored is None:
            stored = _get(key)
        if stored is None:
            if _take_lock(key):  # this request renders the page; others wait for it
                request._page_cache_lock = _lock_key(key)
                return None
            stored = _wait_for_fill(key)
            if stored is None:
                return None
        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        patch_vary_headers(response, ("Accept-Encoding",))
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    def __call__(self, request):
        try:
            response = self.get_response(request)
            return self._store(request, response)
        finally:
            lock = getattr(request, "_page_cache_lock", None)
            if lock:
                _delete(lock)

    def _store(self, request, response):
        key = getattr(request, "_page_cache_key", None)
        if key is None or response.get(HIT_HEADER) == "hit" or response.status_code == 304:
            return response
        if not _cacheable_response(response, request) or not _is_anonymous(request):
            return response
        response["ETag"] = _etag(response.content)
        response[HIT_HEADER] = "miss"
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in SKIPPED_HEADERS and name != HIT_HEADER
        ]
        compressed = gzip.compress(response.content, GZIP_LEVEL, mtime=0)
        gzip_headers = [
            (name, _weak(value) if name == "ETag" else value) for name, value in headers
        ] + [("Content-Encoding", "gzip")]
        try:
            cache.set_many(
                {key: (response.content, headers), key + GZIP_SUFFIX: (compressed, gzip_headers)},
                page_seconds(),
            )
        except Exception:
            pass
        patch_vary_headers(response, ("Accept-Encoding",))
        return get_conditional_response(request, etag=response["ETag"], response=response)


def _accepts_gzip(request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _weak(etag: str) -> str:
    """The compressed copy's ETag: weak, as its bytes differ from the page's."""
    return etag if etag.startswith("W/") else f"W/{etag}"


def _get(key):
    try:
        return cache.get(key)
    except Exception:
        return None


def _delete(key):
    try:
        cache.delete(key)
    except Exception:
        pass


def _lock_key(key) -> str:
    return f"{key}:filling"


def _take_lock(key) -> bool:
    """True if this request is to render the page (also when the cache is down)."""
    try:
        return bool(cache.add(_lock_key(key), 1, FILL_LOCK_SECONDS))
    except Exception:
        return True


def _wait_for_fill(key):
    """The page another request is rendering, once it is stored; None if it
    did not come (not cacheable, or too slow): then this request renders it."""
    deadline = time.monotonic() + FILL_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(FILL_POLL_SECONDS)
        stored = _get(key)
        if stored is not None:
            return stored
        try:
            if cache.get(_lock_key(key)) is None:  # the filler is done: nothing came
                return _get(key)
        except Exception:
            return None
    return None
