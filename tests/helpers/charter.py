"""A long real text for the redline tests: the Charter of the United Nations (from the shared
test data, one line of plain text) in the bracketed notation, one sentence a paragraph."""

from __future__ import annotations

import re
from functools import cache

from tests.shared_data import shared_data

_CHAPTER = re.compile(r"Chapter ([IVXL]+): (.+?)(?= [A-Z]{4,}(?: [A-Z]{2,})* Article | Article )")
_HEADING = re.compile(r"\s*\b[A-Z]{4,}(?: [A-Z]{2,})*\s*$")
_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-Z])")


@cache
def charter_source() -> str:
    """The Charter in the notation: the preamble's sentences as recitals, chapters, 111
    articles, each sentence of an article a numbered paragraph (about 8,700 words)."""
    text = shared_data("texts", "un_charter_en.txt").read_text(encoding="utf-8")
    cuts: list[tuple[int, int, str]] = []  # (start, end of heading, heading line)
    at = 0
    for number in range(1, 112):
        match = re.compile(rf"Article {number} (?=[A-Z])").search(text, at)
        assert match is not None, f"Article {number} not found"
        chapter = _CHAPTER.search(text, at, match.end())
        if chapter is not None:
            cuts.append((chapter.start(), chapter.end(), f"Chapter {chapter[1]}: {chapter[2]}"))
        cuts.append((match.start(), match.end(), f"Article {number}"))
        at = match.end()
    lines = ["Charter of the United Nations", "Preamble"]
    preamble = text[: cuts[0][0]]
    lines.extend(_SENTENCE.split(preamble.strip()))
    for index, (_, end, heading) in enumerate(cuts):
        lines.append(heading)
        if heading.startswith("Chapter"):
            continue
        body = text[end : cuts[index + 1][0] if index + 1 < len(cuts) else len(text)]
        body = _HEADING.sub("", body.strip())
        lines.extend(
            f"{n}. {sentence}" for n, sentence in enumerate(_SENTENCE.split(body), start=1)
        )
    return "\n".join(lines) + "\n"
