"""Cached anonymous public pages, cached counts and calendar feeds (real Redis
when REDIS_URL is set, as in CI; local memory otherwise).

Caching is off with DEBUG (what tests run with); these tests switch it on."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carers import caching
from portal.pagecache import HIT_HEADER, _cacheable_response
from salons.models import Salon, SalonStatus, Session
from services.models import Organization, Scope, Service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _caching_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.AGGREGATE_CACHE_SECONDS = 60


@pytest.fixture
def service(db):
    org = Organization.objects.create(name_ja="架空の事業者")
    return Service.objects.create(
        organization=org, name_ja="架空の介護相談窓口", summary_ja="架空", scope=Scope.NATIONAL
    )


@pytest.fixture
def online_salon(organiser):
    salon = Salon.objects.create(
        organiser=organiser,
        name="架空オンラインサロン",
        description="架空",
        organising_body="架空の会",
        is_in_person=False,
        is_online=True,
        audiences=["young"],
        contact="011-000-0000",
        status=SalonStatus.PUBLISHED,
    )
    start = (timezone.now() + timedelta(minutes=10)).replace(microsecond=0)
    Session.objects.create(
        salon=salon,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        is_online=True,
        meeting_url="https://meet.example.jp/secret-room-18",
    )
    return salon


def _get(client, path, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, headers=headers)
    return response, len(ctx.captured_queries)


API = "/api/hsds/services"


def test_anonymous_request_is_served_from_the_cache_without_queries(service):
    visitor = Client()
    first, _ = _get(visitor, API)
    second, queries = _get(visitor, API)
    assert first[HIT_HEADER] == "miss" and second[HIT_HEADER] == "hit"
    assert queries == 0
    assert second.content == first.content
    assert "架空の介護相談窓口" in second.content.decode()


def test_a_change_of_public_data_shows_at_once(service):
    visitor = Client()
    _get(visitor, API)
    assert _get(visitor, API)[0][HIT_HEADER] == "hit"
    service.name_ja = "名前を変えた架空の窓口"
    service.save()
    response, _ = _get(visitor, API)
    assert response[HIT_HEADER] == "miss"
    assert "名前を変えた架空の窓口" in response.content.decode()
    # Any public model counts (one public data version for every public page).
    assert _get(visitor, API)[0][HIT_HEADER] == "hit"
    Organization.objects.create(name_ja="新しい架空の事業者")
    assert _get(visitor, API)[0][HIT_HEADER] == "miss"


def test_each_language_is_cached_apart(online_salon):
    visitor = Client()
    ja, _ = _get(visitor, "/salons/calendar.ics")
    en, _ = _get(visitor, "/en/salons/calendar.ics")
    assert en[HIT_HEADER] == "miss"
    assert ja.content != en.content
    again, _ = _get(visitor, "/en/salons/calendar.ics")
    assert again[HIT_HEADER] == "hit" and again.content == en.content
    assert "Carer salons" in again.content.decode()


def test_pages_of_signed_in_users_are_never_cached_nor_served_from_the_cache(
    service, client_for, resident
):
    signed_in = client_for(resident)
    for _ in range(2):
        response, queries = _get(signed_in, API)
        assert HIT_HEADER not in response
        assert queries > 0
    # Their response was not stored for visitors either.
    assert _get(Client(), API)[0][HIT_HEADER] == "miss"
    # And a visitor's cached response is not served to them.
    assert HIT_HEADER not in _get(signed_in, API)[0]


def test_meeting_links_are_never_cached(online_salon, organiser, client_for):
    """The organiser sees the meeting URL on the salon page: never cached. What
    visitors get (the page, the cached feed) never holds it."""
    path = f"/salons/{online_salon.pk}/"
    organiser_client = client_for(organiser)
    for _ in range(2):
        response = organiser_client.get(path)
        assert "secret-room-18" in response.content.decode()
        assert HIT_HEADER not in response
    visitor = Client()
    assert "secret-room-18" not in visitor.get(path).content.decode()
    _get(visitor, "/salons/calendar.ics")
    feed, _ = _get(visitor, "/salons/calendar.ics")
    assert feed[HIT_HEADER] == "hit"
    assert "meet.example.jp" not in feed.content.decode()


def test_pages_holding_a_csrf_token_are_not_cached(service):
    """A page with a POST form carries a token tied to one visitor's cookie:
    serving it to another would leak it and break their form. The middleware
    refuses such a response even on a listed page."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    request = RequestFactory().get(f"/services/{service.pk}/")
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # what {% csrf_token %} leaves
    assert not _cacheable_response(HttpResponse("<form>"), request)
    assert _cacheable_response(HttpResponse("<p>"), RequestFactory().get("/services/"))


def test_a_service_page_is_cached_and_its_report_form_is_not(service):
    """The "wrong or out of date" form lives on a page of its own: the service's
    page is the same for every visitor (cached, no token, no cookie); the form's
    page gives each visitor a token of their own and is never cached."""
    first = Client().get(f"/services/{service.pk}/")
    assert not first.cookies and "csrfmiddlewaretoken" not in first.content.decode()
    again = Client().get(f"/services/{service.pk}/")
    assert again[HIT_HEADER] == "hit" and again.content == first.content
    report_url = f"/services/{service.pk}/report/"
    assert f'href="{report_url}"' in again.content.decode()
    tokens = set()
    for _ in range(2):
        response = Client().get(report_url)
        assert HIT_HEADER not in response
        assert "csrfmiddlewaretoken" in response.content.decode()
        tokens.add(response.cookies["csrftoken"].value)
    assert len(tokens) == 2


def test_pages_without_a_form_set_no_cookie_and_are_cached(service):
    """The language switch is a link: a search page has no token, so it is the
    same for every visitor and served from the cache."""
    first = Client().get("/services/")
    assert not first.cookies
    again = Client().get("/services/")
    assert again[HIT_HEADER] == "hit" and again.content == first.content
    assert "架空の介護相談窓口" in again.content.decode()


def test_pages_not_listed_are_not_cached(online_salon):
    visitor = Client()
    for path in ("/awareness/check/", "/services/guide/", "/accounts/login/", "/healthz"):
        for _ in range(2):
            assert HIT_HEADER not in visitor.get(path)


def test_responses_that_set_a_cookie_are_not_cached():
    from django.http import HttpResponse

    plain = HttpResponse("page")
    assert _cacheable_response(plain)
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("csrftoken", "x")
    assert not _cacheable_response(with_cookie)
    private = HttpResponse("page", headers={"Cache-Control": "private"})
    assert not _cacheable_response(private)
    assert not _cacheable_response(HttpResponse("gone", status=404))


def test_a_matching_etag_gets_a_304(service):
    visitor = Client()
    first, _ = _get(visitor, API)
    assert first["ETag"]
    again, _ = _get(visitor, API, if_none_match=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_paginator_totals_follow_changes(service):
    from carers.caching import cached_count

    qs = Service.objects.public()
    before = qs.count()  # the fixture's entry and the built-in catalogue
    assert cached_count(qs) == before
    Service.objects.create(
        organization=service.organization, name_ja="二つ目", summary_ja="架空", scope=Scope.NATIONAL
    )
    assert cached_count(qs) == before + 1


def test_dashboard_figures_are_cached_and_follow_changes(service, client_for, prefecture_staff):
    staff = client_for(prefecture_staff)
    staff.get("/dashboard/")
    first, first_queries = _get(staff, "/dashboard/")
    assert HIT_HEADER not in first  # a staff page: never a cached page
    services_card = first.context["sections"][2][1]
    published = Service.objects.filter(status="published").count()
    assert services_card[0][1] == published  # published services
    Service.objects.create(
        organization=service.organization, name_ja="二つ目", summary_ja="架空", scope=Scope.NATIONAL
    )
    changed, after_change = _get(staff, "/dashboard/")
    assert changed.context["sections"][2][1][0][1] == published + 1
    _, cached_again = _get(staff, "/dashboard/")
    assert cached_again == first_queries < after_change


def test_pages_work_when_the_cache_is_unreachable(service, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    assert caching.data_version() is None
    for path in ("/services/", API):
        response = Client().get(path)
        assert response.status_code == 200
        assert HIT_HEADER not in response
        assert "架空の介護相談窓口" in response.content.decode()


def test_calendar_feed_is_bounded_and_conditional(online_salon):
    far = timezone.now() + timedelta(days=250)
    Session.objects.create(salon=online_salon, starts_at=far, ends_at=far + timedelta(hours=1))
    visitor = Client()
    feed = visitor.get("/salons/calendar.ics")
    body = feed.content.decode()
    assert body.count("BEGIN:VEVENT") == 1  # the session in 250 days is outside the window
    assert "max-age=900" in feed["Cache-Control"]
    assert (
        visitor.get("/salons/calendar.ics", headers={"if-none-match": feed["ETag"]}).status_code
        == 304
    )
    single = visitor.get(f"/salons/{online_salon.pk}/calendar.ics")
    assert single.content.decode().count("BEGIN:VEVENT") == 1
    assert "secret-room-18" not in body


def test_pages_are_cached_per_remembered_municipality_and_never_shared():
    """The header names the resident's municipality and the searches preselect
    it: each municipality has its own copy, and a visitor never sees another's."""
    from carers.residence import COOKIE

    def visitor(code=None):
        client = Client()
        if code:
            client.cookies[COOKIE] = code
        return client

    asahikawa, hakodate, anonymous = visitor("012041"), visitor("012025"), visitor()
    first, _ = _get(asahikawa, "/salons/")
    assert first[HIT_HEADER] == "miss" and "<strong>旭川市</strong>" in first.content.decode()
    other, _ = _get(hakodate, "/salons/")
    assert other[HIT_HEADER] == "miss"
    assert "<strong>函館市</strong>" in other.content.decode()
    assert "旭川市</strong>" not in other.content.decode()
    plain, _ = _get(anonymous, "/salons/")
    assert plain[HIT_HEADER] == "miss"
    assert "<strong>函館市</strong>" not in plain.content.decode()
    assert "<strong>旭川市</strong>" not in plain.content.decode()
    again, queries = _get(asahikawa, "/salons/")
    assert again[HIT_HEADER] == "hit" and queries == 0
    assert again.content == first.content
    assert first["ETag"] != other["ETag"] != plain["ETag"]
    # A value that is no municipality shares the page of visitors without a choice.
    bogus, _ = _get(visitor("999999"), "/salons/")
    assert bogus[HIT_HEADER] == "hit" and bogus.content == plain.content


def test_a_remembered_choice_is_never_served_from_or_into_the_cache():
    from carers.residence import COOKIE

    client = Client()
    chosen = client.get("/services/?municipality=012041&set_municipality=1")
    assert chosen.status_code == 302 and chosen.cookies[COOKIE].value == "012041"
    assert HIT_HEADER not in chosen
    page, _ = _get(client, "/services/?municipality=012041")
    assert "<strong>旭川市</strong>" in page.content.decode()
    stranger, _ = _get(Client(), "/services/?municipality=012041")
    assert "<strong>旭川市</strong>" not in stranger.content.decode()


def test_concurrent_misses_render_a_page_once(transactional_db):
    """After a change every page misses at once; of the visitors arriving
    together one renders the page and the others are served what it stored."""
    import threading

    from django.db import connections

    caching.bump()
    visitors = 6
    barrier = threading.Barrier(visitors)
    results = []

    def visit():
        try:
            barrier.wait()
            response = Client().get("/awareness/")
            results.append((response.status_code, response.get(HIT_HEADER), response.content))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visit) for _ in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == visitors
    assert {status for status, _, _ in results} == {200}
    assert sorted(header for _, header, _ in results) == ["hit"] * (visitors - 1) + ["miss"]
    assert len({content for _, _, content in results}) == 1


def test_a_miss_waits_for_a_stuck_filler_only_so_long(monkeypatch):
    """If the request filling a page never stores it (it died, or the page
    turned out not to be cacheable), the others render it themselves."""
    from django.core.cache import cache

    from portal import pagecache

    monkeypatch.setattr(pagecache, "FILL_WAIT_SECONDS", 0.2)
    visitor = Client()
    first = visitor.get("/awareness/")
    key = pagecache._key(first.wsgi_request, caching.data_version())
    cache.delete(key)
    cache.add(pagecache._lock_key(key), 1, 30)  # someone else is "rendering" it
    try:
        again = visitor.get("/awareness/")
        assert again.status_code == 200 and again[HIT_HEADER] == "miss"
        assert again.content == first.content
    finally:
        cache.delete(pagecache._lock_key(key))


def test_cached_pages_are_served_compressed_to_clients_that_accept_gzip(online_salon):
    import gzip

    visitor = Client()
    plain = visitor.get("/salons/calendar.ics")  # fills the cache
    packed = visitor.get("/salons/calendar.ics", headers={"accept-encoding": "gzip, deflate, br"})
    assert packed[HIT_HEADER] == "hit" and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content)
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert packed["ETag"] == "W/" + plain["ETag"]
    # Either ETag matches either copy (weak comparison).
    for etag in (plain["ETag"], packed["ETag"]):
        again = visitor.get(
            "/salons/calendar.ics", headers={"accept-encoding": "gzip", "if-none-match": etag}
        )
        assert again.status_code == 304
    # A client that does not ask for gzip gets the page as rendered.
    again = visitor.get("/salons/calendar.ics", headers={"accept-encoding": "identity"})
    assert again[HIT_HEADER] == "hit" and not again.has_header("Content-Encoding")
    assert again.content == plain.content


def test_pages_of_one_visitor_are_never_compressed(service, client_for, prefecture_staff):
    """Compression of a page holding a secret (a CSRF token) would leak it (BREACH)."""
    visitor = Client()
    for path in ("/awareness/check/", "/accounts/login/"):
        response = visitor.get(path, headers={"accept-encoding": "gzip"})
        assert response.status_code == 200
        assert not response.has_header("Content-Encoding"), path
    staff = client_for(prefecture_staff)
    for _ in range(2):
        response = staff.get("/services/", headers={"accept-encoding": "gzip"})
        assert not response.has_header("Content-Encoding")
