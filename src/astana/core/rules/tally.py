"""The count of a vote: members, present, in favour, against, abstaining; per bloc too.

Every member is in exactly one of: in favour (``yes``), against (``no``, a formal objection
under consensus), abstaining, present without voting, or absent. So
``yes + no + abstain <= present <= members``. A ``BlocTally`` is the same count for one
bloc, written ``name:members:yes:no[:abstain[:present]]`` (``present`` defaults to
``yes + no + abstain``): ``government:50:40:5`` or ``civil society:50:30:10:5:48``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["BlocTally", "Tally"]


@dataclass(frozen=True)
class Tally:
    """A vote's count in a body (or one bloc of it); ``Tally.of`` fills ``present`` in."""

    members: int
    present: int
    yes: int
    no: int
    abstain: int = 0

    def __post_init__(self) -> None:
        for name in ("members", "present", "yes", "no", "abstain"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative, not {getattr(self, name)}")
        if self.present > self.members:
            raise ValueError(f"present ({self.present}) exceeds members ({self.members})")
        if self.yes + self.no + self.abstain > self.present:
            raise ValueError(
                f"yes + no + abstain ({self.yes} + {self.no} + {self.abstain} = "
                f"{self.yes + self.no + self.abstain}) exceeds present ({self.present})"
            )

    @classmethod
    def of(
        cls, *, members: int, yes: int, no: int, abstain: int = 0, present: int | None = None
    ) -> Tally:
        """A tally where ``present`` defaults to everyone who voted or abstained."""
        voting = yes + no + abstain
        if present is None and voting > members:
            raise ValueError(
                f"yes + no + abstain ({yes} + {no} + {abstain} = {voting}) "
                f"exceeds members ({members})"
            )
        attending = voting if present is None else present
        return cls(members=members, present=attending, yes=yes, no=no, abstain=abstain)

    @classmethod
    def total(cls, tallies: Iterable[Tally]) -> Tally:
        """The sum of several tallies (the whole body from its blocs)."""
        parts = list(tallies)
        return cls(
            members=sum(t.members for t in parts),
            present=sum(t.present for t in parts),
            yes=sum(t.yes for t in parts),
            no=sum(t.no for t in parts),
            abstain=sum(t.abstain for t in parts),
        )

    @property
    def absent(self) -> int:
        """Members not present."""
        return self.members - self.present

    @property
    def votes_cast(self) -> int:
        """Votes in favour plus votes against; abstentions are not votes cast."""
        return self.yes + self.no

    @property
    def not_voting(self) -> int:
        """Present but neither voting nor abstaining."""
        return self.present - self.yes - self.no - self.abstain


@dataclass(frozen=True)
class BlocTally:
    """The tally of one named bloc; ``BlocTally.parse`` and ``str`` round-trip."""

    name: str
    tally: Tally

    def __post_init__(self) -> None:
        if not self.name.strip() or self.name != self.name.strip():
            raise ValueError(f"a bloc name must be non-empty without outer spaces: {self.name!r}")
        if ":" in self.name or "," in self.name:
            raise ValueError(f"a bloc name cannot contain ':' or ',': {self.name!r}")

    @classmethod
    def parse(cls, text: str) -> BlocTally:
        """Read ``name:members:yes:no[:abstain[:present]]``; ``ValueError`` when malformed."""
        name, *fields = (part.strip() for part in text.split(":"))
        if not 3 <= len(fields) <= 5:
            raise ValueError(
                f"bloc {text!r}: expected name:members:yes:no[:abstain[:present]], "
                f"found {len(fields)} number(s) after the name"
            )
        if not all(field.isdigit() for field in fields):
            raise ValueError(f"bloc {text!r}: the counts must be whole numbers")
        members, yes, no, *rest = (int(field) for field in fields)
        abstain = rest[0] if rest else 0
        present = rest[1] if len(rest) == 2 else None
        try:
            tally = Tally.of(members=members, yes=yes, no=no, abstain=abstain, present=present)
        except ValueError as error:
            raise ValueError(f"bloc {name!r}: {error}") from None
        return cls(name, tally)

    @classmethod
    def parse_list(cls, text: str) -> tuple[BlocTally, ...]:
        """Read comma-separated blocs; names must be distinct."""
        blocs = tuple(cls.parse(part) for part in text.split(",") if part.strip())
        names = [bloc.name for bloc in blocs]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"bloc named more than once: {', '.join(duplicates)}")
        if not blocs:
            raise ValueError("no blocs given")
        return blocs

    def __str__(self) -> str:
        t = self.tally
        fields = [t.members, t.yes, t.no]
        if t.not_voting:
            fields += [t.abstain, t.present]
        elif t.abstain:
            fields.append(t.abstain)
        return ":".join([self.name, *(str(f) for f in fields)])
