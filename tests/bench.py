"""`make bench`: measured latencies and query counts of the main pages.

Runs against the development database (embedded PostgreSQL unless DATABASE_URL
is set) after migrating and loading the demo data, through Django's test client
(server-side time only: no network, no browser). Prints a table; asserts nothing.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")

PAGES = [
    "/",
    "/en/",
    "/awareness/",
    "/awareness/check/",
    "/awareness/work-and-care/",
    "/salons/",
    "/salons/?online=1",
    "/salons/calendar.ics",
    "/services/",
    "/services/?q=かいご",
    "/services/guide/",
    "/api/hsds/services",
    "/healthz",
]
STAFF_PAGES = ["/advisors/requests/", "/dashboard/"]


def measure(client, path, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm up
    times = []
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    queries = len(ctx.captured_queries)
    for _ in range(rounds):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return (
        response.status_code,
        queries,
        statistics.median(times),
        times[int(len(times) * 0.95) - 1],
        times[-1],
    )


def main():
    import django

    rounds = int(os.environ.get("BENCH_ROUNDS", "30"))
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))

    from carers.models import User

    anonymous = Client()
    staff = Client()
    staff.force_login(User.objects.get(email="pref@demo.kizuki.example.jp"))
    print(f"{'page':34} {'status':>6} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for client, paths in ((anonymous, PAGES), (staff, STAFF_PAGES)):
        for path in paths:
            status, queries, p50, p95, worst = measure(client, path, rounds)
            print(f"{path:34} {status:>6} {queries:>7} {p50:>8.1f} {p95:>8.1f} {worst:>8.1f}")
    print(f"({rounds} requests a page, Python {sys.version.split()[0]})")
    __import__("tests.bench_opendata").bench_opendata.run()


if __name__ == "__main__":
    main()
