"""The lists that grow with the data read one page from an index, in order.

Each page's listing query is explained with sequential scans and sorts made as
expensive as PostgreSQL allows: if its ORDER BY and its index part ways (an
order changed, an index dropped), the plan sorts every matching row again and
the test fails. At national volume that sort is what made these pages slower
with 10x the data (docs/benchmarks.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carers.models import CaseStatus, Household
from salons.tests.conftest import make_salon, make_session

pytestmark = pytest.mark.django_db


def _plan_of_listing(client, path, table):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    listing = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith("SELECT")
        and f'FROM "{table}"' in q["sql"]
        and "ORDER BY" in q["sql"]
    ]
    assert listing, f"no ordered query on {table} for {path}"
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_sort = off")
        try:
            cursor.execute("EXPLAIN (COSTS OFF) " + listing[0])
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_sort")


def _served_by(plan, index):
    return index in plan and "Sort" not in plan


def test_public_salon_search_follows_the_stored_next_session(client, organiser, municipality):
    for i in range(3):
        make_session(make_salon(organiser, municipality, name=f"サロン{i}"), days=2 + i)
    plan = _plan_of_listing(client, "/salons/", "salons_salon")
    assert _served_by(plan, "salon_next_session_idx"), plan


def test_staff_salon_list_follows_its_index(client_for, organiser, municipality, prefecture_staff):
    for i in range(3):
        make_salon(organiser, municipality, name=f"サロン{i}")
    plan = _plan_of_listing(client_for(prefecture_staff), "/salons/manage/", "salons_salon")
    assert _served_by(plan, "salon_manage_idx"), plan


def test_case_list_follows_its_index(client_for, municipality, municipal_staff):
    for i in range(3):
        Household.objects.create(
            municipality=municipality, reference=f"架空-{i}", status=CaseStatus.OPEN
        )
    plan = _plan_of_listing(client_for(municipal_staff), "/cases/", "carers_household")
    assert _served_by(plan, "household_list_idx"), plan
