"""Queries per page do not grow with the data: each page is rendered, more rows
are added (the benchmark's own generators, tests/benchdata.py), and the page
must run exactly as many queries again. Caches are off (DEBUG), so every
query is counted."""

import random

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import benchdata

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/awareness/",
    "/salons/",
    "/salons/?online=1",
    "/salons/?municipality=011002&near=1",
    "/salons/calendar.ics",
    "/services/",
    "/services/?q=かいご",
    "/services/?municipality=011002",
    "/api/hsds/services",
    "/api/hsds/services?full=true",
    "/api/hsds/organizations",
]
PREFECTURE_STAFF = ["/dashboard/", "/services/manage/", "/salons/manage/", "/advisors/requests/"]
MUNICIPAL_STAFF = ["/cases/", "/services/manage/"]


def _grow(rng, scale):
    """Scale 1 already fills the first page of every list (and of the lists
    of the municipal staff's own municipality): what follows is only more rows."""
    benchdata.seed_services(250 * scale, rng)
    benchdata.seed_salons(15 * scale, 4, rng)
    benchdata.seed_households(300 * scale, rng)


def _queries(client, path):
    client.get(path)  # warm-up: process-wide reference data read once
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(ctx.captured_queries)


@pytest.fixture
def clients(content, client_for, prefecture_staff, municipal_staff):
    return [
        (Client(), PUBLIC),
        (client_for(prefecture_staff), PREFECTURE_STAFF),
        (client_for(municipal_staff), MUNICIPAL_STAFF),
    ]


@pytest.fixture
def content(db):
    """The built-in catalogue: in the test database since its setup (load_content)."""
    from services.models import Service

    assert Service.objects.filter(key__isnull=False).exists()


def test_queries_per_page_do_not_grow_with_rows(clients):
    rng = random.Random(18)
    _grow(rng, 1)
    before = {(id(c), p): _queries(c, p) for c, paths in clients for p in paths}
    _grow(rng, 3)
    after = {(id(c), p): _queries(c, p) for c, paths in clients for p in paths}
    grown = {
        path: (before[(id(c), path)], after[(id(c), path)])
        for c, paths in clients
        for path in paths
        if before[(id(c), path)] != after[(id(c), path)]
    }
    assert not grown, f"queries grew with the data (before, after): {grown}"


def test_service_and_salon_detail_pages_do_not_grow_with_rows(content):
    from salons.models import Salon
    from services.models import Service

    rng = random.Random(7)
    _grow(rng, 1)
    visitor = Client()
    salon = Salon.objects.searchable().order_by("pk").first()
    service = Service.objects.public().order_by("pk").first()
    paths = [f"/salons/{salon.pk}/", f"/services/{service.pk}/", f"/api/hsds/services/{service.pk}"]
    before = [_queries(visitor, p) for p in paths]
    _grow(rng, 2)
    assert [_queries(visitor, p) for p in paths] == before
