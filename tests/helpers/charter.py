"""A long real text for the redline tests: the Charter of the United Nations (from the shared
test data, one line of plain text) in the bracketed notation, one sentence a paragraph, and
documents whose identities come from position, as two files or an imported revision have."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from tests.shared_data import shared_data

from astana.core.text import Document, Provision, ProvisionKind
from astana.core.text.provision import derived_identity

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


def positional(document: Document) -> Document:
    """``document`` with every identity derived from where the provision stands, as
    reading it from a file gives (chapters and articles counted across the document)."""
    across: dict[ProvisionKind, int] = {}

    def visit(children: tuple[Provision, ...], parent: str | None) -> tuple[Provision, ...]:
        among: dict[ProvisionKind, int] = {}
        out: list[Provision] = []
        for child in children:
            if child.kind in (ProvisionKind.CHAPTER, ProvisionKind.ARTICLE):
                across[child.kind] = across.get(child.kind, 0) + 1
                ordinal = across[child.kind]
            else:
                among[child.kind] = among.get(child.kind, 0) + 1
                ordinal = among[child.kind]
            identity = derived_identity(parent, child.kind, ordinal)
            out.append(replace(child, id=identity, children=visit(child.children, identity)))
        return tuple(out)

    return replace(document, provisions=visit(document.provisions, None)).validate()
