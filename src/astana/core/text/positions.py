"""Positions of the parties on provisions, the state of each provision, and progress.

Per provision and party a position is *support*, *support with reservation* (with the
text of the reservation) or *cannot accept*. A provision is **agreed ad referendum** when
every party accepts it (support, with or without reservation) and its text carries no
brackets, pending approval by their leadership; **agreed** once that is confirmed. A party
that later cannot accept it reopens it. Nothing is agreed until everything is agreed: the
document is *adoptable* only when every provision that carries text is agreed.

A position and an agreement are bound to the exact wording they were given on
(:class:`~astana.core.text.wording.Wording`: the revision and the fingerprint of the
provision's text in every language, with its brackets and options). They count only while
the provision still reads exactly so; once its wording changes they are *stale* ("given
on Rev.1 wording") and the party must confirm its position on the current wording.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from astana.core.text.brackets import check_holder
from astana.core.text.document import Document
from astana.core.text.provision import Provision
from astana.core.text.revision import Revision
from astana.core.text.statistics import text_statistics
from astana.core.text.wording import UNKNOWN_WORDING, Wording, wording_fingerprint

__all__ = [
    "Agreement",
    "AgreementError",
    "Position",
    "Positions",
    "Progress",
    "ProvisionStanding",
    "ProvisionState",
    "Stance",
    "adoptable",
    "progress",
    "standing",
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
    """``party``'s stance on ``provision`` (a reservation needs its text), given on
    ``wording`` (unknown for a position that is not yet recorded)."""

    party: str
    provision: str
    stance: Stance
    reservation: str = ""
    wording: Wording = UNKNOWN_WORDING

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
            "revision": self.wording.revision,
            "wording": self.wording.fingerprint,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Position:
        """Rebuild a position from :meth:`to_dict`'s output (without a wording: unknown)."""
        return cls(
            str(data["party"]),
            str(data["provision"]),
            Stance(data["stance"]),
            str(data.get("reservation", "")),
            _wording(data),
        )


def _wording(data: Mapping[str, Any]) -> Wording:
    revision = data.get("revision")
    return Wording(None if revision is None else int(revision), str(data.get("wording") or ""))


@dataclass(frozen=True)
class Agreement:
    """A provision declared agreed ad referendum, or agreed, on one wording."""

    state: ProvisionState
    wording: Wording = UNKNOWN_WORDING

    def __post_init__(self) -> None:
        object.__setattr__(self, "state", ProvisionState(self.state))
        if self.state is ProvisionState.OPEN:
            raise ValueError("an open provision has no agreement")

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "state": str(self.state),
            "revision": self.wording.revision,
            "wording": self.wording.fingerprint,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | str) -> Agreement:
        """Rebuild from :meth:`to_dict`'s output, or from a bare state (wording unknown)."""
        if isinstance(data, str):
            return cls(ProvisionState(data))
        return cls(ProvisionState(data["state"]), _wording(data))


@dataclass(frozen=True)
class Positions:
    """The parties to a text, their positions and the agreement on each provision."""

    parties: tuple[str, ...]
    positions: Mapping[tuple[str, str], Position] = field(default_factory=dict)
    agreements: Mapping[str, Agreement] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for party in self.parties:
            check_holder(party)

    def position(self, party: str, provision: str) -> Position | None:
        """``party``'s position on ``provision``, if it stated one (on whatever wording)."""
        return self.positions.get((party, provision))

    def on(self, provision: str) -> list[Position]:
        """Every party's position on ``provision``, in the order of the parties."""
        found = (self.positions.get((party, provision)) for party in self.parties)
        return [p for p in found if p is not None]

    def current(self, party: str, provision: Provision) -> Position | None:
        """``party``'s position on ``provision`` if it was given on its present wording."""
        position = self.positions.get((party, provision.id))
        return position if position and position.wording.matches(provision) else None

    def must_confirm(self, provision: Provision) -> list[str]:
        """The parties that do not accept ``provision``'s present wording: no position, a
        position given on another wording, or *cannot accept*."""
        fingerprint = wording_fingerprint(provision)
        return [
            party
            for party in self.parties
            if not _accepts_on(self.positions.get((party, provision.id)), fingerprint)
        ]

    def state(self, provision: Provision) -> ProvisionState:
        """The provision's state on its present wording: an agreement counts only while the
        provision reads as it did then and every party still accepts that wording."""
        agreement = self.agreements.get(provision.id)
        if agreement is None or not agreement.wording.matches(provision):
            return ProvisionState.OPEN
        return ProvisionState.OPEN if self.must_confirm(provision) else agreement.state

    def record(self, position: Position, *, on: Revision) -> Positions:
        """Record ``position``, given on its provision's wording in revision ``on``;
        *cannot accept* reopens the provision."""
        if position.party not in self.parties:
            raise ValueError(f"{position.party} is not a party to this text")
        bound = replace(position, wording=Wording.of(on, position.provision))
        positions = {**self.positions, (position.party, position.provision): bound}
        agreements = dict(self.agreements)
        if not position.accepts:
            agreements.pop(position.provision, None)
        return replace(self, positions=positions, agreements=agreements)

    def agree_ad_referendum(self, revision: Revision, provision: str) -> Positions:
        """Declare ``provision`` agreed ad referendum on its wording in ``revision``; every
        party must accept that very wording and it must carry no brackets in any language."""
        if provision not in revision.document:
            raise AgreementError(f"no provision {provision} in the text")
        current = revision.document[provision]
        if self.state(current) is ProvisionState.AGREED:
            raise AgreementError(f"{provision} is already agreed")
        if revision.document.is_bracketed(provision):
            raise AgreementError(f"{provision} still carries brackets")
        missing = self.must_confirm(current)
        if missing:
            raise AgreementError(
                f"{provision} is not accepted by "
                + ", ".join(self._why(party, current) for party in missing)
                + "; each must confirm on the current wording"
            )
        return self._set(provision, ProvisionState.AGREED_AD_REFERENDUM, revision)

    def confirm(self, revision: Revision, provision: str) -> Positions:
        """The parties' leaderships have approved: the provision is agreed (on the same
        wording as it was agreed ad referendum)."""
        current = revision.document.get(provision)
        if current is None or self.state(current) is not ProvisionState.AGREED_AD_REFERENDUM:
            stale = self.agreements.get(provision)
            if current is not None and stale and stale.wording.label:
                raise AgreementError(
                    f"{provision} is not agreed ad referendum on its current wording "
                    f"(only on {stale.wording.label} wording)"
                )
            raise AgreementError(f"{provision} is not agreed ad referendum")
        return self._set(provision, ProvisionState.AGREED, revision)

    def ready(self, revision: Revision) -> list[str]:
        """The provisions of ``revision`` (carrying text, in the text's order) that can be
        agreed ad referendum now: open, free of brackets, accepted by every party on their
        present wording."""
        document = revision.document
        return [
            p.id
            for p in document.walk()
            if p.texts
            and self.state(p) is ProvisionState.OPEN
            and not document.is_bracketed(p.id)
            and not self.must_confirm(p)
        ]

    def awaiting_confirmation(self, revision: Revision) -> list[str]:
        """The provisions of ``revision`` agreed ad referendum on their present wording, in
        the text's order: what the leaderships' confirmation turns into agreement."""
        return [
            p.id
            for p in revision.document.walk()
            if p.texts and self.state(p) is ProvisionState.AGREED_AD_REFERENDUM
        ]

    def reopen(self, provisions: Iterable[str]) -> Positions:
        """Put ``provisions`` back in the open state (drop their agreements)."""
        agreements = dict(self.agreements)
        for provision in provisions:
            agreements.pop(provision, None)
        return replace(self, agreements=agreements)

    def reopen_changed(self, old: Document, new: Document) -> Positions:
        """Reopen every provision whose text differs between two revisions."""
        changed = [p.id for p in new.walk() if p.id not in old or old[p.id].texts != p.texts]
        return self.reopen(changed)

    def _why(self, party: str, provision: Provision) -> str:
        position = self.positions.get((party, provision.id))
        if position is None:
            return party
        if not position.wording.matches(provision):
            label = position.wording.label
            return f"{party} (given on {label or 'an earlier'} wording)"
        return f"{party} ({position.stance})"

    def _set(self, provision: str, state: ProvisionState, revision: Revision) -> Positions:
        agreement = Agreement(state, Wording.of(revision, provision))
        return replace(self, agreements={**self.agreements, provision: agreement})

    def to_dict(self, *, on: Document | None = None) -> dict[str, Any]:
        """Plain data (JSON-compatible); with ``on``, each position and agreement also says
        whether it was given on that document's present wording (``current``)."""
        fingerprints = {p.id: wording_fingerprint(p) for p in on.walk()} if on else {}

        def annotated(entry: dict[str, Any], provision: str) -> dict[str, Any]:
            if on is not None:
                entry["current"] = bool(entry["wording"]) and (
                    fingerprints.get(provision) == entry["wording"]
                )
            return entry

        return {
            "parties": list(self.parties),
            "positions": [annotated(p.to_dict(), p.provision) for p in self.positions.values()],
            "agreements": {
                k: annotated(v.to_dict(), k) for k, v in sorted(self.agreements.items())
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Positions:
        """Rebuild from :meth:`to_dict`'s output (or the older form, whose ``states`` were
        bare states on an unknown wording)."""
        positions = [Position.from_dict(p) for p in data.get("positions", ())]
        agreements = data.get("agreements", data.get("states", {}))
        return cls(
            tuple(data["parties"]),
            {(p.party, p.provision): p for p in positions},
            {k: Agreement.from_dict(v) for k, v in agreements.items()},
        )


def _accepts_on(position: Position | None, fingerprint: str) -> bool:
    return position is not None and position.accepts and position.wording.fingerprint == fingerprint


@dataclass(frozen=True)
class ProvisionStanding:
    """Where one provision stands on its present wording, and what keeps it from agreed."""

    provision: str
    state: ProvisionState
    bracketed: bool
    must_confirm: tuple[str, ...]
    stale: tuple[Position, ...]
    stale_agreement: Agreement | None

    @property
    def blocks_adoption(self) -> bool:
        """Not agreed on its present wording, or still bracketed."""
        return self.state is not ProvisionState.AGREED or self.bracketed

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "provision": self.provision,
            "state": str(self.state),
            "bracketed": self.bracketed,
            "blocks_adoption": self.blocks_adoption,
            "must_confirm": list(self.must_confirm),
            "stale": [p.to_dict() for p in self.stale],
            "stale_agreement": self.stale_agreement.to_dict() if self.stale_agreement else None,
        }


def standing(document: Document, positions: Positions) -> tuple[ProvisionStanding, ...]:
    """Every provision that carries text, as it stands on its present wording."""
    out = []
    for provision in (p for p in document.walk() if p.texts):
        agreement = positions.agreements.get(provision.id)
        out.append(
            ProvisionStanding(
                provision.id,
                positions.state(provision),
                document.is_bracketed(provision.id),
                tuple(positions.must_confirm(provision)),
                tuple(p for p in positions.on(provision.id) if not p.wording.matches(provision)),
                agreement if agreement and not agreement.wording.matches(provision) else None,
            )
        )
    return tuple(out)


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
            **asdict(self),
            "bracketed_provision_share": self.bracketed_provision_share,
            "bracketed_word_share": self.bracketed_word_share,
        }


def progress(document: Document, positions: Positions, language: str | None = None) -> Progress:
    """Progress of the ``language`` version (the document's first language by default)."""
    language = language or document.languages[0]
    carrying = [p for p in document.walk() if p.texts]
    states = [positions.state(p) for p in carrying]
    words = bracketed = 0
    for provision in carrying:
        stats = text_statistics(provision.text(language))
        words += stats.words
        heading = document.in_bracketed_heading(provision.id)
        bracketed += stats.words if heading else stats.bracketed_words
    return Progress(
        provisions=len(carrying),
        bracketed_provisions=sum(1 for p in carrying if document.is_bracketed(p.id)),
        open=states.count(ProvisionState.OPEN),
        agreed_ad_referendum=states.count(ProvisionState.AGREED_AD_REFERENDUM),
        agreed=states.count(ProvisionState.AGREED),
        words=words,
        bracketed_words=bracketed,
    )


def adoptable(document: Document, positions: Positions) -> bool:
    """True only when every provision that carries text is agreed on its present wording and
    nothing is bracketed."""
    carrying = [p for p in document.walk() if p.texts]
    return bool(carrying) and all(
        positions.state(p) is ProvisionState.AGREED and not document.is_bracketed(p.id)
        for p in carrying
    )
