"""Local development and ``make demo``: debug on, a fixed development secret."""

from __future__ import annotations

import os

from astana.web.config.settings.base import *  # noqa: F403

DEBUG = os.environ.get("ASTANA_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("ASTANA_SECRET_KEY", "astana-local-development-key-not-for-production")
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
