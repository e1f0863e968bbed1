"""How the API knows who is calling: a bearer token (``Authorization: Bearer ast_...``), or,
for the platform's own pages on the same origin, the Django session with its CSRF check.

A request that sends an ``Authorization`` header is judged by that header alone: a bad
token is 401 even if the browser also holds a session.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from astana.web.accounts.models import User
from astana.web.api.tokens import token_user

__all__ = [
    "API_AUTH",
    "PUBLIC_AUTH",
    "SESSION_AUTH",
    "BearerToken",
    "SameOriginSession",
    "caller",
    "reader",
]


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``, a token made by ``POST /api/tokens`` or the CLI."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token.strip())
        if user is not None:
            request.user = user
        return user


class SameOriginSession(SessionAuth):
    """The logged-in session of the site's own pages; unsafe methods need the CSRF token."""

    def __call__(self, request: HttpRequest) -> Any:
        if "Authorization" in request.headers or not request.user.is_authenticated:
            return None
        return super().__call__(request)


SESSION_AUTH = SameOriginSession()
API_AUTH = [BearerToken(), SESSION_AUTH]


def _anyone(request: HttpRequest) -> AnonymousUser | None:
    """Public reads: a request without credentials reads as the public; one that sends an
    ``Authorization`` header is still judged by it (a bad token is 401)."""
    if "Authorization" in request.headers:
        return None
    return AnonymousUser()


# The operations the public may call too (the record, decisions' outcomes, consultations).
PUBLIC_AUTH = [*API_AUTH, _anyone]


def reader(request: HttpRequest) -> User | AnonymousUser:
    """The caller of a public read: a user, or the public."""
    auth = request.auth  # type: ignore[attr-defined]
    return auth if isinstance(auth, User) else AnonymousUser()


def caller(request: HttpRequest) -> User:
    """The authenticated user (the auth classes only let a ``User`` through)."""
    return cast(User, request.auth)  # type: ignore[attr-defined]
