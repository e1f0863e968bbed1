"""A committee's composition rules, and a proposed composition to check against them.

A ``CommitteeDefinition`` names the blocs with their seats (in the committee and in its
smaller drafting body) and the body that nominates each bloc's members, how many
co-chairs there are and which blocs name one each, quotas (``at least 30% women
overall``), the actors whose approval every member needs, and the decision rule.
A ``Composition`` is the list of ``Member`` entries proposed for it;
``astana.core.rules.composition_check.check_composition`` says which rule fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final, Literal

from astana.core.rules.rule import Consensus, Rule
from astana.core.rules.threshold import Threshold

__all__ = [
    "BlocSeats",
    "CommitteeDefinition",
    "Composition",
    "Gender",
    "Member",
    "Quota",
    "QuotaScope",
]

Gender = Literal["woman", "man"]
QuotaScope = Literal["overall", "each bloc", "small body"]

_GROUPS: Final[dict[str, Gender]] = {"women": "woman", "men": "man"}
_SCOPES: Final[dict[str, QuotaScope]] = {
    "overall": "overall",
    "in each bloc": "each bloc",
    "in the small body": "small body",
}
_QUOTA: Final = re.compile(r"at least (?P<share>\S+) (?P<group>women|men) (?P<scope>.+)")


@dataclass(frozen=True)
class Quota:
    """At least a share of the seats of a scope held by one gender.

    The share is of the seats the definition provides (150, or 50 per bloc), not of the
    seats filled, so an incomplete list cannot meet a quota it would miss when complete.
    Written ``at least 30% women overall``, ``... in each bloc``, ``... in the small body``.
    """

    gender: Gender
    at_least: Threshold
    scope: QuotaScope = "overall"

    def __post_init__(self) -> None:
        if self.at_least.strict or self.at_least.style == "majority":
            raise ValueError("a quota is written 'at least' a fraction or a percentage")

    @classmethod
    def parse(cls, text: str) -> Quota:
        """Read ``at least 30% women overall``; ``ValueError`` when malformed."""
        match = _QUOTA.fullmatch(" ".join(text.split()).lower())
        if match is None or match["scope"] not in _SCOPES:
            raise ValueError(
                f"quota {text!r}: expected 'at least SHARE women|men "
                "overall|in each bloc|in the small body'"
            )
        threshold = Threshold.parse(match["share"])
        return cls(_GROUPS[match["group"]], threshold, _SCOPES[match["scope"]])

    def __str__(self) -> str:
        group = next(name for name, gender in _GROUPS.items() if gender == self.gender)
        scope = next(text for text, scope in _SCOPES.items() if scope == self.scope)
        return f"at least {self.at_least} {group} {scope}"


@dataclass(frozen=True)
class BlocSeats:
    """A bloc: its seats, its seats in the small body, and who nominates its members."""

    name: str
    seats: int
    small_body_seats: int = 0
    nominated_by: str | None = None

    def __post_init__(self) -> None:
        if self.seats < 1:
            raise ValueError(f"bloc {self.name!r}: needs at least one seat")
        if not 0 <= self.small_body_seats <= self.seats:
            raise ValueError(
                f"bloc {self.name!r}: {self.small_body_seats} small-body seats "
                f"for {self.seats} seats"
            )


@dataclass(frozen=True)
class CommitteeDefinition:
    """The composition rules of a committee and the rule by which it decides.

    ``co_chair_blocs`` lists the blocs that each name exactly one co-chair (for the
    Syrian Constitutional Committee: the government and the opposition); left empty,
    only the number of co-chairs is checked.
    """

    name: str
    blocs: tuple[BlocSeats, ...]
    co_chairs: int = 0
    co_chair_blocs: tuple[str, ...] = ()
    quotas: tuple[Quota, ...] = ()
    approvers: tuple[str, ...] = ()
    decision_rule: Rule = field(default_factory=lambda: Rule.of(Consensus()))

    def __post_init__(self) -> None:
        names = [bloc.name for bloc in self.blocs]
        if not names or len(set(names)) != len(names):
            raise ValueError(f"committee {self.name!r}: blocs must be given, each once")
        unknown = [name for name in self.co_chair_blocs if name not in names]
        if unknown:
            raise ValueError(f"committee {self.name!r}: co-chairs from unknown bloc {unknown}")
        if len(set(self.co_chair_blocs)) != len(self.co_chair_blocs):
            raise ValueError(f"committee {self.name!r}: a bloc names one co-chair")
        if self.co_chair_blocs and len(self.co_chair_blocs) != self.co_chairs:
            raise ValueError(
                f"committee {self.name!r}: {self.co_chairs} co-chairs but "
                f"{len(self.co_chair_blocs)} blocs naming one each"
            )

    @property
    def seats(self) -> int:
        """Seats in the whole committee."""
        return sum(bloc.seats for bloc in self.blocs)

    @property
    def small_body_seats(self) -> int:
        """Seats in the small (drafting) body."""
        return sum(bloc.small_body_seats for bloc in self.blocs)

    def bloc(self, name: str) -> BlocSeats:
        """The bloc called ``name``; ``KeyError`` when there is none."""
        for bloc in self.blocs:
            if bloc.name == name:
                return bloc
        raise KeyError(name)


@dataclass(frozen=True)
class Member:
    """A person proposed for the committee, with what the rules need to know of them."""

    name: str
    bloc: str
    gender: Gender
    nominated_by: str
    in_small_body: bool = False
    co_chair: bool = False
    approved_by: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Composition:
    """The members proposed for a committee."""

    members: tuple[Member, ...]

    def in_bloc(self, bloc: str) -> tuple[Member, ...]:
        """The members of one bloc, in order."""
        return tuple(member for member in self.members if member.bloc == bloc)

    @property
    def small_body(self) -> tuple[Member, ...]:
        """The members sitting in the small body."""
        return tuple(member for member in self.members if member.in_small_body)

    @property
    def co_chairs(self) -> tuple[Member, ...]:
        """The members named co-chairs."""
        return tuple(member for member in self.members if member.co_chair)
