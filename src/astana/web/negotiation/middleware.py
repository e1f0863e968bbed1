"""Pages that meet a tampered record answer with a clear refusal, never a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from astana.web.negotiation.errors import Tampered

__all__ = ["RefuseNulMiddleware", "TamperedRecordMiddleware"]


class TamperedRecordMiddleware:
    """Turns a ``Tampered`` raised while rendering a page into the refusal page (409)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Tampered):
            from astana.web.negotiation.pages import refused

            return refused(request, exception)
        return None


NUL_MESSAGE = "The request contains a NUL character (U+0000), which no field accepts."


class RefuseNulMiddleware:
    """Refuses (400) a POST, PUT or PATCH whose form or JSON body holds a NUL character: no
    field accepts one, and PostgreSQL cannot even look it up (a lookup by such a slug was a
    500). Pages get the refusal page; the API its JSON error. (Queries are left to their
    pages: the search box, for one, reads a NUL as a space.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_nul(request):
            from django.utils.translation import gettext

            from astana.web.negotiation.errors import ActionError
            from astana.web.negotiation.pages import refused

            message = gettext(NUL_MESSAGE)
            if request.path.startswith("/api/"):
                return JsonResponse({"error": message, "changes": []}, status=400)
            return refused(request, ActionError(message))
        return self.get_response(request)


def _holds_nul(request: HttpRequest) -> bool:
    if request.method not in ("POST", "PUT", "PATCH"):
        return False
    try:
        if request.content_type == "application/json":
            return b"\\u0000" in request.body
        return any("\x00" in value for values in request.POST.lists() for value in values[1])
    except Exception:  # an unreadable body (too big, malformed): the view answers it
        return False
