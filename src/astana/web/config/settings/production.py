"""Production: everything from environment variables; refuses to start without a secret."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from astana.web.config.settings.base import *  # noqa: F403

SECRET_KEY = os.environ.get("ASTANA_SECRET_KEY", "")
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("ASTANA_SECRET_KEY must be set to at least 32 random characters.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ASTANA_ALLOWED_HOSTS must list the host names served.")
DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("ASTANA_HSTS_SECONDS", "31536000"))
SECURE_CONTENT_TYPE_NOSNIFF = True
