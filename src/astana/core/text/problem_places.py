"""Where each problem of a text read leniently falls: the provision holding its line.

The reader's document keeps no line numbers, but it makes provisions in the order their
lines come, within each ``@lang`` section. So the provision holding line ``n`` of a section
is the last one read from that section's lines up to ``n``: reading that part alone
(leniently) and counting its provisions gives its place in the whole document's order.
A problem before the first provision of its section (a title line, a stray line above
everything) falls in none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from astana.core.text.brackets import NotationError
from astana.core.text.document import Document
from astana.core.text.notation import read_document

__all__ = ["MAX_PLACED", "provisions_at"]

#: Each placing reads part of the text again; past this many distinct lines a problem is
#: listed with its line and column only.
MAX_PLACED: Final = 200

_LANG_LINE: Final = re.compile(r"@lang[ \t]+(?P<lang>\S+)[ \t]*")


def provisions_at(source: str, document: Document, lines: Iterable[int]) -> dict[int, str | None]:
    """Line number (1-based) -> the identity of the provision of ``document`` (read from
    ``source``) holding that line, or ``None`` where no provision holds it."""
    text_lines = source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markers = [
        (number, match["lang"])
        for number, raw in enumerate(text_lines, start=1)
        if (match := _LANG_LINE.fullmatch(raw.strip()))
    ]
    order = document.ids()
    placed: dict[int, str | None] = {}
    for line in sorted(set(lines)):
        if len(placed) >= MAX_PLACED:
            placed[line] = None
            continue
        start, language = 0, None
        for number, lang in markers:
            if number <= line:
                start, language = number, lang
        part = "\n".join(text_lines[start:line])
        try:
            count = len(read_document(part, lenient=True, language=language).document.ids())
        except (NotationError, ValueError):
            count = 0
        placed[line] = order[count - 1] if 0 < count <= len(order) else None
    return placed
