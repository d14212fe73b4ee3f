"""Benchmark volumes, written through the project's models (bulk inserts).

``python -m tests.benchdata seed <volume>`` fills the database of DATABASE_URL
(a benchmark database, never the development or test one) up to a volume:

    prefecture   ~15,000 services,    500 salons /  10,000 sessions,  5,000 households
    national    ~200,000 services,  5,000 salons / 100,000 sessions, 50,000 households

It is idempotent: a volume already present is kept (BENCH_REGENERATE=1 drops
the generated rows first). ``python -m tests.benchdata probe <volume>`` renders
each benchmarked page in-process with an empty cache and prints, as JSON, its
queries, SQL time and the EXPLAIN ANALYZE of its slowest query.

Every generated name is marked 架空 (fictional). The services seeder is one
function, ``seed_services``; BENCH_SERVICES_SEEDER=module:function replaces it
(for example with the open-data generator and importer once it exists), called
as ``function(count, rng)``.
"""

import importlib
import json
import os
import random
import sys
import time
import uuid
from datetime import timedelta

VOLUMES = {
    "prefecture": {"services": 15_000, "salons": 500, "sessions": 20, "households": 5_000},
    "national": {"services": 200_000, "salons": 5_000, "sessions": 20, "households": 50_000},
}
BATCH = 2_000
PREFECTURE_STAFF = "bench-pref@example.jp"
MUNICIPAL_STAFF = "bench-sapporo@example.jp"
MUNICIPAL_CODE = "011002"  # 札幌市

SERVICE_TOPICS = (
    ("介護", "かいご"),
    ("認知症", "にんちしょう"),
    ("障害福祉", "しょうがいふくし"),
    ("ヤングケアラー", "やんぐけあらー"),
    ("家族介護者", "かぞくかいごしゃ"),
    ("訪問看護", "ほうもんかんご"),
    ("短期入所", "たんきにゅうしょ"),
    ("配食", "はいしょく"),
    ("見守り", "みまもり"),
    ("移動支援", "いどうしえん"),
    ("就労と介護", "しゅうろう"),
    ("医療的ケア", "いりょうてきけあ"),
)
SERVICE_KINDS = ("相談窓口", "支援事業", "助成", "サービス", "給付", "講座")


def _bulk(model, rows):
    model.objects.bulk_create(rows, batch_size=BATCH)


def _batched(iterable, size=BATCH):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _municipalities():
    from django.conf import settings

    from carers.models import Municipality

    return list(
        Municipality.objects.filter(
            prefecture_code=settings.PORTAL_PREFECTURE_CODE, is_prefecture=False
        ).values_list("code", flat=True)
    )


def seed_services(count, rng):
    """``count`` fictional services with organisations, categories, areas,
    locations and a few open reports, in batches of plain INSERTs."""
    from django.utils import timezone

    from carers.text import normalise
    from services.models import (
        Location,
        Organization,
        Scope,
        Service,
        ServiceAtLocation,
        ServiceReport,
        ServiceStatus,
        TaxonomyTerm,
    )

    terms = list(TaxonomyTerm.objects.values_list("pk", flat=True))
    codes = _municipalities()
    today = timezone.localdate()
    orgs = [
        Organization(name_ja=f"架空福祉法人 第{i}会", name_en=f"Fictional welfare body {i}")
        for i in range(max(count // 25, 20))
    ]
    _bulk(Organization, orgs)
    category_link = Service.categories.through
    area_link = Service.municipalities.through
    made = 0
    for batch in _batched(range(count)):
        services, categories, areas, locations, links, reports = [], [], [], [], [], []
        for i in batch:
            topic, reading = rng.choice(SERVICE_TOPICS)
            kind = rng.choice(SERVICE_KINDS)
            roll = rng.random()
            scope = (
                Scope.NATIONAL
                if roll < 0.03
                else Scope.PREFECTURAL
                if roll < 0.1
                else Scope.MUNICIPAL
            )
            service = Service(
                organization=rng.choice(orgs),
                name_ja=f"{topic}{kind}（架空 {i}）",
                name_en=f"Fictional {kind} {i}",
                summary_ja=f"{topic}についての{kind}です。架空のデータで、実在しません。",
                summary_en="Fictional entry for the benchmark.",
                description_ja=(
                    f"{topic}に関わる家族や本人のための{kind}。申し込みは窓口で受け付けます。"
                    "費用や対象は市町村によって異なります。" * 2
                ),
                eligibility_ja="市町村に住んでいる人",
                how_to_apply_ja="窓口か電話で申し込みます。",
                cost_ja="無料",
                keywords=f"{reading} {topic}",
                audiences=rng.sample(["carers", "young_carers", "cared_for", "family"], 2),
                scope=scope,
                status=ServiceStatus.DRAFT if rng.random() < 0.03 else ServiceStatus.PUBLISHED,
                last_verified=today - timedelta(days=rng.randrange(0, 700)),
                phone="011-000-0000",
            )
            service.search_text = normalise(" ".join(getattr(service, f) for f in Service.SEARCHED))
            service.search_name = service.compute_search_name()
            services.append(service)
            for term in rng.sample(terms, 2):
                categories.append(category_link(service_id=service.pk, taxonomyterm_id=term))
            if scope == Scope.MUNICIPAL:
                # One in ten in the largest city (the benchmark's municipal staff).
                code = MUNICIPAL_CODE if i % 10 == 1 else rng.choice(codes)
                areas.append(area_link(service_id=service.pk, municipality_id=code))
            if i % 5 == 0:
                location = Location(
                    organization=service.organization,
                    name_ja=f"架空センター {i}",
                    municipality_id=rng.choice(codes),
                    address_ja=f"架空町{i}番地",
                )
                locations.append(location)
                links.append(ServiceAtLocation(service=service, location=location))
            if i % 100 == 0:
                reports.append(ServiceReport(service=service, message="架空の報告: 電話番号が古い"))
        _bulk(Service, services)
        _bulk(category_link, categories)
        _bulk(area_link, areas)
        _bulk(Location, locations)
        _bulk(ServiceAtLocation, links)
        _bulk(ServiceReport, reports)
        made += len(services)
    return made


def seed_salons(count, sessions_per_salon, rng):
    from django.utils import timezone

    from carers.models import Municipality, Role, User
    from carers.text import normalise
    from salons.models import (
        Audience,
        Registration,
        RegistrationStatus,
        Salon,
        SalonStatus,
        Session,
    )

    names = dict(Municipality.objects.filter(pk__in=_municipalities()).values_list("code", "name"))
    codes = list(names)
    organisers = [
        User(
            email=f"bench-organiser-{uuid.uuid4().hex[:12]}@example.jp",
            role=Role.ORGANISER,
            is_demo=True,
        )
        for _ in range(max(count // 50, 5))
    ]
    for user in organisers:
        user.set_unusable_password()
    _bulk(User, organisers)
    now = timezone.now()
    start = timezone.localtime(now).replace(hour=14, minute=0, second=0, microsecond=0)
    audiences = list(Audience.values)
    for batch in _batched(range(count), 500):
        salons = []
        for i in batch:
            code = rng.choice(codes)
            online = rng.random() < 0.2
            salon = Salon(
                organiser=rng.choice(organisers),
                name=f"架空ケアラーズカフェ {i}",
                description="介護をしている家族が集まって話す場です（架空）。" * 3,
                organising_body=f"架空の会 {i}",
                municipality_id=code,
                venue_address=f"{names[code]}架空町{i}番地",
                is_online=online,
                audiences=rng.sample(audiences, 2),
                fee="無料",
                contact="011-000-0000",
                status=SalonStatus.PENDING if rng.random() < 0.05 else SalonStatus.PUBLISHED,
                last_confirmed_at=now - timedelta(days=rng.randrange(0, 150)),
            )
            salon.search_text = normalise(
                " ".join(
                    [
                        salon.name,
                        salon.description,
                        salon.organising_body,
                        salon.venue_address,
                        names[code],
                    ]
                )
            )
            salons.append(salon)
        Salon.objects.bulk_create(salons)
        sessions, registrations = [], []
        for salon in salons:
            first = start - timedelta(days=60 - rng.randrange(0, 14))
            for k in range(sessions_per_salon):
                begins = first + timedelta(days=14 * k)
                session = Session(
                    salon=salon,
                    starts_at=begins,
                    ends_at=begins + timedelta(minutes=90),
                    capacity=20,
                    is_online=salon.is_online,
                    meeting_url="https://meet.example.jp/fictional" if salon.is_online else "",
                )
                sessions.append(session)
                if k % 5 == 0:
                    registrations.append(
                        Registration(
                            session=session,
                            guest_email=f"guest{salon.pk}-{k}@example.jp",
                            nickname="架空",
                            status=RegistrationStatus.CONFIRMED,
                        )
                    )
        _bulk(Session, sessions)
        _bulk(Registration, registrations)


def seed_households(count, rng):
    from carers.models import CaseStatus, Household

    codes = _municipalities()
    households = (
        Household(
            municipality_id=MUNICIPAL_CODE if i % 10 == 0 else rng.choice(codes),
            reference=f"架空-{i:06d}",
            status=CaseStatus.CLOSED if i % 7 == 0 else CaseStatus.OPEN,
        )
        for i in range(count)
    )
    for batch in _batched(households):
        _bulk(Household, batch)


def ensure_staff():
    from carers.models import User
    from tests.factories import MunicipalStaffFactory, PrefectureStaffFactory

    users = {}
    for email, factory, code in (
        (PREFECTURE_STAFF, PrefectureStaffFactory, None),
        (MUNICIPAL_STAFF, MunicipalStaffFactory, MUNICIPAL_CODE),
    ):
        users[email] = User.objects.filter(email=email).first() or factory(
            email=email, display_name="架空 職員", municipality_code=code
        )
    return users


def _services_seeder():
    spec = os.environ.get("BENCH_SERVICES_SEEDER", "")
    if not spec:
        return seed_services
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def seed(volume):
    """Bring the database up to ``volume`` (idempotent)."""
    from django.core.management import call_command
    from django.db import transaction

    from carers.models import Household
    from salons.models import Salon
    from services import builtin
    from services.models import Service

    sizes = VOLUMES[volume]
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_municipalities", verbosity=0)
    if os.environ.get("BENCH_REGENERATE") == "1":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE services_service, services_organization, services_location, "
                "salons_salon, carers_household CASCADE"
            )
    rng = random.Random(18)
    started = time.perf_counter()
    builtin.load()
    if Service.objects.count() < sizes["services"]:
        with transaction.atomic():
            _services_seeder()(sizes["services"] - Service.objects.count(), rng)
    if Salon.objects.count() < sizes["salons"]:
        with transaction.atomic():
            seed_salons(sizes["salons"] - Salon.objects.count(), sizes["sessions"], rng)
    # Each salon's stored next session: bulk inserts send no signals, and time
    # has passed since the last run.
    from salons.actions import salons_refresh_next_sessions

    Salon.objects.filter(next_session_at__isnull=True).refresh_next_session()
    salons_refresh_next_sessions()
    if Household.objects.count() < sizes["households"]:
        with transaction.atomic():
            seed_households(sizes["households"] - Household.objects.count(), rng)
    ensure_staff()
    from django.db import connection

    from services import search
    from services.models import SearchEntry

    if SearchEntry.objects.count() != Service.objects.count():
        # The catalogue's search index: derived rows that bulk inserts do not write.
        with transaction.atomic():
            search.refresh()
    with connection.cursor() as cursor:
        # As autovacuum keeps a production database (the PostgreSQL of these
        # machines runs with autovacuum off): statistics, and the visibility map
        # that lets counts read an index alone.
        cursor.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - started


def counts():
    from carers.models import Household
    from salons.models import Salon, Session
    from services.models import Service

    return {
        "services": Service.objects.count(),
        "salons": Salon.objects.count(),
        "sessions": Session.objects.count(),
        "households": Household.objects.count(),
    }


def sample_ids():
    """Ids for the detail pages: a public salon and a visible service."""
    from salons.models import Salon
    from services.models import Service

    salon = Salon.objects.searchable().order_by("pk").values_list("pk", flat=True).first()
    service = Service.objects.public().order_by("pk").values_list("pk", flat=True).first()
    return {"salon": salon, "service": str(service)}


def session_cookies():
    """A signed-in session cookie per staff persona (what wrk sends)."""
    from django.conf import settings
    from django.test import Client

    cookies = {}
    for email, user in ensure_staff().items():
        client = Client()
        client.force_login(user)
        cookies[email] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def probe(paths):
    """Render each (path, persona) in-process with an empty cache: queries,
    SQL and total time (median of 3), the slowest query and its plan."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    users = ensure_staff()
    clients = {None: Client()}
    for email, user in users.items():
        clients[email] = Client()
        clients[email].force_login(user)
    results = {}
    for path, persona in paths:
        client = clients[persona]
        cache.clear()
        client.get(path, secure=True)
        runs = []
        for _ in range(3):
            cache.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(path, secure=True)
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)
            total = (time.perf_counter() - started) * 1000
            queries = ctx.captured_queries
            runs.append((total, queries, response.status_code))
        total, queries, status = sorted(runs, key=lambda r: r[0])[1]
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        slowest = max(queries, key=lambda q: float(q["time"]), default=None)
        plan = []
        if slowest is not None and slowest["sql"].lstrip().upper().startswith("SELECT"):
            try:
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + slowest["sql"])
                    plan = [row[0] for row in cursor.fetchall()]
            except Exception as exc:  # a plan is a nicety; the figure stays
                plan = [f"(no plan: {type(exc).__name__})"]
        results[path] = {
            "status": status,
            "queries": len(queries),
            "sql_ms": round(sql_ms, 1),
            "render_ms": round(total, 1),
            "render_runs": [round(r[0], 1) for r in runs],
            "slowest_ms": round(float(slowest["time"]) * 1000, 1) if slowest else 0,
            "slowest_sql": slowest["sql"][:300] if slowest else "",
            "plan": plan,
        }
    return results


def main(argv):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    command, volume = argv[0], argv[1]
    if command == "seed":
        seconds = seed(volume)
        print(json.dumps({"seconds": round(seconds, 1), "counts": counts(), "ids": sample_ids()}))
    elif command == "probe":
        paths = json.loads(sys.stdin.read())
        print(json.dumps({"pages": probe(paths), "cookies": session_cookies()}))
    else:
        sys.exit("usage: python -m tests.benchdata seed|probe <volume>")


if __name__ == "__main__":
    main(sys.argv[1:])
