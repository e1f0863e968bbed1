"""Errors as the API answers them: always ``{"error": message, "changes": [...]}``.

An action's refusal keeps its status (400, 403, 404, 409 with what changed); input that does
not fit the schema is 422 naming each field; a missing or bad credential is 401.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from astana.web.common.errors import ActionError, Stale, Unreadable, is_overload

__all__ = ["install"]

UNAUTHENTICATED = (
    "Authentication required: send 'Authorization: Bearer <token>' (see docs/api.md), "
    "or use a logged-in session. A revoked or unknown token is refused."
)


def _field(location: Any) -> list[str]:
    """``("body", "payload", "titles", "en")`` → ``["titles", "en"]``: the field as sent."""
    parts = [str(p) for p in location]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        parts = parts[1:]
    if parts and parts[0] in ("payload", "query"):  # the routes' names for their schema arguments
        parts = parts[1:]
    return parts


def _problems(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each problem as ``{"loc": [where, field...], "msg", "type"}``, without internal names."""
    out = []
    for error in errors[:50]:
        location = [str(p) for p in error.get("loc", ())]
        where = location[:1] if location else []
        out.append(
            {
                "loc": where + _field(location),
                "msg": error.get("msg", "invalid"),
                "type": error.get("type"),
            }
        )
    return out


def validation_message(problems: list[dict[str, Any]]) -> str:
    """One clause per problem: ``field: what is wrong``."""
    found = "; ".join(f"{'.'.join(p['loc'][1:]) or 'request'}: {p['msg']}" for p in problems[:20])
    return f"Invalid input: {found}."


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``."""

    def answer(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
        return api.create_response(
            request, {"error": message, "changes": [], **extra}, status=status
        )

    def on_action_error(request: HttpRequest, error: Any) -> HttpResponse:
        assert isinstance(error, ActionError)
        changes = error.changes if isinstance(error, Stale | Unreadable) else []
        return answer(request, error.status, str(error), changes=changes)

    def on_validation_error(request: HttpRequest, error: Any) -> HttpResponse:
        assert isinstance(error, ValidationError)
        problems = _problems(list(error.errors))
        return answer(request, 422, validation_message(problems), detail=problems)

    def on_unauthenticated(request: HttpRequest, error: Any) -> HttpResponse:
        return answer(request, 401, UNAUTHENTICATED)

    def on_http_error(request: HttpRequest, error: Any) -> HttpResponse:
        assert isinstance(error, HttpError)
        message = error.message
        if message == "Cannot parse request body":
            message = (
                "Cannot parse the request body: send JSON with 'Content-Type: application/json'."
            )
        return answer(request, error.status_code, message)

    def on_not_found(request: HttpRequest, error: Any) -> HttpResponse:
        return answer(request, 404, "No such API endpoint or object.")

    def on_too_large(request: HttpRequest, error: Any) -> HttpResponse:
        from django.conf import settings

        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return answer(
            request,
            413,
            f"The request body is larger than {limit:,} bytes, the most this accepts "
            "(docs/api.md, Limits). Nothing was saved.",
        )

    def on_database_error(request: HttpRequest, error: Any) -> HttpResponse:
        if not is_overload(error):
            raise error
        from astana.web.common.middleware import busy

        return busy(request)

    api.add_exception_handler(OperationalError, on_database_error)
    api.add_exception_handler(RequestDataTooBig, on_too_large)
    api.add_exception_handler(ActionError, on_action_error)
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(AuthenticationError, on_unauthenticated)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
