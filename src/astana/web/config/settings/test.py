"""The test suite: local settings, a fast password hasher, the database from ``DATABASE_URL``."""

from __future__ import annotations

from astana.web.config.settings.local import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
