"""Django settings for the gongkai platform.

Everything that differs between machines comes from the environment (see docs/deploy.md):
GONGKAI_DATA, DATABASE_URL, GONGKAI_SECRET_KEY, GONGKAI_DEBUG, GONGKAI_ALLOWED_HOSTS,
GONGKAI_CSRF_TRUSTED_ORIGINS, GONGKAI_HTTPS, GONGKAI_BEHIND_PROXY, GONGKAI_STATIC_MANIFEST; the security
ones (GONGKAI_ENV, GONGKAI_FIELD_KEYS, GONGKAI_HSTS_*, GONGKAI_SSL_REDIRECT, GONGKAI_TRUSTED_PROXY,
GONGKAI_RATE_*, GONGKAI_CACHE_URL) are in docs/deploy.md, "Security".
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from gongkai.datadir import SQLITE_FILE, data_dir


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent  # src/gongkai/web

# One folder holds everything the running platform writes: database, secret key, static files, uploads.
DATA_DIR = data_dir()
DATA_DIR.mkdir(parents=True, exist_ok=True)


# GONGKAI_ENV=production: a reachable server. It refuses to start without its own secrets and turns on
# everything `manage.py check --deploy` asks for; the default (development) suits the demo and tests.
GONGKAI_ENV = os.environ.get("GONGKAI_ENV", "development").strip().lower()
if GONGKAI_ENV not in ("development", "production"):
    raise ImproperlyConfigured("GONGKAI_ENV must be development or production")
PRODUCTION = GONGKAI_ENV == "production"


def _required_in_production(name: str) -> None:
    if PRODUCTION and not os.environ.get(name, "").strip():
        raise ImproperlyConfigured(f"GONGKAI_ENV=production needs {name} (see docs/deploy.md, Security)")


def _secret_key() -> str:
    key = os.environ.get("GONGKAI_SECRET_KEY")
    if key:
        return key
    _required_in_production("GONGKAI_SECRET_KEY")
    # A development key generated once per data folder; never part of the repository.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(get_random_secret_key())
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Keys for the applicants' ID numbers and phones at rest (gongkai.fieldcrypt): the first encrypts,
# every one decrypts, so a new key goes first and `gongkai manage rotate_keys` re-encrypts. Without
# any (development, the demo, tests) one is derived from SECRET_KEY; production requires them.
_required_in_production("GONGKAI_FIELD_KEYS")
GONGKAI_FIELD_KEYS = _list("GONGKAI_FIELD_KEYS")
DEBUG = _flag("GONGKAI_DEBUG")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("GONGKAI_DEBUG cannot be on with GONGKAI_ENV=production")
ALLOWED_HOSTS = _list("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = _list("GONGKAI_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "gongkai.web",
    "gongkai.spreadsheets",
    "gongkai.events",
    "gongkai.workdays",
    "gongkai.agencies",
    "gongkai.catalogue",
    "gongkai.govservice",
    "gongkai.portal",
    "gongkai.applications",
    "gongkai.appeals",
    "gongkai.records",
    "gongkai.credit",
    "gongkai.notifications",
    "gongkai.reports",
    "gongkai.checker",
    "gongkai.disclosure",
    "gongkai.hotline",
    "gongkai.interaction",
    "gongkai.api",
    "ninja",  # django-ninja: its Swagger UI files are served from here, not from a CDN
    "gongkai.supervision",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.web.security.RateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a flagged locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.web.urls"
WSGI_APPLICATION = "gongkai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.web.context.site",
                "gongkai.workdays.context.calendar_banner",
                "gongkai.agencies.context.staff_nav",
            ],
        },
    },
]

# --- Database: SQLite in the data folder by default, PostgreSQL when DATABASE_URL is set.
# Connections are kept open between requests (per worker thread) for CONN_MAX_AGE seconds, with a
# health check before reuse: opening a connection (and running the SQLite PRAGMAs) on every request
# costs more than most public pages' queries.
CONN_MAX_AGE = int(os.environ.get("GONGKAI_CONN_MAX_AGE", "600"))
if os.environ.get("DATABASE_URL"):
    import dj_database_url

    _db = dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
    if "postgresql" in _db["ENGINE"]:
        # Test databases need a UTF-8 LC_CTYPE (pg_trgm on Chinese). Django cannot pass LC_CTYPE,
        # so the template must carry it: template0 on a C.UTF-8 cluster, or the one scripts/test-pg.sh makes.
        _db["TEST"] = {"TEMPLATE": os.environ.get("GONGKAI_PG_TEMPLATE", "template0"), "CHARSET": "UTF8"}
    DATABASES = {"default": _db}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / SQLITE_FILE,
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets readers and one writer work at once. Every transaction starts IMMEDIATE (it
                # takes the write lock at BEGIN, waiting for it up to the busy timeout), so a
                # transaction that read first never fails to upgrade ("database is locked") when
                # another request writes; 50 people applying at once queue for a few milliseconds each.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    f"PRAGMA busy_timeout={int(os.environ.get('GONGKAI_SQLITE_BUSY_MS', '20000'))};"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication
AUTHENTICATION_BACKENDS = [
    "gongkai.agencies.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.agencies.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff:index"
LOGOUT_REDIRECT_URL = "/"

# Login lockout (django-axes): 5 failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gongkai.agencies.auth.lockout_response"
AXES_CLIENT_IP_CALLABLE = "gongkai.agencies.auth.client_ip"
AXES_VERBOSE = False
GONGKAI_BEHIND_PROXY = _flag("GONGKAI_BEHIND_PROXY")
# The client address (login lockout, rate limits) comes from the proxy's header only for requests
# that arrive from a trusted proxy's address; anyone else could write that header themselves.
# GONGKAI_BEHIND_PROXY=1 means nginx on this machine.
GONGKAI_TRUSTED_PROXY = _list("GONGKAI_TRUSTED_PROXY", "127.0.0.1,::1" if GONGKAI_BEHIND_PROXY else "")
GONGKAI_CLIENT_IP_HEADER = os.environ.get("GONGKAI_CLIENT_IP_HEADER", "X-Real-IP")

# --- Cache: the public pages' HTML and counts (gongkai.catalogue.cache, renewed by the catalogue
# stamp) and the rate limits' counts (gongkai.web.security, alias "ratelimit"). In-process by
# default (each gunicorn worker has its own: fastest, nothing to run); GONGKAI_CACHE_URL=redis://…
# shares them between workers and servers, which several workers or hosts need for one count of
# the rate limits.
_cache_url = os.environ.get("GONGKAI_CACHE_URL", "")
if _cache_url:
    if not _cache_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("GONGKAI_CACHE_URL must be a redis:// address")
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": alias,
        }
        for alias in ("default", "ratelimit")
    }
else:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"gongkai-{alias}",
            "OPTIONS": {"MAX_ENTRIES": 5000},  # Django's 300 would evict a busy site's searches
        }
        for alias in ("default", "ratelimit")
    }
# Requests per client address and window: N/s, N/m, N/h, N/d (or N/5m …). Override one or more
# with GONGKAI_RATE_LIMITS="apply=20/h,search=120/m"; an empty value turns that limit off.
GONGKAI_RATE_LIMITS = {
    "apply": "10/h",  # online applications submitted
    "track": "30/h",  # tracking look-ups (a query code is 8 characters: guessing must stay slow)
    "correct": "10/h",  # 补正 answers
    "ask": "10/h",  # 政民互动 messages
    "search": "60/m",  # catalogue and 12345 knowledge-base searches
    "login": "30/h",  # login attempts from one address, whatever the username
}
for _item in _list("GONGKAI_RATE_LIMITS"):
    _name, _, _rate = _item.partition("=")
    if _name.strip() not in GONGKAI_RATE_LIMITS:
        raise ImproperlyConfigured(f"GONGKAI_RATE_LIMITS: unknown limit {_name!r}")
    GONGKAI_RATE_LIMITS[_name.strip()] = _rate.strip()

# --- Sessions, cookies, headers (docs/deploy.md, "Security")
# https is assumed in production (an intranet on plain http sets GONGKAI_HTTPS=0 and check --deploy
# says what that costs).
HTTPS = _flag("GONGKAI_HTTPS", default=PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx gets the token from the page (base.html), not from the cookie
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a TLS-terminating proxy Django sees plain http; the proxy's X-Forwarded-Proto tells it the
# request came in over https (only set this when the proxy always overwrites that header).
if GONGKAI_BEHIND_PROXY or os.environ.get("GONGKAI_TRUSTED_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS: list[str] = []
if HTTPS:
    SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    # includeSubDomains and preload are commitments beyond this site: a government's portal often
    # sits at the registrable name (example.gov.cn) whose other hosts are still plain http, and
    # preload lists cannot be left quickly. Off unless the deployment says so; check --deploy is
    # told that this is a decision (W005, W021) rather than an oversight.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("GONGKAI_HSTS_INCLUDE_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = _flag("GONGKAI_HSTS_PRELOAD")
    if not SECURE_HSTS_INCLUDE_SUBDOMAINS:
        SILENCED_SYSTEM_CHECKS.append("security.W005")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append("security.W021")
    # Plain http is sent to https by Django unless the proxy already does it (GONGKAI_SSL_REDIRECT=0).
    SECURE_SSL_REDIRECT = _flag("GONGKAI_SSL_REDIRECT", default=True)

# Content-Security-Policy (django-csp): scripts and styles from the site's own static files only.
# No inline script or event-handler attribute anywhere (behaviour lives in each app's static/*.js);
# a template that needs an inline <style> gives it {{ request.csp_nonce }}. The two pages that embed
# the annual report's own HTML (column widths in style attributes, shared with the PDF writer)
# relax style attributes for themselves only (gongkai.reports: csp_update).
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Languages: Simplified Chinese first; English when the visitor chooses it.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
# `gongkai serve` collects static files with hashed names; elsewhere whitenoise serves from the apps.
if _flag("GONGKAI_STATIC_MANIFEST"):
    _static_backend = "whitenoise.storage.CompressedManifestStaticFilesStorage"
else:
    _static_backend = "django.contrib.staticfiles.storage.StaticFilesStorage"
    WHITENOISE_USE_FINDERS = True
# Uploaded files (attachments, letters): the data folder's media/ by default (several app servers
# share it over a common mount), or an S3-compatible object store with GONGKAI_MEDIA_STORAGE=s3
# (pip install 'gongkai[s3]'; docs/deploy.md lists the GONGKAI_S3_* variables).
if os.environ.get("GONGKAI_MEDIA_STORAGE", "local") == "s3":
    _media = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("GONGKAI_S3_BUCKET", "gongkai"),
            "endpoint_url": os.environ.get("GONGKAI_S3_ENDPOINT") or None,
            "region_name": os.environ.get("GONGKAI_S3_REGION") or None,
            "access_key": os.environ.get("GONGKAI_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("GONGKAI_S3_SECRET_KEY") or None,
            "location": os.environ.get("GONGKAI_S3_PREFIX", ""),
            "default_acl": None,  # private objects: files are served only through the site's checks
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif os.environ.get("GONGKAI_MEDIA_STORAGE", "local") == "local":
    _media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured("GONGKAI_MEDIA_STORAGE must be local or s3")
STORAGES = {
    "default": _media,
    "staticfiles": {"BACKEND": _static_backend},
}

# --- Background tasks (gongkai.applications.tasks): the embedded default is huey on SQLite in the
# data folder, run by `gongkai worker` (no broker). Larger deployments may run the same tasks on
# Celery instead (gongkai.applications.celery_app; see docs/applications.md): then the site queues
# its tasks (the notifications) there too.
GONGKAI_TASK_QUEUE = os.environ.get(
    "GONGKAI_TASK_QUEUE", "celery" if os.environ.get("GONGKAI_CELERY_BROKER") else "huey"
)
if GONGKAI_TASK_QUEUE not in ("huey", "celery"):
    raise ImproperlyConfigured("GONGKAI_TASK_QUEUE must be huey or celery")
HUEY = {
    "huey_class": "huey.SqliteHuey",
    "name": "gongkai",
    "filename": str(DATA_DIR / "huey.sqlite3"),
    "immediate": False,
    "consumer": {"workers": 2, "worker_type": "thread"},
}
# --- The batch checker (gongkai.checker): reports uploaded from outside, kept in the data folder
# until deleted, or purged by the nightly job after GONGKAI_CHECKER_KEEP_DAYS days.
GONGKAI_CHECKER_DIR = Path(os.environ.get("GONGKAI_CHECKER_DIR", str(DATA_DIR / "checker")))
GONGKAI_CHECKER_KEEP_DAYS = int(os.environ.get("GONGKAI_CHECKER_KEEP_DAYS", "30"))
GONGKAI_CHECKER_MAX_FILES = int(os.environ.get("GONGKAI_CHECKER_MAX_FILES", "500"))
GONGKAI_CHECKER_MAX_BYTES = int(os.environ.get("GONGKAI_CHECKER_MAX_BYTES", str(300 * 1024 * 1024)))
GONGKAI_CHECKER_ZIP_MAX_ENTRIES = int(os.environ.get("GONGKAI_CHECKER_ZIP_MAX_ENTRIES", "2000"))
GONGKAI_CHECKER_ZIP_MAX_RATIO = 100  # unpacked / packed of one entry: beyond it, a zip bomb
GONGKAI_CHECKER_CHUNK = int(os.environ.get("GONGKAI_CHECKER_CHUNK", "10"))  # files per worker task
GONGKAI_CHECKER_STUCK_AFTER = 300  # seconds without progress before a batch counts as stuck
# Django refuses more files than this in one request; the checker takes up to its own limit.
DATA_UPLOAD_MAX_NUMBER_FILES = GONGKAI_CHECKER_MAX_FILES + 10
# 政务服务事项 import: the largest export accepted, and the metric definitions (see govservice.metrics)
GONGKAI_GOVSERVICE_MAX_UPLOAD = int(os.environ.get("GONGKAI_GOVSERVICE_MAX_UPLOAD", str(20 * 1024 * 1024)))
GONGKAI_GOVSERVICE_ONLINE_RATE = os.environ.get("GONGKAI_GOVSERVICE_ONLINE_RATE", "exempt_achieved")
GONGKAI_GOVSERVICE_SCOPE = os.environ.get("GONGKAI_GOVSERVICE_SCOPE", "on_request")
# Days after a case is finished (办结) before the worker erases the applicant's ID number, contacts
# and the files they sent (gongkai.applications.retention; 3 years by default, a choice [I]).
GONGKAI_PERSONAL_DATA_RETENTION_DAYS = int(
    os.environ.get("GONGKAI_PERSONAL_DATA_RETENTION_DAYS", str(3 * 365))
)
GONGKAI_APPLICATION_MAX_UPLOAD = int(os.environ.get("GONGKAI_APPLICATION_MAX_UPLOAD", str(10 * 1024 * 1024)))

# --- E-mail and SMS (gongkai.notifications; see docs/deploy.md, "Notifications").
# With GONGKAI_EMAIL_HOST set, mail goes out over SMTP; without it (a machine with no mail server)
# every message is written as a file to the "mail" folder of the data folder, to read or forward.
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_FROM_EMAIL", "gongkai@localhost")
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("GONGKAI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("GONGKAI_EMAIL_TLS")  # STARTTLS, usually port 587
EMAIL_USE_SSL = _flag("GONGKAI_EMAIL_SSL")  # implicit TLS, usually port 465
EMAIL_TIMEOUT = int(os.environ.get("GONGKAI_EMAIL_TIMEOUT", "30"))
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_BACKEND = os.environ.get(
    "GONGKAI_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
# The SMS provider: a class with send(phone, text); the default only logs (and the case shows it).
GONGKAI_SMS_GATEWAY = os.environ.get(
    "GONGKAI_SMS_GATEWAY", "gongkai.notifications.channels.LoggingSmsGateway"
)
# The address the public reaches the site at, for the tracking link in messages to applicants.
GONGKAI_SITE_URL = os.environ.get("GONGKAI_SITE_URL", "http://127.0.0.1:8000")
# A message that cannot be sent is tried again this many times, after 5, 10, 20 minutes by default.
GONGKAI_NOTIFY_RETRIES = int(os.environ.get("GONGKAI_NOTIFY_RETRIES", "3"))
GONGKAI_NOTIFY_RETRY_DELAY = int(os.environ.get("GONGKAI_NOTIFY_RETRY_DELAY", "300"))
# A message still being sent after this many minutes was left by a worker that died: marked failed
# (it may have gone out; staff check and resend), never sent again on its own.
GONGKAI_NOTIFY_STUCK_MINUTES = int(os.environ.get("GONGKAI_NOTIFY_STUCK_MINUTES", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "WARNING")},
}
