"""Counts over a text: provisions, brackets, options, alternatives, notes, words and words
still in brackets; and its outline (each provision's kind, label as written and depth).

A *bracket* is a plain bracketed span (``[...]``), nested ones counted each; a bracket that
spans lines is one fragment per provision and counts once, where it opens. An *option
group* is a set of competing wordings: an inline ``[Option 1: ...] [Option 2: ...]``, or
consecutive block options (``Option 1:`` lines, provisions of kind ``option``) among
siblings, a new group starting where an option's number is 1 (``Option 1``, ``Option I``,
``Option (a)``); *options* are the options of those groups. An *alternative* is a set of
adjacent bracketed wordings: brackets that touch (``[shall][should]``, ``[ADP][COP]``, one
set however many) or a bracket that opens with a slash after a word (``and[/or]``).
Brackets separated by a space (``[in 2018] [in 2019]``) are not counted as alternatives:
they may be wordings in sequence (``[mitigation] [contribution]``). *Notes* are drafting
notes and footnotes: inline ``{...}`` notes and provisions of kind ``note``.

Words are counted in the text as read (option labels, attributions and notes are notation,
not words); a word is *bracketed* when it stands inside any bracket or option, however
deeply nested.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any, Final

from astana.core.text.brackets import Bracket, Inline, Note, OptionGroup, ProvisionText
from astana.core.text.document import Document
from astana.core.text.provision import Provision, ProvisionKind
from astana.core.text.words import count_words

__all__ = [
    "DocumentStatistics",
    "OutlineEntry",
    "TextStatistics",
    "document_statistics",
    "outline",
    "text_statistics",
]

#: The number that opens a block option's label (``Option 2``, ``Option II``, ``Option (b)``;
#: ``Option 1bis`` does not open a group).
_OPTION_NUMBER: Final = re.compile(r"\(?(?P<number>[0-9]+[a-z]*|[٠-٩]+|[IVXLC]+\b|[a-z]\b)\)?")
_FIRST: Final = frozenset({"1", "١", "I", "a"})


@dataclass(frozen=True)
class TextStatistics:
    """Counts for one text in one language."""

    brackets: int = 0
    options: int = 0
    words: int = 0
    bracketed_words: int = 0
    option_groups: int = 0
    alternatives: int = 0
    notes: int = 0

    def __add__(self, other: TextStatistics) -> TextStatistics:
        return TextStatistics(
            *(getattr(self, f.name) + getattr(other, f.name) for f in fields(TextStatistics))
        )


def _opens_with_slash(bracket: Bracket) -> bool:
    first = bracket.content[0] if bracket.content else ""
    return isinstance(first, str) and first.startswith("/")


def _starts_alternatives(parts: Sequence[Inline], index: int) -> bool:
    """Whether the bracket at ``index`` (touching no bracket before it) opens a set of
    alternatives: a bracket touches it after, or it opens with a slash after a word."""
    following = parts[index + 1] if index + 1 < len(parts) else None
    if isinstance(following, Bracket):
        return True
    bracket = parts[index]
    assert isinstance(bracket, Bracket)
    previous = parts[index - 1] if index > 0 else None
    return _opens_with_slash(bracket) and isinstance(previous, str) and previous[-1:].isalnum()


def _count(parts: Sequence[Inline], inside: bool) -> TextStatistics:
    total = TextStatistics()
    touching = False  # the previous part is a bracket this one may touch
    for index, part in enumerate(parts):
        if isinstance(part, str):
            n = count_words(part)
            total += TextStatistics(words=n, bracketed_words=n if inside else 0)
            touching = False
        elif isinstance(part, Bracket):
            starts = not touching and _starts_alternatives(parts, index)
            total += TextStatistics(brackets=part.opens, alternatives=int(starts))
            total += _count(part.content, True)
            touching = True
        elif isinstance(part, OptionGroup):
            total += TextStatistics(options=len(part.options), option_groups=1)
            for option in part.options:
                total += _count(option.content, True)
            touching = False
        elif isinstance(part, Note):
            total += TextStatistics(notes=1)
            touching = False
    return total


def text_statistics(text: ProvisionText) -> TextStatistics:
    """Brackets, options, alternatives, notes, words and bracketed words of one text."""
    if not text.is_bracketed:
        return TextStatistics(words=sum(count_words(p) for p in text.parts if isinstance(p, str)))
    return _count(text.parts, False)


@dataclass(frozen=True)
class DocumentStatistics:
    """What ``astana text stats`` prints."""

    provisions: int
    brackets: int
    options: int
    words: int
    bracketed_words: int
    languages: tuple[str, ...]
    option_groups: int = 0
    alternatives: int = 0
    notes: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "provisions": self.provisions,
            "brackets": self.brackets,
            "option_groups": self.option_groups,
            "options": self.options,
            "alternatives": self.alternatives,
            "notes": self.notes,
            "words": self.words,
            "bracketed_words": self.bracketed_words,
            "languages": list(self.languages),
        }


def _starts_group(label: str) -> bool:
    """Whether a block option labelled ``label`` (``Option 1``) opens a new group."""
    words = label.split(None, 1)
    found = _OPTION_NUMBER.match(words[1]) if len(words) > 1 else None
    return found is None or found["number"] in _FIRST


def _block_options(
    document: Document, siblings: Sequence[Provision], language: str
) -> tuple[int, int]:
    """(groups, options) among ``siblings`` and, below them, their children."""
    groups = options = 0
    previous_option = False
    for provision in siblings:
        if provision.kind is ProvisionKind.OPTION:
            options += 1
            if not previous_option or _starts_group(document.label(provision.id, language)):
                groups += 1
            previous_option = True
        else:
            previous_option = False
        deeper = _block_options(document, provision.children, language)
        groups, options = groups + deeper[0], options + deeper[1]
    return groups, options


def document_statistics(
    document: Document, languages: Iterable[str] | None = None
) -> DocumentStatistics:
    """Counts over the titles and provisions of ``languages`` (all by default)."""
    chosen = tuple(languages) if languages is not None else document.languages
    total = TextStatistics()
    count = notes = 0
    for provision in document.walk():
        count += 1
        if provision.kind is ProvisionKind.NOTE:
            notes += 1  # a note's text is neither wording nor brackets
            continue
        for language in chosen:
            total += text_statistics(provision.text(language))
    for language in chosen:
        total += text_statistics(document.title(language))
    groups, options = _block_options(document, document.provisions, document.languages[0])
    times = len(chosen)  # block options stand in every language version alike
    return DocumentStatistics(
        provisions=count,
        brackets=total.brackets,
        options=total.options + options * times,
        words=total.words,
        bracketed_words=total.bracketed_words,
        languages=chosen,
        option_groups=total.option_groups + groups * times,
        alternatives=total.alternatives,
        notes=total.notes + notes * times,
    )


@dataclass(frozen=True)
class OutlineEntry:
    """One provision in a document's outline: its identity, kind, label as written (``""``
    for kinds without labels) and how deep it stands (0 at the top)."""

    id: str
    kind: ProvisionKind
    label: str
    depth: int

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {"id": self.id, "kind": str(self.kind), "label": self.label, "depth": self.depth}


def outline(document: Document, language: str | None = None) -> list[OutlineEntry]:
    """Every provision in document order with its kind, its label in ``language`` (the
    document's first language by default) as :meth:`Document.label` shows it, and its depth."""
    chosen = language or document.languages[0]
    entries: list[OutlineEntry] = []
    pending: list[tuple[Provision, int]] = [(p, 0) for p in reversed(document.provisions)]
    while pending:
        provision, depth = pending.pop()
        entries.append(
            OutlineEntry(provision.id, provision.kind, document.label(provision.id, chosen), depth)
        )
        pending.extend((child, depth + 1) for child in reversed(provision.children))
    return entries
