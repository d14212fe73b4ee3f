"""Open-data export benchmark: time and peak memory of the services file
(介護サービス事業所一覧) for a prefecture-sized catalogue (10,000 offices) and a
national-sized one (200,000, about the size of the MHLW care-service data).

Runs in a throwaway database (created, migrated, dropped again), seeded with
bulk inserts of fictional (架空) entries (the prefecture's through the ORM, the
rest of the country as SQL copies of them). Each file is fetched through Django's
test client as a download would be and its bytes counted and dropped. Two
figures of memory: the peak growth of the process's RSS (sampled every 5 ms,
what the operating system sees) and the peak of Python allocations during the
export (tracemalloc, a second run, since tracing slows Python down).

Run alone with ``python -m tests.bench_opendata``; ``make bench`` calls ``run()``.
"""

import os
import random
import sys
import threading
import time
import tracemalloc
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")

PREFECTURE_SIZE = int(os.environ.get("BENCH_OPENDATA_PREFECTURE", "10000"))
NATIONAL_SIZE = int(os.environ.get("BENCH_OPENDATA_NATIONAL", "200000"))
BATCH = 5000
STEMS = (
    "さくら",
    "ひまわり",
    "あおぞら",
    "すずらん",
    "はまなす",
    "やすらぎ",
    "ふれあい",
    "ことぶき",
    "みどり",
    "つくし",
    "なごみ",
    "ゆうゆう",
    "こもれび",
    "せせらぎ",
    "わかば",
    "たんぽぽ",
    "希望",
    "幸福",
    "長寿",
    "平和",
    "青葉",
    "若葉",
    "緑風",
    "清流",
    "朝日",
    "夕陽",
    "白樺",
    "松風",
    "光明",
    "慈恵",
    "愛生",
    "共生",
    "結",
    "絆",
    "和",
    "楓",
    "桜丘",
    "栄町",
    "本町",
    "中央",
)
KINDS = (
    "訪問介護事業所",
    "訪問入浴介護事業所",
    "訪問看護ステーション",
    "デイサービスセンター",
    "ショートステイ",
    "居宅介護支援事業所",
    "特別養護老人ホーム",
    "グループホーム",
    "小規模多機能型居宅介護",
    "ケアプランセンター",
)
CORPORATIONS = ("社会福祉法人", "株式会社", "医療法人社団", "特定非営利活動法人", "合同会社")


def _seed(count, municipalities, rng, label):
    """``count`` fictional published services, each with one located office."""
    from services.builtin import load_taxonomy
    from services.models import Location, Organization, Service, ServiceAtLocation

    term = load_taxonomy()["long_term_care"]
    through = Service.categories.through
    made = 0
    while made < count:
        n = min(BATCH, count - made)
        orgs, services, locations, links, categories = [], [], [], [], []
        for _ in range(max(n // 10, 1)):
            orgs.append(
                Organization(
                    id=uuid.uuid4(),
                    name_ja=f"{rng.choice(CORPORATIONS)}{rng.choice(STEMS)}会（架空）",
                    is_demo=True,
                )
            )
        for i in range(n):
            code, name, lat, lng = municipalities[(made + i) % len(municipalities)]
            org = orgs[i % len(orgs)]
            service = Service(
                id=uuid.uuid4(),
                organization=org,
                name_ja=f"{rng.choice(STEMS)}{rng.choice(KINDS)}{name}{rng.randint(1, 99)}（架空）",
                summary_ja="ベンチマーク用の架空の事業所です。",
                scope="municipal",
                audiences=["cared_for"],
                phone=f"0{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
                source=f"{label}（架空）",
                is_demo=True,
            )
            location = Location(
                id=uuid.uuid4(),
                organization=org,
                name_ja=service.name_ja,
                municipality_id=code,
                address_ja=f"{name}本町{rng.randint(1, 30)}-{rng.randint(1, 20)}",
                latitude=(lat or 35.0) + rng.uniform(-0.05, 0.05),
                longitude=(lng or 135.0) + rng.uniform(-0.05, 0.05),
                is_demo=True,
            )
            services.append(service)
            locations.append(location)
            links.append(ServiceAtLocation(id=uuid.uuid4(), service=service, location=location))
            categories.append(through(service_id=service.id, taxonomyterm_id=term.id))
        Organization.objects.bulk_create(orgs)
        Service.objects.bulk_create(services)
        Location.objects.bulk_create(locations)
        ServiceAtLocation.objects.bulk_create(links)
        through.objects.bulk_create(categories)
        made += n


def _replicate(times, codes):
    """Copy every seeded office ``times`` over in SQL (INSERT … SELECT with
    generate_series: seconds instead of minutes), each copy under a municipality
    drawn from ``codes``. Columns come from the models, so fields added to them
    later are copied too."""
    from django.db import connection

    from services.models import Location, Service, ServiceAtLocation

    def copy(model, overrides, alias="s"):
        table = model._meta.db_table
        columns = [
            f.column for f in model._meta.concrete_fields if f.column != "id" or "id" in overrides
        ]
        values = ", ".join(overrides.get(c, f"{alias}.{c}") for c in columns)
        return (
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} "
            f"FROM {table} {alias} CROSS JOIN generate_series(1, %s) g"
        )

    def new(column):
        return f"md5(s.{column}::text || '-' || g)::uuid"

    through = Service.categories.through
    with connection.cursor() as cursor:
        cursor.execute(copy(Service, {"id": new("id"), "name_ja": "s.name_ja || g"}), [times])
        cursor.execute(
            copy(
                Location,
                {
                    "id": new("id"),
                    "municipality_id": "(%s::text[])[1 + mod(abs(hashtext(s.id::text || g)), %s)]",
                },
            ),
            [codes, len(codes), times],
        )
        cursor.execute(
            copy(
                ServiceAtLocation,
                {
                    "id": new("id"),
                    "service_id": new("service_id"),
                    "location_id": new("location_id"),
                },
            ),
            [times],
        )
        cursor.execute(copy(through, {"service_id": new("service_id")}), [times])


class _RssPeak:
    """Samples the process's resident set size in a thread."""

    def __init__(self):
        import psutil

        self.process = psutil.Process()
        self.base = self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)

    @property
    def growth_mb(self):
        return (self.peak - self.base) / 2**20


def _download(client, path):
    from django.core.cache import cache

    cache.clear()  # measure building the file, not a cached copy
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    size = rows = 0
    separator = b"\n{" if path.endswith(".json") else b"\r\n"
    for chunk in response.streaming_content:
        size += len(chunk)
        rows += chunk.count(separator)
    response.close()
    return size, rows if path.endswith(".json") else rows - 1


def _measure(client, path):
    import gc

    from django.db import reset_queries

    reset_queries()
    gc.collect()
    with _RssPeak() as rss:
        started = time.perf_counter()
        size, rows = _download(client, path)
        seconds = time.perf_counter() - started
    gc.collect()
    tracemalloc.start()
    _download(client, path)
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return rows, size, seconds, rss.growth_mb, traced_peak / 2**20


def _throwaway_database():
    from django.db import connection

    connection.settings_dict.setdefault("TEST", {})
    original = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = f"{original}_opendata_bench"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return original


def run():
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    try:
        setup_test_environment(debug=False)
    except RuntimeError:
        pass  # already set up by tests.bench
    from django.conf import settings

    # As in production: with DEBUG on, Django keeps every SQL statement (the
    # bulk inserts are megabytes each), which is not what is measured here.
    debug, settings.DEBUG = settings.DEBUG, False
    from carers.models import Municipality
    from carers.municipalities import ensure_municipalities_loaded

    original = _throwaway_database()
    rng = random.Random(11)
    try:
        ensure_municipalities_loaded()
        from opendata import datasets

        pref = datasets.prefecture_area()
        local = list(
            Municipality.objects.in_portal_prefecture().values_list("code", "name", "lat", "lng")
        )
        others = list(
            Municipality.objects.municipalities()
            .exclude(prefecture_code=pref.code[:2])
            .values_list("code", "name", "lat", "lng")
        )
        client = Client()
        path = datasets.file_path(pref.code, "care_services", "csv")
        started = time.perf_counter()
        _seed(PREFECTURE_SIZE, local, rng, "ベンチマーク")
        seeded = time.perf_counter() - started
        cache.clear()
        # Warm up: imports, the reading dictionary (memory-mapped, once per process).
        with _RssPeak() as warm:
            _download(client, datasets.file_path(local[0][0], "care_services", "csv"))
        results = [("prefecture-wide, CSV", *_measure(client, path))]
        results.append(
            (
                "prefecture-wide, JSON",
                *_measure(client, datasets.file_path(pref.code, "care_services", "json")),
            )
        )
        started = time.perf_counter()
        _replicate(NATIONAL_SIZE // PREFECTURE_SIZE - 1, [code for code, *_ in others])
        seeded += time.perf_counter() - started
        # The file of the whole catalogue: every office, of every prefecture.
        results.append(("national-size, CSV", *_measure(client, path)))
        results.append(
            (
                "national-size, CP932 CSV",
                *_measure(client, datasets.file_path(pref.code, "care_services", "cp932")),
            )
        )
        conditional = client.get(path)
        etag = conditional["ETag"]
        for _chunk in conditional.streaming_content:
            pass
        started = time.perf_counter()
        for _ in range(20):
            assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
        revalidate_ms = (time.perf_counter() - started) / 20 * 1000
    finally:
        cache.clear()
        connection.creation.destroy_test_db(original, verbosity=0)
        settings.DEBUG = debug

    print()
    print("Open data: 介護サービス事業所一覧 export (streamed, server-side cursor)")
    print(
        f"{'file':28} {'rows':>8} {'MB':>7} {'seconds':>8} {'rows/s':>8} "
        f"{'RSS peak +MB':>13} {'py heap peak MB':>16}"
    )
    for label, rows, size, seconds, rss_mb, heap_mb in results:
        print(
            f"{label:28} {rows:>8} {size / 2**20:>7.1f} {seconds:>8.1f} "
            f"{rows / seconds:>8.0f} {rss_mb:>13.1f} {heap_mb:>16.1f}"
        )
    print(f"conditional GET answered 304 (national-size): {revalidate_ms:.1f} ms per request")
    print(
        f"(warm-up incl. the memory-mapped reading dictionary: RSS +{warm.growth_mb:.1f} MB once "
        f"per process; seeding {NATIONAL_SIZE} fictional services took {seeded:.0f} s; "
        f"goal: national-size peak growth <= 50 MB; Python {sys.version.split()[0]})"
    )


if __name__ == "__main__":
    run()
