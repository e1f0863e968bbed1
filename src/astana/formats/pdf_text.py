"""Text copied out of a PDF, made into the bracketed notation (one provision per line).

A PDF gives its text line by line as it was typeset: paragraphs broken at the margin,
words hyphenated at the end of a line, and on every page the running header and footer
(the document symbol ``FCCC/PA/CMA/2024/L.15``, the page number, the job number
``GE.24-21932(E)``). :func:`from_pdf_text` undoes that:

* lines that are only a page number (``3``, ``- 3 -``, ``Page 3``, ``3/12``), a document
  symbol, a job number or its bar code, the masthead's ``Distr.: Limited`` and
  ``Original: English``, and short lines repeated on three pages or more (a running
  header), are left out;
* a paragraph ends at a blank line, before a line that opens with a label (``1.``,
  ``(a)``, ``(iv)``, ``I.``, ``A.``, ``Article 3``, ``Annex``, ``Option 2``), and after a
  line that stops well short of the margin;
* the lines of a paragraph are joined with a space; a word hyphenated at the end of a line
  is joined again (``implemen-`` ``tation``: ``implementation``) unless the hyphen is a
  real one: the hyphenated form appears elsewhere in the text, the joined one does not,
  the first part is a prefix written with a hyphen (``non-``, ``self-``, ``co-``), or either
  part is a capital, a number or already hyphenated (``cap-and-`` ``trade``);
* where unnumbered paragraphs come between the title and the first numbered one (a
  decision's ``The Conference of the Parties ...,`` and ``Recalling ...`` paragraphs), a
  ``Preamble`` line is put before them.

Non-breaking spaces and every other character are kept as they are.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

__all__ = ["from_pdf_text"]

_PAGE_NUMBER: Final = re.compile(
    r"(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|\d{1,3}\s*/\s*\d{1,3}",
    re.IGNORECASE,
)
#: A United Nations document symbol alone on its line (``FCCC/CP/2015/L.9/Rev.1``,
#: ``A/RES/70/1``), perhaps with the page number beside it.
_SYMBOL: Final = re.compile(r"(?:\d{1,4}\s+)?[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+){2,}(?:\s+\d{1,4})?")
#: The masthead's distribution and language lines, and the advance-version stamp.
_MASTHEAD: Final = re.compile(
    r"(?:Distr\.|Original|Distribution)\s*:.*|Advance unedited version", re.IGNORECASE
)
_JOB_NUMBER: Final = re.compile(
    r"GE\.\d{2}-\d{4,6}\s*(?:\([A-Z]\))?.*|\*\d{6,9}\*|Please recycle.*"
)
_LABEL: Final = re.compile(
    r"(?:[0-9]+(?:\s?(?:bis|ter|quater|quinquies))?\.|\((?:[a-z]{1,3}|[ivxlc]+)\)|[IVXLC]+\.|[A-Z]\.)"
    r"(?=\s)"
    r"|(?:Article|Chapter|Annex|Appendix|Part|Section|Option|Alternative|Alt|Preamble)\b"
)
_NUMBERED: Final = re.compile(r"[0-9]+(?:\s?(?:bis|ter|quater|quinquies))?\.(?=\s)|Article\s")
#: Prefixes written with a hyphen whatever follows (``non-party``, ``self-reliance``).
_HYPHEN_PREFIXES: Final = frozenset(
    [
        "non",
        "self",
        "cross",
        "well",
        "ex",
        "quasi",
        "all",
        "full",
        "half",
        "long",
        "short",
        "low",
        "high",
        "cost",
        "time",
    ]
)
#: Prefixes written with a hyphen only before some words (``re-election`` but
#: ``reaffirms``, ``co-facilitators`` but ``cooperation``): kept where the text shows the
#: word after it on its own or the hyphenated form elsewhere.
_MAYBE_PREFIXES: Final = frozenset(
    [
        "co",
        "pre",
        "post",
        "re",
        "un",
        "multi",
        "inter",
        "intra",
        "sub",
        "semi",
        "anti",
        "supra",
        "mid",
    ]
)
_WORD_END: Final = re.compile(r"([\w\-]+)-$")
_WORD_START: Final = re.compile(r"(\w+)")
_ENDINGS: Final = (",", ";", ":", ".")
#: A line stopping short of this share of the usual line length ends its paragraph.
_SHORT: Final = 0.75


def _furniture(lines: list[str]) -> set[int]:
    """Which lines are page furniture: numbers, symbols, job numbers, running headers."""
    shapes = Counter(
        re.sub(r"\d+", "#", line.strip()) for line in lines if 0 < len(line.strip()) <= 80
    )
    dropped: set[int] = set()
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if (
            _PAGE_NUMBER.fullmatch(line)
            or _SYMBOL.fullmatch(line)
            or _JOB_NUMBER.fullmatch(line)
            or _MASTHEAD.fullmatch(line)
            or (
                len(line) <= 80
                and shapes[re.sub(r"\d+", "#", line)] >= 3
                and not _LABEL.match(line)
                and not line.endswith((".", ",", ";", ":"))
            )
        ):
            dropped.add(index)
    return dropped


def _typical_length(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if len(line) > 20)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def _joined_hyphen(before: str, after: str, vocabulary: Counter[str]) -> str:
    """``before`` (ending in ``-``) and ``after`` as one text, the hyphen kept or not."""
    end = _WORD_END.search(before)
    start = _WORD_START.match(after)
    if end is None or start is None:
        return f"{before}{after}" if before.endswith("-") else f"{before} {after}"
    first, second = end.group(1), start.group(1)
    hyphenated = f"{first}-{second}".casefold()
    joined = f"{first}{second}".casefold()
    if vocabulary[joined] != vocabulary[hyphenated]:
        real = vocabulary[hyphenated] > vocabulary[joined]
    else:
        real = (
            "-" in first
            or not first.isalpha()
            or not second.isalpha()
            or not second[0].islower()
            or first.isupper()
            or first.casefold() in _HYPHEN_PREFIXES
            or (first.casefold() in _MAYBE_PREFIXES and vocabulary[second.casefold()] > 0)
        )
    return f"{before}{after}" if real else f"{before[:-1]}{after}"


def _vocabulary(text: str) -> Counter[str]:
    """How often each word stands in ``text``, leaving out words broken at a line's end."""
    whole = re.sub(r"[\w\-]+-[ \t]*\n\s*\w+", " ", text)
    return Counter(word.casefold() for word in re.findall(r"\w+(?:-\w+)*", whole))


def from_pdf_text(text: str) -> str:
    """The notation for ``text`` copied out of a PDF (see the module): one line per
    paragraph, page furniture left out, line-end hyphenation undone."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").split("\n")
    dropped = _furniture(lines)
    kept = [line.strip() for index, line in enumerate(lines) if index not in dropped]
    typical = _typical_length([line for line in kept if line])
    vocabulary = _vocabulary(text)
    paragraphs: list[str] = []
    current = ""
    short = False
    for line in kept:
        if not line:
            if current:
                paragraphs.append(current)
            current, short = "", False
            continue
        broken = current.endswith("-") and not current.endswith(" -")
        if current and not broken and (_LABEL.match(line) or (short and not line[0].islower())):
            paragraphs.append(current)
            current = ""
        line = re.sub(r"[ \t]+", " ", line)
        if not current:
            current = line
        elif broken:
            current = _joined_hyphen(current, line, vocabulary)
        else:
            current = f"{current} {line}"
        short = bool(typical) and len(line) < _SHORT * typical
    if current:
        paragraphs.append(current)
    return "\n".join(_with_preamble(paragraphs)) + "\n"


def _with_preamble(paragraphs: list[str]) -> list[str]:
    """Title lines joined into one, and ``Preamble`` before the unnumbered paragraphs that
    come before the first labelled one."""
    first = next((i for i, p in enumerate(paragraphs) if _LABEL.match(p)), None)
    if first is None or first < 1 or not any(_NUMBERED.match(p) for p in paragraphs):
        return paragraphs
    title = 1  # lines that do not end like a sentence or a chapeau continue the title
    while title < first and not paragraphs[title].endswith(_ENDINGS):
        title += 1
    heading = " — ".join(paragraphs[:title])
    if title == first:
        return [heading, *paragraphs[first:]]
    return [heading, "Preamble", *paragraphs[title:first], *paragraphs[first:]]
