"""Django settings for Clearsight, from environment variables with safe defaults.

Embedded default: SQLite in the data directory (``CLEARSIGHT_DATA_DIR``). Server mode: ``DATABASE_URL=
postgresql://...`` behind gunicorn (docs/deploy.md). ``CLEARSIGHT_SECRET_KEY`` is read from the environment,
or else kept in ``<data dir>/secret-key`` (made on first use, readable by its owner only).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

from clearsight import config

WEB_DIR = Path(__file__).resolve().parent


def database_settings(url: str) -> dict:
    """A ``DATABASES['default']`` entry from ``sqlite:///path`` or ``postgresql://user:pass@host:port/name``."""
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path or ":memory:",
                "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE",
                            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}}
    parts = urlsplit(url)
    if parts.scheme in ("postgres", "postgresql"):
        return {"ENGINE": "django.db.backends.postgresql", "NAME": unquote(parts.path.lstrip("/")),
                "USER": unquote(parts.username or ""), "PASSWORD": unquote(parts.password or ""),
                "HOST": parts.hostname or "", "PORT": str(parts.port or ""),
                "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    raise ValueError(f"DATABASE_URL must start sqlite:/// or postgresql://, not {url.split(':', 1)[0]}:")


def _secret_key() -> str:
    key = os.environ.get("CLEARSIGHT_SECRET_KEY")
    if key:
        return key
    path = config.data_dir() / "secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


SECRET_KEY = _secret_key()
DEBUG = _flag("CLEARSIGHT_DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("CLEARSIGHT_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
                 if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CLEARSIGHT_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "clearsight.web.accounts",
    "clearsight.web.uploads",
    "clearsight.web.dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "clearsight.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clearsight.web.accounts.middleware.SignInRequiredMiddleware",
    "clearsight.web.errors.WarehouseStateMiddleware",
]

ROOT_URLCONF = "clearsight.web.urls"
WSGI_APPLICATION = "clearsight.web.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [WEB_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "clearsight.web.accounts.context.navigation",
    ]},
}]

DATABASES = {"default": database_settings(config.database_url())}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Argon2 first: new and re-saved passwords are hashed with it.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sign-in throttling: this many failures for one user name, or from one address, in the window locks it out.
CLEARSIGHT_LOGIN_MAX_FAILURES = int(os.environ.get("CLEARSIGHT_LOGIN_MAX_FAILURES", "5"))
CLEARSIGHT_LOGIN_WINDOW_SECONDS = int(os.environ.get("CLEARSIGHT_LOGIN_WINDOW_SECONDS", "900"))

# Sessions: 30 minutes idle, never more than 10 hours, ended when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("CLEARSIGHT_SESSION_IDLE_SECONDS", "1800"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CLEARSIGHT_SESSION_MAX_SECONDS = int(os.environ.get("CLEARSIGHT_SESSION_MAX_SECONDS", str(10 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"

# Behind TLS (server mode) set CLEARSIGHT_HTTPS=1: secure cookies, HSTS and a redirect to https.
HTTPS = _flag("CLEARSIGHT_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and _flag("CLEARSIGHT_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
if HTTPS and _flag("CLEARSIGHT_BEHIND_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploads: files go to disk, not memory, and the request may carry a whole return.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 100
CLEARSIGHT_MAX_UPLOAD_BYTES = int(os.environ.get("CLEARSIGHT_MAX_UPLOAD_BYTES", str(2 * 1024**3)))

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("CLEARSIGHT_STATIC_ROOT") or None  # only for `collectstatic` behind a proxy
STATICFILES_DIRS = [WEB_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic needed for `clearsight serve`
WHITENOISE_AUTOREFRESH = False

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "clearsight"}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"clearsight": {"handlers": ["console"], "level": os.environ.get("CLEARSIGHT_LOG_LEVEL", "INFO")}},
}
