"""Settings for the portal, configured by environment variables.

Development needs nothing set. Production sets at least ``DJANGO_SECRET_KEY``,
``DJANGO_ALLOWED_HOSTS`` and ``DATABASE_URL``; see the README.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ichinoseki_kyodo.env import env_bool, env_emails, env_header, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production)."
        )
    SECRET_KEY = "insecure-development-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    # Before import_export: the portal's `import` command replaces the library's.
    "ichinoseki_kyodo",
    "core",
    "import_export",
    "simple_history",
    "axes",
    "outbox",
    "plans",
    "indicators",
    "councils",
    "centers",
    "opendata",
    "search",
    "progress_reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: locks an account after repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5  # hours
# Lock the account (by itself, and from the address used), not a whole address: a body's
# office or a city building may share one address among many people.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "councils/auth/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy every request arrives from the proxy's address. Only when the
# portal is reachable solely through the proxy may the header it sets be believed: then
# DJANGO_CLIENT_IP_HEADER names it and DJANGO_TRUSTED_PROXY_COUNT says how many proxies
# append to it (see core/client_ip.py). Unset, REMOTE_ADDR alone counts.
PORTAL_CLIENT_IP_HEADER = env_header("DJANGO_CLIENT_IP_HEADER")
PORTAL_TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 1, minimum=1)
if env_str("DJANGO_TRUSTED_PROXY_COUNT").strip() and not PORTAL_CLIENT_IP_HEADER:
    raise ImproperlyConfigured(
        "DJANGO_TRUSTED_PROXY_COUNT needs DJANGO_CLIENT_IP_HEADER (the header the proxy sets)."
    )
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip_address"

LOGIN_URL = "councils:login"
LOGIN_REDIRECT_URL = "councils:home"
LOGOUT_REDIRECT_URL = "plans:home"

ROOT_URLCONF = "ichinoseki_kyodo.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ichinoseki_kyodo.context_processors.sample_data",
            ],
        },
    },
]

WSGI_APPLICATION = "ichinoseki_kyodo.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers (or a command from cron) writing at once queue for the write lock instead
    # of failing with "database is locked": each transaction takes it when it begins (so none
    # has to upgrade a read lock half-way, which SQLite cannot wait for) and waits up to
    # DJANGO_SQLITE_TIMEOUT seconds for it. WAL lets pages be read while someone writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("DJANGO_SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Public pages are cached (see core/cache.py): in each process by default, in
# Redis when REDIS_URL is set. Either way their version lives in the database, so a change
# made by any process shows on the next request of every process.
PUBLIC_PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", default=True)
REDIS_URL = env_str("REDIS_URL") or env_str("CACHE_URL")
# Each process's own cache must hold every public page in both languages (the sitemap's
# ~480 at the city's size, plus listings' later pages and the open-data files): with
# Django's default of 300 entries it would keep evicting pages it is about to serve.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    )
}

# Argon2id (memory-hard; Django's first recommendation) for every password set from now on,
# with one lane so that a sign-in keeps to one core (core/hashers.py says why and how much).
# A password stored with PBKDF2 or other Argon2 settings still signs in and is rehashed.
PASSWORD_HASHERS = [
    "core.hashers.PortalArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("英語"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded photos are served only through views that check who may see them.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

# E-mail: the console in development, SMTP (configured by the environment) in production.
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
# Seconds a mail server may take to answer; a queued mail is retried later (outbox).
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "kyodo-portal@localhost")
# Used for links in e-mails sent outside a request (reminders).
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# Who is told of each submitted report, besides the editors with an e-mail address
# (comma-separated; an address that is not one stops the start).
PORTAL_STAFF_EMAILS = env_emails("PORTAL_STAFF_EMAILS")
# Days within which staff answer a submitted report (accept or ask for changes); the
# confirmation page after submitting tells the body the date.
PORTAL_REVIEW_DAYS = env_int("PORTAL_REVIEW_DAYS", 14, minimum=1)

DATA_UPLOAD_MAX_MEMORY_SIZE = 40 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest forms are a body's report section (the support measures or the roles, about 30
# fields) and the yearly workbench; Django's default bound is ample.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1_000
# Only parts with a file in them count here. A body saves one activity at a time with at most
# 3 photos (ActivityPhoto.MAX_PER_ACTIVITY), each decoded and resized while the body waits
# (0.5–2 s at the limits), so one request holds a worker for seconds; a request carrying more
# files than any form takes is refused before any is read. Each file costs only its upload,
# which the reverse proxy's body-size limit bounds (3 × 10 MB plus room).
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# Imports and exports (django-import-export): only editors import, viewers may export.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Production hardening; a reverse proxy terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Logged-in sessions (body reporters, staff) end after 4 hours, and when the browser closes.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_SECONDS", 4 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content-Security-Policy: everything from this site only, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
