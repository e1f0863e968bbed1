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
from dataclasses import dataclass, field
from typing import Any, Final

import docx
from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from astana.core.text import Document, NotationError, ProvisionKind, parse_document
from astana.core.text.brackets import ProvisionText
from astana.core.text.document import StructureError
from astana.core.text.notation import detect_language
from astana.core.text.numbering import subparagraph_ordinal
from astana.core.text.provision import Provision, derived_identity
from astana.formats._zip import check_zip
from astana.formats.docx_kinds import classify, is_word_section
from astana.formats.docx_legacy import notation_lines
from astana.formats.docx_numbering import Numbering, Styles
from astana.formats.docx_reading import Block, read_blocks
from astana.formats.docx_text import ParagraphTexts, plain
from astana.formats.errors import FormatError

__all__ = ["MAX_DOCX_BYTES", "import_docx"]

#: The largest Word file the importer reads.
MAX_DOCX_BYTES: Final = 20 * 1024 * 1024


@dataclass(eq=False)  # nodes are told apart by identity
class _Node:
    kind: ProvisionKind | None  # None: the top of the document
    number: int = 0  # the paragraph it comes from
    label: str = ""
    text: ProvisionText = field(default_factory=ProvisionText)
    rank: int = 0  # sections: 1 for I., 2 for A. ...; sub-paragraphs: 1 (a), 2 (i), 3 other
    children: list[_Node] = field(default_factory=list)


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
        self.texts = ParagraphTexts()

    def read(self, block: Block) -> None:
        if block.table_rows:
            what = f"A table of {block.table_rows} rows is not imported here"
            note = plain(f"{what}: {block.text}" if block.text else what)
            self._add(self.stack[-1], _Node(ProvisionKind.NOTE, block.number, "", note))
            return
        item = classify(block, self.last_letter)
        text = self.texts.text(block, item.body, item.offset)
        node = _Node(item.kind, block.number, item.label, text, item.rank)
        if item.kind is ProvisionKind.PARAGRAPH:
            self.last_letter = 0
        if item.kind is ProvisionKind.SUBPARAGRAPH and item.rank == 1:
            self.last_letter = subparagraph_ordinal(item.label.strip("()")) or self.last_letter
        title_like = item.kind in (ProvisionKind.SECTION, ProvisionKind.HEADING)
        if title_like and not item.label and self._titles_last():
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
            and is_word_section(last.label)
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
        self.stack = [node for node in self.stack if node is not self.preamble]

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
        item = classify(first, 0)
        unlabelled = item.kind in (None, ProvisionKind.HEADING, ProvisionKind.SECTION)
        if unlabelled and not item.label and not first.text.rstrip().endswith((",", ";", ":")):
            title = reader.texts.text(first, item.body, item.offset)
            blocks = blocks[1:]
    for block in blocks:
        reader.read(block)
    reader.texts.finish()
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
