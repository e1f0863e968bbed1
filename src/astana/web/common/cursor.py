"""Where a reader of a round's live events is: the last number it has in each scope it may
read (the round's shared events, and its own delegation's private ones).

``EventCursor.parse("r41.d7")`` is shared event 41 and private event 7; ``str`` gives the
same text back (``"r41"`` where the private part is 0). It is what the event stream sends as
each event's id, so a browser reconnecting with ``Last-Event-ID`` resumes exactly where it
was, and what ``?after=`` takes. Numbers count only what the reader may see, so a cursor
says nothing about another delegation's caucus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["EventCursor", "event_reference"]

MAX_NUMBER = 2**31 - 1
_CURSOR = re.compile(r"r(0|[1-9]\d{0,9})(?:\.d([1-9]\d{0,9}))?")


@dataclass(frozen=True)
class EventCursor:
    shared: int = 0
    private: int = 0

    def __post_init__(self) -> None:
        for number in (self.shared, self.private):
            if not 0 <= number <= MAX_NUMBER:
                raise ValueError(f"An event number is between 0 and {MAX_NUMBER}.")

    @classmethod
    def parse(cls, text: str) -> EventCursor:
        found = _CURSOR.fullmatch(text)
        if found is None:
            raise ValueError(
                f"{text!r} is not an event cursor: 'r<n>' or 'r<n>.d<m>' "
                "(the last shared and the last own-delegation event number)."
            )
        return cls(int(found[1]), int(found[2] or 0))

    def __str__(self) -> str:
        return f"r{self.shared}.d{self.private}" if self.private else f"r{self.shared}"

    def advanced(self, number: int, *, private: bool) -> EventCursor:
        """The cursor once the event numbered ``number`` in the given scope was read."""
        return replace(self, private=number) if private else replace(self, shared=number)


def event_reference(number: int, *, private: bool) -> str:
    """How an event is named to its readers: ``r12`` (shared), ``d3`` (own delegation)."""
    return f"d{number}" if private else f"r{number}"
