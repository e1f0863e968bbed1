"""A decision rule as data: a quorum, then stages tried in order, each a set of requirements.

``quorum 2/3 of members; consensus else 3/4 of members`` reads: the meeting decides only
when two thirds of the members are present; a proposal is adopted by consensus (no formal
objection), failing that by three quarters of all members. Within a stage, ``and`` joins
requirements that must all hold (``2/3 of members and majority of votes cast in each bloc``).

``Rule.parse(text)`` reads the syntax documented in ``docs/rules.md`` and raises
``RuleSyntaxError`` (a ``ValueError``) with the column and the reason; ``str(rule)`` prints
the canonical text, and ``Rule.parse(str(rule)) == rule`` for every rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from astana.core.rules.threshold import Base, Threshold

__all__ = ["Consensus", "Quorum", "Requirement", "Rule", "Stage", "Vote"]

_IN_EACH_BLOC = " in each bloc"


@dataclass(frozen=True)
class Consensus:
    """Adopted when no one present makes a formal objection and at least one is in favour.

    Abstentions ("standing aside") do not block consensus; absences do not count.
    """

    def __str__(self) -> str:
        return "consensus"


@dataclass(frozen=True)
class Vote:
    """At least ``threshold`` of ``base`` in favour, in the whole body or in each bloc.

    Whatever the threshold, a vote needs at least one vote in favour: ``2/3 of votes cast``
    with no votes cast is not adopted.
    """

    threshold: Threshold
    base: Base
    in_each_bloc: bool = False

    def __str__(self) -> str:
        suffix = _IN_EACH_BLOC if self.in_each_bloc else ""
        return f"{self.threshold} of {self.base}{suffix}"


Requirement = Consensus | Vote


@dataclass(frozen=True)
class Stage:
    """Requirements that must all hold at once (written joined by ``and``)."""

    requirements: tuple[Requirement, ...]

    def __post_init__(self) -> None:
        if not self.requirements:
            raise ValueError("a stage needs at least one requirement")

    @property
    def counts_blocs(self) -> bool:
        """True when a requirement is counted in each bloc."""
        return any(isinstance(r, Vote) and r.in_each_bloc for r in self.requirements)

    def __str__(self) -> str:
        return " and ".join(str(r) for r in self.requirements)


@dataclass(frozen=True)
class Quorum:
    """Enough members present for the body to decide: ``threshold`` of the members.

    ``in_each_bloc`` asks for the quorum in every bloc, each of its own members.
    """

    threshold: Threshold
    in_each_bloc: bool = False

    def __str__(self) -> str:
        suffix = _IN_EACH_BLOC if self.in_each_bloc else ""
        return f"quorum {self.threshold} of members{suffix}"


@dataclass(frozen=True)
class Rule:
    """A quorum (optional) and stages tried in order; the first stage that holds adopts."""

    stages: tuple[Stage, ...]
    quorum: Quorum | None = None

    def __post_init__(self) -> None:
        if not self.stages:
            raise ValueError("a rule needs at least one stage")

    @classmethod
    def parse(cls, text: str) -> Rule:
        """Read a rule from its text; raises ``RuleSyntaxError`` (a ``ValueError``)."""
        from astana.core.rules.syntax import parse_rule  # the parser builds Rule objects

        return parse_rule(text)

    @classmethod
    def of(cls, *stages: Requirement | Stage, quorum: Quorum | None = None) -> Rule:
        """Build a rule from stages, a lone requirement standing for a one-item stage."""
        return cls(
            tuple(s if isinstance(s, Stage) else Stage((s,)) for s in stages),
            quorum,
        )

    @property
    def counts_blocs(self) -> bool:
        """True when the rule needs the tally of each bloc."""
        quorum_blocs = self.quorum is not None and self.quorum.in_each_bloc
        return quorum_blocs or any(stage.counts_blocs for stage in self.stages)

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        """Every requirement of every stage, in order."""
        return tuple(r for stage in self.stages for r in stage.requirements)

    def __str__(self) -> str:
        decision = " else ".join(str(stage) for stage in self.stages)
        return decision if self.quorum is None else f"{self.quorum}; {decision}"
