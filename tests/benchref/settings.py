"""Settings of the reference project: production-like (DEBUG off), the database
of DATABASE_URL with the same persistent-connection settings the portal uses."""

import os

import environ

env = environ.Env()

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "benchref-not-secret")
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["tests.benchref"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "tests.benchref.urls"
WSGI_APPLICATION = "tests.benchref.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE") or 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = os.environ.get("CONN_HEALTH_CHECKS", "0") == "1"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "Asia/Tokyo"
LANGUAGE_CODE = "ja"
