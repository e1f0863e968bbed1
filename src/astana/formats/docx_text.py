"""The text of a Word paragraph as a provision's text (see :mod:`docx_import`).

Brackets are read as in the notation (``[...]``, ``[Option 1: ...]``, who holds a bracket in
``{...}`` right after it); a brace group anywhere else is a note (``{No text required}``),
and so is each footnote or endnote where it is referenced; a backslash is a backslash. A
bracket may span paragraphs (``[`` in one paragraph, ``]`` some paragraphs later, as when
a whole paragraph and its sub-paragraphs are bracketed): each paragraph then holds a
fragment of it that does not open or does not close there (``Bracket.opens`` /
``Bracket.closes``). Runs of spaces and tabs are one space; a non-breaking space stays.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from astana.core.text.brackets import Bracket, Inline, Note, OptionGroup, ProvisionText
from astana.core.text.characters import unsafe_characters
from astana.formats.docx_reading import NOTE_MARK, Block
from astana.formats.errors import FormatError

__all__ = ["ParagraphTexts", "plain"]

_BRACE_NOTE: Final = "\ue001"
_MARKS: Final = re.compile(f"([{NOTE_MARK}{_BRACE_NOTE}])")


def plain(text: str) -> ProvisionText:
    """``text`` as a text with no brackets, its white space made single spaces."""
    return ProvisionText.plain(" ".join(text.split()))


class ParagraphTexts:
    """Reads paragraph texts in document order, carrying brackets left open across them."""

    def __init__(self) -> None:
        self.open = 0  # brackets opened in earlier paragraphs and not closed yet
        self.opened_at: list[str] = []  # where each of them opened (paragraph, column)

    def text(self, block: Block, body: str, offset: int) -> ProvisionText:
        """The text of ``body`` (the part of ``block`` after its label, starting at
        ``offset`` in the paragraph), with its brackets and notes."""
        where = f"paragraph {block.number}"
        unsafe = unsafe_characters(block.text.replace(NOTE_MARK, " "), tabs=True)
        if unsafe:
            first = unsafe[0]
            more = f" (and {len(unsafe) - 1} more)" if len(unsafe) > 1 else ""
            raise FormatError(
                f"{first.label} {first.name}: {first.hint}{more}", f"{where}, column {first.column}"
            )
        body = re.sub(r"[ \t]+", " ", body).strip()
        source, braced = _braced_notes(body.replace("\\", "\\\\"))
        closing, left_open = _balance(source)
        if closing > self.open:
            column = offset + 1 + _unmatched_closer(source, self.open)
            raise FormatError(
                "a closing bracket ] without an opening one", f"{where}, column {column}"
            )
        carried = self.open
        still_open = carried - closing
        source = "[" * carried + source + "]" * (still_open + left_open)
        try:
            parsed = ProvisionText.parse(
                source, line=1, column=offset + 1 - carried, refuse_unsafe=False
            )
        except ValueError as error:
            column = getattr(error, "column", offset + 1)
            reason = getattr(error, "reason", str(error))
            raise FormatError(reason, f"{where}, column {max(1, column)}") from None
        notes = _in_order(source, list(block.notes), braced)
        parts = _with_notes(parsed.parts, notes)
        parts = _fragments(parts, carried, still_open + left_open, where)
        self.opened_at = self.opened_at[:still_open] + [
            f"{where}, column {offset + 1 + index}" for index in _unclosed(body)
        ]
        self.open = still_open + left_open
        try:
            return ProvisionText(parts)
        except ValueError as error:
            raise FormatError(str(error), where) from None

    def finish(self) -> None:
        """Refuse a bracket still open at the end of the document."""
        if self.open:
            raise FormatError("this bracket is never closed", self.opened_at[-1])


def _balance(source: str) -> tuple[int, int]:
    """How many ``]`` close brackets opened before ``source``, and how many ``[`` stay open."""
    depth = lowest = 0
    for char in source:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            lowest = min(lowest, depth)
    return -lowest, depth - lowest


def _unclosed(source: str) -> list[int]:
    """Where the brackets of ``source`` that it leaves open stand."""
    stack: list[int] = []
    for index, char in enumerate(source):
        if char == "[":
            stack.append(index)
        elif char == "]" and stack:
            stack.pop()
    return stack


def _unmatched_closer(source: str, allowed: int) -> int:
    depth = 0
    for index, char in enumerate(source):
        depth += char == "["
        depth -= char == "]"
        if depth < -allowed:
            return index
    return 0


def _fragments(
    parts: tuple[Inline, ...], opens: int, closes: int, where: str
) -> tuple[Inline, ...]:
    """``parts`` with the first ``opens`` brackets (nested at the start) marked as not
    opening here and the last ``closes`` (nested at the end) as not closing here."""
    if opens:
        parts = _marked(parts, opens, first=True, where=where)
    if closes:
        parts = _marked(parts, closes, first=False, where=where)
    return parts


def _marked(
    parts: tuple[Inline, ...], count: int, *, first: bool, where: str
) -> tuple[Inline, ...]:
    index = 0 if first else len(parts) - 1
    part = parts[index] if parts else None
    if not isinstance(part, Bracket):
        raise FormatError(
            "a bracket that spans paragraphs must not hold alternatives that span them too",
            where,
        )
    content = part.content
    if count > 1:
        content = _marked(content, count - 1, first=first, where=where)
    if first:
        changed = replace(part, content=content, opens=False)
    else:
        changed = replace(part, content=content, closes=False)
    return (*parts[:index], changed, *parts[index + 1 :])


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
    """The notes of ``source``, footnotes and braces, in the order of their marks."""
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
            for piece in _MARKS.split(part):
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
