"""Downloads of a negotiating text (PDF, Word, Akoma Ntoso, plain notation), of a redline
(PDF, Word) and of a round's calendar (.ics).

Thin: every read goes through :func:`selectors.text_state`, :func:`selectors.revision_redline`
or :func:`access_round`, so the same access rules as the pages apply (a text, a draft, a
round reach only who may read them); the formats turn the trees into bytes.

Query parameters of a text download: ``view`` (compilation, clean, party), ``revision``
(a number; default the latest), ``lang`` (``ar,en``; default the page's language),
``parallel=1`` (PDF: languages side by side). Of a redline: ``old``, ``new``, ``lang``.
Of a concordance (the labels a technical renumbering changed, as CSV): ``revision``.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from astana.core.roles import Right
from astana.core.text import Revision, format_document
from astana.formats.akn import export_akn
from astana.formats.docx import redline_docx, text_docx
from astana.formats.errors import FormatError
from astana.formats.ics import CalendarRound, CalendarSession, rounds_ics
from astana.formats.pdf import redline_pdf, text_pdf
from astana.formats.view_trees import document_from_views
from astana.web.common.errors import ActionError
from astana.web.negotiation import selectors
from astana.web.negotiation.access import access_round

__all__ = [
    "CONTENT_TYPES",
    "concordance_download",
    "redline_download",
    "round_calendar",
    "text_download",
]

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "akn": "application/akn+xml",
    "txt": "text/plain; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
_SUFFIX = {"pdf": "pdf", "docx": "docx", "akn": "xml", "txt": "txt", "ics": "ics", "csv": "csv"}


def _refused(error: ActionError | FormatError) -> HttpResponse:
    status = error.status if isinstance(error, ActionError) else 400
    return HttpResponse(str(error), status=status, content_type="text/plain; charset=utf-8")


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{_SUFFIX[fmt]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _languages(request: HttpRequest) -> list[str]:
    raw = request.GET.get("lang") or translation.get_language() or "en"
    chosen = [part.strip() for part in raw.split(",") if part.strip()]
    if not chosen or len(set(chosen)) != len(chosen):
        raise ActionError("Name each language once: lang=ar,en.")
    return chosen


@login_required
@require_GET
def text_download(request: HttpRequest, text_id: int, fmt: str) -> HttpResponse:
    """The text as the reader may see it, in one or more languages, as ``fmt``."""
    if fmt not in ("pdf", "docx", "akn", "txt"):
        return _refused(ActionError(f"No download as {fmt!r}."))
    view = request.GET.get("view", "compilation")
    number = request.GET.get("revision", "")
    try:
        languages = _languages(request)
        revision = int(number) if number else None
        states = []
        for language in languages:
            state = selectors.text_state(
                request.user, text_id, language=language, view=view, revision=revision
            )
            if language not in state.document.languages:
                raise ActionError(f"The text has no {language!r} version.")
            states.append(state)
        first = states[0]
        views: list[dict[str, Any]] = [s.view for s in states]
        rev = first.revision.number
        title = first.text.tr("title", languages[0]).text or first.text.slug
        name = f"{first.text.slug}-rev{rev}-{view}-{'-'.join(languages)}"
        if fmt == "pdf":
            content = text_pdf(
                views,
                names=selectors.organisation_names(languages[0]),
                parallel=request.GET.get("parallel") == "1",
                heading=f"{title}, Rev.{rev}",
            )
        elif fmt == "docx":
            content = text_docx(views, names=selectors.organisation_names(languages[0]))
        elif fmt == "txt":
            content = format_document(document_from_views(views)).encode("utf-8")
        else:
            day = first.revision.issued_at.date().isoformat()
            content = export_akn(
                Revision(rev, first.document), slug=first.text.slug, day=day, languages=languages
            )
            name = f"{first.text.slug}-rev{rev}-{'-'.join(languages)}"
    except ValueError as error:  # ActionError and FormatError are ValueErrors
        if isinstance(error, ActionError | FormatError):
            return _refused(error)
        return _refused(ActionError("The revision is given by its number."))
    return _file(content, fmt, name)


@login_required
@require_GET
def redline_download(request: HttpRequest, text_id: int, fmt: str) -> HttpResponse:
    """The comparison of two revisions, in one or more languages, as PDF or Word."""
    if fmt not in ("pdf", "docx"):
        return _refused(ActionError(f"No redline as {fmt!r}."))
    try:
        old = int(request.GET.get("old", "1"))
        new = int(request.GET.get("new", "2"))
        languages = _languages(request)
        redlines = []
        for language in languages:
            text, result = selectors.revision_redline(request.user, text_id, old, new, language)
            redlines.append(result.to_dict())
        heading = f"{text.tr('title', languages[0]).text}: Rev.{old} → Rev.{new}"
        content = redline_pdf(redlines, heading=heading) if fmt == "pdf" else redline_docx(redlines)
    except ValueError as error:
        if isinstance(error, ActionError | FormatError):
            return _refused(error)
        return _refused(ActionError("Revisions are given by their numbers."))
    return _file(content, fmt, f"{text.slug}-rev{old}-rev{new}-{'-'.join(languages)}")


@login_required
@require_GET
def concordance_download(request: HttpRequest, text_id: int) -> HttpResponse:
    """The concordance of a revision (old label -> new label, per language) as CSV: what a
    technical renumbering changed, for delegations to update their references."""
    try:
        raw = request.GET.get("revision")
        number = int(raw) if raw else None
        text, number, document, rows = selectors.revision_concordance(request.user, text_id, number)
    except ValueError as error:
        if isinstance(error, ActionError):
            return _refused(error)
        return _refused(ActionError("The revision is given by its number."))
    out = io.StringIO()
    writer = csv.writer(out)
    languages = list(document.languages)
    writer.writerow(
        ["provision", "kind"]
        + [f"old ({lang})" for lang in languages]
        + [f"new ({lang})" for lang in languages]
    )
    for row in rows:
        writer.writerow(
            [row.id, str(row.kind)]
            + [row.old_label(lang) for lang in languages]
            + [row.new_label(lang) for lang in languages]
        )
    # A byte-order mark, so that spreadsheet programs read the Arabic and Russian labels.
    content = ("\ufeff" + out.getvalue()).encode("utf-8")
    return _file(content, "csv", f"{text.slug}-rev{number}-concordance")


@login_required
@require_GET
def round_calendar(request: HttpRequest, round_id: int) -> HttpResponse:
    """The round and its sessions as an iCalendar file."""
    language = translation.get_language() or "en"
    try:
        actor = access_round(request.user, round_id, need=Right.TEXT_READ)
    except ActionError as error:
        return _refused(error)
    rnd = actor.round
    host = request.get_host()
    sessions = [
        CalendarSession(
            uid=f"{rnd.slug}-session-{s.number}@{host}",
            title=s.tr("title", language).text or f"Session {s.number}",
            date=s.date,
        )
        for s in rnd.sessions.order_by("number")
    ]
    entry = CalendarRound(
        uid=f"{rnd.slug}@{host}",
        title=rnd.tr("title", language).text or rnd.slug,
        start=rnd.start,
        end=rnd.end,
        venue=rnd.tr("venue", language).text,
        description=rnd.tr("summary", language).text,
        url=request.build_absolute_uri(reverse("negotiation:room", args=[rnd.pk])),
        sessions=sessions,
    )
    try:
        content = rounds_ics([entry], name=entry.title)
    except FormatError as error:
        return _refused(error)
    return _file(content, "ics", rnd.slug)
