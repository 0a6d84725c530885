"""Django settings, all from the environment (docs/hub.md lists every variable).

PostgreSQL only: HUB_DATABASE_URL names it (`postgresql://user:pass@host:port/db`, or a Unix
socket with `?host=/path`). `make hub` sets it to its local cluster.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def database_from_url(url: str) -> dict[str, object]:
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(
            f"HUB_DATABASE_URL must be a postgresql:// URL, not {parts.scheme or 'empty'!r}"
        )
    query = dict(parse_qsl(parts.query))
    host = query.pop("host", None) or unquote(parts.hostname or "")
    port = query.pop("port", None) or (str(parts.port) if parts.port else "")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "hub",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": port,
        # Connections are reused across requests, and checked first: a PostgreSQL restart
        # costs one failed check, not one failed request per worker.
        "CONN_MAX_AGE": int(os.environ.get("HUB_CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"connect_timeout": 5, **query},
    }


DEBUG = os.environ.get("HUB_DEBUG") == "1"
SECRET_KEY = os.environ.get("HUB_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and os.environ.get("HUB_ALLOW_DEV_SECRET") != "1":
        raise ImproperlyConfigured("HUB_SECRET_KEY is not set (see docs/hub.md)")
    SECRET_KEY = "dev-only-not-secret"
ALLOWED_HOSTS = [
    h for h in os.environ.get("HUB_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

DATABASES = {
    "default": database_from_url(
        os.environ.get("HUB_DATABASE_URL", "postgresql://hub@/hub?host=/var/run/postgresql")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "hub.core",
    "hub.offers",  # the offers relay (docs/hub.md)
    *[a for a in os.environ.get("HUB_EXTRA_APPS", "").split(",") if a],
]
# The staff dashboard is its own app, found when it is there (hub/dashboard/).
if importlib.util.find_spec("hub.dashboard") is not None:
    INSTALLED_APPS.append("hub.dashboard")
AUTH_USER_MODEL = "hub.Staff"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # in PostgreSQL: any process serves
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = os.environ.get("HUB_SECURE_COOKIES", "0") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LOGIN_URL = "/login/"

LANGUAGE_CODE = "fr"  # the dashboard is French first
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("HUB_TIME_ZONE", "Europe/Paris")
STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("HUB_STATIC_ROOT") or None

# The kiosk API's own limits (docs/hub-protocol.md).
HUB_MAX_BODY_BYTES = int(os.environ.get("HUB_MAX_BODY_BYTES", str(2 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = HUB_MAX_BODY_BYTES
HUB_MAX_MAIL_BYTES = int(os.environ.get("HUB_MAX_MAIL_BYTES", str(15 * 1024 * 1024)))
# Saved spaces and relayed e-mails are encrypted with this key (32 bytes, base64); the
# database alone (a dump, a backup) does not reveal them.
HUB_DATA_KEY = os.environ.get("HUB_DATA_KEY", "")
HUB_SPACES_EXPIRY_DAYS = int(os.environ.get("HUB_SPACES_EXPIRY_DAYS", "90"))
HUB_ENROL_HOURS = int(os.environ.get("HUB_ENROL_HOURS", "24"))
# Dashboard sign-in (hub.dashboard.signin): wrong passwords per account and per client
# address within the window before that account or address waits.
HUB_SIGNIN_MAX_FAILURES = int(os.environ.get("HUB_SIGNIN_MAX_FAILURES", "5"))
HUB_SIGNIN_MAX_FAILURES_PER_ADDRESS = int(
    os.environ.get("HUB_SIGNIN_MAX_FAILURES_PER_ADDRESS", "20")
)
HUB_SIGNIN_WINDOW_SECONDS = int(os.environ.get("HUB_SIGNIN_WINDOW_SECONDS", "900"))
HUB_SIGNIN_LOCK_SECONDS = int(os.environ.get("HUB_SIGNIN_LOCK_SECONDS", "900"))
# Load balancers whose X-Forwarded-For is believed (their own addresses, comma-separated):
# without it every person behind haproxy would share haproxy's address.
HUB_TRUSTED_PROXIES = [
    a.strip() for a in os.environ.get("HUB_TRUSTED_PROXIES", "").split(",") if a.strip()
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HUB_LOG_LEVEL", "INFO")},
}
