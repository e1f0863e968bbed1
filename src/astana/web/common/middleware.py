"""Pages that meet a tampered record answer with a clear refusal, never a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from astana.web.common.errors import Tampered

__all__ = ["TamperedRecordMiddleware"]


class TamperedRecordMiddleware:
    """Turns a ``Tampered`` raised while rendering a page into the refusal page (409)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Tampered):
            from astana.web.common.pages import refused

            return refused(request, exception)
        return None
