"""Shared test fixtures: personas named by role, real PostgreSQL, real Redis.

Personas (each a saved User):
  municipal_staff            staff of 札幌市 (011002), MFA set up
  other_municipality_staff   staff of 函館市 (012025), MFA set up
  prefecture_staff           prefecture staff, MFA set up
  advisor_user               an advisor account, MFA set up
  organiser                  a salon organiser
  resident                   a registered user (carer)
  visitor                    not signed in (an anonymous Client)
Use ``client_for(user)`` to get a Client signed in as a persona.
"""

import os

import pytest

os.environ.setdefault("DEBUG", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made by the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
REQUIRE_REAL = os.environ.get("KIZUKI_REQUIRE_REAL_SERVICES") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET  # noqa: E402


def pytest_collection_modifyitems(config, items):
    """Files with browser tests first (the long ones): `make test` hands whole
    files to two processes in this order, so the many short files fill the end
    of the run on both instead of one process finishing a long file alone."""
    browser_files = {item.path for item in items if item.get_closest_marker("browser")}
    items.sort(key=lambda item: item.path not in browser_files)


def _needs_db(request):
    names = set(request.fixturenames)
    return bool({"db", "transactional_db", "live_server", "django_db_setup"} & names) or bool(
        request.node.get_closest_marker("django_db")
    )


# The rows `load_content` writes, taken once per session: after a
# transactional test has flushed the tables they are copied back in a few bulk
# inserts (milliseconds) instead of loading the files again (seconds).
_CONTENT_ROWS = []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database is set up as a deployment is: migrate, then load the
    municipalities and the built-in content (articles, guide pages, catalogue)."""
    import io

    from django.apps import apps
    from django.core.management import call_command

    from carers.municipalities import ensure_municipalities_loaded

    with django_db_blocker.unblock():
        ensure_municipalities_loaded()
        models = [
            m
            for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy
        ]
        before = {m: m._base_manager.count() for m in models}
        call_command("load_content", stdout=io.StringIO())
        _CONTENT_ROWS.extend(
            (m, list(m._base_manager.order_by("pk")))
            for m in models
            if m._base_manager.count() > before[m]
        )


def _auto_numbered(model):
    from django.db.models import AutoField, BigAutoField

    return isinstance(model._meta.pk, AutoField | BigAutoField)


def _copy(obj):
    """The same row as a new instance (an auto-numbered key is numbered again:
    no content row points to an auto-numbered one)."""
    numbered = _auto_numbered(type(obj))
    return type(obj)(
        **{
            f.attname: getattr(obj, f.attname)
            for f in obj._meta.concrete_fields
            if not (f.primary_key and numbered)
        }
    )


def _restore_content():
    from django.db import transaction

    # Foreign keys are checked at commit (PostgreSQL, deferred): any order will do.
    with transaction.atomic():
        for model, rows in _CONTENT_ROWS:
            model._base_manager.bulk_create([_copy(row) for row in rows])
            # Inserting stamps auto_now(_add) fields anew: keep the original times
            # (suggestions list the first-written national entry first).
            stamps = [
                f.attname
                for f in model._meta.concrete_fields
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            ]
            if stamps and not _auto_numbered(model):
                model._base_manager.bulk_update(rows, stamps)


@pytest.fixture(autouse=True)
def _municipalities(request):
    """Every database test sees the full municipality list and the built-in
    content (transactional tests flush tables, so they are reloaded when missing)."""
    if _needs_db(request):
        request.getfixturevalue("django_db_blocker")
        from carers.municipalities import ensure_municipalities_loaded

        ensure_municipalities_loaded()
        if _CONTENT_ROWS and not _CONTENT_ROWS[0][0]._base_manager.exists():
            _restore_content()


@pytest.fixture(autouse=True)
def _japanese():
    """Each test starts in the default language (a request to /en/ leaves English
    active in the thread; Python-level calls in later tests must not inherit it)."""
    from django.utils import translation

    with translation.override("ja"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Hashing with the production hasher dominates test time; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and caches must not leak between tests."""
    from django.core.cache import cache

    try:
        cache.clear()
    except Exception:
        pass
    yield


def make_user(email, role="registered", municipality_code=None, mfa=False, **extra):
    from tests.factories import UserFactory

    return UserFactory(
        email=email, role=role, municipality_code=municipality_code, mfa=mfa, **extra
    )


@pytest.fixture
def municipality(db):
    from carers.models import Municipality

    return Municipality.objects.get(code="011002")  # 札幌市


@pytest.fixture
def other_municipality(db):
    from carers.models import Municipality

    return Municipality.objects.get(code="012025")  # 函館市


@pytest.fixture
def municipal_staff(db):
    return make_user(
        "staff@sapporo.example.jp", "municipal_staff", "011002", mfa=True, display_name="札幌 職員"
    )


@pytest.fixture
def other_municipality_staff(db):
    return make_user(
        "staff@hakodate.example.jp", "municipal_staff", "012025", mfa=True, display_name="函館 職員"
    )


@pytest.fixture
def prefecture_staff(db):
    return make_user(
        "staff@pref.example.jp", "prefecture_staff", mfa=True, display_name="道庁 職員"
    )


@pytest.fixture
def advisor_user(db):
    return make_user("advisor@example.jp", "advisor", mfa=True, display_name="助言 太郎")


@pytest.fixture
def organiser(db):
    return make_user("organiser@example.jp", "organiser", display_name="運営者")


@pytest.fixture
def resident(db):
    return make_user("resident@example.jp", "registered", display_name="ひまわり")


@pytest.fixture
def visitor(client):
    return client


@pytest.fixture
def client_for(db):
    """client_for(user) -> a django.test.Client signed in as that user."""
    from django.test import Client

    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture
def outbox_emails(db):
    """outbox_emails() -> the OutboundEmail rows written so far (newest last)."""
    from carers.models import OutboundEmail

    return lambda: list(OutboundEmail.objects.order_by("created_at"))


@pytest.fixture(autouse=True)
def _eager_celery(request, settings):
    """Tasks run in-process unless a test asks for the real worker (``redis`` marker)."""
    from portal.celery import app

    eager = not request.node.get_closest_marker("redis")
    old = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = old


def _unavailable(reason):
    if REQUIRE_REAL:
        pytest.fail(f"{reason} (KIZUKI_REQUIRE_REAL_SERVICES=1)")
    pytest.skip(reason)


@pytest.fixture
def redis_url():
    """The real Redis of REDIS_URL; skips (fails in CI) when it is absent."""
    from django.conf import settings

    if not settings.REDIS_URL:
        _unavailable("needs Redis: REDIS_URL is not set")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:
        _unavailable("needs Redis: cannot reach REDIS_URL")
    return settings.REDIS_URL


@pytest.fixture(scope="session")
def chromium():
    """A real headless Chromium (Debian's package) driven by Playwright."""
    if not os.path.exists(CHROMIUM):
        _unavailable(f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser page; ``page.base_url`` is the live server's address."""
    context = chromium.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
    context.set_default_timeout(15000)
    pg = context.new_page()
    pg.base_url = live_server.url
    yield pg
    context.close()


def totp_now(secret=TEST_TOTP_SECRET, margin=5.0):
    """The current code, from a 30-second period with at least ``margin``
    seconds left: a code typed at the end of its period reached the server in
    the next one and was refused (allauth accepts the current period only)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = 30 - time.time() % 30
    if left < margin:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def browser_login():
    """browser_login(page, user): sign in through the real login page (with TOTP for staff)."""

    def login(pg, user, password=TEST_PASSWORD, lang_prefix=""):
        from allauth.mfa.models import Authenticator

        pg.goto(f"{pg.base_url}{lang_prefix}/accounts/login/")
        pg.fill("input[name=login]", user.email)
        pg.fill("input[name=password]", password)
        pg.locator("main form button[type=submit]").first.click()
        if Authenticator.objects.filter(user=user, type="totp").exists():
            pg.wait_for_selector("input[name=code]")
            pg.fill("input[name=code]", totp_now())
            pg.locator("main form button[type=submit]").first.click()
        pg.wait_for_load_state()

    return login


@pytest.fixture
def axe_check():
    """axe_check(page): fail on serious or critical WCAG violations of the current page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(pg):
        results = axe.run(
            pg,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            },
        )
        bad = [
            v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
        ]
        summary = "; ".join(
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {[n['target'] for n in v['nodes'][:3]]})"
            for v in bad
        )
        assert not bad, f"axe violations on {pg.url}: {summary}"
        return results

    return check
