"""`make bench`: the national care-provider import and the catalogue search at
national volume.

Writes fictional files in the MHLW format (services.fakedata, BENCH_KAIGO_ROWS
rows, 200,000 by default; BENCH_SEARCH_ONLY=1 searches what is already imported, one file per service type) and imports them into
the development database, after removing the entries an earlier run imported
(not timed). Measures:

- the national import (every file, one transaction each);
- an identical re-import (nothing changes);
- the search of /services/ (first page of 20 and the count), for two-character
  words and kana/width variants, with and without a chosen municipality.

Prints a table; asserts nothing. Timings depend on the machine's load.
"""

import os
import statistics
import tempfile
import time
from pathlib import Path

QUERIES = ("介護", "訪問", "かいご", "ｶｲｺﾞ", "ｼｮｰﾄｽﾃｲ", "デイサービス", "訪問看護", "ケアマネ")
# 札幌市 (a designated city: the most entries), 旭川市, 函館市, a town, and none.
MUNICIPALITIES = ("011002", "012041", "012025", "013455", "")


def _remove_imported():
    from django.db import connection, transaction

    kaigo = "SELECT id FROM services_service WHERE origin = 'kaigo'"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM services_location WHERE id IN (SELECT location_id FROM "
            f"services_serviceatlocation WHERE service_id IN ({kaigo}))"
        )
        for table in (
            "services_serviceatlocation",
            "services_service_municipalities",
            "services_service_categories",
            "services_servicereport",
            "services_searchentry",
        ):
            cursor.execute(f"DELETE FROM {table} WHERE service_id IN ({kaigo})")
        cursor.execute("DELETE FROM services_service WHERE origin = 'kaigo'")
        cursor.execute(
            "DELETE FROM services_organization o WHERE (o.key LIKE 'houjin-%%' OR o.key LIKE "
            "'corp-%%') AND NOT EXISTS (SELECT 1 FROM services_service s WHERE "
            "s.organization_id = o.id) AND NOT EXISTS (SELECT 1 FROM services_location l "
            "WHERE l.organization_id = o.id)"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE services_service")
        cursor.execute("VACUUM ANALYZE services_searchentry")


def _percentile(values, fraction):
    values = sorted(values)
    return values[max(0, int(round(len(values) * fraction)) - 1)]


def run():
    from services import builtin, fakedata, kaigo_import
    from services.models import Origin, Service

    rows = int(os.environ.get("BENCH_KAIGO_ROWS", "200000"))
    rounds = int(os.environ.get("BENCH_SEARCH_ROUNDS", "5"))
    builtin.load()
    print(f"\nOpen-data import and search at national volume ({rows:,} fictional rows)")
    if os.environ.get("BENCH_SEARCH_ONLY"):
        _search(rounds)  # on the entries already in the database
        return
    with tempfile.TemporaryDirectory(prefix="kizuki-bench-") as tmp:
        started = time.perf_counter()
        paths = fakedata.write_kaigo_files(Path(tmp), rows, seed=2026)
        generated = time.perf_counter() - started
        size = sum(p.stat().st_size for p in paths) / 1024 / 1024
        _remove_imported()

        started = time.perf_counter()
        first = kaigo_import.import_paths(paths)
        imported = time.perf_counter() - started
        started = time.perf_counter()
        again = kaigo_import.import_paths(paths)
        reimported = time.perf_counter() - started

    total = Service.objects.filter(origin=Origin.KAIGO).count()
    print(f"{'measure':52} {'value':>12}")
    print(f"{'files written (MHLW 24-column format)':52} {len(paths):>12}")
    print(f"{'size of the files (MB)':52} {size:>12.1f}")
    print(f"{'generating the files (s)':52} {generated:>12.1f}")
    print(f"{'national import, all files (s)':52} {imported:>12.1f}")
    print(f"{'  entries created':52} {sum(r.created for r in first):>12,}")
    print(f"{'  rows reported bad':52} {sum(len(r.bad) for r in first):>12,}")
    print(f"{'identical re-import (s)':52} {reimported:>12.1f}")
    print(
        f"{'  entries changed by the re-import':52} {sum(r.created + r.updated + r.closed for r in again):>12,}"
    )
    print(f"{'imported entries in the catalogue':52} {total:>12,}")
    print(f"{'services in the catalogue (all)':52} {Service.objects.count():>12,}")
    _search(rounds)


def _search(rounds):
    from carers.models import Municipality
    from services.forms import SearchForm
    from services.models import Service
    from services.views import _services_of, listing

    print(f"{'services in the catalogue (searched)':52} {Service.objects.count():>12,}")

    timings = {"with": [], "without": []}
    found = {}
    for code in MUNICIPALITIES:
        municipality = Municipality.objects.filter(code=code).first() if code else None
        for query in QUERIES:
            form = SearchForm({"q": query, "municipality": code})
            filters = form.filters()
            list(listing(filters, municipality)[:20])  # warm up
            for _ in range(rounds):
                started = time.perf_counter()
                qs = listing(filters, municipality)
                page = _services_of(list(qs[:20]))
                count = qs.count()
                timings["with" if code else "without"].append(
                    (time.perf_counter() - started) * 1000
                )
            found[(code, query)] = (count, page[0].name_ja if page else "")
    print(f"\n{'search (first 20 results and the count)':52} {'p50 ms':>8} {'p95 ms':>8} {'n':>5}")
    for key, label in (
        ("with", "with a municipality"),
        ("without", "prefecture-wide (no municipality)"),
    ):
        values = timings[key]
        print(
            f"{label:52} {statistics.median(values):>8.1f} {_percentile(values, 0.95):>8.1f} "
            f"{len(values):>5}"
        )
    every = timings["with"] + timings["without"]
    print(
        f"{'all searches':52} {statistics.median(every):>8.1f} {_percentile(every, 0.95):>8.1f} "
        f"{len(every):>5}"
    )
    print("\nexamples (municipality, query: matches, first result)")
    for code in ("012041", ""):
        for query in ("介護", "ｶｲｺﾞ", "ｼｮｰﾄｽﾃｲ"):
            count, name = found[(code, query)]
            print(f"  {code or 'none':6} {query:8} {count:>7,}  {name}")
