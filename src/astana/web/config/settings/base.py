"""Settings shared by every environment; the others differ only through environment variables."""

from __future__ import annotations

import math
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from astana.core.language import LANGUAGE_NAMES
from astana.formats.fonts import FOLDER as FONTS

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
    "astana.web.common",
    "astana.web.accounts",
    "astana.web.processes",
    "astana.web.archive",
    "astana.web.negotiation",
    "astana.web.api",
    "astana.web.decisions",
    "astana.web.signing",
    "astana.web.consultation",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Inside the language's: Arabic-Indic digits on an Arabic page when the reader chose them.
    "astana.web.archive.digits.ArabicDigitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "astana.web.common.middleware.TamperedRecordMiddleware",
    "astana.web.accounts.middleware.SessionExpiryMiddleware",
    # Last, as django-axes requires: it turns a refused (locked-out) login into the login page.
    "axes.middleware.AxesMiddleware",
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


def postgresql_pool() -> dict[str, float] | None:
    """The bounds of each worker process's PostgreSQL connection pool (psycopg's, as Django
    5.2 supports it), from the environment; ``None`` when ``ASTANA_DB_POOL_MAX_SIZE`` is 0.

    Every request borrows one connection and returns it when it ends; at most
    ``ASTANA_DB_POOL_MAX_SIZE`` (default 10) are open per worker, ``ASTANA_DB_POOL_MIN_SIZE``
    (default 2) are kept open while idle. A request that waits ``ASTANA_DB_POOL_TIMEOUT``
    seconds (default 5) without getting one is answered 503 with Retry-After (an overload:
    ``common.errors.is_overload``), so N workers never open more than N times the maximum,
    whatever the load: size PostgreSQL's ``max_connections`` above workers x max + a few."""
    maximum = int(os.environ.get("ASTANA_DB_POOL_MAX_SIZE", "10"))
    if maximum <= 0:
        return None
    minimum = min(int(os.environ.get("ASTANA_DB_POOL_MIN_SIZE", "2")), maximum)
    timeout = float(os.environ.get("ASTANA_DB_POOL_TIMEOUT", "5"))
    return {"min_size": minimum, "max_size": maximum, "timeout": timeout}


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
        options: dict[str, object] = {"options": "-c synchronous_commit=on"}
        if pool := postgresql_pool():
            # Connections come from the worker's bounded pool and go back to it at the end of
            # each request (Django refuses a pool with persistent connections).
            options["pool"] = pool
            config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = options
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = dict(SQLITE_OPTIONS)
        # A server's request threads live on (``config.asgi.RequestThreads``), each keeping its
        # connection between requests instead of opening the file and running the pragmas
        # above for every request (a fifth of a served page's CPU).
        config["CONN_MAX_AGE"] = 60
    return config


DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def positive_from_environment(name: str, default: str, convert: type[int] | type[float]) -> float:
    """A positive number from the environment variable ``name``; a clear refusal otherwise."""
    text = os.environ.get(name, default)
    try:
        value = convert(text)
    except ValueError:
        value = 0
    if not 0 < value < math.inf:
        from django.core.exceptions import ImproperlyConfigured

        kind = "a whole number" if convert is int else "a number of seconds"
        raise ImproperlyConfigured(f"{name} must be {kind} above 0, not {text!r}.")
    return value


# How many requests each worker process runs at once, each in a thread of its own
# (``config.asgi.Handler``); the others wait their turn on the event loop, and one that waited
# ASTANA_WORKER_WAIT_SECONDS is answered 503 with Retry-After. Python runs one thread at a time:
# threads beyond a few only take the interpreter's lock from each other (a logged-in page cost
# twice the CPU with fifty running at once as with two; docs/deploy.md).
ASTANA_WORKER_THREADS = int(positive_from_environment("ASTANA_WORKER_THREADS", "2", int))
ASTANA_WORKER_WAIT_SECONDS = positive_from_environment("ASTANA_WORKER_WAIT_SECONDS", "5", float)

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:my_rounds"  # "My rounds": what needs the user
LOGOUT_REDIRECT_URL = "archive:home"
# django-axes counts failed logins first; the model backend then checks the password.
AUTHENTICATION_BACKENDS = [
    "astana.web.accounts.throttle.LockoutBackend",
    "astana.web.accounts.loading.PasswordBackend",  # Django's ModelBackend, read faster
]
# Django's database sessions, each read by one statement (``accounts.loading``).
SESSION_ENGINE = "astana.web.accounts.loading"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

# Login throttling (django-axes, its tables in the database, so SQLite and PostgreSQL alike).
# After ASTANA_LOGIN_FAILURE_LIMIT failed logins within the cool-off, the account (by user
# name) and the address are each refused for ASTANA_LOGIN_COOLOFF_MINUTES after the last
# failure, the right password included; a success resets the counts of its user name and
# address. `astana unlock USER` (or `--address`) lifts a lockout at once.
AXES_FAILURE_LIMIT = int(os.environ.get("ASTANA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ASTANA_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # refused tries are not counted again
AXES_LOCKOUT_CALLABLE = "astana.web.accounts.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "astana.web.accounts.throttle.client_address"
AXES_ENABLE_ADMIN = False  # the admin shows no writable model; `astana unlock` unlocks
AXES_HTTP_RESPONSE_CODE = 429
# Masked in axes' logs and in the form data it keeps of a failed login (the password always is).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
# How many reverse proxies in front of the application append to X-Forwarded-For. 0 (the
# default): the address is the connection's (REMOTE_ADDR) and X-Forwarded-For is ignored, as
# anyone can send it; N: the N-th address from the right, the one the outermost proxy saw.
ASTANA_PROXY_COUNT = int(os.environ.get("ASTANA_PROXY_COUNT", "0"))

# Sessions end after SESSION_COOKIE_AGE from login whatever happens (12 hours), and after
# ASTANA_SESSION_IDLE_SECONDS without activity (30 minutes); both are checked on the server
# (astana.web.accounts.middleware). The live event streams are not activity.
SESSION_COOKIE_AGE = int(os.environ.get("ASTANA_SESSION_SECONDS", str(12 * 3600)))
ASTANA_SESSION_IDLE_SECONDS = int(os.environ.get("ASTANA_SESSION_IDLE_SECONDS", "1800"))

# API tokens: valid for ASTANA_TOKEN_DAYS unless their maker chooses (at most
# ASTANA_TOKEN_MAX_DAYS); revoked when their owner's password changes or the account closes.
ASTANA_TOKEN_DAYS = int(os.environ.get("ASTANA_TOKEN_DAYS", "30"))
ASTANA_TOKEN_MAX_DAYS = int(os.environ.get("ASTANA_TOKEN_MAX_DAYS", "365"))

LANGUAGE_CODE = "en"
LANGUAGES = list(LANGUAGE_NAMES.items())  # the platform's languages: astana.core.language
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
# The fonts are the formats' package data (PDFs embed them); pages load them as /static/fonts/.
STATICFILES_DIRS = [PACKAGE_DIR / "static", ("fonts", str(FONTS))]
WHITENOISE_USE_FINDERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ASTANA_LOG_LEVEL", "WARNING")},
}

# --- The second factor (issue 13): TOTP authenticators and recovery codes (django-otp). A
# session counts as verified once its user typed a code (accounts.second_factor); processes
# list the roles that must be verified to sign, approve keys, publish or convene.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
OTP_TOTP_ISSUER = "Astana"

# --- Security headers (issue 13): CSP, Permissions-Policy, Referrer-Policy ---
# The pages load only their own scripts, styles, fonts and images (every script is a file
# under static/js/, no inline <script>, no on*= handler, no style= attribute: a test scans
# the templates); the event stream and the API are the same origin (connect-src 'self').
# "ninja" serves the API docs' Swagger UI from our static files instead of a CDN.
from csp.constants import NONE, SELF  # noqa: E402

INSTALLED_APPS += ["csp", "ninja"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "astana.web.config.headers.PermissionsPolicyMiddleware",
)
CONTENT_SECURITY_POLICY: dict[str, dict[str, object]] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # data: for the API docs' icons
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
PERMISSIONS_POLICY: dict[str, tuple[str, ...]] = dict.fromkeys(
    (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    ),
    (),  # allowed to no origin
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- limits (issue 13): request bodies, uploads, fields; see astana.web.config.limits ---
# A JSON or form body (the API, every page's form): larger is a 413 before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
# A page's file upload (the Pol.is import: two CSV files of at most 64 MB each), in all.
ASTANA_MAX_UPLOAD_REQUEST_BYTES = 130 * 1024 * 1024
# Uploaded files above this are streamed to a temporary file rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
MIDDLEWARE = ["astana.web.config.limits.RequestLimitsMiddleware", *MIDDLEWARE]
