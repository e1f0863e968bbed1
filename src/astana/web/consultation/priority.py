"""Which statement a participant sees next: Pol.is' comment priority.

Pol.is (``math/src/polismath/math/conversation.clj``) weighs each statement by

    importance = (1 − p) · (E + 1) · a,   a = (A + 1)/(S + 2),  p = (P + 1)/(S + 2)
    priority   = (importance · (1 + 8 · 2^(−S/5)))²

where A, P and S are the statement's agree, pass and total votes and E its extremity (the
length of its loading on the opinion map: how much it separates the groups). New statements
(few votes) get up to nine times the weight; statements many pass on sink; statements that
are agreed with (consensus) or that divide the groups (representative) rise. The next
statement is drawn at random with these weights among the accepted statements the
participant has not voted on, so participants do not all see the same one; a voted
statement is never shown again.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["StatementTally", "choose_next", "priority"]


@dataclass(frozen=True)
class StatementTally:
    """A statement's votes so far and its extremity on the last stored opinion map."""

    statement_id: int
    agree: int = 0
    passes: int = 0
    seen: int = 0
    extremity: float = 0.0


def priority(tally: StatementTally) -> float:
    """Pol.is' priority of a statement (always positive)."""
    seen = tally.seen
    agree = (tally.agree + 1) / (seen + 2)
    passed = (tally.passes + 1) / (seen + 2)
    importance = (1 - passed) * (tally.extremity + 1) * agree
    return float((importance * (1 + 8 * 2 ** (-seen / 5))) ** 2)


def choose_next(
    tallies: Sequence[StatementTally],
    voted: set[int] | frozenset[int],
    *,
    rng: random.Random,
) -> int | None:
    """The id of the next statement to show, or None when every one has been voted on."""
    unseen = [t for t in tallies if t.statement_id not in voted]
    if not unseen:
        return None
    weights = [priority(t) for t in unseen]
    return rng.choices(unseen, weights=weights, k=1)[0].statement_id


def ranked(tallies: Sequence[StatementTally]) -> Mapping[int, float]:
    """Every statement's priority, by id (for the moderators' view and the tests)."""
    return {t.statement_id: priority(t) for t in tallies}
