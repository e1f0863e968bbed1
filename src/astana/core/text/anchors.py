"""Anchors: where inside a provision's text a word-level proposal applies.

An anchor is a text quote (like the W3C ``TextQuoteSelector``): the exact span, a little of
the text before and after it, and where it was. It is resolved against the provision's
text in the bracketed notation as it is *now*, so it survives unrelated edits (words added
elsewhere, brackets put around other words, renumbering); it is lost only when the quoted
words themselves are gone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Final

__all__ = ["AnchorLostError", "TextAnchor"]

_CONTEXT: Final = 32


class AnchorLostError(ValueError):
    """The quoted words are no longer in the text."""


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@dataclass(frozen=True)
class TextAnchor:
    """A span of a provision's text: ``exact`` between ``prefix`` and ``suffix``.

    An empty ``exact`` marks a point (where words are to be inserted).
    """

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0

    @classmethod
    def at(cls, text: str, start: int, end: int, *, context: int = _CONTEXT) -> TextAnchor:
        """The anchor of ``text[start:end]``."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} is outside a text of {len(text)} characters")
        return cls(
            text[start:end], text[max(0, start - context) : start], text[end : end + context], start
        )

    @classmethod
    def quote(cls, text: str, words: str, *, occurrence: int = 1) -> TextAnchor:
        """The anchor of the ``occurrence``-th appearance of ``words`` in ``text`` (as whole
        words: ``all`` is not found in ``call``)."""
        head = r"(?<!\w)" if words[:1].isalnum() else ""
        tail = r"(?!\w)" if words[-1:].isalnum() else ""
        found = list(re.finditer(head + re.escape(words) + tail, text))
        if not words or len(found) < occurrence:
            raise AnchorLostError(f"{words!r} does not occur {occurrence} time(s) in the text")
        match = found[occurrence - 1]
        return cls.at(text, match.start(), match.end())

    @classmethod
    def after(cls, text: str, words: str, *, occurrence: int = 1) -> TextAnchor:
        """The point right after the ``occurrence``-th appearance of ``words``."""
        quoted = cls.quote(text, words, occurrence=occurrence)
        end = quoted.start + len(words)
        return cls.at(text, end, end)

    def resolve(self, text: str) -> tuple[int, int]:
        """Where the anchor stands in ``text`` now, as ``(start, end)``."""
        candidates = self._occurrences(text, self.exact) if self.exact else self._points(text)
        if not candidates:
            raise AnchorLostError(f"the anchored words {self.exact!r} are no longer in the text")
        best = max(candidates, key=lambda at: self._score(text, at))
        return best, best + len(self.exact)

    def _occurrences(self, text: str, needle: str) -> list[int]:
        found: list[int] = []
        at = text.find(needle)
        while at >= 0:
            found.append(at)
            at = text.find(needle, at + 1)
        return found

    def _points(self, text: str) -> list[int]:
        """Candidate insertion points: where the longest piece of context still stands."""
        if not self.prefix and not self.suffix:
            return [min(self.start, len(text))]
        for size in (_CONTEXT, 16, 8, 4, 2, 1):
            before, after = self.prefix[-size:], self.suffix[:size]
            points = [at + len(before) for at in self._occurrences(text, before + after)]
            if points:
                return points
            points = [at + len(before) for at in self._occurrences(text, before)] if before else []
            points += self._occurrences(text, after) if after else []
            if points:
                return points
        return []

    def _score(self, text: str, at: int) -> tuple[int, int]:
        end = at + len(self.exact)
        context = _common_suffix(text[max(0, at - len(self.prefix)) : at], self.prefix)
        context += _common_prefix(text[end : end + len(self.suffix)], self.suffix)
        return context, -abs(at - self.start)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TextAnchor:
        """Rebuild an anchor from :meth:`to_dict`'s output."""
        return cls(str(data["exact"]), str(data["prefix"]), str(data["suffix"]), int(data["start"]))
