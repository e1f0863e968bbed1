"""The plain bracketed notation of a whole document: read it, write it back exactly.

One provision per line. Headings (``Preamble``, ``Part II``, ``Chapter 2: title``,
``Section 2``, ``I.``, ``A.``, ``Article 3 bis (title)``, ``[Article 3ter]``, ``Annex I``,
``Rule 6``, in English, Arabic and Russian), numbered paragraphs (``1.``, ``4 bis.``,
``4.ter``, ``[4][2].``, ``6.1``), sub-paragraphs (``(a)``, ``(iv)``, ``(أ)``), block options
(``Option 1:`` and the provisions it holds), drafting notes (``{...}`` lines, footnotes
``* ...``), unnumbered sub-headings and unlabelled lines (recitals under a preamble, which
may be written without its heading word, clauses elsewhere). Every label is kept as written
(``Provision.labels``) and written back as it is shown (``Document.label``). A bracket may
stay open over several lines (:class:`Bracket` fragments). Parallel language versions
follow ``@lang en`` / ``@lang ar`` lines and must have the same structure. ``{#id}`` after
a label gives a provision an identity other than the one its place gives it,
``{needs-translation}`` raises its translation flag. :func:`read_document` lists every
problem of a file, and reads a text with unbalanced brackets leniently. The grammar is in
``docs/text-engine.md``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Final

from astana.core.language import LANGUAGES
from astana.core.text.brackets import (
    OPTION_LABELS,
    Bracket,
    NotationError,
    Note,
    ProvisionText,
    UnsafeCharacterError,
    parse_spanning,
)
from astana.core.text.characters import unsafe_characters
from astana.core.text.document import Document, StructureError
from astana.core.text.numbering import (
    HEADING_WORDS,
    SUFFIXES,
    heading_kind,
    subparagraph_ordinal,
)
from astana.core.text.provision import Provision, ProvisionKind, derived_identity

__all__ = [
    "NEEDS_TRANSLATION",
    "NotationProblems",
    "Problem",
    "Reading",
    "detect_language",
    "format_document",
    "parse_document",
    "read_document",
]

K = ProvisionKind

#: The attribute that raises a provision's needs-translation flag in one language.
NEEDS_TRANSLATION: Final = "needs-translation"
#: Attributes that say what an unlabelled line is where its look would say otherwise, and
#: that an option holds nothing (the writer emits them only where needed).
_KIND_ATTRIBUTES: Final = {"heading": K.HEADING, "note": K.NOTE}
_EMPTY: Final = "empty"

_D: Final = r"(?:[0-9]+|[٠-٩]+)"
_ROMAN: Final = r"(?:[IVXLCDM]+)"
_SUFFIX: Final = (
    r"(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies"
    r"|مكرراً|مكررا|مكرر|бис|тер|кватер)"
)
_ATTRS: Final = r"(?:[ \t]*(?P<attrs>\{[^{}]*\}))?"
_HEADING: Final = re.compile(
    rf"(?P<label>(?P<open>\[)?(?P<word>[^\W\d_]+)"
    rf"(?:[ \t]+(?P<num>(?:{_D}|{_ROMAN}|[A-Z])(?:[ \t]?-?{_SUFFIX})?))?(?(open)\]))"
    rf"{_ATTRS}[ \t]*"
    r"(?:(?P<sep>[:.\-–—])[ \t]*(?P<text>.*)|\((?P<paren>[^()]*)\)[ \t]*)?"
)
_ORDER: Final = re.compile(
    rf"(?P<label>(?P<open>\[)?(?P<num>{_ROMAN}|[A-Z])\.(?(open)\]))(?=[ \t]|$){_ATTRS}[ \t]*"
    r"(?P<text>.*)"
)
_PARAGRAPH: Final = re.compile(
    rf"(?P<label>(?:\[{_D}\])+\.|{_D}(?:\.{_D})+\.?|{_D}\.{_SUFFIX}:?|{_D}(?:[ \t]?{_SUFFIX})?\."
    rf"|{_D}\.?[-–]{_D}\.)"
    rf"(?=[ \t\[]|$){_ATTRS}[ \t]*(?P<text>.*)"
)
#: Paragraph labels as typed in haste: run into the text (``58quinquies.Encourages``,
#: ``59quaterAlso``), or a number without its period before a capitalised word (``53 Recalls``).
_PARAGRAPH_RUN_IN: Final = re.compile(
    rf"(?P<label>{_D}\.?{_SUFFIX}\.?(?=\[?[A-Z])|{_D}{_SUFFIX}(?=[ ]\[?[A-Z])"
    rf"|[0-9]{{1,3}}(?=[ ]\[?[A-Z][a-z]+[ ,]))"
    rf"{_ATTRS}[ \t]*(?P<text>.*)"
)
_SUBPARAGRAPH: Final = re.compile(
    rf"(?P<label>\((?P<num>[a-z]{{1,4}}|[\u0621-\u064a]{{1,3}}|{_D})\)(?:[ \t]?{_SUFFIX}\.)?"
    rf"|\((?P<open>[a-z])(?=[ \t])|(?P<close>[a-z]{{1,4}})\))(?=[ \t\[]|$|[A-Z]){_ATTRS}"
    r"[ \t]*(?P<text>.*)"
)
_OPTION_WORDS: Final = "|".join(OPTION_LABELS)
_OPTION_WORDS_TUPLE: Final = tuple(OPTION_LABELS)
_HEADING_THEN_OPTION: Final = re.compile(
    rf"(?P<head>.*?\S)[ \t]+(?P<option>\[[ \t]*(?:{_OPTION_WORDS}).*)"
)
_OPTION_LINE: Final = re.compile(
    rf"(?P<label>(?:{_OPTION_WORDS})[ \t\u00a0]*"
    rf"(?:{_D}(?:[ \t]?{_SUFFIX})?|{_ROMAN}|[A-Z]|\([a-z]{{1,4}}\))(?:[ \t]+{_D})?)"
    rf"(?=[\s:.({{*]|$){_ATTRS}[ \t]*"
    r"(?P<paren>\([^()]*\))?[ \t]*(?P<colon>\*?(?::+|\.(?!\d)))?[ \t]*(?P<text>.*)"
)
_ROMAN_VALUE: Final = re.compile(r"(?=[ivx])(x{0,3})(ix|iv|v?i{0,3})", re.IGNORECASE)
_BASE: Final = re.compile(rf"\[?(?P<num>{_D})(?P<rest>.*)")
_UNLABELLED: Final = re.compile(r"(?P<attrs>\{[^{}]*\})?[ \t]*(?P<text>.*)")
_LANG: Final = re.compile(r"@lang[ \t]+(?P<lang>\S+)[ \t]*")
_ARABIC: Final = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_LATIN: Final = re.compile(r"[A-Za-z]")
_CHAPEAU_END: Final = (",", "،")
_FOOTNOTE: Final = ("* ", "\u2020")
_LINE_ESCAPE: Final = "\\ "
_SPECIAL_START: Final = ("[", "]", "{", "}", "\\")
_ATTRIBUTION_END: Final = re.compile(r"(?:\{[^{}]*\})+$")
_CLOSERS: Final = "])}\"'”’ "
_FINAL_MARKS: Final = ".;:,!?…؛،؟"
_NO_HEADING_END: Final = ".,;:!?)]}…،؛؟"
_ARABIC_DIGITS: Final = {0x0660 + i: str(i) for i in range(10)}
_SUFFIX_SYNONYMS: Final = {
    "مكرراً": "bis", "مكررا": "bis", "مكرر": "bis", "бис": "bis", "тер": "ter", "кватер": "quater"
}  # fmt: skip

#: Words that open a section heading (``Part II``, ``Annex``) and the style each opens.
_SECTION_WORDS: Final[dict[str, str]] = {
    "part": "part",
    "section": "section",
    "annex": "annex",
    "appendix": "appendix",
    "rule": "rule",
    "الجزء": "part",
    "القسم": "section",
    "الفرع": "section",
    "المرفق": "annex",
    "التذييل": "appendix",
    "القاعدة": "rule",
    "часть": "part",
    "раздел": "section",
    "приложение": "annex",
    "добавление": "appendix",
    "правило": "rule",
}
#: How headings nest when a style was seen before (a style seen for the first time nests
#: under the open heading, whatever its rank): lower ranks hold higher ones.
_RANK: Final[dict[str, int]] = {
    "part": 0,
    "chapter": 1,
    "section": 2,
    "roman": 2,
    "rule": 2,
    "letter": 3,
}
_TOP_LEVEL: Final = frozenset({"annex", "appendix"})
#: Words that label a numbered paragraph (``الفقرة 1 مكرراً``).
_PARAGRAPH_WORDS: Final = frozenset({"الفقرة"})
_HEADINGS: Final = frozenset({K.PREAMBLE, K.CHAPTER, K.ARTICLE, K.SECTION})
_ITEMS: Final = frozenset({K.PARAGRAPH, K.SUBPARAGRAPH})


# -- problems ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, with its 1-based line and column."""

    line: int
    column: int
    reason: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.reason}" + (
            f" ({self.hint})" if self.hint else ""
        )

    @property
    def advice(self) -> str:
        """How to put it right, without what a lenient reading keeps in its place (a hint
        reads ``kept as a literal [; close it with ]``): what a refusal says."""
        if self.hint.startswith("kept as"):
            return self.hint.partition("; ")[2]
        return self.hint

    def refusal(self) -> str:
        """``line:column: reason (advice)``, as a strict reading reports it."""
        return f"{self.line}:{self.column}: {self.reason}" + (
            f" ({self.advice})" if self.advice else ""
        )


class NotationProblems(NotationError):
    """A file that does not read: placed at the first problem; ``problems`` lists them all."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        first = problems[0]
        super().__init__(first.reason, first.line, first.column)
        self.problems = problems


@dataclass(frozen=True)
class Reading:
    """What :func:`read_document` made of a file: the document and every problem found
    (none when the file is in order)."""

    document: Document
    problems: tuple[Problem, ...] = ()


class _Problems:
    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, line: int, column: int, reason: str, hint: str = "") -> None:
        self.found.append(Problem(line, column, reason, hint))

    def error(self, error: NotationError, hint: str = "") -> None:
        self.add(error.line, error.column, error.reason, hint)


# -- one line ---------------------------------------------------------------------------


@dataclass
class _Line:
    kind: ProvisionKind | None  # None: an unlabelled line (title, recital, clause, ...)
    text: str
    column: int  # 0-based column in the trimmed line where ``text`` starts
    label: str | None = None
    style: str = ""
    attrs: str | None = None
    attrs_column: int = 0
    escaped: bool = False
    titled: bool = False  # an option line whose text is only its title or a note
    indent: int = 0
    lead: int = 0  # characters of indentation before the trimmed line
    number: int = 0
    label_text: str = ""  # the line up to its text (label and attributes), as written
    base: int = -1  # an option split from an item's line: that line's indentation
    prefix: str = ""  # a bracket written before the label (``[53.bis: ...``): its text's


def _valid_attrs(body: str) -> bool:
    tokens = body.split()
    return bool(tokens) and all(
        (t.startswith("#") and len(t) > 1)
        or t in (NEEDS_TRANSLATION, _EMPTY)
        or t in _KIND_ATTRIBUTES
        for t in tokens
    )


def _attrs(match: re.Match[str], text_group: str = "text") -> tuple[str | None, int, str, int]:
    """The attributes of a matched line (only when they are valid ones: otherwise the braces
    are a note in the text), and the text with its column."""
    attrs = match["attrs"]
    if attrs is not None and not _valid_attrs(attrs[1:-1]):
        start = match.start("attrs")
        return None, 0, match.string[start:], start
    text = match[text_group] or ""
    start = match.start(text_group) if match[text_group] is not None else len(match.string)
    return attrs, match.start("attrs") if attrs else 0, text, start


def _is_roman(letters: str) -> bool:
    match = _ROMAN_VALUE.fullmatch(letters)
    return match is not None and bool(letters)


def _option_line(line: str) -> _Line | None:
    match = _OPTION_LINE.fullmatch(line)
    if match is None or (match["colon"] is None and match["text"]):
        return None
    attrs, attrs_column, text, column = _attrs(match)
    paren = match["paren"]
    if attrs is None and match["attrs"] is not None:
        return None
    if paren:
        column = match.start("paren")
        text = f"{paren} {text}".strip() if text else paren
    label = match["label"]
    token = re.split(r"[ \t\u00a0]+|(?<=[^\W\d_])(?=[\d(])", label)[-1]
    if token.startswith("("):
        style = "letter"
    elif token[:1].isdigit():
        style = "number"
    elif _is_roman(token):
        style = "roman"
    else:
        style = "letter"
    return _Line(K.OPTION, text, column, label, style, attrs, attrs_column, titled=_titled(text))


def _unescaped(text: str) -> Iterator[str]:
    """The characters of ``text`` that no backslash escapes (an escape and what it escapes
    are passed over)."""
    index = 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        yield text[index]
        index += 1


def _closes_on_line(text: str) -> bool:
    """Whether the bracket that ``text`` opens with is closed on the line."""
    depth = 0
    for char in _unescaped(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return True
    return False


def _only_notes(text: str) -> bool:
    try:
        parts = ProvisionText.parse(text, refuse_unsafe=False).parts
    except NotationError:
        return False
    return all(isinstance(p, Note) or (isinstance(p, str) and not p.strip()) for p in parts)


def _titled(text: str) -> bool:
    """An option line's text that is only its title (``(paras 6-9bis)``) or a note
    (``{No text required}``): the option holds the provisions that follow it."""
    if not text:
        return True
    if text.startswith("(") and text.endswith(")") and "(" not in text[1:]:
        return True
    if text[0].islower() and _heading_like(text[0].upper() + text[1:]):
        return True  # ``Option 1: communication to 5 year time period``
    return _only_notes(text)


def _classify(line: str) -> _Line:
    if line.startswith(_LINE_ESCAPE):  # before a text that starts with a bracket or brace
        return _Line(None, line[2:], 2, escaped=True)
    if line.startswith("\\"):
        return _Line(None, line, 0, escaped=True)
    option = _option_line(line)
    if option is not None:
        return option
    if line.startswith("[") and not line.startswith("[["):
        inner = _classify(line[1:])  # ``[53.bis: ...``, ``[(g) ...]``, ``[Option 2``
        if (
            inner.kind in (K.PARAGRAPH, K.SUBPARAGRAPH, K.OPTION)
            and not inner.escaped
            and not (inner.kind is K.OPTION and _closes_on_line(line))
        ):
            inner.column += 1
            inner.prefix = "["
            if inner.text or inner.kind is not K.OPTION:
                inner.text = "[" + inner.text
            # else: a bracket around a block option with no title: it opens in the first
            # provision the option holds (a bracket cannot be empty)
            if inner.kind is K.OPTION:
                inner.titled = _titled(inner.text.removeprefix("["))
            return inner
    heading = _HEADING.fullmatch(line)
    if heading:
        found = _heading(heading)
        if found is not None:
            return found
    order = _ORDER.fullmatch(line)
    if order and (order["num"] in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" or _is_roman(order["num"])):
        attrs, attrs_column, text, column = _attrs(order)
        style = "roman" if _is_roman(order["num"]) else "letter"
        return _Line(K.SECTION, text, column, order["label"], style, attrs, attrs_column)
    paragraph = _PARAGRAPH.fullmatch(line) or _PARAGRAPH_RUN_IN.fullmatch(line)
    if paragraph:
        attrs, attrs_column, text, column = _attrs(paragraph)
        label = paragraph["label"]
        return _Line(K.PARAGRAPH, text, column, label, "number", attrs, attrs_column)
    sub = _SUBPARAGRAPH.fullmatch(line)
    if sub:
        num = sub["num"] or sub["open"] or sub["close"]
        style = ""
        if num[0].isdigit():
            style = "number"
        elif _is_roman(num) and num[0] in "ivx":
            style = "roman"
        elif subparagraph_ordinal(num):
            style = "letter"
        if style:
            attrs, attrs_column, text, column = _attrs(sub)
            return _Line(K.SUBPARAGRAPH, text, column, sub["label"], style, attrs, attrs_column)
    match = _UNLABELLED.fullmatch(line)
    assert match is not None
    if match["attrs"] is not None and not _valid_attrs(match["attrs"][1:-1]):
        return _Line(None, line, 0)
    text = match["text"]
    return _Line(
        None, text, match.start("text"), attrs=match["attrs"], escaped=text.startswith("\\")
    )


def _heading(match: re.Match[str]) -> _Line | None:
    word = match["word"]
    kind = heading_kind(word)
    style = ""
    if kind is None and word in _PARAGRAPH_WORDS and match["num"] is not None:
        attrs, attrs_column, text, column = _attrs(match)
        return _Line(K.PARAGRAPH, text, column, match["label"], "number", attrs, attrs_column)
    if kind is None:
        style = _SECTION_WORDS.get(word.casefold(), "")
        if not style:
            return None
        kind = K.SECTION
    numbered = match["num"] is not None
    if kind is K.PREAMBLE and (numbered or match["open"]):
        return None
    if kind in (K.CHAPTER, K.ARTICLE) and not numbered:
        return None
    if kind is K.SECTION and not numbered and style not in _TOP_LEVEL:
        return None
    if kind is K.CHAPTER:
        style = "chapter"
    attrs, attrs_column, text, column = _attrs(match)
    if match["paren"] is not None and (attrs is not None or match["attrs"] is None):
        text, column = match["paren"].strip(), match.start("paren") + 1
    label = None if kind is K.PREAMBLE else match["label"]
    return _Line(kind, text, column, label, style or str(kind), attrs, attrs_column)


def _title_like(text: str) -> bool:
    """A line that goes on with the title: no final mark, not in lower case, no brackets."""
    return (
        0 < len(text) <= 300
        and text[-1] not in _NO_HEADING_END
        and text[0].isalnum()
        and not text[0].islower()
        and not any(c in text for c in "[]{}\\")
    )


#: The verbs of a sentence that states an obligation or a possibility: a line with one is a
#: sentence whose final full stop is missing (``The report shall identify any issues related
#: to compliance``), not a heading.
_MODAL: Final = re.compile(
    r"\b(?:shall|should|must|may|will|يجب|ينبغي|يجوز|должен|должна|должны|может|могут)\b",
    re.IGNORECASE,
)


def _heading_like(text: str) -> bool:
    """A short line without final punctuation, and not a sentence: an unnumbered sub-heading
    (``MITIGATION``)."""
    return (
        0 < len(text) <= 100
        and len(text.split()) <= 14
        and text[-1] not in _NO_HEADING_END
        and text[0].isalnum()
        and not text[0].islower()
        and not any(c in text for c in "[]{}\\")
        and _MODAL.search(text) is None
    )


_REMARKED_HEADING: Final = re.compile(r"[^\W\d_][\w /-]{0,60}:[ \t]*\([^()\[\]{}]*\)\.?")


def _sub_heading(text: str) -> bool:
    """An unnumbered sub-heading: a short line without final punctuation, or a title with
    a remark in parentheses (``Differentiation modulator: (A choice to be made ...).``)."""
    return _heading_like(text) or _REMARKED_HEADING.fullmatch(text) is not None


def _option_number(label: str) -> int:
    """The number of an option label (``Option 2``, ``Option II``, ``Option (b)``); 0 when
    it has none."""
    label = re.sub(rf"[ \t]?{_SUFFIX}$", "", label)
    match = re.search(r"\(?([0-9٠-٩]+|[IVXLCDM]+|[a-z]{1,4}|[A-Z])\)?$", label)
    if match is None:
        return 0
    token = match[1]
    if token[0].isdigit():
        return int(token.translate(_ARABIC_DIGITS))
    if _is_roman(token):
        return _roman_value(token)
    if token.isupper():
        return ord(token) - ord("A") + 1
    return subparagraph_ordinal(token)


def _starts_group(label: str) -> bool:
    """An option label that starts a group: its first number is 1, ``I`` or ``(a)``
    (``Option 1bis`` and ``Option (b) 1`` go on with a group)."""
    match = re.match(rf"(?:{_OPTION_WORDS})[ \t\u00a0]*(\S+)", label)
    if match is None or re.search(rf"{_SUFFIX}$", match[1]):
        return False
    return _option_number(f"Option {match[1]}") == 1


def _roman_value(token: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for char, after in zip(token.lower(), [*token.lower()[1:], ""], strict=True):
        value = values[char]
        total += -value if after and values[after] > value else value
    return total


def _continues(previous: str, text: str) -> bool:
    """Whether an unlabelled line goes on with the line before it (a paragraph broken over
    lines): that line stops without a final mark, or this one starts in lower case."""
    before = _ATTRIBUTION_END.sub("", previous).rstrip(_CLOSERS)
    if not before or not text:
        return False
    return before[-1] not in _FINAL_MARKS


#: A block option's own word for the paragraphs it holds: ``(paragraphs 1 to 4)``,
#: ``(paras 6-9bis)``, ``(paras 19—19quinqiues)``.
_DECLARED_RANGE: Final = re.compile(
    r"\((?:paragraphs?|paras?\.?|pars?\.?)\s*[\w.]+\s*(?:to|-|–|—)\s*(?P<last>[\w.]+)\s*\)",
    re.IGNORECASE,
)


def _within(through: tuple[int, int] | None, parsed: _Line) -> bool:
    """Whether a numbered paragraph is among those a block option says it holds."""
    if through is None or parsed.kind is not K.PARAGRAPH:
        return False
    own = _base(parsed.label or "")
    return own is not None and own <= through


def _base(label: str) -> tuple[int, int] | None:
    """A paragraph label's number and suffix rank (``9bis.`` -> (9, 1)), to tell whether a
    paragraph follows on from another."""
    match = _BASE.search(label)
    if match is None:
        return None
    number = int(match["num"].translate(_ARABIC_DIGITS))
    rest = match["rest"].strip(" .]").casefold()
    rest = _SUFFIX_SYNONYMS.get(rest, rest)
    latin = SUFFIXES["en"]
    if rest in latin:
        return number, latin.index(rest) + 1
    return number, (len(latin) + 1 if rest else 0)


def detect_language(source: str) -> str:
    """The language a text without ``@lang`` lines is written in, by its letters."""
    counts = {
        "ar": len(_ARABIC.findall(source)),
        "ru": len(_CYRILLIC.findall(source)),
        "en": len(_LATIN.findall(source)),
    }
    return max(("en", "ar", "ru"), key=lambda lang: counts[lang])


# -- one language section ---------------------------------------------------------------


@dataclass
class _Node:
    id: str
    kind: ProvisionKind
    line: int
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Open:
    """A provision that later lines may stand under, with the indentation of its line."""

    node: _Node | None  # None: the top of the document
    indent: int = -1
    style: str = ""
    deep: bool = False  # an option that holds only lines indented deeper than its own
    #: An option in a paragraph also holds the sub-paragraphs that follow it from this
    #: indentation on (``50. Option 1: ... to:`` then ``(a)``, ``(b)``); -1: none.
    base: int = -1
    splits: bool = False  # an item whose line opens with an option (``50. Option 1: ...``)
    nested: bool = False  # an option that holds a line indented deeper than its own
    head: int = 0  # a chapter's or section's heading line: its indentation
    own: bool = False  # an option on its own line
    #: An option whose text ends with a colon (``Option 2: [... shall be the basis for,
    #: inter alia:``): the numbered items that follow at its indentation are its own.
    introduces: bool = False
    #: The last paragraph a block option says it holds (``Option 1: (paragraphs 1 to 4)``,
    #: ``Option I (paras 6-9bis):``) as ``_base`` reads it; None: it says none.
    through: tuple[int, int] | None = None


@dataclass
class _Section:
    """What one ``@lang`` section says: its title, and a text, label and flag per provision."""

    language: str
    line: int
    title: ProvisionText | None = None
    order: list[tuple[str, ProvisionKind, str | None, int]] = field(default_factory=list)
    texts: dict[str, ProvisionText] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    flagged: set[str] = field(default_factory=set)
    roots: list[_Node] = field(default_factory=list)


def _indent(raw: str) -> int:
    expanded = raw.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


class _SectionReader:
    """Reads the lines of one language section into provisions."""

    def __init__(self, section: _Section, problems: _Problems) -> None:
        self.section = section
        self.problems = problems
        self.nodes: dict[str, _Node] = {}
        self.counters: dict[tuple[str | None, ProvisionKind], int] = {}
        self.stack: list[_Open] = [_Open(None)]
        self.seen_styles: set[str] = set()
        self.started = False
        self.title_only = False
        self.carried = 0
        self.title_parts: list[str] = []
        self.title_line = 0
        self.lines: list[tuple[int, str]] = []
        self.previous = ""
        self.next_kind: ProvisionKind | None = None
        self.pending = ""  # a bracket opened before an untitled block option's label
        self.option_ahead: list[bool] = []
        #: the number of the next numbered paragraph at a line's indentation
        self.next_number: list[tuple[int, int] | None] = []
        self.bare: set[str] = set()  # numbered lines with nothing after their label
        self.index = 0
        self.explicit = False

    # The section's lines are read in two passes: brackets first (so that one left open
    # or closed twice is found, listed and kept as a literal character, whatever line it
    # is on), then the provisions.
    def add(self, number: int, raw: str) -> None:
        self.lines.append((number, raw))

    def finish(self) -> None:
        lines = _literal_unbalanced(
            _join_wrapped_lines(_join_broken_notes(self.lines)), self.problems
        )
        indents = [_indent(raw) for _, raw in lines]
        kinds = [_classify(raw.strip()).kind for _, raw in lines]
        # Headings indented by the writer nest by their indentation; otherwise by style.
        self.explicit = any(
            kind in (K.CHAPTER, K.SECTION) and indent > 0
            for kind, indent in zip(kinds, indents, strict=True)
        )
        # Whether a block option is still to come before the next heading (a group of
        # options is not taken up again after other provisions).
        scopes = _Scopes()
        parsed_lines = [_classify(raw.strip()) for _, raw in lines]
        continued = [  # ``Option 2:`` after ``56. Option 1: ...``: an option of 56
            scopes.line(p, indent, p.text).within is not None
            for p, indent in zip(parsed_lines, indents, strict=True)
        ]
        ahead = False
        self.option_ahead = [False] * len(lines)
        self.next_number = [None] * len(lines)
        numbers: dict[int, tuple[int, int] | None] = {}  # by indentation
        for index in range(len(lines) - 1, -1, -1):
            self.option_ahead[index] = ahead
            parsed = parsed_lines[index]
            self.next_number[index] = numbers.get(indents[index])
            if parsed.kind is K.PARAGRAPH:
                numbers[indents[index]] = _base(parsed.label or "")
            elif parsed.kind in _HEADINGS:
                numbers = {}
            if parsed.kind is K.OPTION and indents[index] == 0 and not continued[index]:
                ahead = True
            elif parsed.kind in _HEADINGS or (
                parsed.kind is None and not parsed.escaped and _heading_like(parsed.text)
            ):
                ahead = False
        for index, (number, raw) in enumerate(lines):
            self.index = index
            following = indents[index + 1] if index + 1 < len(lines) else -1
            self.next_kind = kinds[index + 1] if index + 1 < len(lines) else None
            self.read(number, raw, following)
        if self.title_parts:
            self.section.title = self.text(" ".join(self.title_parts), self.title_line, 1)

    # -- reading a line ------------------------------------------------------------------

    def read(self, number: int, raw: str, following: int) -> None:
        lead = len(raw) - len(raw.lstrip())
        line = raw.strip()
        if line.startswith("@"):
            self.problems.add(
                number, lead + 1, "an unknown directive", "only @lang xx is known; write \\@"
            )
            return
        parsed = _classify(line)
        parsed.indent, parsed.lead = _indent(raw), lead
        parsed.number = number
        parsed.label_text = line[: parsed.column].rstrip()
        previous, self.previous = self.previous, line
        if parsed.kind is None and self.title(parsed):
            return
        self.started = True
        self.title_only = False
        heading = self.split_heading(parsed)
        if heading is not None:  # ``Loss and damage [Option 1``: a heading, then an option
            self.dispatch(heading, previous, following)
            previous = heading.text
        self.dispatch(parsed, previous, following)

    @staticmethod
    def split_heading(parsed: _Line) -> _Line | None:
        """A sub-heading with a bracketed block option opening on its line: the heading
        (``parsed`` becomes the option)."""
        if parsed.kind is not None or parsed.escaped or parsed.attrs is not None:
            return None
        match = _HEADING_THEN_OPTION.fullmatch(parsed.text)
        if match is None or not _heading_like(match["head"]):
            return None
        option = _classify(match["option"])
        if option.kind is not K.OPTION:
            return None
        heading = _Line(None, match["head"], parsed.column, attrs="{heading}")
        heading.indent, heading.lead, heading.number = parsed.indent, parsed.lead, parsed.number
        option.column += parsed.column + match.start("option")
        option.indent, option.lead, option.number = parsed.indent, parsed.lead, parsed.number
        option.label_text = match["option"][: option.column].rstrip()
        parsed.__dict__.update(option.__dict__)
        return heading

    def dispatch(self, parsed: _Line, previous: str, following: int) -> None:
        if parsed.kind is K.OPTION and parsed.prefix and not parsed.text.startswith("["):
            self.pending = parsed.prefix
        self.close_options(parsed)
        if parsed.kind in _HEADINGS:
            self.heading(parsed)
        elif parsed.kind is K.OPTION:
            self.option(parsed, following)
        elif parsed.kind is K.PARAGRAPH:
            self.paragraph(parsed, following)
        elif parsed.kind is K.SUBPARAGRAPH:
            self.subparagraph(parsed, following)
        else:
            self.unlabelled(parsed, previous)

    def title(self, parsed: _Line) -> bool:
        """The first unlabelled line is the title (unless it is a preamble's chapeau); a
        short heading-like line right after it continues it (a decision's two-line title)."""
        if parsed.attrs is not None:
            return False
        text = parsed.text
        if not self.started and not self.title_parts:
            if text.endswith(_CHAPEAU_END) and not parsed.escaped:
                return False
            self.title_parts.append(text)
            self.title_line = parsed.number
            self.title_only = True
            return True
        if (
            self.title_only
            and not parsed.escaped
            and _title_like(text)
            and self.title_parts[-1].rstrip(_CLOSERS)[-1:] not in _FINAL_MARKS
        ):  # (after a title that ends as a sentence, a heading)
            self.title_parts.append(text)
            return True
        return False

    def close_options(self, parsed: _Line) -> None:
        """Close the options that ``parsed`` does not stand in (and all under them)."""
        start = 0
        if parsed.kind is K.OPTION and not _starts_group(parsed.label or ""):
            # options after ``(d) Option (a): ...`` stay in (d); an ``Option 1`` starts anew
            start = max(
                (i for i, f in enumerate(self.stack) if f.splits and f.indent == parsed.indent),
                default=0,
            )
        for index, frame in enumerate(self.stack[start:], start=start):
            node = frame.node
            if node is None or node.kind is not K.OPTION:
                continue
            if frame.deep:
                ends = parsed.indent <= frame.indent and not (
                    (parsed.kind is K.SUBPARAGRAPH or self.introduced(frame, node, parsed))
                    and 0 <= frame.base <= parsed.indent
                    and not frame.nested
                )
                if ends and _within(frame.through, parsed):
                    ends = False  # ``Option 1: (paragraphs 1 to 4)`` holds 3. and 4.
                if (  # ``Option 2: [The ...]`` then a sentence more of that option
                    ends
                    and frame.own
                    and parsed.kind is None
                    and parsed.indent == frame.indent
                    and parsed.attrs is None
                    and not parsed.text.startswith(("{", *_FOOTNOTE))
                    and not _sub_heading(parsed.text)
                ):
                    ends = False
            else:
                held_by = self.stack[index - 1]
                ends = (
                    parsed.indent < frame.indent
                    or (  # the next paragraph after a paragraph that holds options
                        parsed.kind is K.PARAGRAPH
                        and held_by.node is not None
                        and held_by.node.kind in _ITEMS
                        and held_by.indent >= parsed.indent
                    )
                    or parsed.kind in _HEADINGS
                    or (  # a sub-heading (``Finance``) after what the option holds
                        parsed.kind is None
                        and not parsed.escaped
                        and parsed.attrs is None
                        and bool(node.children)
                        and _sub_heading(parsed.text)
                    )
                )
                if not ends and parsed.kind is K.PARAGRAPH and parsed.indent == frame.indent:
                    parent = self.stack[index - 1].node
                    ends = self.numbered_after(node, parent, parsed)
            if ends:
                del self.stack[index:]
                return

    def introduced(self, frame: _Open, option: _Node, parsed: _Line) -> bool:
        """A numbered item (``1.``, then ``2.``...) after an option in a paragraph whose text
        introduces it (ends with a colon): the option's own item, not the paragraph's. The
        first is ``1.``; each next one follows on from the option's last item."""
        if parsed.kind is not K.PARAGRAPH or not frame.introduces:
            return False
        new = _base(parsed.label or "")
        last = next((c for c in reversed(option.children) if c.kind is K.SUBPARAGRAPH), None)
        if last is None or new is None:
            return new == (1, 0)
        own = _base(self.section.labels.get(last.id, ""))
        return own is not None and (
            new == (own[0] + 1, 0) or (new[0] == own[0] and new[1] > own[1])
        )

    def numbered_after(self, option: _Node, parent: _Node | None, parsed: _Line) -> bool:
        """A paragraph that continues the numbering after a group of block options (``20.``
        after options that each hold ``19.``...``19quinquies.``, then ``21.``): it follows on
        from the last paragraph of every option of the group, no option of the group is
        still to come, and the numbering goes on after it; or one numbered before the
        options begin. In the first option of a group, and where the options number their
        paragraphs each their own way (``53.`` ... ``59.``, then ``53.``, ``54.``), a
        paragraph stays in the option."""
        siblings = parent.children if parent else self.section.roots
        group: list[_Node] = []
        for sibling in siblings:
            if sibling.kind is not K.OPTION:
                group = []
                continue
            if _option_number(self.section.labels.get(sibling.id, "")) == 1 and group:
                group = []
            group.append(sibling)
            if sibling is option:
                break
        if parsed.label is None:
            return False
        new = _base(parsed.label)
        if new is None:
            return False
        firsts = [
            _base(self.section.labels.get(c.id, ""))
            for held in group
            for c in held.children[:1]
            if c.kind is K.PARAGRAPH
        ]
        if firsts and all(f is not None and new[0] < f[0] for f in firsts):
            return True  # numbered before the options begin (``7.`` after ``19.``)
        if len(group) < 2 or self.option_ahead[self.index]:
            return False
        after = self.next_number[self.index]
        if after is None or not (
            after[0] == new[0] + 1 or (after[0] == new[0] and after[1] > new[1])
        ):
            return False  # the numbering does not go on after it (``21.`` after ``20.``)
        numbered = False
        for held in group:
            paragraphs = [c for c in held.children if c.kind is K.PARAGRAPH]
            if not paragraphs:
                continue
            numbered = True
            last = _base(self.section.labels.get(paragraphs[-1].id, ""))
            if last is None or new[0] != last[0] + 1:
                return False
        return numbered

    def pop_items(self, indent: int, *, strictly_deeper: bool = False) -> None:
        while len(self.stack) > 1:
            frame = self.stack[-1]
            node = frame.node
            assert node is not None
            if node.kind not in _ITEMS:
                return
            if frame.indent > indent or (not strictly_deeper and frame.indent == indent):
                self.stack.pop()
            else:
                return

    def top(self) -> _Open:
        return self.stack[-1]

    def top_kind(self) -> ProvisionKind | None:
        node = self.stack[-1].node
        return node.kind if node else None

    def heading(self, parsed: _Line) -> None:
        kind = parsed.kind
        assert kind is not None
        style = parsed.style
        # Headings close every paragraph, option and article; what they then stand under
        # depends on their style.
        while self.top_kind() not in (None, K.CHAPTER, K.SECTION):
            self.stack.pop()
        if self.explicit and kind in (K.CHAPTER, K.SECTION):
            while len(self.stack) > 1 and self.top().head >= parsed.indent:
                self.stack.pop()
        elif style in _TOP_LEVEL:
            del self.stack[1:]
        elif kind in (K.CHAPTER, K.SECTION):
            styles = [f.style for f in self.stack[1:]]
            if style in styles:
                del self.stack[1 + styles.index(style) :]
            elif style in self.seen_styles:
                while len(self.stack) > 1 and _RANK.get(self.top().style, 9) >= _RANK.get(style, 9):
                    self.stack.pop()
            self.seen_styles.add(style)
        if kind is K.PREAMBLE:
            container = self.top().node
            if (container is not None and container.kind is not K.SECTION) or any(
                c.kind not in (K.SECTION, K.HEADING, K.NOTE, K.OPTION)
                for c in (container.children if container else self.section.roots)
            ):
                self.problems.add(
                    parsed.number, parsed.lead + 1, "the preamble must come first",
                    "kept as a sub-heading; put it before the first paragraph or article",
                )  # fmt: skip
                parsed.text = parsed.text or "Preamble"
                self.add_node(parsed, K.HEADING, self.top().node)
                return
        node = self.add_node(parsed, kind, self.top().node)
        if node is not None:
            self.stack.append(_Open(node, -1, style, head=parsed.indent))

    def option(self, parsed: _Line, following: int) -> None:
        if not self.next_option(parsed, following):
            self.new_option(parsed, following)

    def holds_options(self, node: _Node) -> bool:
        """A numbered line with no text of its own: the options after it are its text."""
        text = self.section.texts.get(node.id)
        return (
            node.id in self.bare
            and text is not None
            and not text.parts
            and all(c.kind is K.OPTION for c in node.children)
        )

    def next_option(self, parsed: _Line, following: int) -> bool:
        """An option that follows on from the last option of an open provision (``Option
        (b)`` after ``(d) Option (a): ...``) stands beside it, whatever its indentation."""
        number = _option_number(parsed.label or "")
        if number < 2:
            return False
        for index in range(len(self.stack) - 1, -1, -1):
            frame = self.stack[index]
            if frame.indent > parsed.indent:
                continue
            children = frame.node.children if frame.node else self.section.roots
            if not children or children[-1].kind is not K.OPTION:
                continue
            last = _option_line(self.section.labels.get(children[-1].id, ""))
            if last is None or last.style != parsed.style:
                continue
            if _option_number(last.label or "") + 1 != number:
                continue
            del self.stack[index + 1 :]
            self.push_option(parsed, following)
            return True
        return False

    def new_option(self, parsed: _Line, following: int) -> None:
        while len(self.stack) > 1:
            frame = self.top()
            assert frame.node is not None
            if frame.splits and frame.indent == parsed.indent and parsed.base >= 0:
                break  # the option on the item's own line
            if (
                frame.splits
                and frame.indent == parsed.indent
                and not _starts_group(parsed.label or "")
            ):
                break
            if frame.node.kind in _ITEMS and frame.indent >= parsed.indent:
                if not frame.splits and self.holds_options(frame.node):
                    break  # ``60.`` alone on its line, then ``Option 1:``, ``Option 2:``
                self.stack.pop()
                continue
            break
        frame = self.top()
        if frame.node is not None and frame.node.kind is K.OPTION and frame.indent == parsed.indent:
            # Options in options: ``Option (a)`` right under a block ``Option 2:``.
            nested = (
                not frame.deep
                and frame.style != parsed.style
                and all(c.kind is K.OPTION for c in frame.node.children)
            )
            if not nested:
                self.stack.pop()
        self.push_option(parsed, following)

    def push_option(self, parsed: _Line, following: int) -> None:
        parent = self.top().node
        node = self.add_node(parsed, K.OPTION, parent)
        if node is None or (parsed.attrs is not None and _EMPTY in parsed.attrs[1:-1].split()):
            return
        deep = following > parsed.indent or not parsed.titled
        base = -1 if deep else parsed.indent
        if parent is not None and parent.kind is K.PARAGRAPH:
            base = parsed.base if parsed.base >= 0 else parsed.indent
        introduces = parsed.text.rstrip().endswith(":")
        declared = _DECLARED_RANGE.search(f"{parsed.label_text} {parsed.text}")
        through = _base(declared["last"]) if declared else None
        self.stack.append(
            _Open(
                node,
                parsed.indent,
                parsed.style,
                deep=deep,
                base=base,
                own=parsed.base < 0,
                introduces=introduces,
                through=through,
            )
        )

    @staticmethod
    def split_option(parsed: _Line) -> _Line | None:
        """``20. Option 1: text``: the paragraph, then an option inside it."""
        text = parsed.text
        prefix = next((p for p in ("[", "\\[") if text.startswith(p)), "")
        if text.startswith("[["):
            prefix = ""
        option = _option_line(text[len(prefix) :]) if text else None
        if option is None:
            return None
        if prefix == "[" and _closes_on_line(text):
            return None  # ``[Option 1: ...] [Option 2: ...]``: options in the text
        if prefix:  # ``45. [Option1: ...``: a bracket around the option
            option.column += 1
            option.text = prefix + option.text if option.text else option.text
            option.prefix = prefix
        option.column += parsed.column
        option.number, option.lead = parsed.number, parsed.lead
        option.indent = parsed.indent + parsed.column
        option.base = parsed.indent
        parsed.text = ""
        return option

    def paragraph(self, parsed: _Line, following: int) -> None:
        split = self.split_option(parsed)
        self.pop_items(parsed.indent)
        self.paragraph_beside(parsed)
        top = self.top()
        if (
            top.node is not None
            and (
                top.node.kind in _ITEMS
                or (  # in an option held by a numbered provision: one of its items
                    top.node.kind is K.OPTION
                    and any(f.node is not None and f.node.kind in _ITEMS for f in self.stack[:-1])
                    and not self.inserted_after_holder(parsed)
                )
            )
        ):
            kind = K.SUBPARAGRAPH
            parsed.style = "number"
        else:
            kind = K.PARAGRAPH
            while self.top_kind() is K.PREAMBLE:
                self.stack.pop()
        node = self.add_node(parsed, kind, self.top().node)
        if node is not None:
            self.stack.append(_Open(node, parsed.indent, parsed.style, splits=bool(split)))
        if split:
            self.option(split, following)

    def inserted_after_holder(self, parsed: _Line) -> bool:
        """``3bis.`` in an option held by paragraph ``3.``: a paragraph, not an item."""
        new = _base(parsed.label or "")
        holder = next(
            (f.node for f in reversed(self.stack) if f.node is not None and f.node.kind in _ITEMS),
            None,
        )
        if new is None or holder is None:
            return False
        own = _base(self.section.labels.get(holder.id, ""))
        return own is not None and own[0] == new[0] and own[1] < new[1]

    def paragraph_beside(self, parsed: _Line) -> None:
        """``1bis.`` after the items of paragraph ``1.`` (whose items are numbered too):
        a paragraph inserted after 1, beside it, however it is indented."""
        new = _base(parsed.label or "")
        if new is None or new[1] == 0:
            return
        for index in range(len(self.stack) - 1, 0, -1):
            node = self.stack[index].node
            if node is None or node.kind not in _ITEMS:
                return
            own = _base(self.section.labels.get(node.id, ""))
            if own is not None and own[0] == new[0] and own[1] < new[1]:
                parsed.indent = min(parsed.indent, self.stack[index].indent)
                del self.stack[index:]
                return

    def subparagraph(self, parsed: _Line, following: int) -> None:
        while len(self.stack) > 1:
            frame = self.top()
            if frame.node is None or frame.node.kind is not K.SUBPARAGRAPH:
                break
            if frame.indent <= parsed.indent:
                break
            self.stack.pop()
        while True:
            frame = self.top()
            node = frame.node
            if (
                node is not None
                and node.kind is K.OPTION
                and (frame.indent < parsed.indent or 0 <= frame.base <= parsed.indent)
            ):
                break
            if node is None or node.kind not in _ITEMS:
                self.problems.add(
                    parsed.number,
                    parsed.lead + 1,
                    "a sub-paragraph outside a numbered paragraph",
                    "kept as unlabelled text; number the paragraph it belongs to",
                )
                parsed.text = f"{parsed.label_text} {parsed.text}".strip()
                parsed.kind, parsed.label, parsed.column, parsed.attrs = None, None, 0, None
                parsed.escaped = True
                self.unlabelled(parsed)
                return
            if node.kind is K.PARAGRAPH or frame.indent < parsed.indent:
                break
            parsed.style = self.sub_style(parsed, frame)
            if parsed.style == frame.style:
                self.stack.pop()
                break
            if frame.style == "letter" and parsed.style == "roman":
                break
            self.stack.pop()
        split = self.split_option(parsed)
        made = self.add_node(parsed, K.SUBPARAGRAPH, self.top().node)
        if made is not None:
            self.stack.append(_Open(made, parsed.indent, parsed.style, splits=bool(split)))
        if split:
            self.option(split, following)

    def sub_style(self, parsed: _Line, frame: _Open) -> str:
        """``(i)`` after ``(h)`` is a letter, otherwise a roman level below the letters."""
        if parsed.style != "roman" or frame.style != "letter" or frame.node is None:
            return parsed.style
        previous = self.section.labels.get(frame.node.id, "")[1:-1]
        current = (parsed.label or "")[1:-1]
        if previous and subparagraph_ordinal(current) == subparagraph_ordinal(previous) + 1:
            return "letter"
        return "roman"

    def unlabelled(self, parsed: _Line, previous: str = "") -> None:
        forced: ProvisionKind | None = None
        tokens = parsed.attrs[1:-1].split() if parsed.attrs else []
        for token in tokens:
            forced = _KIND_ATTRIBUTES.get(token, forced)
        text = parsed.text
        if forced is None and not parsed.escaped and parsed.attrs is None:
            if text.startswith("{") and _only_notes(text):
                forced = K.NOTE
                parts = ProvisionText.parse(text, refuse_unsafe=False).parts
                if len(parts) == 1 and text.endswith("}"):  # one note: its text
                    text = text[1:-1]
                    parsed.column += 1
            elif text.startswith(_FOOTNOTE):
                forced = K.NOTE
        parsed.text = text
        top = self.top()
        if (
            forced is None
            and not parsed.escaped
            and parsed.attrs is None
            and top.node is not None
            and top.node.kind in _ITEMS
            and top.indent == parsed.indent
            and (_continues(previous, text) or self.next_kind is K.SUBPARAGRAPH)
        ):  # the rest of a paragraph broken over lines, or text between its sub-paragraphs
            self.add_node(parsed, K.CLAUSE, top.node)
            return
        footnote = (
            forced is K.NOTE and parsed.attrs in (None, "{note}") and text.startswith(_FOOTNOTE)
        )
        self.pop_items(parsed.indent, strictly_deeper=footnote)
        top = self.top()
        parent = top.node
        if footnote and parent is not None and parent.kind in _ITEMS:
            # a footnote after an item stands beside it, at its depth
            self.stack.pop()
            parent = self.top().node
            if parent is None or parent.kind not in _ITEMS:
                self.add_node(parsed, K.NOTE, parent)
                return
        if parent is not None and parent.kind in _ITEMS:
            if forced is None and not parsed.escaped and _REMARKED_HEADING.fullmatch(text):
                forced = K.HEADING  # ``Differentiation modulator: (A choice ...).``
            self.add_node(parsed, forced or K.CLAUSE, parent)
            return
        if forced is not None:
            self.add_node(parsed, forced, parent)
            return
        if self.in_preamble():
            self.add_node(parsed, K.RECITAL, parent)
            return
        if (
            not parsed.escaped
            and text.endswith(_CHAPEAU_END)
            and (parent is None or parent.kind is K.SECTION)
            and all(
                c.kind in (K.SECTION, K.HEADING, K.NOTE, K.OPTION)
                for c in (parent.children if parent else self.section.roots)
            )
        ):
            node = self.add_node(parsed, K.PREAMBLE, parent)
            if node is not None:
                self.stack.append(_Open(node, parsed.indent, "preamble"))
            return
        opening_option = parent is not None and parent.kind is K.OPTION and not parent.children
        if (
            not parsed.escaped
            and parsed.attrs is None
            and (
                _sub_heading(text)
                # a bracket around a block that opens with its heading
                or (text.startswith("[") and "]" not in text and _heading_like(text[1:]))
            )
            and not opening_option
        ):
            self.add_node(parsed, K.HEADING, parent)
            return
        if parent is not None and parent.kind in (K.ARTICLE, K.SECTION, K.OPTION):
            self.add_node(parsed, K.CLAUSE, parent)
            return
        if (
            parent is None
            and not parsed.escaped
            and parsed.attrs is None
            and _title_like(text)
            and all(c.kind in (K.HEADING, K.NOTE) for c in self.section.roots)
        ):  # a heading line before the text begins (a long one: the text's full name)
            self.add_node(parsed, K.HEADING, parent)
            return
        self.problems.add(
            parsed.number,
            parsed.lead + 1,
            "text outside a provision: put it under Preamble or an article, or number it",
            "kept as a note",
        )
        self.add_node(parsed, K.NOTE, parent)

    def in_preamble(self) -> bool:
        return any(f.node is not None and f.node.kind is K.PREAMBLE for f in self.stack)

    # -- making a provision --------------------------------------------------------------

    def text(self, source: str, line: int, column: int) -> ProvisionText:
        try:
            parts, self.carried = parse_spanning(
                source, carried=self.carried, line=line, column=column
            )
            return ProvisionText(parts)
        except NotationError as error:
            self.problems.error(error, "kept as plain text")
        except ValueError as error:
            self.problems.add(line, column, str(error), "kept as plain text")
        return _literal(source, self.carried)

    def add_node(self, parsed: _Line, kind: ProvisionKind, parent: _Node | None) -> _Node | None:
        parent_id = parent.id if parent else None
        key = (None, kind) if kind in (K.CHAPTER, K.ARTICLE) else (parent_id, kind)
        self.counters[key] = self.counters.get(key, 0) + 1
        identity = derived_identity(parent_id, kind, self.counters[key])
        if kind is K.PREAMBLE and identity in self.nodes and parent_id:
            identity = f"{parent_id}__preamble"
        flagged = False
        if parsed.attrs is not None:
            try:
                identity, flagged = _attributes(
                    parsed.attrs, identity, parsed.number, parsed.attrs_column + parsed.lead + 1
                )
            except NotationError as error:
                self.problems.error(error)
        if identity in self.nodes:
            self.problems.add(
                parsed.number, parsed.lead + 1, f"the identity {identity} is used twice",
                "give it another {#identity}",
            )  # fmt: skip
            serial = 2
            while f"{identity}-{serial}" in self.nodes:
                serial += 1
            identity = f"{identity}-{serial}"
        node = _Node(identity, kind, parsed.number)
        self.nodes[identity] = node
        if kind in _ITEMS and not parsed.text and parsed.attrs is None:
            self.bare.add(identity)
        for frame in self.stack:
            if frame.node is parent and parent is not None and parsed.indent > frame.indent:
                frame.nested = True
        (parent.children if parent else self.section.roots).append(node)
        self.section.order.append((identity, kind, parent_id, parsed.number))
        text = parsed.text
        if self.pending and kind is not K.OPTION:
            text, self.pending = self.pending + text, ""
        self.section.texts[identity] = self.text(
            text, parsed.number, parsed.column + parsed.lead + 1
        )
        if parsed.label is not None and kind is not K.PREAMBLE:
            self.section.labels[identity] = parsed.label
        if flagged:
            self.section.flagged.add(identity)
        return node


def _literal(source: str, carried: int) -> ProvisionText:
    """A line that does not read, as plain text (inside the brackets open around it)."""
    text = ProvisionText.plain(source.strip()) if source.strip() else ProvisionText()
    parts = text.parts
    for _ in range(carried):
        if not parts:
            break
        parts = (Bracket(parts, opens=False, closes=False),)
    return ProvisionText(parts)


_MAX_NOTE_LINES: Final = 12


def _open_brace(line: str) -> bool:
    """Whether ``line`` ends inside a ``{`` (a note or attribution broken over lines)."""
    inside = False
    for char in _unescaped(line):
        if char in "{}":
            inside = char == "{"
    return inside


def _join_broken_notes(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A note in braces broken over lines (``{Other choices (accounting):`` … ``outcomes}``)
    is read as one line: the lines up to its ``}`` are joined with spaces."""
    out: list[tuple[int, str]] = []
    index = 0
    while index < len(lines):
        number, raw = lines[index]
        end = index
        if _open_brace(raw):
            for ahead in range(index + 1, min(len(lines), index + _MAX_NOTE_LINES)):
                if not _open_brace(" ".join(r.strip() for _, r in lines[index : ahead + 1])):
                    end = ahead
                    break
                if "{" in lines[ahead][1]:
                    break
        if end > index:
            raw = raw.rstrip() + " " + " ".join(r.strip() for _, r in lines[index + 1 : end + 1])
        out.append((number, raw))
        index = end + 1
    return out


_NEVER: Final = -1
_ALWAYS: Final = 1 << 30
_OPTION_OPENING: Final = re.compile(rf"\[[ \t]*(?:{_OPTION_WORDS})[ \t\u00a0]*[0-9IVX(]")


@dataclass(frozen=True)
class _Opening:
    """A ``[`` still open, and the lines that end its scope: a line of each kind (``para``,
    ``item``, ``option``, ``text``) indented no deeper than the limit for that kind."""

    index: int
    column: int
    limits: tuple[int, int, int, int]


_KINDS: Final = ("para", "item", "option", "text")


@dataclass
class _LineScope:
    """Where one line stands for the pairing of brackets."""

    kind: str  # para, item, option, text, or head (a heading: ends every scope)
    indent: int
    option_indent: int = -1  # an option on an item's line (``37. Option 1: ...``)
    #: an option that goes on from one on an item's line: that item's kind and indentation
    within: tuple[str, int] | None = None

    def ends(self, opening: _Opening) -> bool:
        if self.kind == "head":
            return True
        return self.indent <= opening.limits[_KINDS.index(self.kind)]

    def opening(self, index: int, column: int, at: int, text: str) -> _Opening:
        """The scope of a ``[`` at ``at`` in the line's text (after its label): its
        provision with its items; the siblings after it too where the provision's text
        opens with it (a bracket around several paragraphs or items of one block); the
        block option it opens or stands in."""
        n = self.indent
        head = text[:at].strip()
        if _OPTION_OPENING.match(text, at):  # ``[Option 1`` opens a bracketed block option
            return _Opening(index, column, (_NEVER, _NEVER, n, _NEVER))
        if self.within is not None or (
            self.option_indent >= 0 and head.startswith(_OPTION_WORDS_TUPLE)
        ):  # an option of an item: to the next option or the item's end
            kind, item = self.within or (self.kind, n)
            option = n if self.within else self.option_indent
            if kind == "item":
                return _Opening(index, column, (_ALWAYS, item, option, _NEVER))
            return _Opening(index, column, (item, _NEVER, option, _NEVER))
        if self.kind == "option":  # an option on its own line holds the paragraphs after it
            return _Opening(index, column, (_NEVER, _NEVER, n, _NEVER))
        if self.kind == "para":
            if not head:
                return _Opening(index, column, (_NEVER, _NEVER, n, _NEVER))
            return _Opening(index, column, (n, _NEVER, n, _NEVER))
        if self.kind == "item":
            if not head:
                return _Opening(index, column, (_ALWAYS, n - 1, n, _NEVER))
            return _Opening(index, column, (_ALWAYS, n, n, _NEVER))
        # unlabelled text: over the items it introduces, not past a line less indented
        if not head:
            return _Opening(index, column, (n - 1, n - 1, n, n - 1))
        return _Opening(index, column, (_ALWAYS, n - 1, n, n - 1))


class _Scopes:
    """Follows the lines of a section to tell what each line is for bracket pairing: a
    bracket is closed within its provision and its items, the block its provision opens
    with, or the block option it opens; where its scope ends, it was never closed."""

    def __init__(self) -> None:
        self.paragraph = -1  # the indentation of the section's numbered paragraphs
        self.split: tuple[str, int, int] | None = None  # an item's line with an option

    def line(self, parsed: _Line, indent: int, text: str) -> _LineScope:
        kind = parsed.kind
        if kind is K.OPTION and self.split is not None and _option_number(parsed.label or "") > 1:
            item_kind, item_indent, option_indent = self.split
            return _LineScope("option", option_indent, within=(item_kind, item_indent))
        self.split = None
        if kind in _HEADINGS:
            self.paragraph = -1
            return _LineScope("head", indent)
        if kind is K.OPTION or (kind is None and _OPTION_OPENING.match(text)):
            return _LineScope("option", indent)
        option_indent = -1
        if kind in _ITEMS and _option_line(parsed.text) is not None:
            option_indent = indent + parsed.column
        scope = _LineScope("item", indent, option_indent)
        if kind is K.PARAGRAPH and (self.paragraph < 0 or indent <= self.paragraph):
            self.paragraph = indent
            scope.kind = "para"
        elif kind not in _ITEMS:
            if not parsed.escaped and parsed.attrs is None and _sub_heading(parsed.text):
                return _LineScope("head", indent)
            return _LineScope("text", indent)
        if option_indent >= 0:
            self.split = (scope.kind, indent, option_indent)
        return scope


#: The shortest line a page is taken to have wrapped.
_WRAP_WIDTH: Final = 60


def _wraps(before: _Line, after: _Line, before_indent: int, after_indent: int) -> bool:
    """Whether ``after`` is the rest of ``before``'s line, wrapped by the page it was copied
    from: a numbered line, or a sub-heading, that stops without a final mark, then an
    unlabelled line at its indentation (``... provision of means of`` / ``implementation;``,
    ``Textual Option on ...`` / ``and the 2015 Agreement``), or less indented where it goes
    on in lower case (``2. ... where it is preferable that`` / ``financial resources are
    under-reported ...``: the copy lost the item's indentation on its second line)."""
    if after.kind is not None or after.escaped or after.attrs is not None or not after.text:
        return False
    if after.text.startswith(("{", *_FOOTNOTE)):
        return False
    if before_indent != after_indent and not (
        after_indent < before_indent and after.text[0].islower()
    ):
        return False
    if before.column + len(before.text) < _WRAP_WIDTH:
        return False  # a page wraps long lines only
    if before.kind is None and not before.escaped and before.attrs is None:
        return (
            _heading_like(before.text)
            and after.text[0].islower()
            and _heading_like(after.text[0].upper() + after.text[1:])
        )
    if before.kind not in _ITEMS or before.prefix:
        return False
    text = _ATTRIBUTION_END.sub("", before.text).rstrip(_CLOSERS)
    return bool(text) and text[-1] not in _FINAL_MARKS and _option_line(before.text) is None


def _join_wrapped_lines(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines the copied page wrapped are read as one (see :func:`_wraps`)."""
    out: list[tuple[int, str]] = []
    previous: _Line | None = None
    for number, raw in lines:
        parsed = _classify(raw.strip())
        if (
            out
            and previous is not None
            and _wraps(previous, parsed, _indent(out[-1][1]), _indent(raw))
        ):
            joined = out[-1][1].rstrip() + " " + raw.strip()
            if previous.kind is None:  # a heading printed on two lines stays a heading
                lead = joined[: len(joined) - len(joined.lstrip())]
                joined = f"{lead}{{heading}} {joined.lstrip()}"
            out[-1] = (out[-1][0], joined)
            previous = _classify(out[-1][1].strip())
            continue
        out.append((number, raw))
        previous = parsed
    return out


def _literal_unbalanced(lines: list[tuple[int, str]], problems: _Problems) -> list[tuple[int, str]]:
    """Find the brackets and braces that do not pair up across the section's lines, list
    each, and return the lines with each of them escaped (kept as a literal character).

    Where every bracket of the section pairs up, a bracket may run over any lines. Where
    some do not, pairing them over the whole section would join a typo's ``[`` to a ``]``
    paragraphs away; each bracket is then paired within its scope (:class:`_Scopes`), and
    one left open where its scope ends is the typo, listed where it opens."""
    stray = _unpaired(lines, scoped=False)
    if stray:
        stray = _unpaired(lines, scoped=True)
    if not stray:
        return lines
    out = list(lines)
    for index, marks in stray.items():
        number, raw = out[index]
        for column, reason, hint in sorted(marks, reverse=True):
            if reason:
                problems.add(number, column + 1, reason, hint)
            raw = raw[:column] + "\\" + raw[column:]
        out[index] = (number, raw)
    return out


def _unpaired(
    lines: list[tuple[int, str]], *, scoped: bool
) -> dict[int, list[tuple[int, str, str]]]:
    """The brackets and braces that do not pair up: per line, (column, reason, hint)."""
    opened: list[_Opening] = []
    stray: dict[int, list[tuple[int, str, str]]] = {}
    scopes = _Scopes()

    def mark(index: int, column: int, reason: str, hint: str) -> None:
        stray.setdefault(index, []).append((column, reason, hint))

    def never_closed(opening: _Opening) -> None:
        mark(opening.index, opening.column, "this bracket is never closed",
             "kept as a literal [; close it with ]")  # fmt: skip

    for index, (_, raw) in enumerate(lines):
        lead = len(raw) - len(raw.lstrip())
        line = raw.strip()
        if not line or line.startswith("@"):
            continue
        parsed = _classify(line)
        start = lead + parsed.column
        prefix = parsed.prefix
        text = prefix + raw[start:].rstrip()

        def col(i: int, prefix: str = prefix, start: int = start, lead: int = lead) -> int:
            return lead + i if i < len(prefix) else start + i - len(prefix)

        scope = scopes.line(parsed, _indent(raw), text)
        for opening in [o for o in opened if scoped and scope.ends(o)]:
            never_closed(opening)
            opened.remove(opening)
        i = 0
        while i < len(text):
            char = text[i]
            if char == "\\":
                i += 2
                continue
            if char == "[":
                empty = re.match(r"\[[ \t]*\]", text[i:])
                if empty:  # ``[]``: both kept as they are
                    mark(index, col(i), "an empty bracket", "kept as literal text")
                    mark(index, col(i) + empty.end() - 1, "", "")
                    i += empty.end()
                    continue
                opened.append(scope.opening(index, col(i), i, text))
            elif char == "]":
                if opened:
                    opened.pop()
                else:
                    mark(index, col(i), "a closing bracket ] without an opening one",
                         "kept as a literal ]; write \\] for one")  # fmt: skip
            elif char == "{":
                end = i + 1
                while end < len(text) and text[end] not in "{}[]":
                    end += 2 if text[end] == "\\" else 1
                if end < len(text) and text[end] == "}":
                    i = end
                else:
                    mark(index, col(i), "a brace { that is never closed",
                         "kept as a literal {; write \\{ for one")  # fmt: skip
            elif char == "}":
                mark(index, col(i), "a closing brace } without an opening one",
                     "kept as a literal }; write \\} for one")  # fmt: skip
            i += 1
    for opening in opened:
        never_closed(opening)
    return stray


def _attributes(attrs: str, identity: str, line: int, column: int) -> tuple[str, bool]:
    flagged = False
    for token in attrs[1:-1].split():
        if token.startswith("#") and len(token) > 1:
            identity = token[1:]
        elif token == NEEDS_TRANSLATION:
            flagged = True
        elif token == _EMPTY or token in _KIND_ATTRIBUTES:
            continue
        else:
            raise NotationError(
                f"unknown attribute {token!r} (use #identity or {NEEDS_TRANSLATION})", line, column
            )
    try:
        Provision(identity, ProvisionKind.CLAUSE)
    except ValueError as error:
        raise NotationError(str(error), line, column) from None
    return identity, flagged


# -- the file ---------------------------------------------------------------------------


def _tabs_within_as_spaces(line: str) -> str:
    """``line`` with each tab after its indentation read as one space: text copied out of a
    word processor puts tabs between a label and its text and inside titles and sentences
    ("Article 1<tab>Objective"), and a provision's text is one line of words. The indentation
    keeps its tabs (four columns each); a tab becomes one character, so columns stay put."""
    words = line.lstrip(" \t")
    if "\t" not in words:
        return line
    return line[: len(line) - len(words)] + words.replace("\t", " ")


def read_document(source: str, *, lenient: bool = False, language: str | None = None) -> Reading:
    """Read a document in the bracketed notation and list every problem in it.

    Strict (the default): a file with any problem raises :class:`NotationProblems` (a
    :class:`NotationError` placed at the first, ``problems`` listing all of them, in file
    order). Lenient: a file with unbalanced brackets or a layout that is not understood
    still gives a document; each problem is listed and the offending character is kept
    as literal text where it stood (a stray line becomes a note). Direction controls and
    invisible characters are refused in both (:class:`UnsafeCharacterError`). A text
    without ``@lang`` lines is in ``language`` (guessed from its letters when ``None``); the
    text is read in Unicode NFC.
    """
    source = source.lstrip("\ufeff")
    unsafe = unsafe_characters(source, line_breaks=True, tabs=True)
    if unsafe:  # checked once here for the whole file, so not again line by line
        raise UnsafeCharacterError(unsafe)
    source = unicodedata.normalize("NFC", source)
    lines = [
        _tabs_within_as_spaces(line)
        for line in source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    problems = _Problems()
    has_markers = any(_LANG.fullmatch(line.strip()) for line in lines)
    sections: list[_Section] = []
    readers: list[_SectionReader] = []
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        marker = _LANG.fullmatch(stripped)
        if marker:
            lang = marker["lang"]
            if lang not in LANGUAGES:
                problems.add(number, 7, f"unknown language {lang!r}; use one of {LANGUAGES}")
                readers.append(_SectionReader(_Section("", number), problems))
                continue
            if any(s.language == lang for s in sections):
                problems.add(number, 1, f"a second @lang {lang} section")
                readers.append(_SectionReader(_Section("", number), problems))
                continue
            sections.append(_Section(lang, number))
            readers.append(_SectionReader(sections[-1], problems))
            continue
        if not stripped:
            continue
        if not readers:
            if has_markers:
                problems.add(number, 1, "text before the first @lang line")
                continue
            sections.append(_Section(language or detect_language(source), number))
            readers.append(_SectionReader(sections[-1], problems))
        readers[-1].add(number, raw)
    for reader in readers:
        reader.finish()
    if not sections:
        sections.append(_Section(language or "en", 1))
    document = _assemble(sections, len(lines), problems)
    found = tuple(sorted(problems.found, key=lambda p: (p.line, p.column)))
    if found and not lenient:
        raise NotationProblems(found)
    return Reading(document, found)


def parse_document(source: str, *, language: str | None = None) -> Document:
    """Read a document in the bracketed notation (strict :func:`read_document`).

    Raises :class:`NotationError` with line and column at the first problem (its
    ``problems`` lists every one), and :class:`UnsafeCharacterError` (listing every one) on
    direction controls and invisible characters anywhere in the file.
    """
    return read_document(source, language=language).document


def _assemble(sections: list[_Section], last_line: int, problems: _Problems) -> Document:
    first = sections[0]
    expected = [(i, k, p) for i, k, p, _ in first.order]
    matching = [first]
    for section in sections[1:]:
        fine = True
        for index, (identity, kind, parent, line) in enumerate(section.order):
            if index >= len(expected) or expected[index] != (identity, kind, parent):
                want = (
                    f"{expected[index][0]} ({expected[index][1]})"
                    if index < len(expected)
                    else "nothing"
                )
                problems.add(
                    line,
                    1,
                    f"{identity} ({kind}) does not match the {first.language} version, "
                    f"which has {want} here",
                    f"the {section.language} version is left out",
                )
                fine = False
                break
        if fine and len(section.order) < len(expected):
            missing = expected[len(section.order)][0]
            problems.add(last_line, 1, f"the {section.language} version ends before {missing}")
            fine = False
        if fine:
            matching.append(section)

    def build(node: _Node) -> Provision:
        texts = tuple((s.language, s.texts[node.id]) for s in matching)
        flags = frozenset(s.language for s in matching if node.id in s.flagged)
        labels = tuple((s.language, s.labels[node.id]) for s in matching if node.id in s.labels)
        return Provision(
            node.id, node.kind, texts, flags, tuple(build(c) for c in node.children), labels
        )

    titles = tuple((s.language, s.title) for s in matching if s.title is not None)
    document = Document(
        tuple(s.language for s in matching), tuple(build(n) for n in first.roots), titles
    )
    try:
        return document.validate()
    except StructureError as error:
        raise NotationProblems((*problems.found, Problem(last_line, 1, str(error)))) from None


# -- writing ----------------------------------------------------------------------------


def format_document(document: Document) -> str:
    """Write ``document`` in the notation; ``parse_document`` reads it back unchanged."""
    lines: list[str] = []
    for language in document.languages:
        if lines:
            lines.append("")
        lines.extend((f"@lang {language}", ""))
        title = document.title(language)
        writer = _Writer(document, language, lines)
        writer.explicit = any(p.kind is K.SECTION for p in document.walk())
        if title:
            lines.extend((_escape_title(str(title)), ""))
            writer.after_title = True
        writer.children(document.provisions, None, 0, ())
    return "\n".join(lines) + "\n"


class _Writer:
    def __init__(self, document: Document, language: str, lines: list[str]) -> None:
        self.document = document
        self.language = language
        self.lines = lines
        self.after_title = False
        self.first = True
        self.explicit = False  # section headings indented by their depth
        # The provision written on the line after each one (document order is write order).
        self.next_line = {a.id: b for a, b in pairwise(document.walk())}

    def children(
        self,
        children: tuple[Provision, ...],
        parent: Provision | None,
        indent: int,
        ancestors: tuple[ProvisionKind, ...],
    ) -> None:
        counters: dict[ProvisionKind, int] = {}
        parent_id = parent.id if parent else None
        for position, child in enumerate(children):
            counters[child.kind] = counters.get(child.kind, 0) + 1
            ordinal = self.document.ordinal(child.id) or counters[child.kind]
            attrs: list[str] = []
            derived = derived_identity(parent_id, child.kind, ordinal)
            if child.id != derived:
                attrs.append(f"#{child.id}")
            if self.language in child.needs_translation:
                attrs.append(NEEDS_TRANSLATION)
            at = indent + self.deeper(parent, child)
            line = self.line(child, attrs, parent, position, ancestors)
            shown = at
            if self.explicit and child.kind in (K.CHAPTER, K.SECTION):
                shown += 2 + 4 * sum(k in (K.CHAPTER, K.SECTION) for k in ancestors)
            self.lines.append(" " * shown + line if line else line)
            self.after_title = False
            self.first = False
            below = at + 4 if child.kind is K.OPTION else at
            self.children(child.children, child, below, (*ancestors, child.kind))

    def deeper(self, parent: Provision | None, child: Provision) -> int:
        """How much deeper than its parent a provision is indented (0 in a text without
        options or lower levels, so a plain text is written as it always was)."""
        if parent is None or parent.kind not in _ITEMS:
            return 0
        if child.kind is K.SUBPARAGRAPH:
            label = self.document.label(child.id, self.language)
            beside_options = any(c.kind is K.OPTION for c in parent.children)
            nested = parent.kind is K.SUBPARAGRAPH or beside_options
            return 4 if nested or not label.startswith("(") else 0
        return 4

    def line(
        self,
        child: Provision,
        attrs: list[str],
        parent: Provision | None,
        position: int,
        ancestors: tuple[ProvisionKind, ...],
    ) -> str:
        text = str(child.text(self.language))
        kind = child.kind
        label = self.document.label(child.id, self.language)
        braces = "{" + " ".join(attrs) + "}" if attrs else ""
        if kind is K.PREAMBLE:
            # A preamble read without its heading word (``The Conference of the Parties,``)
            # is written with it: the same document, in a form every reader knows.
            label = HEADING_WORDS.get(self.language, HEADING_WORDS["en"])[K.PREAMBLE][0]
        if kind in (K.PREAMBLE, K.CHAPTER, K.ARTICLE, K.SECTION):
            self.blank()
            head = label + (" " + braces if braces else "")
            if not text:
                return head
            separator = " " if label.endswith(".") else ": "
            return head + separator + _guard(text)
        if kind is K.OPTION:
            siblings = parent.children if parent else self.document.provisions
            following = siblings[position + 1] if position + 1 < len(siblings) else None
            beside = following is not None and following.kind is K.SUBPARAGRAPH
            if not child.children and (not text or _titled(text) or beside):
                braces = "{" + " ".join([*attrs, _EMPTY]) + "}"
            head = label + (" " + braces if braces else "")
            return head + (": " + _guard(text) if text else ":")
        if kind in _ITEMS:
            siblings = parent.children if parent else self.document.provisions
            following = siblings[position + 1] if position + 1 < len(siblings) else None
            after = following if child.children else self.next_line.get(child.id)
            if not text and not braces and after is not None and after.kind is K.OPTION:
                # A bare numbered line holds the options after it: where the option on the next
                # line is not its own (a sibling's, or an enclosing provision's after the last
                # item), the line is marked so that it reads back as written.
                braces = "{#" + child.id + "}"
            if label.split(" ")[0] in _PARAGRAPH_WORDS:  # ``الفقرة 1 مكرراً: …``
                head = label + (" " + braces if braces else "")
                return head + (": " + _guard(text) if text else "")
            return " ".join([label, *([braces] if braces else []), _guard(text)]).rstrip()
        # Unlabelled lines: what the reader would take them for decides how they are written.
        tokens = list(attrs)
        body = text
        if kind is K.NOTE:
            tokens.append("note")
        elif kind is K.HEADING:
            plain = (
                not tokens
                and _heading_like(text)
                and _escape_line(text) == text
                and K.PREAMBLE not in ancestors
                and (parent is None or parent.kind not in _ITEMS)
                and not (parent is not None and parent.kind is K.OPTION and position == 0)
                and not self.after_title
                and not self.first
                and not self.after_item(parent, position, text)
            )
            if not plain:
                tokens.append("heading")
        else:
            misread = (
                _escape_line(text) != text
                or text.startswith(_FOOTNOTE)
                or (kind is K.CLAUSE and self.after_item(parent, position, text))
            )
            if kind is K.CLAUSE and (parent is None or parent.kind not in _ITEMS):
                misread = misread or _heading_like(text)
            if kind is K.CLAUSE and (parent is None or parent.kind is K.SECTION):
                misread = misread or text.endswith(_CHAPEAU_END)
            if text.startswith("{") and not tokens:
                tokens.append(f"#{child.id}")  # attributes keep a line of notes from a note
            elif misread and not tokens:
                body = _escaped(text)
        if not text and not tokens:
            tokens.append(f"#{child.id}")
        if tokens:
            return ("{" + " ".join(tokens) + "} " + _guard(body)).rstrip()
        return body

    def after_item(self, parent: Provision | None, position: int, text: str) -> bool:
        """Whether the reader would take this unlabelled line for part of the item before it
        (the rest of a paragraph broken over lines, or text between its sub-paragraphs)."""
        siblings = parent.children if parent else self.document.provisions
        if position == 0 or siblings[position - 1].kind not in _ITEMS:
            return False
        following = siblings[position + 1] if position + 1 < len(siblings) else None
        before = following is not None and following.kind is K.SUBPARAGRAPH
        return before or _continues(self.last_line(), text)

    def last_line(self) -> str:
        return next((line.strip() for line in reversed(self.lines) if line.strip()), "")

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")


def _guard(text: str) -> str:
    """A text after a label, kept from reading as attributes or as an option line."""
    if text.startswith("{"):
        end = text.find("}")
        if end > 0 and _valid_attrs(text[1:end]):
            return "{\\" + text[1:]
    if _option_line(text) is not None:
        return "\\" + text
    return text


def _escape_title(text: str) -> str:
    if text.startswith("{"):
        return _guard(text)
    if _escape_line(text) != text or text.endswith(_CHAPEAU_END):
        return _escaped(text)
    return text


def _escape_line(text: str) -> str:
    """Keep an unlabelled line from reading as a heading, a number or a directive."""
    if text.startswith("@") or (text and _classify(text).kind is not None):
        return _escaped(text)
    return text


def _escaped(text: str) -> str:
    """``\\`` before a line that must read as plain text; ``\\ `` (with a space) where
    the text itself starts with a bracket or brace, whose own ``\\`` would make it literal."""
    return (_LINE_ESCAPE if text.startswith(_SPECIAL_START) else "\\") + text
