"""What a Word file says, paragraph by paragraph, before it is read as provisions.

:func:`read_blocks` walks the body of ``document.xml`` (paragraphs, tables, content
controls) and gives for each paragraph its text as Word shows it, its style, the label
Word's automatic numbering puts in front of it (:mod:`astana.formats.docx_numbering`),
whether all its text is bold or underlined, and its footnotes and endnotes; a table is
one block that says how many rows it has and how it begins. Non-breaking spaces (U+00A0)
and non-breaking hyphens (``w:noBreakHyphen``, U+2011) are kept as they are; soft hyphens
are left out (Word shows them only where it breaks a line), and so are the direction marks
Word puts in front of a field's result (U+200E before a cross-reference's ``48``); field
codes, comments, deleted text and text boxes are not text. A file with tracked changes in
what is read is refused, naming who made them and where, because a reader cannot tell
which version the file means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from docx.oxml.ns import qn

from astana.formats.docx_numbering import Level, Numbering, Styles
from astana.formats.errors import FormatError

__all__ = ["NOTE_MARK", "Block", "read_blocks", "tracked_change"]

#: Stands in a paragraph's text where a footnote or endnote is referenced (a private-use
#: character, which a text may not otherwise hold).
NOTE_MARK: Final = "\ue000"
_MC: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Direction marks, which Word puts in front of a field's result (``\u200e48`` for a
#: cross-reference to paragraph 48) and which are left out there.
_FIELD_MARKS: Final = dict.fromkeys(map(ord, "\u200e\u200f\u061c"))
_TRACKED: Final = tuple(qn(f"w:{t}") for t in ("ins", "del", "moveFrom", "moveTo"))
_SKIPPED: Final = frozenset(
    {
        qn("w:pPr"),
        qn("w:rPr"),
        qn("w:del"),
        qn("w:moveFrom"),
        qn("w:instrText"),
        qn("w:delText"),
        qn("w:txbxContent"),
        qn("w:commentReference"),
        qn("w:annotationRef"),
        qn("w:footnoteRef"),
        qn("w:endnoteRef"),
        f"{_MC}AlternateContent",
    }
)


@dataclass
class Block:
    """One paragraph (or one table) of the body, in the file's own terms."""

    number: int  # 1-based, among the body's paragraphs (what an error message names)
    text: str = ""
    style: str = ""  # the style's name (``heading 1``, ``Reg_H_1_G``)
    label: str = ""  # what Word's automatic numbering shows in front of it
    level: Level | None = None
    bold: bool = False  # all its text is bold
    underline: bool = False
    outline: int | None = None  # the outline level its style or itself gives it
    notes: list[str] = field(default_factory=list)  # one per NOTE_MARK, in order
    table_rows: int = 0  # a table: how many rows (its text is how it begins)


def tracked_change(element: Any) -> tuple[str, str] | None:
    """The first tracked change in ``element``: its kind and author, or ``None``."""
    for change in element.iter(*_TRACKED):
        kind = {"ins": "an insertion", "del": "a deletion"}.get(
            change.tag.rsplit("}", 1)[-1], "a move"
        )
        return kind, change.get(qn("w:author")) or "an unnamed author"
    return None


def _refuse_tracked(element: Any, where: str) -> None:
    found = tracked_change(element)
    if found is not None:
        kind, author = found
        raise FormatError(
            f"the file has tracked changes ({kind} by {author}): accept or reject them in "
            "Word (Review > Accept or Reject all changes), save the file and import it again",
            where,
        )


class _Runs:
    """Collects a paragraph's text and whether all of it is bold or underlined."""

    def __init__(self, styles: Styles, paragraph_style: str | None, notes: Any) -> None:
        self.styles = styles
        self.paragraph_bold = styles.bold(paragraph_style)
        self.paragraph_underline = styles.underline(paragraph_style)
        self.notes = notes
        self.parts: list[str] = []
        self.found: list[str] = []
        self.bold = True
        self.underline = True
        self.fields: list[bool] = []  # per open field: whether its result is being read

    def walk(self, element: Any, bold: bool, underline: bool) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIPPED or not isinstance(tag, str):
                continue
            if tag == qn("w:r"):
                properties = child.find(qn("w:rPr"))
                run_style = None
                if properties is not None and properties.find(qn("w:rStyle")) is not None:
                    run_style = properties.find(qn("w:rStyle")).get(qn("w:val"))
                self.walk(
                    child,
                    _flag(properties, "w:b", self.styles.bold(run_style) or self.paragraph_bold),
                    _underlined(
                        properties, self.styles.underline(run_style) or self.paragraph_underline
                    ),
                )
            elif tag == qn("w:fldChar"):
                self._field(child.get(qn("w:fldCharType")))
            elif tag == qn("w:fldSimple"):
                self.fields.append(True)
                self.walk(child, bold, underline)
                self.fields.pop()
            elif tag == qn("w:t"):
                text = child.text or ""
                if any(self.fields):  # Word starts a cross-reference's result with a mark
                    text = text.translate(_FIELD_MARKS)
                self.parts.append(text)
                if text.strip():
                    self.bold = self.bold and bold
                    self.underline = self.underline and underline
            elif tag == qn("w:tab"):
                self.parts.append("\t")
            elif tag in (qn("w:br"), qn("w:cr")):
                self.parts.append(" ")
            elif tag == qn("w:noBreakHyphen"):
                self.parts.append("\u2011")
            elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
                kind = "footnote" if tag == qn("w:footnoteReference") else "endnote"
                text = self.notes(kind, child.get(qn("w:id")))
                if text:
                    self.parts.append(NOTE_MARK)
                    self.found.append(text)
            else:
                self.walk(child, bold, underline)

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(False)
        elif kind == "separate" and self.fields:
            self.fields[-1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _flag(properties: Any, tag: str, default: bool) -> bool:
    element = properties.find(qn(tag)) if properties is not None else None
    if element is None:
        return default
    return element.get(qn("w:val")) not in ("0", "false", "off")


def _underlined(properties: Any, default: bool) -> bool:
    element = properties.find(qn("w:u")) if properties is not None else None
    if element is None:
        return default
    return element.get(qn("w:val")) not in ("none", "0", "false")


def _note_texts(root: Any | None, tag: str) -> dict[str, Any]:
    if root is None:
        return {}
    return {note.get(qn("w:id")): note for note in root.iter(qn(tag))}


def _body_items(container: Any) -> list[Any]:
    """Paragraphs and tables in order, looking inside block content controls."""
    items: list[Any] = []
    for child in container:
        if child.tag in (qn("w:p"), qn("w:tbl")):
            items.append(child)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                items.extend(_body_items(content))
        elif child.tag == qn("w:customXml"):
            items.extend(_body_items(child))
    return items


def read_blocks(
    body: Any,
    styles: Styles,
    numbering: Numbering,
    footnotes: Any | None = None,
    endnotes: Any | None = None,
) -> list[Block]:
    """The body's paragraphs and tables as :class:`Block` s, in order (empty paragraphs
    left out once Word's numbering has counted them)."""
    sources = {
        "footnote": _note_texts(footnotes, "w:footnote"),
        "endnote": _note_texts(endnotes, "w:endnote"),
    }
    blocks: list[Block] = []
    number = 0
    current = 0

    def note_text(kind: str, identity: str | None) -> str:
        element = sources[kind].get(identity or "")
        if element is None:
            return ""
        _refuse_tracked(element, f"{kind} {identity} (paragraph {current})")
        texts = []
        for paragraph in element.iter(qn("w:p")):
            runs = _Runs(styles, None, lambda *_: "")
            runs.walk(paragraph, False, False)
            texts.append(runs.text)
        return " ".join(" ".join(texts).split())

    for item in _body_items(body):
        if item.tag == qn("w:tbl"):
            rows = item.findall(qn("w:tr"))
            begins = ""
            for paragraph in item.iter(qn("w:p")):
                _numbered_as(paragraph, styles, numbering)  # a list may run through a table
                runs = _Runs(styles, None, lambda *_: "")
                runs.walk(paragraph, False, False)
                begins = begins or " ".join(runs.text.split())
            blocks.append(Block(number + 1, begins, table_rows=max(len(rows), 1)))
            continue
        number += 1
        current = number
        style_id, outline, shown = _numbered_as(item, styles, numbering)
        runs = _Runs(styles, style_id, note_text)
        runs.walk(item, False, False)
        _refuse_tracked(item, f"paragraph {number}")
        if not runs.text.strip() and not runs.found:
            continue
        blocks.append(
            Block(
                number,
                runs.text,
                styles.name(style_id),
                shown[0] if shown else "",
                shown[1] if shown else None,
                runs.bold,
                runs.underline,
                outline if outline is not None else styles.outline(style_id),
                runs.found,
            )
        )
    return blocks


def _numbered_as(
    paragraph: Any, styles: Styles, numbering: Numbering
) -> tuple[str | None, int | None, tuple[str, Level] | None]:
    """A paragraph's style, outline level, and the label Word's numbering gives it (counted:
    call once per paragraph, in document order)."""
    properties = paragraph.find(qn("w:pPr"))
    style_id = None
    direct: tuple[str | None, int | None] = (None, None)
    outline = None
    if properties is not None:
        if properties.find(qn("w:pStyle")) is not None:
            style_id = properties.find(qn("w:pStyle")).get(qn("w:val"))
        numbered = properties.find(qn("w:numPr"))
        if numbered is not None:
            num = numbered.find(qn("w:numId"))
            lvl = numbered.find(qn("w:ilvl"))
            direct = (
                num.get(qn("w:val")) if num is not None else None,
                _number(lvl.get(qn("w:val"))) if lvl is not None else None,
            )
        if properties.find(qn("w:outlineLvl")) is not None:
            outline = _number(properties.find(qn("w:outlineLvl")).get(qn("w:val")))
    style_id = style_id or styles.default_paragraph
    num_id, ilvl = numbering.resolve(direct, style_id)
    return style_id, outline, numbering.advance(num_id, ilvl) if num_id else None


def _number(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None
