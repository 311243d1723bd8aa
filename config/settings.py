"""OneStop settings, read from the environment (see ``config/env.py``).

Every variable has a safe default for the embedded run: SQLite under ``var/``,
e-mail to the console, tasks run in-process. ``DATABASE_URL``,
``CELERY_BROKER_URL`` and friends switch on the production parts.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config.env import (
    env_bool,
    env_database,
    env_email_backend,
    env_int,
    env_list,
    env_str,
    env_time_zone,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str(
    "SECRET_KEY", "embedded-only-secret-change-me-in-production-0123456789"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", ["http://127.0.0.1:8000"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "onestop.common",
    "onestop.organisations",
    "onestop.posts",
    "onestop.catalog",
    "onestop.cases",
    "onestop.intake",
    "onestop.circulation",
    "onestop.notifications",
    "onestop.metrics",
    "onestop.appointments",
    "onestop.queueing",
    "onestop.ratings",
    "onestop.contactcenter",
    "onestop.workforce",
    "onestop.knowledge",
    "onestop.campaigns",
    "onestop.surveys",
    "onestop.inspection",
    "onestop.quality",
    "onestop.assessment",
    "onestop.providers",
    "onestop.customers",
    "onestop.topics",
    "onestop.fieldservice",
    "onestop.servicecontracts",
    "onestop.workspace",
    "onestop.portal",
    "onestop.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "onestop.organisations.middleware.ActiveOrganisationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "onestop" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "onestop.organisations.context_processors.organisation",
            ],
        },
    },
]

DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'onestop.sqlite3'}")
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server read while a command writes; IMMEDIATE makes a
    # writing transaction take its lock at BEGIN, so concurrent writers queue
    # instead of failing with "database is locked" half-way. Connections are
    # kept as on PostgreSQL: opening and closing one costs a served request
    # ~15 ms (the last close checkpoints the WAL), several times its own work.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["onestop.organisations.backends.OrganisationRoleBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_time_zone("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # also makes var/ for the SQLite file
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "private"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Online applications: each uploaded material, and all of one application's.
ONESTOP_UPLOAD_MAX_FILE_BYTES = env_int(
    "ONESTOP_UPLOAD_MAX_FILE_BYTES", 5 * 1024 * 1024
)
ONESTOP_UPLOAD_MAX_TOTAL_BYTES = env_int(
    "ONESTOP_UPLOAD_MAX_TOTAL_BYTES", 20 * 1024 * 1024
)

# Public forms limited per client address: scope -> (attempts, per seconds).
# The counters live in the cache (local memory unless CACHES names a shared one,
# which a deployment with several web processes needs). A campus behind one NAT
# address shares its counts: raise these there.
ONESTOP_RATE_LIMITS = {
    "status_lookup": (10, 600),
    "appointment_book": (20, 3600),
    "online_apply": (30, 3600),
    "rating": (30, 600),
    "queue_take": (30, 60),
    "survey": (30, 600),
}
# The address the public reaches this deployment at, for links printed on
# receipts and sent by SMS (rating links, cancel links); defaults to the first
# trusted origin.
ONESTOP_PUBLIC_URL = env_str("ONESTOP_PUBLIC_URL", "")
# Reverse proxies in front that append to X-Forwarded-For; 0 ignores the header.
ONESTOP_PROXY_COUNT = env_int("ONESTOP_PROXY_COUNT", 0)

EMAIL_BACKEND = env_email_backend("EMAIL_BACKEND", "console")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "onestop@localhost")

# SMS goes to a file until a gateway backend is named; tests keep it in memory.
_SMS_BACKENDS = {
    "file": "onestop.notifications.sms.FileBackend",
    "locmem": "onestop.notifications.sms.LocmemBackend",
}
SMS_BACKEND = _SMS_BACKENDS.get(
    env_str("SMS_BACKEND", "file"), env_str("SMS_BACKEND", "file")
)
SMS_FILE_PATH = env_str("SMS_FILE_PATH", str(VAR_DIR / "sms" / "outbox.jsonl"))

# Celery runs tasks in-process until a broker is named, so the embedded run
# needs no extra service.
_BROKER = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not _BROKER
# In-process tasks still need a broker name; the in-memory one is never used.
CELERY_BROKER_URL = _BROKER or "memory://localhost/"
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "")
CELERY_BEAT_SCHEDULE = {
    "sweep": {"task": "common.sweep", "schedule": 300.0},
}
# The periodic checks `manage.py sweep` and the Celery task run, in order.
ONESTOP_SWEEPS = [
    "onestop.circulation.sweep.cases_sweep",
    "onestop.appointments.sweep.reminders_sweep",
    "onestop.ratings.sweep.rectifications_sweep",
    "onestop.inspection.sweep.inspections_sweep",
    "onestop.topics.sweep.notes_sweep",
]
CELERY_TIMEZONE = TIME_ZONE

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OneStop API",
    "DESCRIPTION": "Service catalogue, organisations, posts and cases of a OneStop deployment.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "CaseOutcomeEnum": "onestop.cases.models.Outcome",
        "StepOutcomeEnum": "onestop.cases.models.StepOutcome",
        "MaterialFormEnum": "onestop.catalog.models.MaterialForm",
        "PickupWayEnum": "onestop.cases.models.PickupWay",
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "jieba": {"level": "WARNING"},
        # One line per in-process task is noise at the console.
        "celery.app.trace": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Serve static files straight from the apps, so the embedded run needs no
# collectstatic step; production runs collectstatic into STATIC_ROOT.
WHITENOISE_USE_FINDERS = True
