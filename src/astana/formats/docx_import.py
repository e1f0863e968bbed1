"""Reading a Word file into a core document: a United Nations secretariat file as Word shows
it, or a file Astana exported.

**A secretariat file** (:func:`import_docx` on any file that does not start with Astana's
hidden ``@lang`` marker) is read as its reader sees it. Each paragraph's label is the one
Word's automatic numbering shows (``numbering.xml`` and list styles, counted as Word
counts: :mod:`astana.formats.docx_numbering`) or the one typed at its start, and is kept
as the provision's label. The kind follows the numbering *format*, not the list level
(secretariat templates put section headings at level 0 and paragraphs at levels 5 and 6):

* ``I.`` / ``A.`` (upper-case Roman numerals and letters), headings in heading styles
  (``Heading 1``, ``_ H_1_G``, ``Title``) and ``Annex`` / ``Part`` / ``Appendix`` lines:
  sections, nested by rank (``I.`` holds ``A.``);
* ``Article 3`` / ``Chapter 2``: articles and chapters;
* ``1.`` (decimal): numbered paragraphs; ``(a)`` (lower-case letters): sub-paragraphs;
  ``(i)`` (lower-case Roman numerals): sub-paragraphs under the lettered one;
* unnumbered paragraphs: recitals of a preamble before the first operative provision (the
  ``The Conference of the Parties ...,`` chapeau and the ``Recalling ...`` paragraphs),
  clauses after it; a short line all in bold or underlined: an unnumbered heading;
* footnotes and endnotes: notes in the text where they are referenced; a table: a note
  saying that it was not imported and how it begins.

Brackets in the text are read as in the notation (``[...]``, ``[Option 1: ...]``, who holds
a bracket in ``{...}`` right after it); braces elsewhere are notes (``{No text
required}``); a backslash is a backslash. The first paragraph is the title when it has no
label and does not end like a chapeau (``,``). Non-breaking spaces stay as they are.

**A file Astana exported** (a hidden ``@lang xx`` paragraph first) is read back through
the bracketed notation, so that an export and its import give the same document.

Everything refused is a :class:`FormatError` naming the paragraph (and column).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from typing import Any, Final

import docx
from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from astana.core.text import Document, NotationError, ProvisionKind, parse_document
from astana.core.text.brackets import Bracket, Inline, Note, OptionGroup, ProvisionText
from astana.core.text.characters import unsafe_characters
from astana.core.text.document import StructureError
from astana.core.text.notation import detect_language
from astana.core.text.numbering import heading_kind, subparagraph_ordinal
from astana.core.text.provision import Provision, derived_identity
from astana.formats._zip import check_zip
from astana.formats.docx_legacy import notation_lines
from astana.formats.docx_numbering import Level, Numbering, Styles
from astana.formats.docx_reading import NOTE_MARK, Block, read_blocks
from astana.formats.errors import FormatError

__all__ = ["MAX_DOCX_BYTES", "import_docx"]

#: The largest Word file the importer reads.
MAX_DOCX_BYTES: Final = 20 * 1024 * 1024
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
_SECTION_WORDS: Final = frozenset(
    w.casefold()
    for w in (
        "Annex",
        "Appendix",
        "Part",
        "Section",
        "Schedule",
        "Attachment",
        "Addendum",
        "Rule",
        "المرفق",
        "التذييل",
        "الجزء",
        "الفرع",
        "Приложение",
        "Добавление",
        "Часть",
        "Раздел",
    )
)
_ROMAN: Final = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_UN_HEADING: Final = re.compile(r"(?:^|[ _])H[ _]+(?P<rank>_?Ch|\d)")


@dataclass
class _Node:
    kind: ProvisionKind | None  # None: the top of the document
    number: int = 0  # the paragraph it comes from
    label: str = ""
    text: ProvisionText = field(default_factory=ProvisionText)
    rank: int = 0  # sections: 1 for I., 2 for A. ...; sub-paragraphs: 1 (a), 2 (i), 3 other
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Item:
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


def _numbered(block: Block, level: Level) -> _Item:
    label = block.label
    text = block.text.strip()
    first = label.split(maxsplit=1)[0] if label else ""
    kind = heading_kind(first)
    if kind in (ProvisionKind.ARTICLE, ProvisionKind.CHAPTER):
        return _Item(kind, label, _title(text), 0)
    if first.casefold() in _SECTION_WORDS:
        return _Item(ProvisionKind.SECTION, label, text, 0, 0)
    if level.fmt in ("bullet", "none") or not label:
        return _Item(None, "", text, 0)
    bracketed = "(" in label or ")" in label
    if level.fmt in ("upperRoman", "upperLetter") and not bracketed:
        return _Item(ProvisionKind.SECTION, label, text, 0, 1 if level.fmt == "upperRoman" else 2)
    if level.fmt in ("lowerLetter", "arabicAbjad", "arabicAlpha", "russianLower"):
        return _Item(ProvisionKind.SUBPARAGRAPH, label, text, 0, 1)
    if level.fmt == "lowerRoman":
        return _Item(ProvisionKind.SUBPARAGRAPH, label, text, 0, 2)
    if bracketed:
        return _Item(ProvisionKind.SUBPARAGRAPH, label, text, 0, 3)
    rank = _style_rank(block)
    if rank is not None:
        return _Item(ProvisionKind.SECTION, label, text, 0, max(rank, 3))
    return _Item(ProvisionKind.PARAGRAPH, label, text, 0)


def _title(text: str) -> str:
    match = _HEADING_LINE.fullmatch(text)
    return (match.group("title") or "") if match else text


def _heading_like(block: Block, text: str) -> bool:
    return _style_rank(block) is not None or (
        (block.bold or block.underline) and len(text) <= MAX_HEADING_LENGTH
    )


class _Reader:
    """Reads blocks into a tree of nodes, one paragraph at a time."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.root = _Node(None)
        self.stack = [self.root]
        self.preamble: _Node | None = None
        self.operative = False  # a provision other than a recital has been read
        self.last: _Node | None = None
        self.last_letter = 0  # the last lettered sub-paragraph, to tell (i) the letter

    def classify(self, block: Block) -> _Item:
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
                return _Item(kind, "", heading.group("title") or "", start)
            if kind in (ProvisionKind.ARTICLE, ProvisionKind.CHAPTER) and numbered:
                body = heading.group("title") or ""
                return _Item(kind, heading.group("label"), body, start + heading.start("title"))
            if word.casefold() in _SECTION_WORDS and (
                _heading_like(block, text) or heading.group("title") is None
            ):
                body = heading.group("title") or ""
                offset = start + (heading.start("title") if heading.group("title") else len(text))
                return _Item(ProvisionKind.SECTION, heading.group("label"), body, offset, 0)
        for pattern, kind in (
            (_TYPED_PARAGRAPH, ProvisionKind.PARAGRAPH),
            (_TYPED_SUB, ProvisionKind.SUBPARAGRAPH),
            (_TYPED_SECTION, ProvisionKind.SECTION),
        ):
            match = pattern.match(text)
            if match is None:
                continue
            body = text[match.end() :].lstrip()
            offset = start + len(text) - len(body)
            label = match.group("label")
            if kind is ProvisionKind.SUBPARAGRAPH:
                return _Item(kind, label, body, offset, self._sub_rank(match.group("mark")))
            if kind is ProvisionKind.SECTION:
                mark = match.group("mark")
                roman = len(mark) > 1 or mark in "IVX"
                if not roman and not _heading_like(block, body):
                    continue
                return _Item(kind, label, body, offset, 1 if roman else 2)
            return _Item(kind, label, body, offset)
        rank = _style_rank(block)
        if rank is not None:
            return _Item(ProvisionKind.SECTION, "", text, start, rank)
        if _heading_like(block, text) and not text.endswith((",", ";")):
            return _Item(ProvisionKind.HEADING, "", text, start)
        return _Item(None, "", text, start)

    def _sub_rank(self, mark: str) -> int:
        if subparagraph_ordinal(mark) == self.last_letter + 1 or not _ROMAN.fullmatch(mark):
            return 1
        return 2

    def read(self, block: Block) -> None:
        if block.table_rows:
            what = f"A table of {block.table_rows} rows is not imported here"
            note = _plain(f"{what}: {block.text}" if block.text else what)
            self._add(self.stack[-1], _Node(ProvisionKind.NOTE, block.number, "", note))
            return
        item = self.classify(block)
        text = _provision_text(block, item)
        node = _Node(item.kind, block.number, item.label, text, item.rank)
        if item.kind is ProvisionKind.PARAGRAPH:
            self.last_letter = 0
        if item.kind is ProvisionKind.SUBPARAGRAPH and item.rank == 1:
            self.last_letter = subparagraph_ordinal(item.label.strip("()")) or self.last_letter
        if item.kind is ProvisionKind.SECTION and not item.label and self._titles_last():
            assert self.last is not None
            self.last.text = text  # "Annex", then its title on the next line
            return
        self.place(node, block)

    def _titles_last(self) -> bool:
        last = self.last
        return (
            last is not None
            and last.kind is ProvisionKind.SECTION
            and not last.text
            and not last.children
            and last.rank == 0
        )

    def _pop_until(self, *kinds: ProvisionKind | None, rank: int | None = None) -> None:
        while len(self.stack) > 1:
            top = self.stack[-1]
            if top.kind in kinds and (
                rank is None or top.kind is not ProvisionKind.SECTION or top.rank < rank
            ):
                return
            self.stack.pop()

    def place(self, node: _Node, block: Block) -> None:
        kind = node.kind
        section = ProvisionKind.SECTION
        if kind is ProvisionKind.PREAMBLE:
            if self.operative or self.preamble is not None:
                raise FormatError("the preamble must come first", f"paragraph {block.number}")
            self._open(node)
            self.preamble = node
            return
        if kind is None:
            self._body(node, block)
            return
        if kind is ProvisionKind.HEADING:
            self._add(self.stack[-1], node)
            return
        self._close_preamble()
        if kind is section:
            self._pop_until(section, rank=node.rank)
        elif kind is ProvisionKind.CHAPTER:
            self._pop_until(section)
        elif kind is ProvisionKind.ARTICLE:
            self._pop_until(section, ProvisionKind.CHAPTER)
        elif kind is ProvisionKind.PARAGRAPH:
            self._pop_until(section, ProvisionKind.CHAPTER, ProvisionKind.ARTICLE)
        elif kind is ProvisionKind.SUBPARAGRAPH:
            while self.stack[-1].kind is kind and self.stack[-1].rank >= node.rank:
                self.stack.pop()
            if self.stack[-1].kind not in (kind, ProvisionKind.PARAGRAPH, section):
                where = f"paragraph {block.number}"
                raise FormatError(
                    f"a sub-paragraph {node.label} outside a numbered paragraph", where
                )
        self._open(node)

    def _close_preamble(self) -> None:
        self.operative = True
        if self.preamble is not None and self.preamble in self.stack:
            self.stack.remove(self.preamble)

    def _body(self, node: _Node, block: Block) -> None:
        if not self.operative:
            if self.preamble is None:
                self.preamble = _Node(ProvisionKind.PREAMBLE, block.number)
                self._open(self.preamble)
            node.kind = ProvisionKind.RECITAL
            self._add(self.preamble, node)
            return
        for parent in reversed(self.stack):
            if parent.kind in (
                ProvisionKind.PARAGRAPH,
                ProvisionKind.ARTICLE,
                ProvisionKind.SECTION,
                ProvisionKind.OPTION,
            ):
                node.kind = ProvisionKind.CLAUSE
                self._add(parent, node)
                return
        raise FormatError(
            "text outside a provision: number it, or put it under a heading",
            f"paragraph {block.number}",
        )

    def _open(self, node: _Node) -> None:
        self._add(self.stack[-1], node)
        self.stack.append(node)

    def _add(self, parent: _Node, node: _Node) -> None:
        parent.children.append(node)
        self.last = node


def _plain(text: str) -> ProvisionText:
    return ProvisionText.plain(" ".join(text.split()))


def _provision_text(block: Block, item: _Item) -> ProvisionText:
    """The text of ``item`` with its brackets, and its notes where they are referenced."""
    raw = block.text
    unsafe = unsafe_characters(raw.replace(NOTE_MARK, " "), tabs=True)
    if unsafe:
        first = unsafe[0]
        more = f" (and {len(unsafe) - 1} more)" if len(unsafe) > 1 else ""
        raise FormatError(
            f"{first.label} {first.name}: {first.hint}{more}",
            f"paragraph {block.number}, column {first.column}",
        )
    body = re.sub(r"[ \t]+", " ", item.body.replace("\t", " ")).strip()
    notes = list(block.notes)
    source, braced = _braced_notes(body.replace("\\", "\\\\"))
    column = item.offset + 1
    try:
        parsed = ProvisionText.parse(source, line=1, column=column, refuse_unsafe=False)
    except NotationError as error:
        raise FormatError(
            error.reason, f"paragraph {block.number}, column {error.column}"
        ) from None
    # Notes stand in the order of their marks: footnotes and braces, as they came.
    ordered = _in_order(source, notes, braced)
    parts = _with_notes(parsed.parts, ordered)
    try:
        return ProvisionText(parts)
    except ValueError as error:
        raise FormatError(str(error), f"paragraph {block.number}") from None


_BRACE_NOTE: Final = "\ue001"


def _braced_notes(text: str) -> tuple[str, list[str]]:
    """``{...}`` that does not follow ``]`` is a note: replaced by a mark, its text kept."""
    notes: list[str] = []

    def swap(match: re.Match[str]) -> str:
        if match.start() > 0 and text[match.start() - 1] == "]":
            return match.group(0)
        inner = match.group(1).strip()
        if not inner:
            return match.group(0)
        notes.append(inner)
        return _BRACE_NOTE

    return re.sub(r"\{([^{}\[\]]*)\}", swap, text), notes


def _in_order(source: str, footnotes: list[str], braced: list[str]) -> list[str]:
    out: list[str] = []
    feet, braces = iter(footnotes), iter(braced)
    for char in source:
        if char == NOTE_MARK:
            out.append(next(feet))
        elif char == _BRACE_NOTE:
            out.append(next(braces))
    return out


def _with_notes(parts: tuple[Inline, ...], notes: list[str]) -> tuple[Inline, ...]:
    """``parts`` with each note mark replaced by the next note, at any depth."""
    out: list[Inline] = []
    for part in parts:
        if isinstance(part, str):
            pieces = re.split(f"([{NOTE_MARK}{_BRACE_NOTE}])", part)
            for piece in pieces:
                if piece in (NOTE_MARK, _BRACE_NOTE):
                    out.append(Note(notes.pop(0)))
                elif piece:
                    out.append(piece)
        elif isinstance(part, Bracket):
            out.append(replace(part, content=_with_notes(part.content, notes)))
        elif isinstance(part, OptionGroup):
            options = tuple(
                replace(option, content=_with_notes(option.content, notes))
                for option in part.options
            )
            out.append(OptionGroup(options, part.label))
        else:
            out.append(part)
    return tuple(out)


def _provisions(
    nodes: list[_Node], parent: str | None, language: str, across: dict[ProvisionKind, int]
) -> tuple[Provision, ...]:
    out: list[Provision] = []
    among: dict[ProvisionKind, int] = {}
    for node in nodes:
        assert node.kind is not None
        if node.kind in (ProvisionKind.ARTICLE, ProvisionKind.CHAPTER):
            across[node.kind] = across.get(node.kind, 0) + 1
            ordinal = across[node.kind]
        else:
            among[node.kind] = among.get(node.kind, 0) + 1
            ordinal = among[node.kind]
        identity = derived_identity(parent, node.kind, ordinal)
        labels = ((language, node.label),) if node.label else ()
        out.append(
            Provision(
                identity,
                node.kind,
                ((language, node.text),) if node.text else (),
                frozenset(),
                _provisions(node.children, identity, language, across),
                labels,
            )
        )
    return tuple(out)


def _secretariat_document(word: WordDocument) -> Document:
    part = word.part
    styles = Styles(part.styles.element if _has(part, "styles") else None)
    numbering_root = None
    try:
        numbering_root = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_root = None
    notes: dict[str, Any] = {}
    for rel in part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in ("footnotes", "endnotes") and not rel.is_external:
            notes[kind] = parse_xml(rel.target_part.blob)
    body = word.element.find(qn("w:body"))
    blocks = read_blocks(
        body,
        styles,
        Numbering(numbering_root, styles),
        notes.get("footnotes"),
        notes.get("endnotes"),
    )
    if not blocks:
        raise FormatError("the document is empty")
    language = detect_language(" ".join(b.text for b in blocks))
    title: ProvisionText | None = None
    first = blocks[0]
    reader = _Reader(language)
    if not first.table_rows:
        item = reader.classify(first)
        unlabelled = item.kind in (None, ProvisionKind.HEADING, ProvisionKind.SECTION)
        if unlabelled and not item.label and not first.text.rstrip().endswith((",", ";", ":")):
            title = _provision_text(first, item)
            blocks = blocks[1:]
    for block in blocks:
        reader.read(block)
    provisions = _provisions(reader.root.children, None, language, {})
    if not any(
        p.kind
        not in (
            ProvisionKind.PREAMBLE,
            ProvisionKind.RECITAL,
            ProvisionKind.NOTE,
            ProvisionKind.HEADING,
        )
        for p in provisions
        for p in p.walk()
    ):
        raise FormatError(
            "no provisions found: the file has no numbered paragraphs, articles or headings "
            "(use Word's numbering, or type 1. / (a) / Article 1: at the start of paragraphs)"
        )
    document = Document((language,), provisions, ((language, title),) if title else ())
    try:
        return document.validate()
    except StructureError as error:
        raise FormatError(str(error)) from None


def _has(part: Any, name: str) -> bool:
    try:
        getattr(part, name)
    except (KeyError, NotImplementedError):
        return False
    return True


def _astana_export(word: WordDocument) -> bool:
    for paragraph in word.paragraphs:
        text = paragraph.text.strip()
        if text:
            return text.startswith("@lang ")
    return False


def import_docx(data: bytes) -> Document:
    """A new core document from a Word file (see the module for how it is read).

    Raises :class:`FormatError` (``paragraph N, column C: reason``) on a file that is not
    a Word document, one that expands beyond bounds or declares a DOCTYPE
    (:func:`astana.formats._zip.check_zip`), one with tracked changes, a text that does not
    parse, or one with no provisions.
    """
    if len(data) > MAX_DOCX_BYTES:
        raise FormatError(f"the file is larger than {MAX_DOCX_BYTES // (1024 * 1024)} MB")
    check_zip(data, kind="Word document")
    try:
        word = docx.Document(io.BytesIO(data))
        exported = _astana_export(word)
        lines, places = notation_lines(word) if exported else ([], [])
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise FormatError(f"not a readable Word document ({type(error).__name__})") from error
    if not exported:
        try:
            return _secretariat_document(word)
        except FormatError:
            raise
        except Exception as error:  # a damaged part that python-docx let through
            raise FormatError(f"not a readable Word document ({type(error).__name__})") from error
    try:
        document = parse_document("\n".join(lines))
    except NotationError as error:
        number, shift = places[min(error.line, len(places)) - 1]
        column = max(1, error.column - shift)
        raise FormatError(error.reason, f"paragraph {number}, column {column}") from error
    if not len(document):
        raise FormatError(
            "no provisions found: use headings (Article 1: ...) or numbered paragraphs (1. ...)"
        )
    return document
