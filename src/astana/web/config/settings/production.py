"""Production: everything from environment variables; refuses to start without a real secret.

``manage.py check --deploy`` is clean under these settings (a test keeps it so); each choice
and the environment variable that changes it is in docs/deploy.md.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from astana.web.config import secret
from astana.web.config.settings import base
from astana.web.config.settings.base import *  # noqa: F403


def _flag(name: str, default: str = "1") -> bool:
    return os.environ.get(name, default) == "1"


SECRET_KEY = os.environ.get("ASTANA_SECRET_KEY", "")
if problem := secret.problem(SECRET_KEY):
    raise ImproperlyConfigured(problem)
# Rotation: the new key in ASTANA_SECRET_KEY, the old ones here (comma-separated) until the
# sessions and links signed with them have expired.
SECRET_KEY_FALLBACKS = [
    k for k in os.environ.get("ASTANA_SECRET_KEY_FALLBACKS", "").split(",") if k
]
for _fallback in SECRET_KEY_FALLBACKS:
    if problem := secret.problem(_fallback, name="ASTANA_SECRET_KEY_FALLBACKS"):
        raise ImproperlyConfigured(problem)
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ASTANA_ALLOWED_HOSTS must list the host names served.")
DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# --- TLS (issue 13): check --deploy clean; see docs/deploy.md ---
# The platform sits behind a TLS-terminating proxy (nginx, Caddy) that sets
# X-Forwarded-Proto; plain HTTP is redirected to HTTPS (ASTANA_SSL_REDIRECT=0 when the proxy
# already redirects, at the price of check --deploy's W008).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _flag("ASTANA_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("ASTANA_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("ASTANA_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _flag("ASTANA_HSTS_PRELOAD")
SECURE_CONTENT_TYPE_NOSNIFF = True
# Browsers fetch http:// subresources as https:// (none are expected: all are same-origin).
_DIRECTIVES: dict[str, object] = {**base.CONTENT_SECURITY_POLICY["DIRECTIVES"]}
_DIRECTIVES["upgrade-insecure-requests"] = True
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _DIRECTIVES}
