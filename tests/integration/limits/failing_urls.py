"""The platform's URLs plus two that fail the way a bug or a hostile request would, under
``/api/`` and under a page: for checking that errors raised outside django-ninja's handlers
are still answered as the API promises (JSON) and as pages (HTML)."""

from __future__ import annotations

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from astana.web.config import urls


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a hostile request")


urlpatterns: list[URLPattern | URLResolver] = [
    path("api/crash", crash),
    path("api/suspicious", suspicious),
    path("crash", crash),
    *urls.urlpatterns,
]
handler400 = urls.handler400
handler404 = urls.handler404
handler500 = urls.handler500
