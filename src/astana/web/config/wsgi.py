"""WSGI entry point, for servers that speak WSGI."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana.web.config.settings.production")
application = get_wsgi_application()
