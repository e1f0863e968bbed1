"""Pages of the public archive. Thin: they read through ``selectors`` and render."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from astana.core.language import direction
from astana.formats.history import PartialDate
from astana.web.archive import selectors
from astana.web.archive.context import DIGITS_COOKIE, reader_digits
from astana.web.archive.dates import format_partial_date, localise_digits
from astana.web.archive.search import search as run_search
from astana.web.archive.timeline import TimelineItem, render_timeline
from astana.web.common.rendered import shared_page
from astana.web.processes.models import ROLE_LABELS, Process, Source
from astana.web.processes.translated import translated

MAX_QUERY_LENGTH = 20_000

Page = Callable[..., HttpResponse]


def public(view: Page) -> Page:
    """A page of the public record, the same for every reader but for the header (logged in or
    not; the account's name and CSRF token are put in per reader): rendered once per state of
    the database, address and display choices, and served from that copy to every other reader
    (``common.rendered``), so that a national audience reading the record costs a render per
    change, not per reader. The view takes ``extra``, the template context of a copy."""

    @wraps(view)
    def shared(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return shared_page(
            request,
            lambda stamp: ("public record", request.user.is_authenticated),
            lambda extra: view(request, *args, extra=extra, **kwargs),
        )

    return shared


def _earliest(value: str) -> date:
    return PartialDate.parse(value).earliest()


def _latest(value: str) -> date:
    return PartialDate.parse(value).latest()


def timeline_svg(process: Process, language: str, digits: str) -> str:
    """The process's timeline: its events, plus rounds and documents no event stands for."""
    items: list[TimelineItem] = []
    rounds_shown: set[int] = set()
    documents_shown: set[int] = set()
    for event in process.events.all():
        start = _earliest(event.date)
        end = _latest(event.end) if event.end else start
        if event.round_id:
            rounds_shown.add(event.round_id)
        if event.document_id:
            documents_shown.add(event.document_id)
        when = format_partial_date(event.date, language, digits)
        if event.end:
            when += " – " + format_partial_date(event.end, language, digits)
        items.append(
            TimelineItem(
                start,
                end,
                translated(event, "title", language).text,
                event.kind,
                f"#event-{event.slug}",
                when,
            )
        )
    # Rounds (from their start to their end) and documents (on their date) with no event.
    for rows, shown, kind, begin, until in (
        (process.rounds.all(), rounds_shown, "round", "start", "end"),
        (process.documents.all(), documents_shown, "document", "date", ""),
    ):
        for row in rows:
            if row.pk in shown:
                continue
            first: str = getattr(row, begin)
            last: str = getattr(row, until) if until else ""
            items.append(
                TimelineItem(
                    _earliest(first),
                    _latest(last) if last else _earliest(first),
                    translated(row, "title", language).text,
                    kind,
                    selectors.page_url(row, language),
                    format_partial_date(first, language, digits),
                )
            )
    return render_timeline(
        items,
        rtl=direction(language) == "rtl",
        title=_("Timeline of %(process)s")
        % {"process": translated(process, "title", language).text},
        year_label=lambda year: localise_digits(str(year), language, digits),
    )


@require_GET
@public
def home(request: HttpRequest, extra: dict[str, Any]) -> HttpResponse:
    return render(request, "archive/home.html", {"processes": selectors.processes(), **extra})


@require_GET
@public
def process_detail(request: HttpRequest, slug: str, extra: dict[str, Any]) -> HttpResponse:
    process = selectors.get_process(slug)
    language = translation.get_language() or "en"
    roles: dict[str, list[object]] = {}
    for participation in process.participations.all():
        roles.setdefault(participation.role, []).append(participation)
    return render(
        request,
        "archive/process.html",
        {
            "process": process,
            "timeline": timeline_svg(process, language, reader_digits(request)),
            "roles": [(ROLE_LABELS[role], members) for role, members in sorted(roles.items())],
            **extra,
        },
    )


@require_GET
def timeline_image(request: HttpRequest, slug: str) -> HttpResponse:
    process = selectors.get_process(slug)
    svg = timeline_svg(process, translation.get_language() or "en", reader_digits(request))
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@require_GET
@public
def round_detail(
    request: HttpRequest, process: str, slug: str, extra: dict[str, Any]
) -> HttpResponse:
    context = {"round": selectors.get_round(process, slug), **extra}
    return render(request, "archive/round.html", context)


@require_GET
@public
def session_detail(
    request: HttpRequest, process: str, round: str, number: int, extra: dict[str, Any]
) -> HttpResponse:
    context = {"session": selectors.get_session(process, round, number), **extra}
    return render(request, "archive/session.html", context)


@require_GET
@public
def document_detail(request: HttpRequest, slug: str, extra: dict[str, Any]) -> HttpResponse:
    context = {"document": selectors.get_document(slug), **extra}
    return render(request, "archive/document.html", context)


@require_GET
@public
def organisation_detail(request: HttpRequest, slug: str, extra: dict[str, Any]) -> HttpResponse:
    context = {"organisation": selectors.get_organisation(slug), **extra}
    return render(request, "archive/organisation.html", context)


@require_GET
@public
def person_detail(request: HttpRequest, slug: str, extra: dict[str, Any]) -> HttpResponse:
    return render(request, "archive/person.html", {"person": selectors.get_person(slug), **extra})


@require_GET
@public
def sources(request: HttpRequest, extra: dict[str, Any]) -> HttpResponse:
    found = Source.objects.prefetch_related("claims", "events", "documents")
    return render(
        request, "archive/sources.html", {"sources": found.order_by("date", "title"), **extra}
    )


@require_GET
@public
def conflicts(request: HttpRequest, extra: dict[str, Any]) -> HttpResponse:
    context = {"conflicts": selectors.claim_conflicts(), **extra}
    return render(request, "archive/conflicts.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    too_long = len(query) > MAX_QUERY_LENGTH
    language = translation.get_language() or "en"
    hits = [] if too_long else run_search(query)
    return render(
        request,
        "archive/search.html",
        {
            "query": query[:MAX_QUERY_LENGTH],
            "hits": hits,
            "too_long": too_long,
            "prefix": f"/{language}/",
            "max_length": MAX_QUERY_LENGTH,
        },
        status=400 if too_long else 200,
    )


@require_POST
def set_digits(request: HttpRequest) -> HttpResponse:
    """Remember the reader's choice of Arabic-Indic or Latin digits."""
    choice = request.POST.get("digits", "latn")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        DIGITS_COOKIE,
        choice if choice in ("arab", "latn") else "latn",
        max_age=365 * 24 * 3600,
        samesite="Lax",
    )
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the reader's language (the language prefix of the path, else the browser's)."""
    return render(request, "404.html", {"path": request.path}, status=404)


SERVER_ERROR = "Server error: nothing you sent was saved. Please try again."


def server_error(request: HttpRequest) -> HttpResponse:
    """500 without a traceback: JSON for the API, else a page in the path's language. Renders
    without the request's context processors, which may be what failed (the database).

    A database too busy for the request (``is_overload``: its connection pool empty, its lock
    held) that struck outside the view, where the overload middleware cannot see it (in
    another middleware: the session, the login's checks), is a 503 with ``Retry-After`` here,
    never a 500: nothing was written."""
    from astana.web.common.errors import OVERLOAD_RETRY_SECONDS, is_overload
    from astana.web.common.middleware import BUSY

    handled = sys.exc_info()[1]
    busy = handled is not None and is_overload(handled)
    status = 503 if busy else 500
    language = translation.get_language_from_path(request.path) or settings.LANGUAGE_CODE
    with translation.override(language):
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"error": _(BUSY) if busy else SERVER_ERROR, "changes": []}, status=status
            )
        else:
            page = render_to_string(
                "500.html",
                {
                    "reader_language": language,
                    "reader_direction": direction(translation.get_language() or "en"),
                    "busy": _(BUSY) if busy else "",
                },
            )
            response = HttpResponse(page, status=status)
    if busy:
        response["Retry-After"] = str(OVERLOAD_RETRY_SECONDS)
    return response
