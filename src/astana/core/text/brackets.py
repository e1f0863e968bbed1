"""Brackets and alternatives inside a provision's text, and their plain bracketed notation.

A provision's text in one language is a sequence of plain runs, **brackets** (text not yet
agreed, nested up to :data:`MAX_BRACKET_DEPTH` levels) and **option groups** (competing
wordings). Each bracket and each option may say who holds it and which proposal put it there::

    The parties commit to [a gradual]{SNC, SyNC} transition
    [Option 1: within six months] [Option 2: within [one year]{KNC}]{#p7, SyNC}

Braces that do not follow a ``]`` directly (or that do not read as holders) are a drafting
note: ``[No provision] {Placement proposal: Article 9}``. A bracket that spans lines is one
:class:`Bracket` fragment per provision (:func:`parse_spanning` reads one line of it).

``ProvisionText.parse(s)`` reads that notation and ``str(text)`` writes it back exactly.
Errors are :class:`NotationError` (a ``ValueError``) naming line, column and reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, Final, TypeAlias

from astana.core.text.characters import CharacterProblem, unsafe_characters

__all__ = [
    "CLEAN_GAP",
    "MAX_BRACKET_DEPTH",
    "OPTION_LABELS",
    "Bracket",
    "Inline",
    "NotationError",
    "Note",
    "Option",
    "OptionGroup",
    "ProvisionText",
    "UnsafeCharacterError",
    "bracket_depth",
    "check_holder",
    "check_reference",
    "looks_like_attribution",
    "parse_spanning",
]

#: How deep brackets and options may nest in one text (``[a [b [c]]]`` is 3 levels). Deeper
#: texts are refused by the parser and by :class:`ProvisionText` itself, so that every
#: reader, writer and export of a stored text (which walk it recursively) stays far below
#: Python's recursion limit. No negotiated text comes near it.
MAX_BRACKET_DEPTH: Final = 100

#: The words that open an alternative: ``[Option 1: ...]``, ``[Alt 1: ...]``, ``[الخيار 1: ...]``.
OPTION_LABELS: Final[tuple[str, ...]] = (
    "Option",
    "Alternative",
    "Alt",
    "الخيار",
    "البديل",
    "Вариант",
)
_OPTION_OPEN: Final = re.compile(
    r"(?P<label>" + "|".join(OPTION_LABELS) + r")[ \u00a0]*(?P<number>[0-9]+|[٠-٩]+)[ ]*: ?"
)
_SPACE_BEFORE_PUNCTUATION: Final = re.compile(r" ([,.;:!?،؛؟])")
#: What the clean text shows where bracketed text or alternatives were left out (see
#: :meth:`ProvisionText.clean` and docs/text-engine.md, "The clean text").
CLEAN_GAP: Final = "\u2026"
_GAPS: Final = re.compile("\u2026(?:\\s*\u2026)+")
_WORD_CHARACTER: Final = re.compile(r"[^\W_]")
_SPECIAL: Final = re.compile(r"[\\\[\]{}]")
_ESCAPE: Final = re.compile(r"([\\\[\]{}])")
_REFERENCE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]*")
_FORBIDDEN: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_HOLDER_FORBIDDEN: Final = re.compile(r"[\[\]{}\\,#\x00-\x1f\x7f-\x9f\u2028\u2029]")


class NotationError(ValueError):
    """A text that does not parse, with the 1-based line and column where it fails."""

    def __init__(self, reason: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"line {line}, column {column}: {reason}")
        self.reason = reason
        self.line = line
        self.column = column


class UnsafeCharacterError(NotationError):
    """A text with characters that may not stand in it (``astana.core.text.characters``):
    placed at the first; ``problems`` lists every one, each with its line and column."""

    def __init__(self, problems: tuple[CharacterProblem, ...]) -> None:
        first = problems[0]
        more = len(problems) - 1
        tail = f" (and {more} more such character{'s' if more > 1 else ''})" if more else ""
        super().__init__(
            f"{first.label} {first.name}: {first.hint}{tail}", first.line, first.column
        )
        self.problems = problems


Inline: TypeAlias = "str | Bracket | OptionGroup | Note"


def check_holder(name: str) -> str:
    """Return ``name`` if it can stand as a bracket holder (a party), else raise ValueError."""
    if not name or name != name.strip() or _HOLDER_FORBIDDEN.search(name):
        raise ValueError(f"not a valid holder name: {name!r}")
    return name


def check_reference(reference: str) -> str:
    """Return ``reference`` if it can stand as a proposal reference, else raise ValueError."""
    if not _REFERENCE.fullmatch(reference):
        raise ValueError(f"not a valid proposal reference: {reference!r}")
    return reference


def bracket_depth(parts: tuple[Inline, ...]) -> int:
    """How deep brackets and options nest in ``parts`` (0 for plain text); iterative, so it
    measures a text of any depth."""
    deepest = 0
    pending: list[tuple[tuple[Inline, ...], int]] = [(parts, 0)]
    while pending:
        current, depth = pending.pop()
        deepest = max(deepest, depth)
        for part in current:
            if isinstance(part, Bracket):
                pending.append((part.content, depth + 1))
            elif isinstance(part, OptionGroup):
                pending.extend((option.content, depth + 1) for option in part.options)
    return deepest


def _too_deep() -> str:
    return (
        f"brackets nested more than {MAX_BRACKET_DEPTH} levels deep; "
        f"the limit is {MAX_BRACKET_DEPTH} levels"
    )


def _normalise(parts: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Merge adjacent plain runs and drop empty ones, so that equal texts compare equal;
    plain runs are kept in Unicode NFC."""
    out: list[Inline] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if _FORBIDDEN.search(part):
                raise ValueError(f"control or line-break character in text: {part!r}")
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + part
                continue
        out.append(part)
    return tuple(unicodedata.normalize("NFC", p) if isinstance(p, str) else p for p in out)


def _is_blank(parts: tuple[Inline, ...]) -> bool:
    return all(isinstance(p, str) and not p.strip() for p in parts)


@dataclass(frozen=True)
class _Attributed:
    """Wording that may say who holds it and which proposal put it there."""

    what: ClassVar[str]
    content: tuple[Inline, ...]
    holders: tuple[str, ...] = ()
    proposal: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "content", _normalise(tuple(self.content)))
        object.__setattr__(self, "holders", tuple(self.holders))
        if _is_blank(self.content):
            raise ValueError(f"{self.what} cannot be empty")
        for holder in self.holders:
            check_holder(holder)
        if len(set(self.holders)) != len(self.holders):
            raise ValueError(f"a holder is named twice: {self.holders!r}")
        if self.proposal is not None:
            check_reference(self.proposal)


@dataclass(frozen=True)
class Bracket(_Attributed):
    """Text not yet agreed: ``[content]{#proposal, holder, ...}``.

    A bracket that spans lines (a chapeau and its items, two paragraphs, a whole article)
    is one fragment per provision: the first ``opens`` and does not close, the last
    ``closes`` and does not open, those between do neither. A bracket within one line does
    both (the default)."""

    what: ClassVar[str] = "a bracket"
    opens: bool = True
    closes: bool = True


@dataclass(frozen=True)
class Note:
    """A drafting note or footnote inside a text (``{No text required}``, ``{Placement
    proposal: to be moved to Article 9}``): shown and exported, never negotiated, not a
    bracket and not counted as wording."""

    text: str

    def __post_init__(self) -> None:
        text = unicodedata.normalize("NFC", " ".join(self.text.split()))
        if not text:
            raise ValueError("a note cannot be empty")
        if _FORBIDDEN.search(text):
            raise ValueError(f"control or line-break character in a note: {text!r}")
        object.__setattr__(self, "text", text)


@dataclass(frozen=True)
class Option(_Attributed):
    """One wording among alternatives: ``[Option n: content]{#proposal, holder, ...}``."""

    what: ClassVar[str] = "an option"


@dataclass(frozen=True)
class OptionGroup:
    """Competing wordings; options are numbered 1, 2, ... in order."""

    options: tuple[Option, ...]
    label: str = "Option"

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(self.options))
        if not self.options:
            raise ValueError("an option group needs at least one option")
        if self.label not in OPTION_LABELS:
            raise ValueError(f"unknown option label {self.label!r}; use one of {OPTION_LABELS}")


@dataclass(frozen=True)
class ProvisionText:
    """The text of a provision in one language: plain runs, brackets and option groups."""

    parts: tuple[Inline, ...] = ()

    def __post_init__(self) -> None:
        parts = _normalise(tuple(self.parts))
        object.__setattr__(self, "parts", parts)
        if parts:
            first, last = parts[0], parts[-1]
            if (isinstance(first, str) and first != first.lstrip()) or (
                isinstance(last, str) and last != last.rstrip()
            ):
                raise ValueError("a provision's text cannot begin or end with white space")
            if bracket_depth(parts) > MAX_BRACKET_DEPTH:
                raise ValueError(_too_deep())

    @classmethod
    def parse(
        cls, source: str, *, line: int = 1, column: int = 1, refuse_unsafe: bool = True
    ) -> ProvisionText:
        """Read the bracketed notation; ``line``/``column`` place errors inside a file.

        Direction controls and invisible characters are refused
        (:class:`UnsafeCharacterError`) unless ``refuse_unsafe`` is false, as when stored
        data is read back (a text stored before they were refused must still be shown, with
        them revealed); the text is read in Unicode NFC."""
        found = _FORBIDDEN.search(source)
        if found:
            raise NotationError(
                f"a control or line-break character ({found.group()!r}) cannot stand in a text",
                line,
                column + found.start(),
            )
        unsafe = unsafe_characters(source, line=line, column=column) if refuse_unsafe else ()
        if unsafe:
            raise UnsafeCharacterError(unsafe)
        source = unicodedata.normalize("NFC", source)
        parts = _Parser(source, line, column).parse()
        try:
            return cls(parts)
        except ValueError as error:
            raise NotationError(str(error), line, column) from None

    @classmethod
    def parse_stored(cls, source: str, *, carried: int = 0) -> tuple[ProvisionText, int]:
        """Read back one provision's stored text, in which brackets may span provisions
        (:func:`parse_spanning`): ``carried`` brackets are open before it; returns the text
        and how many are open after it. Unsafe characters are kept, as by ``parse`` with
        ``refuse_unsafe`` false."""
        found = _FORBIDDEN.search(source)
        if found:
            raise NotationError(
                f"a control or line-break character ({found.group()!r}) cannot stand in a text",
                1,
                1 + found.start(),
            )
        parts, after = parse_spanning(unicodedata.normalize("NFC", source), carried=carried)
        try:
            return cls(parts), after
        except ValueError as error:
            raise NotationError(str(error), 1, 1) from None

    @classmethod
    def plain(cls, text: str) -> ProvisionText:
        """A text with no brackets (``[``, ``]``, ``{``, ``}`` are taken literally)."""
        return cls((text,))

    def __str__(self) -> str:
        return self.notation

    @cached_property
    def notation(self) -> str:
        """The text in the bracketed notation (what ``parse`` reads back)."""
        out: list[str] = []
        _write(self.parts, out)
        return "".join(out)

    def __bool__(self) -> bool:
        return bool(self.parts)

    @property
    def is_bracketed(self) -> bool:
        """True when any part of the text stands in brackets or alternatives."""
        return any(not isinstance(p, str) for p in self.parts)

    def clean(self) -> str:
        """The agreed text only: every bracket and every option group left out, a gap
        (:data:`CLEAN_GAP`, "…") standing where each was, so that no sentence reads as agreed
        that was not ("within … of signature", never "within of signature"). Gaps side by side
        are one; drafting notes are left out without a gap; a text with no agreed word is
        ``""``. One space between words, none before punctuation."""
        pieces: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                pieces.append(part)
            elif isinstance(part, Bracket | OptionGroup):
                pieces.append(f" {CLEAN_GAP} ")
        agreed = "".join(p for p in self.parts if isinstance(p, str))
        if not _WORD_CHARACTER.search(agreed):
            return ""
        text = " ".join("".join(pieces).split())
        text = _GAPS.sub(CLEAN_GAP, text)
        return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text) if _SPECIAL.search(text) else text


def _write_attribution(holders: tuple[str, ...], proposal: str | None, out: list[str]) -> None:
    items = ([f"#{proposal}"] if proposal is not None else []) + list(holders)
    if items:
        out.append("{" + ", ".join(items) + "}")


def _write_content(parts: tuple[Inline, ...], out: list[str]) -> None:
    start = len(out)
    _write(parts, out)
    if start < len(out) and _OPTION_OPEN.match(out[start]):
        out[start] = "\\" + out[start]


def _write(parts: tuple[Inline, ...], out: list[str]) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append(_escape(part))
        elif isinstance(part, Note):
            body = _escape(part.text)
            if out and out[-1] == "]" and looks_like_attribution(part.text):
                # Directly after a ``]`` it would read as the bracket's holders: the first
                # character is escaped (``{\SNC}``), which no attribution may contain.
                body = "\\" + body if not body.startswith("\\") else body
            out.append("{" + body + "}")
        elif isinstance(part, Bracket):
            if part.opens:
                out.append("[")
            _write_content(part.content, out)
            if part.closes:
                out.append("]")
                _write_attribution(part.holders, part.proposal, out)
        else:
            for number, option in enumerate(part.options, start=1):
                if number > 1:
                    out.append(" ")
                out.append(f"[{part.label} {number}: ")
                _write(option.content, out)
                out.append("]")
                _write_attribution(option.holders, option.proposal, out)


def looks_like_attribution(body: str) -> bool:
    """Whether ``{body}`` directly after a ``]`` names holders (and a proposal) rather than
    being a drafting note: every comma-separated item is ``#reference`` or a name of at most
    four words without ``:``, ``;``, brackets, braces or backslashes (``{SNC, Kazakh FM}``,
    ``{#p7, SyNC}``; ``{Placement proposal: Article 9}`` is a note). A blank body counts as
    an (empty, refused) attribution."""
    if not body.strip():
        return True
    for raw in body.split(","):
        item = raw.strip()
        if not item or item.startswith("#"):
            continue
        if _NOT_A_NAME.search(item) or len(item.split()) > _NAME_WORDS:
            return False
    return True


_NOT_A_NAME: Final = re.compile(r"[:;\\\[\]{}]")
_NAME_WORDS: Final = 4


@dataclass
class _Frame:
    parts: list[Inline]
    offset: int
    label: str | None = None
    number: int = 0
    carried: bool = False  # a bracket opened on an earlier line
    prefix: str = ""  # an option's opening words as written (``Option 1: ``)


def parse_spanning(
    source: str, *, carried: int = 0, line: int = 1, column: int = 1
) -> tuple[tuple[Inline, ...], int]:
    """Read one line of a text in which brackets may span lines.

    ``carried`` brackets are open when the line starts (opened on earlier lines); returns
    the parts, each bracket that stays open or was open before wrapped as a
    :class:`Bracket` fragment (``opens``/``closes``), outermost first, and how many
    brackets are open at the end of the line. An option not closed on its line continues as
    a bracket whose text starts with its opening words. The text is expected in NFC."""
    parser = _Parser(source, line, column)
    parts = parser.parse(carried=carried, spanning=True)
    return parts, parser.open_after


class _Parser:
    """A one-pass reader of the inline notation (a stack of open brackets)."""

    def __init__(self, source: str, line: int, column: int) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.open_after = 0

    def fail(self, reason: str, offset: int) -> NotationError:
        return NotationError(reason, self.line, self.column + offset)

    def parse(self, *, carried: int = 0, spanning: bool = False) -> tuple[Inline, ...]:
        source = self.source
        stack = [_Frame([], 0)] + [_Frame([], 0, carried=True) for _ in range(carried)]
        pos = 0
        while True:
            match = _SPECIAL.search(source, pos)
            if match is None:
                stack[-1].parts.append(source[pos:])
                break
            at = match.start()
            stack[-1].parts.append(source[pos:at])
            char = source[at]
            if char == "\\":
                if at + 1 >= len(source):
                    raise self.fail("a backslash ends the text; write \\\\ for a backslash", at)
                stack[-1].parts.append(source[at + 1])
                pos = at + 2
            elif char == "[":
                if len(stack) > MAX_BRACKET_DEPTH:
                    raise self.fail(_too_deep(), at)
                option = _OPTION_OPEN.match(source, at + 1)
                if option is None:
                    stack.append(_Frame([], at))
                    pos = at + 1
                else:
                    number = int(option.group("number").translate(_ARABIC_DIGITS))
                    stack.append(
                        _Frame([], at, option.group("label"), number, prefix=option.group())
                    )
                    pos = option.end()
            elif char == "]":
                if len(stack) == 1:
                    raise self.fail("a closing bracket ] without an opening one", at)
                pos = self.close(stack, at)
            elif char == "{":
                pos = self.note(stack[-1].parts, at)
            else:
                raise self.fail("a closing brace } without an opening one", at)
        if not spanning:
            if len(stack) > 1:
                raise self.fail("this bracket is never closed", stack[-1].offset)
            return _normalise(tuple(stack[0].parts))
        self.open_after = len(stack) - 1
        while len(stack) > 1:
            frame = stack.pop()
            content = _normalise((frame.prefix, *frame.parts))
            if _is_blank(content):
                if frame.carried:
                    continue
                raise self.fail("an empty bracket", frame.offset)
            stack[-1].parts.append(Bracket(content, opens=not frame.carried, closes=False))
        return _normalise(tuple(stack[0].parts))

    def note(self, parts: list[Inline], at: int) -> int:
        """A drafting note ``{...}`` (not an attribution: it does not follow a ``]``)."""
        text: list[str] = []
        pos = at + 1
        while pos < len(self.source):
            char = self.source[pos]
            if char == "}":
                body = "".join(text)
                if not body.strip():
                    raise self.fail("an empty note {}", at)
                parts.append(Note(body))
                return pos + 1
            if char == "\\" and pos + 1 < len(self.source):
                text.append(self.source[pos + 1])
                pos += 2
                continue
            if char in "{[]":
                break
            text.append(char)
            pos += 1
        raise self.fail("a brace { that is never closed; write \\{ for a brace", at)

    def close(self, stack: list[_Frame], at: int) -> int:
        frame = stack.pop()
        content = _normalise(tuple(frame.parts))
        if _is_blank(content):
            what = "an empty option" if frame.label else "an empty bracket"
            raise self.fail(what, frame.offset)
        pos = at + 1
        holders: tuple[str, ...] = ()
        proposal: str | None = None
        if pos < len(self.source) and self.source[pos] == "{":
            end = self.source.find("}", pos)
            if end < 0:
                raise self.fail("an attribution { is never closed", pos)
            if looks_like_attribution(self.source[pos + 1 : end]):
                holders, proposal = self.attribution(pos, end)
                pos = end + 1
        parts = stack[-1].parts
        if frame.label is None:
            parts.append(Bracket(content, holders, proposal, opens=not frame.carried))
            return pos
        option = Option(content, holders, proposal)
        tail = len(parts)
        while tail > 0 and isinstance(parts[tail - 1], str) and not str(parts[tail - 1]).strip():
            tail -= 1
        previous = parts[tail - 1] if tail > 0 else None
        if frame.number != 1 and isinstance(previous, OptionGroup):
            del parts[tail:]
            parts[-1] = OptionGroup((*previous.options, option), previous.label)
        else:
            parts.append(OptionGroup((option,), frame.label))
        return pos

    def attribution(self, start: int, end: int) -> tuple[tuple[str, ...], str | None]:
        body = self.source[start + 1 : end]
        if not body.strip():
            raise self.fail("an empty attribution {}", start)
        holders: list[str] = []
        proposal: str | None = None
        offset = start + 1
        for raw in body.split(","):
            item = raw.strip()
            where = offset + len(raw) - len(raw.lstrip())
            offset += len(raw) + 1
            if item.startswith("#"):
                if proposal is not None or not _REFERENCE.fullmatch(item[1:]):
                    raise self.fail(f"a second or malformed proposal reference {item!r}", where)
                proposal = item[1:]
            elif not item or _HOLDER_FORBIDDEN.search(item) or item in holders:
                raise self.fail(f"an empty, repeated or malformed name {item!r}", where)
            else:
                holders.append(item)
        return tuple(holders), proposal


_ARABIC_DIGITS: Final[dict[int, str]] = {0x0660 + i: str(i) for i in range(10)}
