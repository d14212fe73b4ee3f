"""ETag / Last-Modified on every file, 304 for conditional GETs, a new ETag
when the data changes, small files kept in the cache until then."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from .conftest import HAKODATE, PREFECTURE, SAPPORO


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        f"/opendata/{PREFECTURE}/events.csv",
        f"/opendata/{SAPPORO}/care_services-cp932.csv",
        f"/opendata/{PREFECTURE}/facilities.json",
        f"/opendata/{PREFECTURE}/selfchecks.csv",
        f"/opendata/{SAPPORO}/catalog.json",
        "/opendata/catalog.jsonld",
    ],
)
def test_conditional_gets_are_answered_with_304(world, client, path):
    first = client.get(path)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]

    again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(path, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    older = http_date((timezone.now() - timedelta(days=3)).timestamp())
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=older).status_code == 200


@pytest.mark.django_db
def test_a_change_to_the_data_changes_the_etag(world, client):
    from salons.models import Session
    from services.models import Service

    events = f"/opendata/{SAPPORO}/events.csv"
    providers = f"/opendata/{HAKODATE}/care_services.csv"
    before = {p: client.get(p)["ETag"] for p in (events, providers)}

    session = Session.objects.filter(
        salon=world["cafe"], status="scheduled", starts_at__gt=timezone.now()
    ).first()
    session.status, session.cancelled_at = "cancelled", timezone.now()
    session.save()
    response = client.get(events, HTTP_IF_NONE_MATCH=before[events])
    assert response.status_code == 200 and response["ETag"] != before[events]
    assert "中止" in b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[1]

    service = Service.objects.get(name_ja="デイサービス〜はまなす〜（架空）")
    service.phone = "0138-22-3333"
    service.save()
    response = client.get(providers, HTTP_IF_NONE_MATCH=before[providers])
    assert response.status_code == 200 and response["ETag"] != before[providers]
    assert "0138-22-3333" in b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.django_db
def test_files_stream_and_small_ones_are_then_served_from_the_cache(world, client):
    path = f"/opendata/{PREFECTURE}/events.json"
    first = client.get(path)
    assert first.streaming
    body = b"".join(first.streaming_content)
    second = client.get(path)
    assert not second.streaming and second.content == body
    assert second["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_head_gives_the_headers_without_a_body(world, client):
    response = client.head(f"/opendata/{PREFECTURE}/events.csv")
    assert response.status_code == 200 and response["ETag"] and not response.content


@pytest.mark.django_db
def test_files_are_served_when_the_cache_is_down(world, fetch, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for path in (f"/opendata/{PREFECTURE}/events.csv", f"/opendata/{PREFECTURE}/selfchecks.json"):
        response, body = fetch(path)
        assert response.status_code == 200 and len(body.splitlines()) > 1
        again, _body = fetch(path, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
    assert fetch("/opendata/catalog.jsonld")[0].status_code == 200
