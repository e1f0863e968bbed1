"""What kind of provision a Word paragraph is, and its label (see :mod:`docx_import`).

By the format of Word's numbering for it when it has one (``upperRoman``/``upperLetter``:
a section; ``decimal``: a paragraph, or a section in a heading style; ``lowerLetter``: a
sub-paragraph; ``lowerRoman``: a sub-paragraph under the lettered one; ``Article %1``: an
article), else by a label typed at its start (``1.``, ``4 bis.``, ``(a)``, ``(ii)``,
``I.``, ``A.`` on a heading line, ``Article 3:``, ``Annex``), else by its style and
look (a heading style: a section; a short line all in bold or underlined: a heading);
what is left is body text, a recital or a clause by where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from astana.core.text import ProvisionKind
from astana.core.text.numbering import heading_kind, subparagraph_ordinal
from astana.formats.docx_numbering import Level
from astana.formats.docx_reading import Block

__all__ = ["MAX_HEADING_LENGTH", "Item", "classify", "is_word_section"]

#: How long an unnumbered line all in bold may be and still read as a heading.
MAX_HEADING_LENGTH: Final = 200
_LATIN: Final = r"(?:\s?(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies))?"
_TYPED_PARAGRAPH: Final = re.compile(rf"(?P<label>(?:[0-9]+|[٠-٩]+){_LATIN}\.)(?=\s)")
_TYPED_SUB: Final = re.compile(
    r"(?P<label>\((?P<mark>[a-z]{1,3}|[ivxlc]+|[\u0621-\u064a]{1,2})\))(?=\s)"
)
_TYPED_SECTION: Final = re.compile(r"(?P<label>(?P<mark>[IVXLC]+|[A-Z])\.)(?=\s)")
_HEADING_LINE: Final = re.compile(
    rf"(?P<label>(?P<word>\w+)(?:\s+(?P<num>[0-9]+|[٠-٩]+|[IVXLC]+|[A-Z]){_LATIN})?)"
    r"\s*(?:[:.\-–—]\s*(?P<title>.*))?"
)
#: Words that open a section heading, and the rank of its section (``Annex`` and ``Part``
#: above everything, ``Section`` like ``I.``, ``Rule`` under any other heading).
_SECTION_WORDS: Final = {
    word.casefold(): rank
    for words, rank in (
        (("Annex", "Appendix", "Part", "Schedule", "Attachment", "Addendum"), 0),
        (("المرفق", "التذييل", "الجزء", "Приложение", "Добавление", "Часть"), 0),
        (("Section", "الفرع", "Раздел"), 1),
        (("Rule", "Правило"), 9),
    )
    for word in words
}
_ROMAN: Final = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_UN_HEADING: Final = re.compile(r"(?:^|[ _])H[ _]+(?P<rank>_?Ch|\d)")


@dataclass
class Item:
    kind: ProvisionKind | None  # None: unnumbered body text (recital or clause)
    label: str
    body: str  # the text after the label
    offset: int  # where ``body`` starts in the paragraph's text
    rank: int = 0


def _style_rank(block: Block) -> int | None:
    """The rank of a heading by its style (``Heading 2``: 2), or None when not a heading."""
    name = block.style.casefold()
    if "title" in name:
        return 1
    match = re.search(r"heading\s*(\d)", name)
    if match:
        return int(match.group(1))
    if "heading" in name:
        return 1
    un = _UN_HEADING.search(block.style)
    if un:
        return 1 if un.group("rank").endswith("Ch") else int(un.group("rank")) + 1
    if block.outline is not None and block.outline < 9:
        return block.outline + 1
    return None


def _numbered(block: Block, level: Level) -> Item:
    label = block.label
    text = block.text.strip()
    offset = len(block.text) - len(block.text.lstrip())
    first = label.split(maxsplit=1)[0] if label else ""
    kind = heading_kind(first)
    if kind in (ProvisionKind.ARTICLE, ProvisionKind.CHAPTER):
        title = text.lstrip(":.-–— \t")
        return Item(kind, label, title, offset + len(text) - len(title))
    if first.casefold() in _SECTION_WORDS:
        return Item(ProvisionKind.SECTION, label, text, offset, _SECTION_WORDS[first.casefold()])
    if level.fmt in ("bullet", "none") or not label:
        return Item(None, "", text, offset)
    bracketed = "(" in label or ")" in label
    if level.fmt in ("upperRoman", "upperLetter") and not bracketed:
        rank = 1 if level.fmt == "upperRoman" else 2
        return Item(ProvisionKind.SECTION, label, text, offset, rank)
    if level.fmt in ("lowerLetter", "arabicAbjad", "arabicAlpha", "russianLower"):
        return Item(ProvisionKind.SUBPARAGRAPH, label, text, offset, 1)
    if level.fmt == "lowerRoman":
        return Item(ProvisionKind.SUBPARAGRAPH, label, text, offset, 2)
    if bracketed:
        return Item(ProvisionKind.SUBPARAGRAPH, label, text, offset, 3)
    heading = _style_rank(block)
    if heading is not None:
        return Item(ProvisionKind.SECTION, label, text, offset, heading)
    return Item(ProvisionKind.PARAGRAPH, label, text, offset)


def _heading_like(block: Block, text: str) -> bool:
    return _style_rank(block) is not None or (
        (block.bold or block.underline) and len(text) <= MAX_HEADING_LENGTH
    )


def classify(block: Block, last_letter: int) -> Item:
    if block.level is not None and (block.label or block.level.fmt in ("bullet", "none")):
        return _numbered(block, block.level)
    raw = block.text
    text = raw.lstrip()
    start = len(raw) - len(text)
    text = text.rstrip()
    heading = _HEADING_LINE.fullmatch(text)
    if heading:
        word = heading.group("word")
        kind = heading_kind(word)
        numbered = heading.group("num") is not None
        if kind is ProvisionKind.PREAMBLE and not numbered:
            return Item(kind, "", heading.group("title") or "", start)
        if kind in (ProvisionKind.ARTICLE, ProvisionKind.CHAPTER) and numbered:
            body = heading.group("title") or ""
            return Item(kind, heading.group("label"), body, start + heading.start("title"))
        if word.casefold() in _SECTION_WORDS and (
            _heading_like(block, text) or heading.group("title") is None
        ):
            body = heading.group("title") or ""
            offset = start + (heading.start("title") if heading.group("title") else len(text))
            rank = _SECTION_WORDS[word.casefold()]
            return Item(ProvisionKind.SECTION, heading.group("label"), body, offset, rank)
    # A bracket may open before the label: "[1. Decides ...", "[(a) ...".
    brackets = re.match(r"(?:\[[ \t]*)+", text)
    lead = brackets.group(0).replace(" ", "").replace("\t", "") if brackets else ""
    rest = text[brackets.end() :] if brackets else text
    for pattern, kind in (
        (_TYPED_PARAGRAPH, ProvisionKind.PARAGRAPH),
        (_TYPED_SUB, ProvisionKind.SUBPARAGRAPH),
        (_TYPED_SECTION, ProvisionKind.SECTION),
    ):
        match = pattern.match(rest)
        if match is None:
            continue
        body = lead + rest[match.end() :].lstrip()
        offset = start + len(text) - len(body)
        label = match.group("label")
        if kind is ProvisionKind.SUBPARAGRAPH:
            return Item(kind, label, body, offset, _sub_rank(match.group("mark"), last_letter))
        if kind is ProvisionKind.SECTION:
            mark = match.group("mark")
            roman = len(mark) > 1 or mark in "IVX"
            if not roman and not _heading_like(block, body):
                continue
            return Item(kind, label, body, offset, 1 if roman else 2)
        return Item(kind, label, body, offset)
    styled = _style_rank(block)
    if styled is not None:
        return Item(ProvisionKind.SECTION, "", text, start, styled)
    if _heading_like(block, text) and not text.endswith((",", ";")):
        return Item(ProvisionKind.HEADING, "", text, start)
    return Item(None, "", text, start)


def _sub_rank(mark: str, last_letter: int) -> int:
    if subparagraph_ordinal(mark) == last_letter + 1 or not _ROMAN.fullmatch(mark):
        return 1
    return 2


def is_word_section(label: str) -> bool:
    """Whether ``label`` is a section word with or without a number (``Annex``, ``Rule 6``),
    whose title may come on the next line."""
    return bool(label) and label.split()[0].casefold() in _SECTION_WORDS
