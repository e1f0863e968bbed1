"""What a person reads on a page, and the internal identifiers that must never be in it.

``visible_text`` keeps the text a browser shows: tags, attribute values (``data-provision``,
form values, links), scripts and styles are left out, entities decoded. ``internal_ids``
lists every internal identifier found in that text: a provision's identity (``art_2``,
``art_2__para_1``), a dotted action or right name (``position.set``), a model's internal name
(``negotiationtext``, ``timelineevent``) and any organisation slug given. The browser story
and the integration tests both use it on every page a person reads.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser

from astana.core.actions import Action
from astana.core.roles import Right

__all__ = ["INTERNAL_PATTERNS", "internal_ids", "visible_text"]

_DOTTED = sorted({a.value for a in Action} | {r.value for r in Right}, key=len, reverse=True)

INTERNAL_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bart_\d"),
    re.compile(r"__(?:para|subpara|point|option|clause|recital|item)_"),
    # A provision outside an article: its id starts with its kind (para_4, item_2).
    re.compile(r"(?<![\w-])(?:para|subpara|point|clause|recital|item)_\d"),
    re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(d) for d in _DOTTED) + r")(?![\w])"),
    re.compile(
        r"\b(?:negotiationtext|textproposal|textrevision|timelineevent|auditentry|"
        r"caucusnote|roundinvitation|outcomedocument)\b",
        re.IGNORECASE,
    ),
)


class _Visible(HTMLParser):
    _HIDDEN = frozenset({"script", "style", "template", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN and self._hidden:
            self._hidden -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(page: str | bytes) -> str:
    """The text a person reads on ``page`` (HTML), whitespace collapsed."""
    if isinstance(page, bytes):
        page = page.decode()
    parser = _Visible()
    parser.feed(page)
    parser.close()
    return " ".join(html.unescape("".join(parser.parts)).split())


def internal_ids(page: str | bytes, slugs: Iterable[str] = ()) -> list[str]:
    """Each internal identifier in the visible text of ``page``, with its surroundings (empty
    when the page reads in words only); ``slugs`` are organisation slugs to look for."""
    text = visible_text(page)
    patterns = list(INTERNAL_PATTERNS)
    # Only slugs with a hyphen: a one-word slug ("russia") is also a word of the language.
    hyphenated = sorted((s for s in slugs if "-" in s), key=len, reverse=True)
    if hyphenated:
        patterns.append(
            re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, hyphenated)) + r")(?![\w-])")
        )
    found = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 40), match.end() + 40
            found.append(f"{match.group(0)!r} in …{text[start:end]}…")
    return found
