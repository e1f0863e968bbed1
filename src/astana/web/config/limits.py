"""Limits every request meets before a view runs, and errors of the API as JSON always.

:class:`RequestLimitsMiddleware` stands first in ``MIDDLEWARE`` (``settings/base.py``, the
"limits" block) and so wraps everything else:

* a request body larger than allowed is answered 413 before it is read: for the API and
  for forms, ``DATA_UPLOAD_MAX_MEMORY_SIZE``; for a page's file upload (multipart),
  ``ASTANA_MAX_UPLOAD_REQUEST_BYTES``;
* a NUL character (U+0000) anywhere in a query string, a JSON body or a form (files aside)
  is a 400 before any view runs: no field may hold one (PostgreSQL refuses them, SQLite
  would store them), and a NUL in a name or slug that is only looked up would otherwise
  reach the database driver; other control characters are refused field by field by the
  actions (``checked_plain``, ``checked_text``);
* an integer in a page's URL (``<int:text_id>``) beyond what a database stores is a 404,
  not an overflow in the database driver;
* under ``/api/``, any error answer that is not JSON (Django's own 400, 404, 405, 413 or
  500 pages, in debug or not, raised before or outside django-ninja) is replaced by the
  API's ``{"error": ..., "changes": []}`` with the same status.

``bad_request`` is Django's ``handler400``: a body found too large while a form is read
(``RequestDataTooBig``) is a 413 page, not a 400.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext

from astana.web.api.schemas import MAX_ID
from astana.web.common.errors import ActionError

__all__ = ["MAX_ID", "RequestLimitsMiddleware", "TooLarge", "bad_request", "is_api"]

# A JSON escape \u0000 that is not itself escaped (``\\u0000`` is a backslash, then text).
_JSON_NUL: Final = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
_MESSAGES: Final[dict[int, str]] = {
    400: "Bad request: the request could not be read.",
    403: "Forbidden.",
    404: "No such API endpoint or object.",
    405: "Method not allowed on this endpoint.",
    413: "The request body is too large.",
    500: "Server error: nothing you sent was saved. Please try again.",  # as the 500 handler
}


class TooLarge(ActionError):
    """A request body larger than the limit (HTTP 413); nothing was read or written."""

    status = 413


def is_api(request: HttpRequest) -> bool:
    """Whether ``request`` is for the JSON API."""
    return request.path_info.startswith("/api/")


def _too_large(request: HttpRequest, limit: int) -> TooLarge:
    if is_api(request):
        return TooLarge(
            f"The request body is larger than {limit:,} bytes, the most this accepts "
            "(docs/api.md, Limits). Nothing was saved."
        )
    return TooLarge(
        gettext(
            "What was sent is larger than %(limit)s bytes, the most this page accepts. "
            "Nothing was saved."
        )
        % {"limit": f"{limit:,}"}
    )


def _json_error(status: int, message: str) -> HttpResponse:
    return JsonResponse({"error": message, "changes": []}, status=status)


def _refused_page(request: HttpRequest, error: ActionError) -> HttpResponse:
    from astana.web.common.pages import refused

    return refused(request, error)


def _body_limit(request: HttpRequest) -> int:
    limit: int = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    content_type = request.META.get("CONTENT_TYPE", "")
    if not is_api(request) and content_type.startswith("multipart/form-data"):
        limit = settings.ASTANA_MAX_UPLOAD_REQUEST_BYTES
    return limit


def _is_json(response: HttpResponse) -> bool:
    return str(response.get("Content-Type", "")).startswith("application/json")


def _holds_nul(request: HttpRequest) -> bool:
    """Whether the query string, or a JSON or form body, carries a NUL character."""
    query = request.META.get("QUERY_STRING", "")
    if "\x00" in query or "%00" in query:
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/form-data"):
        # files may hold anything; the form's fields may not (a lookup by a slug holding a NUL
        # was a 500 on PostgreSQL: found by the hostile-input suite)
        try:
            fields = list(request.POST.lists())
        except (MultiPartParserError, TooManyFilesSent):
            return False  # an unreadable form: the view finds it empty and says what is missing
        return any("\x00" in value for _, values in fields for value in values)
    try:
        body = request.body
    except RequestDataTooBig:
        return False  # answered 413 where it is read
    if b"\x00" in body:
        return True
    if content_type.startswith("application/x-www-form-urlencoded"):
        return b"%00" in body
    return _JSON_NUL.search(body) is not None


class RequestLimitsMiddleware:
    """See the module."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = _body_limit(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            error = _too_large(request, limit)
            if is_api(request):
                return _json_error(413, str(error))
            return _refused_page(request, error)
        try:
            holds_nul = _holds_nul(request)
        except RequestDataTooBig:  # a multipart form's fields beyond the limit
            error = _too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
            if is_api(request):
                return _json_error(413, str(error))
            return _refused_page(request, error)
        if holds_nul:
            message = (
                "A NUL character (U+0000) cannot stand in any field; remove it. Nothing was saved."
            )
            if is_api(request):
                return _json_error(400, message)
            return _refused_page(
                request,
                ActionError(
                    gettext(
                        "A NUL character (U+0000) cannot stand in any field; remove it. "
                        "Nothing was saved."
                    )
                ),
            )
        response = self.get_response(request)
        if is_api(request) and response.status_code >= 400 and not _is_json(response):
            message = _MESSAGES.get(response.status_code, f"HTTP {response.status_code}.")
            if response.status_code == 413:
                message = str(_too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
            answer = _json_error(response.status_code, message)
            # every header the inner layers set (Allow, Retry-After, the security headers...)
            for header, value in response.items():
                if header.lower() not in ("content-type", "content-length"):
                    answer[header] = value
            return answer
        return response

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        """An id or number in a page's URL beyond what the database stores names nothing:
        404 (the API's own path types answer 422 for these, as JSON)."""
        if is_api(request):
            return None
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and value > MAX_ID:
                raise Http404("No such object.")
        return None


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 handler: a body too large is 413; the API answers JSON."""
    if isinstance(exception, RequestDataTooBig):
        # Django found the form's fields (files aside) larger than allowed while reading them
        error: ActionError = _too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    else:
        error = ActionError(_MESSAGES[400] if is_api(request) else gettext("Bad request."))
    if is_api(request):
        return _json_error(error.status, str(error))
    return _refused_page(request, error)
