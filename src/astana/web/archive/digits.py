"""Arabic-Indic digits on every number of an Arabic page, when the reader chose them.

The ``١٢٣``/``123`` button sets a cookie (:data:`~astana.web.archive.context.DIGITS_COOKIE`);
dates and the numbers a template passes through ``{% num %}`` already follow it, but a number
inside a translated sentence ("الجلسة 1", "3 من 10 أحكام") is written by the template as it is
stored. :class:`ArabicDigitsMiddleware` writes the digits of the page's text as Arabic-Indic
digits, once, on the way out, so that no template can forget one. It leaves alone what is not
Arabic text read by a person: tags and their attributes (links, form values), scripts and
styles, what a form holds (``textarea``), code and hashes (``code``, ``pre``, ``kbd``,
``samp``), anything marked ``translate="no"`` or ``class="latin-digits"``, and any element
in another language (``lang="en"``: an English column beside the Arabic one)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from astana.core.language import to_arabic_indic_digits
from astana.web.archive.context import reader_digits

__all__ = ["ArabicDigitsMiddleware", "arabic_digits_in_html"]

_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/?)>", re.DOTALL)
_END = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")
_LANG = re.compile(r"""\blang\s*=\s*["']?([a-zA-Z-]+)""")
#: Elements whose content is never a number to localise.
_VERBATIM = frozenset({"script", "style", "textarea", "code", "pre", "kbd", "samp", "svg"})
_KEEP_MARK = re.compile(r"""translate\s*=\s*["']?no\b|\blatin-digits\b""")
#: A character reference (``&#39;``, ``&#x27;``, ``&amp;``) stays as it is; a digit run is
#: localised.
_DIGITS_OR_REFERENCE = re.compile(r"&#?[a-zA-Z0-9]+;|[0-9]+")


def _localise(text: str) -> str:
    return _DIGITS_OR_REFERENCE.sub(
        lambda m: m.group(0) if m.group(0).startswith("&") else to_arabic_indic_digits(m.group(0)),
        text,
    )


def _keeps_latin(name: str, attributes: str) -> bool:
    if name in _VERBATIM or _KEEP_MARK.search(attributes):
        return True
    language = _LANG.search(attributes)
    return language is not None and not language.group(1).lower().startswith("ar")


def arabic_digits_in_html(html: str) -> str:
    """``html`` with the digits of its Arabic text written as Arabic-Indic digits."""
    out: list[str] = []
    kept: str | None = None  # the element whose content keeps its digits, while inside it
    depth = 0  # how many elements of that name are open inside it
    for piece in _TAG.split(html):
        if not piece:
            continue
        if piece.startswith("<"):
            out.append(piece)
            if piece.startswith("<!--"):
                continue
            start = _START.fullmatch(piece)
            if start:
                name, attributes, closed = start.group(1).lower(), start.group(2), start.group(3)
                if kept is None and not closed and _keeps_latin(name, attributes):
                    kept, depth = name, 1
                elif kept == name and not closed:
                    depth += 1
                continue
            end = _END.fullmatch(piece)
            if end and kept == end.group(1).lower():
                depth -= 1
                if depth == 0:
                    kept = None
            continue
        out.append(piece if kept is not None else _localise(piece))
    return "".join(out)


class ArabicDigitsMiddleware:
    """Applies :func:`arabic_digits_in_html` to an Arabic HTML page for a reader who chose
    Arabic-Indic digits; any other response passes unchanged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            reader_digits(request) == "arab"
            and translation.get_language() == "ar"
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.has_header("Content-Encoding")
        ):
            charset = response.charset or "utf-8"
            html = response.content.decode(charset)
            response.content = arabic_digits_in_html(html).encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
