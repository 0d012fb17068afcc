"""Capacity settings, read from the environment (see README, "Deploy").

With no environment at all the app runs for development on an SQLite file
only when DEBUG is switched on; with DEBUG off it refuses to start without a
real SECRET_KEY and ALLOWED_HOSTS.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from capacity.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-used-in-production-0123456789"
if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be a random string of 50 characters or more.")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names).")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Trigram lookups for search on PostgreSQL; harmless on SQLite.
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "axes",
    "csp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "core",
    "organizations",
    "trainings",
    "trainings.excel",
    "coaching",
    "services",
    "evaluation",
    "results",
    "attachments",
    "capacity",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.DropNulFromQueryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login; the few public views say so with @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Nothing shown to a signed-in user is cached (personal data on shared computers).
    "core.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change kept in the audit history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "capacity.urls"
WSGI_APPLICATION = "capacity.wsgi.application"

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
            ],
        },
    },
]

# No DATABASE_URL (or an empty one): an SQLite file beside manage.py.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # IMMEDIATE transactions make concurrent writers wait instead of failing
    # half-way; WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiles a plan whose estimated cost passes jit_above_cost: on the
    # reports' grouped queries that compiling took 120 ms of a 140 ms query (the IPTT at
    # 250,000 marks), for queries that run in tens of milliseconds without it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Repeated failed logins lock that user name (from any address) and that address (for
# any user name: one password tried across many names) for a while. The address is the
# proxy's X-Forwarded-For only when BEHIND_PROXY says a proxy of ours sets it.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
# The project's catalogue first (it overrides Django's month names), then one
# per template folder or sub-package that has its own, so that each part's
# strings stay with it (an app's own <app>/locale is found by Django itself).
# One Arabic catalogue per app plus one for the project's templates. Listed here, not
# only found as the apps' own, so that ours win over third-party apps' words
# (django-import-export also translates "Summary").
LOCALE_PATHS = [BASE_DIR / "locale"] + [
    BASE_DIR / app / "locale"
    for app in (
        "core",
        "organizations",
        "trainings",
        "coaching",
        "services",
        "evaluation",
        "results",
        "attachments",
        "capacity",
    )
]
# Our own date formats: Django's Arabic SHORT_DATE_FORMAT hides U+200F marks.
FORMAT_MODULE_PATH = ["capacity.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Damascus")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"
# Attachments (scans, photos, drafts) are private: kept outside MEDIA_ROOT, never under a URL
# of their own, and served only by attachments.views to those allowed to see their record
# (README: "Files and storage"). ATTACHMENTS_STORAGE=s3 keeps them in an S3-compatible bucket.
ATTACHMENTS_DIR = Path(env_str("ATTACHMENTS_DIR", str(BASE_DIR / "private" / "attachments")))
ATTACHMENTS_STORAGE = env_str("ATTACHMENTS_STORAGE", "local")
if ATTACHMENTS_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured(f"ATTACHMENTS_STORAGE={ATTACHMENTS_STORAGE!r}: use local or s3.")
if ATTACHMENTS_STORAGE == "s3":
    _ATTACHMENTS_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "location": env_str("ATTACHMENTS_S3_PREFIX", "attachments"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _ATTACHMENTS_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": ATTACHMENTS_DIR, "file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
    }
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_MB", 10) * 1024 * 1024
ATTACHMENT_MAX_PIXELS = env_int("ATTACHMENT_MAX_MEGAPIXELS", 50) * 1_000_000
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "attachments": _ATTACHMENTS_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Background jobs (core/jobs, README "Background jobs") on Django's Tasks API. The database
# backend is the default (SQLite or PostgreSQL: `manage.py db_worker`); TASKS_BACKEND=rq runs
# them on RQ over Redis (REDIS_URL, `manage.py rqworker --job-class django_tasks_rq.Job`);
# TASKS_BACKEND=immediate runs each job inside the request (development, tests).
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0"), "DEFAULT_TIMEOUT": 3600}}
# Finished jobs' files: outside MEDIA_ROOT (never served as static), read only through the
# job's download page by its owner or an administrator. Workers on other machines need the
# same directory (a shared mount).
PRIVATE_ROOT = Path(env_str("PRIVATE_ROOT", str(BASE_DIR / "private")))
JOBS_KEEP_DAYS = env_int("JOBS_KEEP_DAYS", 7)
# A running job whose worker gave no sign of life for this long is marked failed (killed worker).
JOBS_STALE_SECONDS = env_int("JOBS_STALE_SECONDS", 300)
# Below these sizes an export is written inside the request, as before (measured: README).
JOBS_SYNC_ROWS = env_int("JOBS_SYNC_ROWS", 10000)
JOBS_SYNC_PLANS = env_int("JOBS_SYNC_PLANS", 2)
# The donor PDF took 0.7 s at 2,500 marks, 1.6 s at 25,000 and 4.8 s at 250,000 (tests/bench/test_tasks.py).
JOBS_SYNC_REPORT_MARKS = env_int("JOBS_SYNC_REPORT_MARKS", 10000)
JOBS_SYNC_IMPORT_ROWS = env_int("JOBS_SYNC_IMPORT_ROWS", 300)
# Above this many rows (the sheet's own count) an uploaded trainee list is read and checked
# by a job too, its preview kept: 2,000 rows took 1.6 s to read and check, then 1.1 s per preview.
JOBS_SYNC_IMPORT_READ_ROWS = env_int("JOBS_SYNC_IMPORT_READ_ROWS", 300)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# django-import-export (the admin's import of catalogues only): one transaction per import.
# Every export goes through core.excel instead.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Uploads are read in memory; refuse anything large before it is parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Content-Security-Policy: only this host, no inline script, nothing foreign.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Cookies go over HTTPS only. A LAN deployment without TLS may opt out explicitly
    # (README: "Deploy"): passwords and sessions then cross the network in clear text.
    SECURE_COOKIES = env_bool("SECURE_COOKIES", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Results (issue 18): the age bands people are counted in, (first age, last age or None), the
# common humanitarian bands with youth apart; an indicator is off track below this % of its target.
RESULTS_AGE_BANDS = [(0, 17), (18, 24), (25, 49), (50, 59), (60, None)]
RESULTS_OFF_TRACK_BELOW = 80

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
