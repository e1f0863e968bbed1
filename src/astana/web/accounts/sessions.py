"""When a logged-in session began and when it was last used, kept in the session itself, and
whether it has ended: ``SESSION_COOKIE_AGE`` after login (the absolute lifetime) or
``ASTANA_SESSION_IDLE_SECONDS`` after the last activity (the idle timeout).

The live event streams (``/<lang>/rounds/<id>/events`` and ``/api/rounds/<id>/events``) are
not activity: an open page reconnects to them every minute by itself, and would otherwise keep
a session alive for as long as the browser stays open. They still end with the session.
"""

from __future__ import annotations

import re
import time
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest

__all__ = ["LOGIN_AT", "SEEN_AT", "TOUCH_EVERY", "connect", "ended", "is_passive", "touch"]

LOGIN_AT = "astana_login_at"
SEEN_AT = "astana_seen_at"
# The last activity is written at most this often (seconds), not on every request.
TOUCH_EVERY = 60
PASSIVE = re.compile(r"^/(?:api|ar|en|ru)/rounds/[0-9]+/events/?$")


def is_passive(request: HttpRequest) -> bool:
    """True for requests a page makes by itself (the event streams): not activity."""
    return bool(PASSIVE.match(request.path_info))


def ended(request: HttpRequest, now: float | None = None) -> str:
    """``"lifetime"`` or ``"idle"`` when the request's session has ended, else ``""``. A
    session from before these checks starts its clocks now."""
    now = time.time() if now is None else now
    session = request.session
    login_at = session.get(LOGIN_AT)
    seen_at = session.get(SEEN_AT)
    if not isinstance(login_at, (int, float)) or not isinstance(seen_at, (int, float)):
        session[LOGIN_AT] = session[SEEN_AT] = int(now)
        return ""
    if now - login_at >= settings.SESSION_COOKIE_AGE:
        return "lifetime"
    if now - seen_at >= settings.ASTANA_SESSION_IDLE_SECONDS:
        return "idle"
    return ""


def touch(request: HttpRequest, now: float | None = None) -> None:
    """Note activity (at most once a ``TOUCH_EVERY``)."""
    now = time.time() if now is None else now
    seen_at = request.session.get(SEEN_AT)
    if not isinstance(seen_at, (int, float)) or now - seen_at >= TOUCH_EVERY:
        request.session[SEEN_AT] = int(now)


def _on_login(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT] = request.session[SEEN_AT] = now


def connect() -> None:
    """Called once by the app's ``ready``."""
    user_logged_in.connect(_on_login, dispatch_uid="astana.session.login")
