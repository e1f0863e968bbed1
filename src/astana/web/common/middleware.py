"""Pages that meet a tampered record, or a database too busy for them, answer with a clear
refusal, never a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from astana.web.common.errors import OVERLOAD_RETRY_SECONDS, Busy, Tampered, is_overload

__all__ = ["TamperedRecordMiddleware"]

BUSY = (
    "The platform is too busy to answer this now; nothing was changed. Try again in a few seconds."
)


class TamperedRecordMiddleware:
    """Turns a ``Tampered`` raised while rendering a page into the refusal page (409), and a
    database too busy for the request (SQLite's lock, PostgreSQL's connection slots) into a
    503 with ``Retry-After`` (JSON under /api/): overload is never a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
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
