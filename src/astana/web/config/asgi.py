"""ASGI entry point (uvicorn): ``astana serve`` and production workers; production settings
unless DJANGO_SETTINGS_MODULE names others."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana.web.config.settings.production")
application = get_asgi_application()

# ``astana serve`` asks each worker process to analyse consultations in the background.
if os.environ.get("ASTANA_ANALYSIS_LOOP") == "1":
    from astana.web.consultation.background import start_loop

    start_loop()
