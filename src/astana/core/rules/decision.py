"""Apply a decision rule to a tally: the outcome, every check made, and why.

The order of evaluation is fixed and documented in ``docs/rules.md``:

1. The quorum (if the rule has one): ``present >= needed`` of the members, in the whole
   body or in each bloc. If it fails the proposal is not adopted, whatever the votes.
2. The stages, in order. A stage holds when every one of its requirements holds; the
   first stage that holds adopts the proposal and later stages are not looked at.

Signatures are decisions too: ``decide_signatures`` counts a party that signed as a vote
in favour and a party that did not as absent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from astana.core.rules.rule import Consensus, Quorum, Requirement, Rule, Stage, Vote
from astana.core.rules.tally import BlocTally, Tally
from astana.core.rules.threshold import Base

__all__ = ["Check", "Outcome", "StageResult", "Subject", "decide", "decide_signatures"]

Subject = Literal["vote", "signature"]


@dataclass(frozen=True)
class Check:
    """One requirement (or the quorum) measured on the whole body or on one bloc.

    ``count`` is what was counted (present for a quorum, formal objections for consensus,
    votes in favour for a vote) and ``base`` what it is out of (members for a quorum,
    those present for consensus, the rule's base for a vote). ``needed`` is ``None`` for
    consensus, which needs no objection rather than a number.
    """

    requirement: Requirement | Quorum
    tally: Tally
    bloc: str | None
    count: int
    base: int
    needed: int | None
    met: bool


@dataclass(frozen=True)
class StageResult:
    """The checks of one stage; the stage holds when all of them are met."""

    stage: Stage
    checks: tuple[Check, ...]

    @property
    def met(self) -> bool:
        """True when every requirement of the stage holds."""
        return all(check.met for check in self.checks)


@dataclass(frozen=True)
class Outcome:
    """What a rule decided on a tally, with every check that led there."""

    rule: Rule
    tally: Tally
    blocs: tuple[BlocTally, ...]
    quorum: tuple[Check, ...]
    stages: tuple[StageResult, ...]
    subject: Subject = "vote"

    @property
    def quorum_met(self) -> bool:
        """True when there is no quorum or it is met (in each bloc when asked)."""
        return all(check.met for check in self.quorum)

    @property
    def adopted(self) -> bool:
        """The quorum is met and some stage holds."""
        return self.quorum_met and any(stage.met for stage in self.stages)

    @property
    def decisive(self) -> StageResult:
        """The stage that adopted, or the last stage tried when none did."""
        return next((stage for stage in self.stages if stage.met), self.stages[-1])

    @property
    def needed(self) -> int | None:
        """Votes in favour the decisive stage needs in the whole body (the largest of its
        whole-body votes); ``None`` when it has only consensus or per-bloc requirements."""
        counts = [
            check.needed
            for check in self.decisive.checks
            if check.bloc is None
            and isinstance(check.requirement, Vote)
            and check.needed is not None
        ]
        return max(counts) if counts else None

    def explain(self, lang: str = "en") -> str:
        """The outcome in words, in ``ar``, ``en`` or ``ru``."""
        from astana.core.rules.explanation import explain_outcome

        return explain_outcome(self, lang)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary: the verdict, the counts and every check."""
        t = self.tally
        return {
            "adopted": self.adopted,
            "needed": self.needed,
            "rule": str(self.rule),
            "subject": self.subject,
            "quorum_met": self.quorum_met,
            "decided_by": str(self.decisive.stage) if self.adopted else None,
            "tally": {
                "members": t.members,
                "present": t.present,
                "absent": t.absent,
                "yes": t.yes,
                "no": t.no,
                "abstain": t.abstain,
                "votes_cast": t.votes_cast,
            },
            "checks": [_check_record(check, "quorum") for check in self.quorum]
            + [
                _check_record(check, str(result.stage))
                for result in self.stages
                for check in result.checks
            ],
        }


def _check_record(check: Check, stage: str) -> dict[str, object]:
    return {
        "stage": stage,
        "requirement": str(check.requirement),
        "bloc": check.bloc,
        "count": check.count,
        "base": check.base,
        "needed": check.needed,
        "met": check.met,
    }


def _base_size(tally: Tally, base: Base) -> int:
    if base is Base.MEMBERS:
        return tally.members
    if base is Base.PRESENT:
        return tally.present
    return tally.votes_cast


def _measure(requirement: Requirement | Quorum, tally: Tally, bloc: str | None) -> Check:
    if isinstance(requirement, Quorum):
        needed = max(1, requirement.threshold.needed(tally.members))
        met = tally.present >= needed
        return Check(requirement, tally, bloc, tally.present, tally.members, needed, met)
    if isinstance(requirement, Consensus):
        met = tally.no == 0 and tally.yes >= 1
        return Check(requirement, tally, bloc, tally.no, tally.present, None, met)
    base = _base_size(tally, requirement.base)
    needed = max(1, requirement.threshold.needed(base))
    return Check(requirement, tally, bloc, tally.yes, base, needed, tally.yes >= needed)


def _checks(
    requirement: Requirement | Quorum, tally: Tally, blocs: tuple[BlocTally, ...]
) -> list[Check]:
    if isinstance(requirement, Consensus) or not requirement.in_each_bloc:
        return [_measure(requirement, tally, None)]
    return [_measure(requirement, bloc.tally, bloc.name) for bloc in blocs]


def decide(
    rule: Rule,
    tally: Tally | None = None,
    *,
    blocs: Sequence[BlocTally] = (),
    subject: Subject = "vote",
) -> Outcome:
    """Apply ``rule`` to the tally of the whole body and, where it counts blocs, of each bloc.

    Give ``tally``, ``blocs`` or both; with both, the blocs must add up to the tally.
    Raises ``ValueError`` when a rule counting blocs gets none, or the counts disagree.
    """
    bloc_tallies = tuple(blocs)
    names = [bloc.name for bloc in bloc_tallies]
    if len(set(names)) != len(names):
        raise ValueError("each bloc must be named once")
    if bloc_tallies:
        total = Tally.total(bloc.tally for bloc in bloc_tallies)
        if tally is not None and tally != total:
            raise ValueError(
                f"the blocs add up to {total.members} members, {total.present} present, "
                f"{total.yes} yes, {total.no} no, {total.abstain} abstaining, which differs "
                f"from the tally given ({tally.members}, {tally.present}, {tally.yes}, "
                f"{tally.no}, {tally.abstain})"
            )
        tally = total
    if tally is None:
        raise ValueError("give the tally of the body or of its blocs")
    if rule.counts_blocs and not bloc_tallies:
        raise ValueError(f"the rule '{rule}' counts each bloc: give the tally of each bloc")
    quorum = () if rule.quorum is None else tuple(_checks(rule.quorum, tally, bloc_tallies))
    stages: list[StageResult] = []
    for stage in rule.stages:
        checks = [c for r in stage.requirements for c in _checks(r, tally, bloc_tallies)]
        stages.append(StageResult(stage, tuple(checks)))
        if stages[-1].met:
            break
    return Outcome(rule, tally, bloc_tallies, quorum, tuple(stages), subject)


def decide_signatures(
    rule: Rule,
    *,
    parties: int,
    signed: int,
    blocs: Mapping[str, tuple[int, int]] | None = None,
) -> Outcome:
    """Whether enough parties signed: a signature counts as a vote in favour, a missing one
    as an absence. ``blocs`` maps a bloc's name to ``(parties, signed)``.

    Only votes of members make sense here (``majority of members``, ``all of members``,
    ``2/3 of members in each bloc``); consensus, a quorum or another base raise ``ValueError``.
    """
    if rule.quorum is not None:
        raise ValueError("a signature count has no quorum")
    for requirement in rule.requirements:
        if isinstance(requirement, Consensus):
            raise ValueError("consensus is not a signature count: use 'all of members'")
        if requirement.base is not Base.MEMBERS:
            raise ValueError("signatures are counted of members (the parties)")
    if not 0 <= signed <= parties:
        raise ValueError(f"signed ({signed}) must be between 0 and parties ({parties})")
    tally = Tally(members=parties, present=signed, yes=signed, no=0)
    bloc_tallies = [
        BlocTally(name, Tally(members=n, present=s, yes=s, no=0))
        for name, (n, s) in (blocs or {}).items()
    ]
    return decide(rule, tally, blocs=bloc_tallies, subject="signature")
