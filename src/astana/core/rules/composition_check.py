"""Check a proposed composition against its committee's rules: exactly what fails, by how much.

Checks, in the order they are reported: members listed twice, members in a bloc the
committee does not have, seats per bloc, small-body seats per bloc, co-chairs (their
number, and one from each bloc that names one), nominating bodies, approvals, quotas.
A composition is valid when the list of violations is empty.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from astana.core.rules.committee import CommitteeDefinition, Composition, Member, Quota
from astana.core.rules.composition_messages import violation_message

__all__ = ["CompositionReport", "Violation", "ViolationCode", "check_composition"]

ViolationCode = Literal[
    "duplicate member",
    "unknown bloc",
    "bloc seats",
    "small body seats",
    "co-chairs",
    "co-chairs from bloc",
    "co-chair from other bloc",
    "nominating body",
    "approval",
    "quota",
]


@dataclass(frozen=True)
class Violation:
    """One composition rule that fails.

    ``count`` is what the composition has and ``target`` what the rule asks for (seats,
    co-chairs, members approved, quota members needed); ``base`` is the seats a quota is
    a share of. ``subject`` is the bloc, member or approver concerned; ``bloc`` the bloc
    of a member or of a per-bloc quota; ``actual`` and ``expected`` the nominating bodies;
    ``names`` the members concerned.
    """

    code: ViolationCode
    subject: str = ""
    count: int = 0
    target: int = 0
    base: int = 0
    bloc: str | None = None
    actual: str = ""
    expected: str = ""
    names: tuple[str, ...] = ()
    quota: Quota | None = None

    @property
    def shortfall(self) -> int:
        """How many are missing (negative when there are too many)."""
        return self.target - self.count

    def message(self, lang: str = "en", bodies: Mapping[str, str] | None = None) -> str:
        """The violation in words, in ``ar``, ``en`` or ``ru``."""
        return violation_message(self, lang, bodies)


@dataclass(frozen=True)
class CompositionReport:
    """The violations found; the composition is valid when there are none."""

    definition: CommitteeDefinition
    violations: tuple[Violation, ...]

    @property
    def valid(self) -> bool:
        """True when every composition rule holds."""
        return not self.violations

    def messages(
        self, lang: str = "en", bodies: Mapping[str, str] | None = None
    ) -> tuple[str, ...]:
        """Every violation in words (``bodies``: organisations' names by identifier)."""
        return tuple(violation.message(lang, bodies) for violation in self.violations)


def _seats(code: ViolationCode, bloc: str, count: int, seats: int) -> list[Violation]:
    return [] if count == seats else [Violation(code, bloc, count=count, target=seats)]


def _co_chairs(definition: CommitteeDefinition, composition: Composition) -> list[Violation]:
    found: list[Violation] = []
    chairs = composition.co_chairs
    if len(chairs) != definition.co_chairs:
        found.append(Violation("co-chairs", count=len(chairs), target=definition.co_chairs))
    if not definition.co_chair_blocs:
        return found
    for bloc in definition.co_chair_blocs:
        from_bloc = tuple(m.name for m in chairs if m.bloc == bloc)
        if len(from_bloc) != 1:
            found.append(
                Violation(
                    "co-chairs from bloc", bloc, count=len(from_bloc), target=1, names=from_bloc
                )
            )
    for member in chairs:
        if member.bloc not in definition.co_chair_blocs:
            found.append(Violation("co-chair from other bloc", member.name, bloc=member.bloc))
    return found


def _quota(
    definition: CommitteeDefinition, composition: Composition, quota: Quota
) -> list[Violation]:
    scopes: list[tuple[str | None, tuple[Member, ...], int]]
    if quota.scope == "overall":
        scopes = [(None, composition.members, definition.seats)]
    elif quota.scope == "small body":
        scopes = [(None, composition.small_body, definition.small_body_seats)]
    else:
        scopes = [(b.name, composition.in_bloc(b.name), b.seats) for b in definition.blocs]
    found: list[Violation] = []
    for bloc, members, seats in scopes:
        count = sum(1 for member in members if member.gender == quota.gender)
        needed = quota.at_least.needed(seats)
        if count < needed:
            found.append(
                Violation("quota", count=count, target=needed, base=seats, bloc=bloc, quota=quota)
            )
    return found


def check_composition(
    definition: CommitteeDefinition, composition: Composition
) -> CompositionReport:
    """Every composition rule of ``definition`` that ``composition`` breaks, and by how much."""
    found: list[Violation] = []
    listed = Counter(member.name for member in composition.members)
    found += [Violation("duplicate member", name, count=n) for name, n in listed.items() if n > 1]
    blocs = {bloc.name for bloc in definition.blocs}
    found += [
        Violation("unknown bloc", member.name, bloc=member.bloc)
        for member in composition.members
        if member.bloc not in blocs
    ]
    for bloc in definition.blocs:
        members = composition.in_bloc(bloc.name)
        found += _seats("bloc seats", bloc.name, len(members), bloc.seats)
    for bloc in definition.blocs:
        in_small_body = sum(1 for m in composition.in_bloc(bloc.name) if m.in_small_body)
        found += _seats("small body seats", bloc.name, in_small_body, bloc.small_body_seats)
    found += _co_chairs(definition, composition)
    for member in composition.members:
        if member.bloc not in blocs:
            continue
        expected = definition.bloc(member.bloc).nominated_by
        if expected is not None and member.nominated_by != expected:
            found.append(
                Violation(
                    "nominating body",
                    member.name,
                    bloc=member.bloc,
                    actual=member.nominated_by,
                    expected=expected,
                )
            )
    total = len(composition.members)
    for approver in definition.approvers:
        missing = tuple(m.name for m in composition.members if approver not in m.approved_by)
        if missing:
            found.append(
                Violation(
                    "approval",
                    approver,
                    count=total - len(missing),
                    target=total,
                    names=missing,
                )
            )
    for quota in definition.quotas:
        found += _quota(definition, composition, quota)
    return CompositionReport(definition, tuple(found))
