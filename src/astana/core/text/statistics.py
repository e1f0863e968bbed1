"""Counts over a text: provisions, brackets, options, words and words still in brackets.

A *bracket* is a bracketed span that is not an option; an *option* is one alternative of
an option group. Words are counted in the text as read (option labels and attributions
are notation, not words); a word is *bracketed* when it stands inside any bracket or
option, however deeply nested.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from astana.core.text.brackets import Bracket, Inline, OptionGroup, ProvisionText
from astana.core.text.document import Document
from astana.core.text.words import count_words

__all__ = ["DocumentStatistics", "TextStatistics", "document_statistics", "text_statistics"]


@dataclass(frozen=True)
class TextStatistics:
    """Counts for one text in one language."""

    brackets: int = 0
    options: int = 0
    words: int = 0
    bracketed_words: int = 0

    def __add__(self, other: TextStatistics) -> TextStatistics:
        return TextStatistics(
            self.brackets + other.brackets,
            self.options + other.options,
            self.words + other.words,
            self.bracketed_words + other.bracketed_words,
        )


def _count(parts: Iterable[Inline], inside: bool, tally: list[int]) -> None:
    for part in parts:
        if isinstance(part, str):
            n = count_words(part)
            tally[2] += n
            if inside:
                tally[3] += n
        elif isinstance(part, Bracket):
            tally[0] += part.opens
            _count(part.content, True, tally)
        elif isinstance(part, OptionGroup):
            tally[1] += len(part.options)
            for option in part.options:
                _count(option.content, True, tally)


def text_statistics(text: ProvisionText) -> TextStatistics:
    """Brackets, options, words and bracketed words of one text."""
    if not text.is_bracketed:
        return TextStatistics(words=sum(count_words(p) for p in text.parts if isinstance(p, str)))
    tally = [0, 0, 0, 0]
    _count(text.parts, False, tally)
    return TextStatistics(*tally)


@dataclass(frozen=True)
class DocumentStatistics:
    """What ``astana text stats`` prints."""

    provisions: int
    brackets: int
    options: int
    words: int
    bracketed_words: int
    languages: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "provisions": self.provisions,
            "brackets": self.brackets,
            "options": self.options,
            "words": self.words,
            "bracketed_words": self.bracketed_words,
            "languages": list(self.languages),
        }


def document_statistics(
    document: Document, languages: Iterable[str] | None = None
) -> DocumentStatistics:
    """Counts over the titles and provisions of ``languages`` (all by default)."""
    chosen = tuple(languages) if languages is not None else document.languages
    total = TextStatistics()
    count = 0
    for provision in document.walk():
        count += 1
        for language in chosen:
            total += text_statistics(provision.text(language))
    for language in chosen:
        total += text_statistics(document.title(language))
    return DocumentStatistics(
        count, total.brackets, total.options, total.words, total.bracketed_words, chosen
    )
