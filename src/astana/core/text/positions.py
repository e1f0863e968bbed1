"""Positions of the parties on provisions, the state of each provision, and progress.

Per provision and party a position is *support*, *support with reservation* (with the
text of the reservation) or *cannot accept*. A provision is **agreed ad referendum** when
every party accepts it (support, with or without reservation) and its text carries no
brackets, pending approval by their leadership; **agreed** once that is confirmed. A party
that later cannot accept it reopens it. Nothing is agreed until everything is agreed: the
document is *adoptable* only when every provision that carries text is agreed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from astana.core.text.brackets import check_holder
from astana.core.text.document import Document
from astana.core.text.statistics import text_statistics

__all__ = [
    "AgreementError",
    "Position",
    "Positions",
    "Progress",
    "ProvisionState",
    "Stance",
    "adoptable",
    "progress",
]


class Stance(StrEnum):
    """What a party says about a provision."""

    SUPPORT = "support"
    RESERVATION = "support_with_reservation"
    CANNOT_ACCEPT = "cannot_accept"


class ProvisionState(StrEnum):
    """How far a provision is from agreement."""

    OPEN = "open"
    AGREED_AD_REFERENDUM = "agreed_ad_referendum"
    AGREED = "agreed"


class AgreementError(ValueError):
    """A provision that cannot (yet) be declared agreed."""


@dataclass(frozen=True)
class Position:
    """``party``'s stance on ``provision`` (a reservation needs its text)."""

    party: str
    provision: str
    stance: Stance
    reservation: str = ""

    def __post_init__(self) -> None:
        check_holder(self.party)
        object.__setattr__(self, "stance", Stance(self.stance))
        if (self.stance is Stance.RESERVATION) != bool(self.reservation.strip()):
            raise ValueError("a reservation, and only a reservation, comes with its text")

    @property
    def accepts(self) -> bool:
        """Support, with or without a reservation."""
        return self.stance is not Stance.CANNOT_ACCEPT

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "party": self.party,
            "provision": self.provision,
            "stance": str(self.stance),
            "reservation": self.reservation,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Position:
        """Rebuild a position from :meth:`to_dict`'s output."""
        return cls(
            str(data["party"]),
            str(data["provision"]),
            Stance(data["stance"]),
            str(data.get("reservation", "")),
        )


@dataclass(frozen=True)
class Positions:
    """The parties to a text, their positions and the state of each provision."""

    parties: tuple[str, ...]
    positions: Mapping[tuple[str, str], Position] = field(default_factory=dict)
    states: Mapping[str, ProvisionState] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for party in self.parties:
            check_holder(party)

    def position(self, party: str, provision: str) -> Position | None:
        """``party``'s position on ``provision``, if it stated one."""
        return self.positions.get((party, provision))

    def on(self, provision: str) -> list[Position]:
        """Every party's position on ``provision``, in the order of the parties."""
        found = (self.positions.get((party, provision)) for party in self.parties)
        return [p for p in found if p is not None]

    def state(self, provision: str) -> ProvisionState:
        """The provision's state (open until declared otherwise)."""
        return self.states.get(provision, ProvisionState.OPEN)

    def record(self, position: Position) -> Positions:
        """Record ``position``; *cannot accept* on an agreed provision reopens it."""
        if position.party not in self.parties:
            raise ValueError(f"{position.party} is not a party to this text")
        positions = {**self.positions, (position.party, position.provision): position}
        states = dict(self.states)
        if not position.accepts:
            states.pop(position.provision, None)
        return replace(self, positions=positions, states=states)

    def agree_ad_referendum(self, document: Document, provision: str) -> Positions:
        """Declare ``provision`` agreed ad referendum; every party must accept it and its
        text must carry no brackets in any language."""
        if provision not in document:
            raise AgreementError(f"no provision {provision} in the text")
        if self.state(provision) is ProvisionState.AGREED:
            raise AgreementError(f"{provision} is already agreed")
        if any(text.is_bracketed for _, text in document[provision].texts):
            raise AgreementError(f"{provision} still carries brackets")
        missing = [p for p in self.parties if not (self.position(p, provision) or _NONE).accepts]
        if missing:
            raise AgreementError(f"{provision} is not accepted by {', '.join(missing)}")
        return self._set(provision, ProvisionState.AGREED_AD_REFERENDUM)

    def confirm(self, provision: str) -> Positions:
        """The parties' leaderships have approved: the provision is agreed."""
        if self.state(provision) is not ProvisionState.AGREED_AD_REFERENDUM:
            raise AgreementError(f"{provision} is not agreed ad referendum")
        return self._set(provision, ProvisionState.AGREED)

    def reopen(self, provisions: Iterable[str]) -> Positions:
        """Put ``provisions`` back in the open state (their text changed)."""
        states = dict(self.states)
        for provision in provisions:
            states.pop(provision, None)
        return replace(self, states=states)

    def reopen_changed(self, old: Document, new: Document) -> Positions:
        """Reopen every provision whose text differs between two revisions."""
        changed = [p.id for p in new.walk() if p.id not in old or old[p.id].texts != p.texts]
        return self.reopen(changed)

    def _set(self, provision: str, state: ProvisionState) -> Positions:
        return replace(self, states={**self.states, provision: state})

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "parties": list(self.parties),
            "positions": [p.to_dict() for p in self.positions.values()],
            "states": {k: str(v) for k, v in sorted(self.states.items())},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Positions:
        """Rebuild from :meth:`to_dict`'s output."""
        positions = [Position.from_dict(p) for p in data.get("positions", ())]
        return cls(
            tuple(data["parties"]),
            {(p.party, p.provision): p for p in positions},
            {k: ProvisionState(v) for k, v in data.get("states", {}).items()},
        )


_NONE = Position("-", "-", Stance.CANNOT_ACCEPT)


@dataclass(frozen=True)
class Progress:
    """How far a text is from adoption."""

    provisions: int
    bracketed_provisions: int
    open: int
    agreed_ad_referendum: int
    agreed: int
    words: int
    bracketed_words: int

    @property
    def bracketed_provision_share(self) -> float:
        """Share of provisions (with text) still carrying brackets."""
        return self.bracketed_provisions / self.provisions if self.provisions else 0.0

    @property
    def bracketed_word_share(self) -> float:
        """Share of words still in brackets."""
        return self.bracketed_words / self.words if self.words else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible), with the two shares."""
        return {
            "provisions": self.provisions,
            "bracketed_provisions": self.bracketed_provisions,
            "open": self.open,
            "agreed_ad_referendum": self.agreed_ad_referendum,
            "agreed": self.agreed,
            "words": self.words,
            "bracketed_words": self.bracketed_words,
            "bracketed_provision_share": self.bracketed_provision_share,
            "bracketed_word_share": self.bracketed_word_share,
        }


def progress(document: Document, positions: Positions, language: str | None = None) -> Progress:
    """Progress of the ``language`` version (the document's first language by default)."""
    language = language or document.languages[0]
    carrying = [p for p in document.walk() if p.texts]
    states = [positions.state(p.id) for p in carrying]
    words = bracketed = 0
    for provision in carrying:
        stats = text_statistics(provision.text(language))
        words += stats.words
        bracketed += stats.bracketed_words
    return Progress(
        provisions=len(carrying),
        bracketed_provisions=sum(1 for p in carrying if any(t.is_bracketed for _, t in p.texts)),
        open=states.count(ProvisionState.OPEN),
        agreed_ad_referendum=states.count(ProvisionState.AGREED_AD_REFERENDUM),
        agreed=states.count(ProvisionState.AGREED),
        words=words,
        bracketed_words=bracketed,
    )


def adoptable(document: Document, positions: Positions) -> bool:
    """True only when every provision that carries text is agreed and nothing is bracketed."""
    carrying = [p for p in document.walk() if p.texts]
    return bool(carrying) and all(
        positions.state(p.id) is ProvisionState.AGREED
        and not any(t.is_bracketed for _, t in p.texts)
        for p in carrying
    )
