"""Settings shared by every environment; the others differ only through environment variables."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parents[2]
# The repository root when run from a checkout; VAR_DIR holds the SQLite file, screenshots, media.
BASE_DIR = Path(os.environ.get("ASTANA_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("ASTANA_VAR_DIR", BASE_DIR / "var")).resolve()

SECRET_KEY = os.environ.get("ASTANA_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ASTANA_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "astana.web.accounts",
    "astana.web.processes",
    "astana.web.archive",
    "astana.web.negotiation",
    "astana.web.api",
    "astana.web.decisions",
    "astana.web.signing",
    "astana.web.consultation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "astana.web.negotiation.middleware.TamperedRecordMiddleware",
    "astana.web.negotiation.middleware.RefuseNulMiddleware",
]

ROOT_URLCONF = "astana.web.config.urls"
WSGI_APPLICATION = "astana.web.config.wsgi.application"
ASGI_APPLICATION = "astana.web.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "astana.web.archive.context.reader_preferences",
            ],
        },
    },
]


SQLITE_OPTIONS = {
    # WAL lets readers run beside a writer; synchronous=FULL makes a commit durable before it
    # is acknowledged; IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue
    # (for up to busy_timeout) instead of failing mid-transaction.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;",
    "transaction_mode": "IMMEDIATE",
}


def database_from_environment() -> dict[str, object]:
    """``DATABASE_URL`` selects the database (PostgreSQL, or SQLite at a path of one's own);
    the default is SQLite in ``var/``. Either database gets the settings its durability and
    concurrency rely on, however it was named."""
    url = os.environ.get("DATABASE_URL", "")
    if url:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    else:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "astana.sqlite3"}
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["OPTIONS"] = {"options": "-c synchronous_commit=on"}
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = dict(SQLITE_OPTIONS)
        config.pop("CONN_MAX_AGE", None)
    return config


DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "archive:home"
LOGOUT_REDIRECT_URL = "archive:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("ar", "العربية"), ("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_500_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ASTANA_LOG_LEVEL", "WARNING")},
}
