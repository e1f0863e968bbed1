"""Characters that may not stand in a text that is negotiated or signed ("Trojan Source").

A text is stored, hashed and signed as its logical sequence of code points, but read as
its display. Some characters make the two differ: a right-to-left override (U+202E) shows
``within 18 months`` for the stored ``shtnom 81 nihtiw``; a zero-width space makes
``Syr\\u200bia`` look like ``Syria`` while comparing, searching and hashing differently.
:func:`unsafe_characters` finds every such character, with its line, column, code point,
Unicode name and a hint; :func:`check_characters` refuses a text that has one and returns
it in Unicode NFC otherwise. The policy (``docs/text-engine.md``):

* refused: direction embeddings and overrides (U+202A-202E), isolates (U+2066-2069) and
  the direction marks LRM, RLM and ALM (U+200E, U+200F, U+061C): each language version
  is shown in its own direction, so a text never needs them;
* refused: every other invisible format character (category Cf: zero-width space, word
  joiner, soft hyphen, byte order mark, invisible operators, tags...) and the other
  default-ignorable characters (variation selectors, Hangul fillers, the combining
  grapheme joiner), except
* kept: ZERO WIDTH JOINER and ZERO WIDTH NON-JOINER (U+200D, U+200C) between two letters
  of a script whose letters join (Arabic, with Persian, Kurdish and Urdu; Syriac; N'Ko;
  Mandaic; Mongolian; Adlam; Hanifi Rohingya), where they change the shape of the
  letters and so are visible (Persian ``می‌خواهم``); anywhere else they are refused;
* refused: control characters (C0 and C1), except line feed and tab where the caller's
  format allows them (carriage returns count as line breaks there), line and paragraph
  separators, private-use, surrogate and unassigned code points;
* kept: every visible character, including the space characters (no-break space...).

Free text that is not negotiated or signed (caucus notes, comments, minutes, names...) is
held only to :func:`check_controls`: no control character (NUL included) and no lone
surrogate, which no database stores faithfully; its other characters are the writer's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from astana.core.text.document import Document

__all__ = [
    "CharacterProblem",
    "UnsafeTextError",
    "check_characters",
    "check_controls",
    "control_characters",
    "document_problems",
    "reveal_characters",
    "unsafe_characters",
]

ZWNJ: Final = "\u200c"
ZWJ: Final = "\u200d"
_BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_MARKS: Final = frozenset("\u200e\u200f\u061c")
#: Default-ignorable code points that are not format characters (``str.isprintable`` is
#: true for them): combining grapheme joiner, Hangul fillers, Khmer inherent vowels,
#: Mongolian variation selectors, variation selectors.
_IGNORABLE_PRINTABLE: Final = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]"
)
#: Scripts whose letters join, where ZWJ and ZWNJ change what is shown.
_JOINING: Final = (
    (0x0600, 0x08FF),  # Arabic, Syriac, Arabic Supplement, Thaana, N'Ko, Mandaic, Arabic Ext.
    (0x1800, 0x18AF),  # Mongolian
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFE),  # Arabic Presentation Forms-B
    (0x10D00, 0x10D3F),  # Hanifi Rohingya
    (0x10EC0, 0x10EFF),  # Arabic Extended-C
    (0x1E900, 0x1E95F),  # Adlam
)

_HINT_DIRECTION: Final = (
    "a direction control changes the order in which the text is displayed, so readers would "
    "see something other than what is stored and signed; remove it (each language version is "
    "shown in its own direction)"
)
_HINT_MARK: Final = (
    "an invisible direction mark can move digits and punctuation on the screen; remove it "
    "(each language version is shown in its own direction)"
)
_HINT_JOINER: Final = (
    "a joiner is kept only between two letters of a script that joins them (Arabic, Persian, "
    "Syriac...); here it is invisible; remove it"
)
_HINT_INVISIBLE: Final = (
    "an invisible character: the text looks the same without it but compares, searches and "
    "hashes differently; remove it"
)
_HINT_CONTROL: Final = "a control character cannot stand in this text; remove it"
_HINT_BREAK: Final = "this text is one line: remove the line break"
_HINT_SEPARATOR: Final = "an invisible line or paragraph separator; use a plain line break"
_HINT_UNDISPLAYABLE: Final = (
    "a private-use, surrogate or unassigned code point has no agreed appearance; remove it"
)


@dataclass(frozen=True)
class CharacterProblem:
    """One character that may not stand in the text, where it is and why."""

    line: int
    column: int
    code_point: int
    name: str
    hint: str

    @property
    def label(self) -> str:
        """``U+202E``."""
        return f"U+{self.code_point:04X}"

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.label} {self.name}: {self.hint}"

    def to_dict(self) -> dict[str, object]:
        """Plain data (JSON values)."""
        return {
            "line": self.line,
            "column": self.column,
            "code_point": self.label,
            "name": self.name,
            "hint": self.hint,
        }


class UnsafeTextError(ValueError):
    """A text with characters that may not stand in it; ``problems`` lists every one."""

    def __init__(self, problems: tuple[CharacterProblem, ...], what: str = "the text") -> None:
        self.problems = problems
        self.what = what
        more = len(problems) - 1
        tail = f" (and {more} more such character{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{what} contains a character that is not allowed, at {problems[0]}{tail}")


def _name(char: str) -> str:
    name = unicodedata.name(char, "")
    if name:
        return name
    kind = {"Cc": "control", "Co": "private-use", "Cs": "surrogate"}.get(
        unicodedata.category(char), "unassigned"
    )
    return f"<{kind}-{ord(char):04X}>"


def _joins(char: str, *, before: bool) -> bool:
    """Whether ``char`` is a letter (or, before the joiner, a mark) of a joining script."""
    code = ord(char)
    if not any(low <= code <= high for low, high in _JOINING):
        return False
    category = unicodedata.category(char)
    return category.startswith("L") or (before and category in ("Mn", "Mc"))


def _hint(segment: str, index: int, *, tabs: bool) -> str | None:
    """Why ``segment[index]`` may not stand in the text, or None if it may."""
    char = segment[index]
    if char in _BIDI_CONTROLS:
        return _HINT_DIRECTION
    if char in _BIDI_MARKS:
        return _HINT_MARK
    if char in (ZWJ, ZWNJ):
        if (
            0 < index < len(segment) - 1
            and _joins(segment[index - 1], before=True)
            and _joins(segment[index + 1], before=False)
        ):
            return None
        return _HINT_JOINER
    category = unicodedata.category(char)
    if category == "Cc":
        if char == "\t" and tabs:
            return None
        return _HINT_BREAK if char in "\r\n" else _HINT_CONTROL
    if category in ("Zl", "Zp"):
        return _HINT_SEPARATOR
    if category == "Cf" or _IGNORABLE_PRINTABLE.match(char):
        return _HINT_INVISIBLE
    if category in ("Co", "Cs", "Cn"):
        return _HINT_UNDISPLAYABLE
    return None


def _lines(text: str, line_breaks: bool) -> Iterator[str]:
    if not line_breaks:
        yield text
        return
    yield from text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def unsafe_characters(
    text: str,
    *,
    line_breaks: bool = False,
    tabs: bool = False,
    line: int = 1,
    column: int = 1,
) -> tuple[CharacterProblem, ...]:
    """Every character of ``text`` that may not stand in it, in order (see the module).

    ``line_breaks`` allows line feeds (and carriage returns, read as line breaks);
    ``tabs`` allows tabs. ``line``/``column`` are where ``text`` starts in a larger file.
    """
    problems: list[CharacterProblem] = []
    ignorable = _IGNORABLE_PRINTABLE.search(text) is not None
    for offset, segment in enumerate(_lines(text, line_breaks)):
        if segment.isprintable() and not (ignorable and _IGNORABLE_PRINTABLE.search(segment)):
            continue  # the usual case, in C: no control, format, separator or odd space
        first = column if offset == 0 else 1
        for index, char in enumerate(segment):
            if char == " ":
                continue
            hint = _hint(segment, index, tabs=tabs)
            if hint is not None:
                problems.append(
                    CharacterProblem(line + offset, first + index, ord(char), _name(char), hint)
                )
    return tuple(problems)


def check_characters(
    text: str, *, what: str = "the text", line_breaks: bool = False, tabs: bool = False
) -> str:
    """``text`` in Unicode NFC, or :class:`UnsafeTextError` naming every unsafe character."""
    problems = unsafe_characters(text, line_breaks=line_breaks, tabs=tabs)
    if problems:
        raise UnsafeTextError(problems, what)
    return unicodedata.normalize("NFC", text)


def control_characters(
    text: str, *, line_breaks: bool = False, tabs: bool = False
) -> tuple[CharacterProblem, ...]:
    """Every control character (C0 and C1, NUL included) and lone surrogate in ``text``,
    in order: what no free-text field may hold, negotiated or not (PostgreSQL refuses NUL,
    no database stores a surrogate). Line feeds (and carriage returns, read as line breaks)
    and tabs pass where the field allows them; other characters are not looked at."""
    problems: list[CharacterProblem] = []
    for offset, segment in enumerate(_lines(text, line_breaks)):
        if segment.isprintable():
            continue  # the usual case, in C
        for index, char in enumerate(segment):
            category = unicodedata.category(char)
            if category not in ("Cc", "Cs") or (char == "\t" and tabs):
                continue
            hint = _HINT_BREAK if char in "\r\n" else _HINT_CONTROL
            if category == "Cs":
                hint = _HINT_UNDISPLAYABLE
            problems.append(CharacterProblem(offset + 1, index + 1, ord(char), _name(char), hint))
    return tuple(problems)


def check_controls(
    text: str, *, what: str = "the text", line_breaks: bool = False, tabs: bool = False
) -> str:
    """``text`` unchanged, or :class:`UnsafeTextError` naming every control character and
    lone surrogate in it (:func:`control_characters`): for free text that is not negotiated
    or signed (notes, comments, names, minutes...), where other characters are kept."""
    problems = control_characters(text, line_breaks=line_breaks, tabs=tabs)
    if problems:
        raise UnsafeTextError(problems, what)
    return text


def reveal_characters(text: str) -> str:
    """``text`` with every unsafe character replaced by a visible ``⟦U+202E⟧``.

    For showing a text that was stored before these characters were refused: line feeds
    and tabs are kept, everything :func:`unsafe_characters` refuses becomes visible.
    """
    problems = unsafe_characters(text, line_breaks=True, tabs=True)
    if not problems:
        return text
    out: list[str] = []
    for number, segment in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        marked = {p.column - 1: p.label for p in problems if p.line == number + 1}
        out.append("".join(f"⟦{marked[i]}⟧" if i in marked else c for i, c in enumerate(segment)))
    return "\n".join(out)


def document_problems(document: Document) -> tuple[tuple[str, str, CharacterProblem], ...]:
    """Every unsafe character in a document's titles and texts, as ``(provision id or
    "title", language, problem)``: for a text stored before they were refused."""
    found: list[tuple[str, str, CharacterProblem]] = []
    for language in document.languages:
        title = str(document.title(language))
        found.extend(("title", language, p) for p in unsafe_characters(title))
    for provision in document.walk():
        for language in document.languages:
            text = str(provision.text(language))
            found.extend((provision.id, language, p) for p in unsafe_characters(text))
    return tuple(found)
