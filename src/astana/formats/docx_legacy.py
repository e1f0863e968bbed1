"""A Word file Astana exported, read back as notation lines (see :mod:`docx_import`).

The export writes one paragraph per provision in the bracketed notation after a hidden
``@lang xx`` paragraph per language; reading those paragraphs as lines gives the notation
back. Word's automatic numbering added by hand afterwards is turned into ``1.`` / ``(a)``
labels, and a heading without ``Article``/``Chapter`` reads as an article.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from astana.core.text import ProvisionKind
from astana.core.text.numbering import HEADING_WORDS, heading_kind, subparagraph_letter

__all__ = ["notation_lines"]


def _is_labelled(text: str) -> bool:
    first = text.split(maxsplit=1)[0] if text.split() else ""
    word = first.rstrip(":.-–—")
    if heading_kind(word) is not None:
        return True
    return (first[:-1].isdigit() and first.endswith(".")) or first.startswith("(")


def _numbering_level(paragraph: Paragraph) -> int | None:
    properties = paragraph._p.pPr
    numbering = properties.find(qn("w:numPr")) if properties is not None else None
    if numbering is None:
        return None
    level = numbering.find(qn("w:ilvl"))
    value = level.get(qn("w:val")) if level is not None else "0"
    return int(value) if value and value.isdigit() else 0


def notation_lines(word: WordDocument) -> tuple[list[str], list[tuple[int, int]]]:
    """One notation line per non-empty paragraph, and for each line the paragraph number it
    came from and how many characters were put in front of the paragraph's own text.
    Non-breaking spaces are kept; a tab reads as a space."""
    lines: list[str] = []
    places: list[tuple[int, int]] = []
    counters = {"article": 0, "paragraph": 0, "sub": 0}
    section_language = "en"
    for number, paragraph in enumerate(word.paragraphs, start=1):
        raw = paragraph.text.replace("\t", " ")
        text = raw.strip()
        if not text:
            continue
        if text.startswith("@lang "):
            section_language = text[6:].strip()
            counters = {"article": 0, "paragraph": 0, "sub": 0}
            lines.append(text)
            places.append((number, 0))
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        prefix = ""
        if style.startswith("Heading") and not _is_labelled(text):
            counters["article"] += 1
            words = HEADING_WORDS.get(section_language, HEADING_WORDS["en"])
            prefix = f"{words[ProvisionKind.ARTICLE][0]} {counters['article']}: "
            counters["paragraph"] = 0
        elif (level := _numbering_level(paragraph)) is not None and not _is_labelled(text):
            if level == 0:
                counters["paragraph"] += 1
                counters["sub"] = 0
                prefix = f"{counters['paragraph']}. "
            else:
                counters["sub"] += 1
                prefix = f"({subparagraph_letter(counters['sub'], section_language)}) "
        elif heading_kind(text.split(maxsplit=1)[0].rstrip(":.-–—")) is not None:
            counters["paragraph"] = 0
        lines.append(prefix + text)
        places.append((number, len(prefix) - (len(raw) - len(raw.lstrip()))))
    return lines, places
