"""Pages that meet a tampered record, or a database too busy for them, answer with a clear
refusal, never a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from astana.web.common.errors import OVERLOAD_RETRY_SECONDS, Busy, Tampered, is_overload

__all__ = ["WAITED_TOO_LONG", "TamperedRecordMiddleware", "busy"]

#: Set in a request's ``META`` by the server's handler (``config.asgi.Handler``) when the
#: request waited longer than ``ASTANA_WORKER_WAIT_SECONDS`` for one of its worker's threads:
#: it is answered 503 here, before anything reads the database.
WAITED_TOO_LONG = "astana.waited_too_long"

BUSY = (
    "The platform is too busy to answer this now; nothing was changed. Try again in a few seconds."
)


class TamperedRecordMiddleware:
    """Turns a ``Tampered`` raised while rendering a page into the refusal page (409), and a
    database too busy for the request (SQLite's lock, PostgreSQL's connection slots) or a
    worker too busy to start it in time (``WAITED_TOO_LONG``) into a 503 with
    ``Retry-After`` (JSON under /api/): overload is never a 500. It stands after the language,
    CSRF and security layers (the busy page is in the reader's language, with every header)
    and before anything that reads the session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.META.get(WAITED_TOO_LONG):
            return busy(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Tampered):
            from astana.web.common.pages import refused

            return refused(request, exception)
        if is_overload(exception):
            return busy(request)
        return None


def busy(request: HttpRequest) -> HttpResponse:
    """The answer to a request the database was too busy for: 503 with ``Retry-After``."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import JsonResponse
    from django.utils.translation import gettext

    from astana.web.common.pages import refused

    message = gettext(BUSY)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"error": message, "changes": []}, status=503)
    else:
        # The page's header must not ask the database it found too busy who the reader is: the
        # session may be what could not be read, and reading it again would fail again (a 500).
        request.user = AnonymousUser()
        response = refused(request, Busy(message))
    response["Retry-After"] = str(OVERLOAD_RETRY_SECONDS)
    return response
