"""How the API knows who is calling: a bearer token (``Authorization: Bearer ast_...``), or,
for the platform's own pages on the same origin, the Django session with its CSRF check.

A request that sends an ``Authorization`` header is judged by that header alone: a bad
token is 401 even if the browser also holds a session.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from astana.web.api.tokens import token_user

__all__ = ["API_AUTH", "SESSION_AUTH", "BearerToken", "SameOriginSession"]


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
