"""The plain bracketed notation of a whole document: read it, write it back exactly.

One provision per line; headings ``Preamble`` / ``Chapter 2: title`` / ``Article 3: title``
(or ``الديباجة`` / ``الفصل 2`` / ``المادة 3``, ``Преамбула`` / ``Глава 2`` / ``Статья 3``),
numbered paragraphs ``1. text``, sub-paragraphs ``(a) text``, unnumbered lines as recitals
(under the preamble) or clauses (under an article). Parallel language versions follow
``@lang en`` / ``@lang ar`` lines and must have the same structure. ``{#id}`` after a label
gives a provision an identity other than the one its place gives it, ``{needs-translation}``
raises its translation flag. The grammar is in ``docs/text-engine.md``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from astana.core.language import LANGUAGES
from astana.core.text.brackets import NotationError, ProvisionText, UnsafeCharacterError
from astana.core.text.characters import unsafe_characters
from astana.core.text.document import Document, StructureError
from astana.core.text.numbering import heading_kind, label, subparagraph_ordinal
from astana.core.text.provision import Provision, ProvisionKind, derived_identity

__all__ = ["NEEDS_TRANSLATION", "detect_language", "format_document", "parse_document"]

#: The attribute that raises a provision's needs-translation flag in one language.
NEEDS_TRANSLATION: Final = "needs-translation"
_DIGITS: Final = r"[0-9]+|[٠-٩]+"
_ATTRS: Final = r"(?:[ \t]*(?P<attrs>\{[^{}]*\}))?"
_HEADING: Final = re.compile(
    rf"(?P<word>\w+)(?:[ \t]+(?P<num>{_DIGITS}|[IVXLCDM]+))?{_ATTRS}[ \t]*"
    r"(?:(?P<sep>[:.\-–—])[ \t]*(?P<text>.*))?"
)
_PARAGRAPH: Final = re.compile(rf"(?P<num>{_DIGITS})\.(?=\s|$){_ATTRS}[ \t]*(?P<text>.*)")
_SUBPARAGRAPH: Final = re.compile(
    r"\((?P<num>[a-z]{1,3}|[\u0621-\u064a]{1,3})\)(?=\s|$)" + _ATTRS + r"[ \t]*(?P<text>.*)"
)
_UNLABELLED: Final = re.compile(r"(?P<attrs>\{[^{}]*\})?[ \t]*(?P<text>.*)")
_LANG: Final = re.compile(r"@lang[ \t]+(?P<lang>\S+)[ \t]*")
_ARABIC: Final = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_LATIN: Final = re.compile(r"[A-Za-z]")


@dataclass
class _Line:
    kind: ProvisionKind | None  # None: an unlabelled line (title, recital or clause)
    text: str
    column: int  # 0-based column where ``text`` starts
    attrs: str | None = None
    attrs_column: int = 0


def _classify(line: str) -> _Line:
    heading = _HEADING.fullmatch(line)
    if heading:
        kind = heading_kind(heading.group("word"))
        numbered = heading.group("num") is not None
        if kind is not None and numbered == (kind is not ProvisionKind.PREAMBLE):
            text = heading.group("text") or ""
            start = heading.start("text") if heading.group("text") is not None else len(line)
            return _Line(kind, text, start, heading.group("attrs"), heading.start("attrs"))
    for kind, pattern in (
        (ProvisionKind.PARAGRAPH, _PARAGRAPH),
        (ProvisionKind.SUBPARAGRAPH, _SUBPARAGRAPH),
    ):
        match = pattern.fullmatch(line)
        if match and (kind is ProvisionKind.PARAGRAPH or subparagraph_ordinal(match["num"])):
            return _Line(
                kind, match["text"], match.start("text"), match["attrs"], match.start("attrs")
            )
    match = _UNLABELLED.fullmatch(line)
    assert match is not None
    return _Line(None, match["text"], match.start("text"), match["attrs"], match.start("attrs"))


def detect_language(source: str) -> str:
    """The language a text without ``@lang`` lines is written in, by its letters."""
    counts = {
        "ar": len(_ARABIC.findall(source)),
        "ru": len(_CYRILLIC.findall(source)),
        "en": len(_LATIN.findall(source)),
    }
    return max(("en", "ar", "ru"), key=lambda lang: counts[lang])


@dataclass
class _Node:
    id: str
    kind: ProvisionKind
    line: int
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Section:
    """What one ``@lang`` section says: its title, and a text and flag per provision."""

    language: str
    line: int
    title: ProvisionText | None = None
    order: list[tuple[str, ProvisionKind, str | None, int]] = field(default_factory=list)
    texts: dict[str, ProvisionText] = field(default_factory=dict)
    flagged: set[str] = field(default_factory=set)
    roots: list[_Node] = field(default_factory=list)


class _SectionReader:
    """Reads the lines of one language section into provisions."""

    def __init__(self, section: _Section) -> None:
        self.section = section
        self.nodes: dict[str, _Node] = {}
        self.counters: dict[tuple[str | None, ProvisionKind], int] = {}
        self.preamble: _Node | None = None
        self.chapter: _Node | None = None
        self.article: _Node | None = None
        self.paragraph: _Node | None = None
        self.started = False

    def read(self, number: int, raw: str) -> None:
        indent = len(raw) - len(raw.lstrip())
        line = raw.strip()
        if line.startswith("@"):
            raise NotationError("an unknown directive (only @lang xx is known)", number, indent + 1)
        parsed = _classify(line)
        parsed.column += indent
        parsed.attrs_column += indent
        if (
            parsed.kind is None
            and not self.started
            and parsed.attrs is None
            and self.section.title is None
        ):
            self.section.title = ProvisionText.parse(
                parsed.text, line=number, column=parsed.column + 1, refuse_unsafe=False
            )
            return
        self.started = True
        kind, parent = self.place(parsed, number)
        parent_id = parent.id if parent else None
        key = (
            (None, kind)
            if kind in (ProvisionKind.CHAPTER, ProvisionKind.ARTICLE)
            else (parent_id, kind)
        )
        self.counters[key] = self.counters.get(key, 0) + 1
        identity = derived_identity(parent_id, kind, self.counters[key])
        flagged = False
        if parsed.attrs is not None:
            identity, flagged = _attributes(parsed.attrs, identity, number, parsed.attrs_column + 1)
        if identity in self.nodes:
            raise NotationError(f"the identity {identity} is used twice", number, indent + 1)
        node = _Node(identity, kind, number)
        self.nodes[identity] = node
        (parent.children if parent else self.section.roots).append(node)
        self.section.order.append((identity, kind, parent_id, number))
        self.section.texts[identity] = ProvisionText.parse(
            parsed.text, line=number, column=parsed.column + 1, refuse_unsafe=False
        )
        if flagged:
            self.section.flagged.add(identity)
        self.remember(node)

    def place(self, parsed: _Line, number: int) -> tuple[ProvisionKind, _Node | None]:
        kind = parsed.kind
        if kind is ProvisionKind.PREAMBLE:
            if self.nodes:
                raise NotationError("the preamble must come first", number, 1)
            return kind, None
        if kind is ProvisionKind.CHAPTER:
            return kind, None
        if kind is ProvisionKind.ARTICLE:
            return kind, self.chapter
        if kind is ProvisionKind.PARAGRAPH:
            return kind, self.article or self.chapter
        if kind is ProvisionKind.SUBPARAGRAPH:
            if self.paragraph is None:
                raise NotationError("a sub-paragraph outside a numbered paragraph", number, 1)
            return kind, self.paragraph
        if self.preamble is not None:
            return ProvisionKind.RECITAL, self.preamble
        if self.article is not None:
            return ProvisionKind.CLAUSE, self.article
        raise NotationError(
            "text outside a provision: put it under Preamble or an article, or number it",
            number,
            1,
        )

    def remember(self, node: _Node) -> None:
        if node.kind is not ProvisionKind.RECITAL:
            self.preamble = None
        match node.kind:
            case ProvisionKind.PREAMBLE:
                self.preamble = node
            case ProvisionKind.CHAPTER:
                self.chapter, self.article, self.paragraph = node, None, None
            case ProvisionKind.ARTICLE:
                self.article, self.paragraph = node, None
            case ProvisionKind.PARAGRAPH:
                self.paragraph = node
            case ProvisionKind.CLAUSE:
                self.paragraph = None
            case _:
                pass


def _attributes(attrs: str, identity: str, line: int, column: int) -> tuple[str, bool]:
    flagged = False
    for token in attrs[1:-1].split():
        if token.startswith("#") and len(token) > 1:
            identity = token[1:]
        elif token == NEEDS_TRANSLATION:
            flagged = True
        else:
            raise NotationError(
                f"unknown attribute {token!r} (use #identity or {NEEDS_TRANSLATION})", line, column
            )
    try:
        Provision(identity, ProvisionKind.CLAUSE)
    except ValueError as error:
        raise NotationError(str(error), line, column) from None
    return identity, flagged


def parse_document(source: str, *, language: str | None = None) -> Document:
    """Read a document in the bracketed notation.

    A text without ``@lang`` lines is in ``language`` (guessed from its letters when
    ``None``). Raises :class:`NotationError` with line and column on any error, and
    :class:`UnsafeCharacterError` (listing every one) on direction controls and invisible
    characters anywhere in the file. The text is read in Unicode NFC.
    """
    source = source.lstrip("\ufeff")
    unsafe = unsafe_characters(source, line_breaks=True, tabs=True)
    if unsafe:  # checked once here for the whole file, so not again line by line
        raise UnsafeCharacterError(unsafe)
    source = unicodedata.normalize("NFC", source)
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    has_markers = any(_LANG.fullmatch(line.strip()) for line in lines)
    sections: list[_Section] = []
    readers: list[_SectionReader] = []
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        marker = _LANG.fullmatch(stripped)
        if marker:
            lang = marker["lang"]
            if lang not in LANGUAGES:
                raise NotationError(f"unknown language {lang!r}; use one of {LANGUAGES}", number, 7)
            if any(s.language == lang for s in sections):
                raise NotationError(f"a second @lang {lang} section", number, 1)
            sections.append(_Section(lang, number))
            readers.append(_SectionReader(sections[-1]))
            continue
        if not stripped:
            continue
        if not readers:
            if has_markers:
                raise NotationError("text before the first @lang line", number, 1)
            sections.append(_Section(language or detect_language(source), number))
            readers.append(_SectionReader(sections[-1]))
        readers[-1].read(number, raw)
    if not sections:
        sections.append(_Section(language or "en", 1))
    return _assemble(sections, len(lines))


def _assemble(sections: list[_Section], last_line: int) -> Document:
    first = sections[0]
    expected = [(i, k, p) for i, k, p, _ in first.order]
    for section in sections[1:]:
        for index, (identity, kind, parent, line) in enumerate(section.order):
            if index >= len(expected) or expected[index] != (identity, kind, parent):
                want = (
                    f"{expected[index][0]} ({expected[index][1]})"
                    if index < len(expected)
                    else "nothing"
                )
                raise NotationError(
                    f"{identity} ({kind}) does not match the {first.language} version, "
                    f"which has {want} here",
                    line,
                    1,
                )
        if len(section.order) < len(expected):
            missing = expected[len(section.order)][0]
            raise NotationError(
                f"the {section.language} version ends before {missing}", last_line, 1
            )

    def build(node: _Node) -> Provision:
        texts = tuple((s.language, s.texts[node.id]) for s in sections)
        flags = frozenset(s.language for s in sections if node.id in s.flagged)
        return Provision(node.id, node.kind, texts, flags, tuple(build(c) for c in node.children))

    titles = tuple((s.language, s.title) for s in sections if s.title is not None)
    document = Document(
        tuple(s.language for s in sections), tuple(build(n) for n in first.roots), titles
    )
    try:
        return document.validate()
    except StructureError as error:
        raise NotationError(str(error), last_line, 1) from None


def format_document(document: Document) -> str:
    """Write ``document`` in the notation; ``parse_document`` reads it back unchanged."""
    lines: list[str] = []
    for language in document.languages:
        if lines:
            lines.append("")
        lines.extend((f"@lang {language}", ""))
        title = document.title(language)
        if title:
            lines.extend((_escape_line(str(title)), ""))
        _write_children(document, document.provisions, None, language, lines)
    return "\n".join(lines) + "\n"


def _write_children(
    document: Document,
    children: tuple[Provision, ...],
    parent: str | None,
    language: str,
    lines: list[str],
) -> None:
    counters: dict[ProvisionKind, int] = {}
    for child in children:
        counters[child.kind] = counters.get(child.kind, 0) + 1
        ordinal = document.ordinal(child.id) or counters[child.kind]
        attrs: list[str] = []
        if child.id != derived_identity(parent, child.kind, ordinal):
            attrs.append(f"#{child.id}")
        if language in child.needs_translation:
            attrs.append(NEEDS_TRANSLATION)
        text = str(child.text(language))
        opener = label(child.kind, ordinal, language)
        if opener and child.kind in (
            ProvisionKind.PREAMBLE,
            ProvisionKind.CHAPTER,
            ProvisionKind.ARTICLE,
        ):
            if lines and lines[-1]:
                lines.append("")
            line = opener + (" {" + " ".join(attrs) + "}" if attrs else "")
            line += f": {text}" if text else ""
        elif opener:
            line = " ".join(
                [opener, *(["{" + " ".join(attrs) + "}"] if attrs else []), text]
            ).rstrip()
        else:
            if not text and not attrs:
                attrs.append(f"#{child.id}")
            prefix = "{" + " ".join(attrs) + "} " if attrs else ""
            line = (prefix + text).rstrip() if attrs else _escape_line(text)
        lines.append(line)
        _write_children(document, child.children, child.id, language, lines)


def _escape_line(text: str) -> str:
    """Keep an unlabelled line from reading as a heading, a number or a directive."""
    if text.startswith("@") or _classify(text).kind is not None:
        return "\\" + text
    return text
