"""Word (.docx) export and import of the negotiating text, with python-docx.

**Export.** One paragraph per provision, in the bracketed notation diplomats already use in
Word: headings (``Article 3: Elections``) in heading styles, numbered paragraphs ``1. ...``,
sub-paragraphs ``(a) ...``, brackets ``[...]`` and alternatives ``[Option 1: ...] [Option 2:
...]`` in the text, and who holds a bracket (``{SNC, KNC}``) as small grey superscript right
after it. Each language version starts on a new page after a hidden ``@lang xx`` marker;
Arabic paragraphs are right to left. Redlines export with insertions underlined and
deletions struck through.

**Import** is in :mod:`astana.formats.docx_import` (re-exported here as
:func:`import_docx`): a United Nations secretariat file read as Word shows it, a file
exported here read back through the notation.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any, Final

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from astana.core.language import direction
from astana.core.text import Document, ProvisionKind, format_document
from astana.core.text.numbering import label as display_label
from astana.formats.docx_import import MAX_DOCX_BYTES, import_docx
from astana.formats.errors import FormatError
from astana.formats.print_html import word as origin_word
from astana.formats.view_trees import document_from_views

__all__ = ["MAX_DOCX_BYTES", "document_docx", "import_docx", "redline_docx", "text_docx"]

_GREY: Final = RGBColor(0x55, 0x55, 0x55)
_STYLES: Final = {
    ProvisionKind.CHAPTER: "Heading 1",
    ProvisionKind.ARTICLE: "Heading 2",
    ProvisionKind.PREAMBLE: "Heading 2",
}
_ARABIC_FONT: Final = "Noto Naskh Arabic"


def _right_to_left(paragraph: Paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))


def _add_run(paragraph: Paragraph, text: str, language: str, *, attribution: bool = False) -> None:
    run = paragraph.add_run(text)
    if attribution:
        run.font.superscript = True
        run.font.color.rgb = _GREY
    if direction(language) == "rtl":
        properties = run._r.get_or_add_rPr()
        properties.append(OxmlElement("w:rtl"))
        fonts = OxmlElement("w:rFonts")
        fonts.set(qn("w:cs"), _ARABIC_FONT)
        properties.insert(0, fonts)


def _segments(line: str) -> list[tuple[str, bool]]:
    """Split a notation line into text and attributions (``{...}`` right after ``]``)."""
    out: list[tuple[str, bool]] = []
    start = index = 0
    while index < len(line):
        char = line[index]
        if char == "\\":
            index += 2
            continue
        if char == "{" and index > 0 and line[index - 1] == "]":
            end = line.find("}", index)
            if end < 0:
                break
            out.append((line[start:index], False))
            out.append((line[index : end + 1], True))
            start = index = end + 1
            continue
        index += 1
    out.append((line[start:], False))
    return [(text, flag) for text, flag in out if text]


def _as_labelled(document: Document, identity: str, language: str, line: str) -> str:
    """``line`` opening with the provision's label as written (``4 bis.``) where the notation
    wrote its display number (``5.``)."""
    written = document.label(identity, language)
    shown = display_label(document[identity].kind, document.ordinal(identity), language)
    if not written or written == shown or _opens_with(line, written):
        return line
    if _opens_with(line, shown):
        return written + line[len(shown) :]
    return line


def _opens_with(line: str, opener: str) -> bool:
    return line.startswith(opener) and line[len(opener) : len(opener) + 1] in ("", " ", ":")


def _named(
    segment: str,
    names: Mapping[str, str] | None,
    language: str = "en",
    origins: Mapping[str, str] | None = None,
) -> str:
    """An attribution (``{snc, #P3}``) with each holder by its name where ``names`` has it,
    and a mediator's proposal or bridging text (``origins``: reference -> origin) marked as
    such in ``language`` (``#P3 (bridging text)``), as the room and the PDF mark it."""
    if not names and not origins:
        return segment
    names, origins = names or {}, origins or {}
    items = [item.strip() for item in segment[1:-1].split(",")]
    shown = []
    for item in items:
        origin = origins.get(item[1:]) if item.startswith("#") else None
        shown.append(
            f"{item} ({origin_word(language, origin)})" if origin else names.get(item, item)
        )
    return "{" + ", ".join(shown) + "}"


def _origins(views: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Proposal reference -> ``"mediator"`` or ``"bridging"``, for every bracket or option of
    ``views`` that a mediator's proposal or bridging text holds."""
    found: dict[str, str] = {}

    def visit(node: Any) -> None:
        if isinstance(node, Mapping):
            attribution = node.get("attribution")
            if isinstance(attribution, Mapping) and attribution.get("origin") in (
                "mediator",
                "bridging",
            ):
                found[str(attribution["proposal"])] = str(attribution["origin"])
            for value in node.values():
                visit(value)
        elif isinstance(node, list | tuple):
            for value in node:
                visit(value)

    visit(list(views))
    return found


def _write_version(
    word: WordDocument,
    document: Document,
    language: str,
    lines: list[str],
    first: bool,
    names: Mapping[str, str] | None = None,
    origins: Mapping[str, str] | None = None,
) -> None:
    marker = word.add_paragraph()
    if not first:
        marker.add_run().add_break(WD_BREAK.PAGE)
    hidden = marker.add_run(f"@lang {language}")
    hidden.font.hidden = True
    hidden.font.size = Pt(7)
    texts = iter(line for line in lines if line)
    if document.title(language):
        paragraph = word.add_paragraph(style="Title")
        if direction(language) == "rtl":
            _right_to_left(paragraph)
        for text, flag in _segments(next(texts)):
            _add_run(
                paragraph,
                _named(text, names, language, origins) if flag else text,
                language,
                attribution=flag,
            )
    for provision, line in zip(document.walk(), texts, strict=True):
        line = _as_labelled(document, provision.id, language, line)
        paragraph = word.add_paragraph(style=_STYLES.get(provision.kind, "Normal"))
        if provision.kind is ProvisionKind.SUBPARAGRAPH:
            paragraph.paragraph_format.left_indent = Pt(24)
        if direction(language) == "rtl":
            _right_to_left(paragraph)
        for text, flag in _segments(line):
            _add_run(
                paragraph,
                _named(text, names, language, origins) if flag else text,
                language,
                attribution=flag,
            )


def _saved(word: WordDocument) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def document_docx(
    document: Document,
    languages: Sequence[str] | None = None,
    names: Mapping[str, str] | None = None,
    origins: Mapping[str, str] | None = None,
) -> bytes:
    """The document as Word, each language version after the other (default: all); with
    ``names`` (slug -> name) the holders of brackets are named for reading (a file to import
    back is written without: its holders are the parties' identities), and with ``origins``
    (proposal reference -> ``"mediator"`` or ``"bridging"``) a mediator's proposal or
    bridging text is marked as such."""
    chosen = list(languages or document.languages)
    for language in chosen:
        if language not in document.languages:
            raise FormatError(f"the text has no {language!r} version")
    word = docx.Document()
    sections: dict[str, list[str]] = {}
    current = ""
    for line in format_document(document).split("\n"):
        if line.startswith("@lang "):
            current = line[6:].strip()
            sections[current] = []
        elif current:
            sections[current].append(line)
    for index, language in enumerate(chosen):
        _write_version(word, document, language, sections[language], index == 0, names, origins)
    return _saved(word)


def text_docx(views: Sequence[Mapping[str, Any]], names: Mapping[str, str] | None = None) -> bytes:
    """Views (compilation, clean or party; one per language) as Word; ``names`` as in
    :func:`document_docx`."""
    return document_docx(document_from_views(views), names=names, origins=_origins(views))


def redline_docx(redlines: Sequence[Mapping[str, Any]]) -> bytes:
    """Redlines (``Redline.to_dict()``, one per language): insertions underlined, deletions
    struck through; one paragraph per provision."""
    from astana.core.text.numbering import label

    word = docx.Document()
    for index, data in enumerate(redlines):
        language = data["language"]
        if index:
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        entries: list[tuple[str, str, Sequence[Mapping[str, Any]]]] = [
            ("Title", "", data.get("title", ()))
        ]
        for entry in data["provisions"]:
            kind = ProvisionKind(entry["kind"])
            opener = label(kind, entry["new_number"] or entry["old_number"], language)
            entries.append((_STYLES.get(kind, "Normal"), opener, entry["runs"]))
        for style, opener, runs in entries:
            paragraph = word.add_paragraph(style=style)
            if direction(language) == "rtl":
                _right_to_left(paragraph)
            if opener:
                _add_run(paragraph, opener + " ", language)
            for run in runs:
                _add_run(paragraph, run["text"], language)
                if run["op"] == "insert":
                    paragraph.runs[-1].font.underline = True
                    paragraph.runs[-1].font.color.rgb = RGBColor(0x0B, 0x5D, 0x1E)
                elif run["op"] == "delete":
                    paragraph.runs[-1].font.strike = True
                    paragraph.runs[-1].font.color.rgb = RGBColor(0xA4, 0x00, 0x00)
    return _saved(word)


# -- import: astana.formats.docx_import ------------------------------------------------
