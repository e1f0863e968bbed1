"""Proposals: what a party asks to change in a revision of the text, and who backs it.

A proposal holds one change (insert, delete or move a provision, replace a provision's
text, delete or insert words, add an alternative), an author party, supporters and
opponents, an optional justification and a state::

    draft -> tabled -> folded in | kept in brackets | rejected | withdrawn
    draft -> withdrawn

Every method returns a new proposal; a transition that the life cycle forbids raises
:class:`ProposalStateError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any, ClassVar, TypeAlias

from astana.core.text.anchors import TextAnchor
from astana.core.text.brackets import ProvisionText, check_holder, check_reference
from astana.core.text.provision import Provision

__all__ = [
    "ORIGINS",
    "AddAlternative",
    "Change",
    "DeleteProvision",
    "DeleteWords",
    "InsertProvision",
    "InsertWords",
    "MoveProvision",
    "Proposal",
    "ProposalState",
    "ProposalStateError",
    "ReplaceText",
    "change_from_dict",
]


class ProposalState(StrEnum):
    """Where a proposal stands in its life cycle."""

    DRAFT = "draft"
    TABLED = "tabled"
    WITHDRAWN = "withdrawn"
    FOLDED_IN = "folded_in"
    KEPT_IN_BRACKETS = "kept_in_brackets"
    REJECTED = "rejected"


_TRANSITIONS: dict[ProposalState, frozenset[ProposalState]] = {
    ProposalState.DRAFT: frozenset({ProposalState.TABLED, ProposalState.WITHDRAWN}),
    ProposalState.TABLED: frozenset(
        {
            ProposalState.WITHDRAWN,
            ProposalState.FOLDED_IN,
            ProposalState.KEPT_IN_BRACKETS,
            ProposalState.REJECTED,
        }
    ),
    ProposalState.WITHDRAWN: frozenset(),
    ProposalState.FOLDED_IN: frozenset(),
    ProposalState.KEPT_IN_BRACKETS: frozenset(),
    ProposalState.REJECTED: frozenset(),
}


#: Who a proposal comes from, beyond its author: ``""`` a party (or guarantor) of the talks;
#: ``"mediator"`` the mediator's own proposal; ``"bridging"`` the mediator's bridging text
#: between parties' positions. Shown with the proposal wherever it is listed.
ORIGINS = ("", "mediator", "bridging")


class ProposalStateError(ValueError):
    """A change of state, support or opposition that the life cycle does not allow."""


def _plain(value: Provision | TextAnchor | ProvisionText | str | None) -> Any:
    if isinstance(value, ProvisionText):
        return str(value)
    if isinstance(value, Provision | TextAnchor):
        return value.to_dict()
    return value


@dataclass(frozen=True)
class _ChangeBase:
    """What every kind of change shares: a ``kind`` name and its plain-data form."""

    kind: ClassVar[str]

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible): the ``kind``, then each field in order."""
        return {"kind": self.kind} | {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True)
class InsertProvision(_ChangeBase):
    """Insert a new provision under ``parent`` (None: the top), after ``after`` (None: first)."""

    kind: ClassVar[str] = "insert_provision"
    provision: Provision
    parent: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class DeleteProvision(_ChangeBase):
    """Delete a provision and everything under it."""

    kind: ClassVar[str] = "delete_provision"
    target: str


@dataclass(frozen=True)
class MoveProvision(_ChangeBase):
    """Move a provision (with everything under it) to stand after ``after`` in ``parent``."""

    kind: ClassVar[str] = "move_provision"
    target: str
    parent: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class ReplaceText(_ChangeBase):
    """Replace a provision's whole text in one language."""

    kind: ClassVar[str] = "replace_text"
    target: str
    language: str
    text: ProvisionText


@dataclass(frozen=True)
class DeleteWords(_ChangeBase):
    """Delete the anchored words of a provision's text in one language."""

    kind: ClassVar[str] = "delete_words"
    target: str
    language: str
    anchor: TextAnchor


@dataclass(frozen=True)
class InsertWords(_ChangeBase):
    """Insert ``words`` (bracketed notation) at the anchored point of a provision's text."""

    kind: ClassVar[str] = "insert_words"
    target: str
    language: str
    anchor: TextAnchor
    words: str


@dataclass(frozen=True)
class AddAlternative(_ChangeBase):
    """Offer ``text`` as an alternative to the anchored words (None: the whole text).

    Where the anchored words already are alternatives, ``text`` becomes one more option.
    """

    kind: ClassVar[str] = "add_alternative"
    target: str
    language: str
    text: ProvisionText
    anchor: TextAnchor | None = None


Change: TypeAlias = (
    InsertProvision
    | DeleteProvision
    | MoveProvision
    | ReplaceText
    | DeleteWords
    | InsertWords
    | AddAlternative
)


def change_from_dict(data: Mapping[str, Any]) -> Change:
    """Rebuild a change from its ``to_dict`` output."""
    kind = data["kind"]

    def anchor() -> TextAnchor:
        return TextAnchor.from_dict(data["anchor"])

    match kind:
        case "insert_provision":
            return InsertProvision(
                Provision.from_dict(data["provision"]), data["parent"], data["after"]
            )
        case "delete_provision":
            return DeleteProvision(data["target"])
        case "move_provision":
            return MoveProvision(data["target"], data["parent"], data["after"])
        case "replace_text":
            return ReplaceText(
                data["target"],
                data["language"],
                ProvisionText.parse(data["text"], refuse_unsafe=False),
            )
        case "delete_words":
            return DeleteWords(data["target"], data["language"], anchor())
        case "insert_words":
            return InsertWords(data["target"], data["language"], anchor(), data["words"])
        case "add_alternative":
            found = data.get("anchor")
            return AddAlternative(
                data["target"],
                data["language"],
                ProvisionText.parse(data["text"], refuse_unsafe=False),
                TextAnchor.from_dict(found) if found else None,
            )
    raise ValueError(f"unknown kind of change {kind!r}")


@dataclass(frozen=True)
class Proposal:
    """A party's proposal against revision ``revision`` of the text."""

    id: str
    revision: int
    author: str
    change: Change
    state: ProposalState = ProposalState.DRAFT
    supporters: tuple[str, ...] = ()
    opponents: tuple[str, ...] = ()
    justification: str = ""
    origin: str = ""

    def __post_init__(self) -> None:
        check_reference(self.id)
        if self.origin not in ORIGINS:
            raise ValueError(f"unknown origin of a proposal {self.origin!r}")
        check_holder(self.author)
        object.__setattr__(self, "state", ProposalState(self.state))
        object.__setattr__(self, "supporters", tuple(self.supporters))
        object.__setattr__(self, "opponents", tuple(self.opponents))
        for party in (*self.supporters, *self.opponents):
            check_holder(party)
        if set(self.supporters) & set(self.opponents):
            raise ValueError("a party cannot both support and oppose a proposal")
        if self.author in self.supporters or self.author in self.opponents:
            raise ValueError("the author neither supports nor opposes its own proposal")

    @property
    def is_open(self) -> bool:
        """Tabled and not yet decided: shown in compilation texts."""
        return self.state is ProposalState.TABLED

    @property
    def holders(self) -> tuple[str, ...]:
        """The parties behind the proposal: author first, then supporters."""
        return (self.author, *self.supporters)

    def _to(self, state: ProposalState) -> Proposal:
        if state not in _TRANSITIONS[self.state]:
            raise ProposalStateError(f"a {self.state} proposal cannot become {state}")
        return replace(self, state=state)

    def table(self) -> Proposal:
        """Put the draft on the table: the other parties now see it."""
        return self._to(ProposalState.TABLED)

    def withdraw(self) -> Proposal:
        """The author takes the proposal back."""
        return self._to(ProposalState.WITHDRAWN)

    def fold_in(self) -> Proposal:
        """The mediator has folded the proposal into a revision."""
        return self._to(ProposalState.FOLDED_IN)

    def keep_in_brackets(self) -> Proposal:
        """The mediator has put the proposal's wording into a revision, still in brackets."""
        return self._to(ProposalState.KEPT_IN_BRACKETS)

    def reject(self) -> Proposal:
        """The mediator has set the proposal aside."""
        return self._to(ProposalState.REJECTED)

    def support(self, party: str) -> Proposal:
        """``party`` supports the tabled proposal (no longer opposing it, if it did)."""
        self._check_backing(party)
        return replace(
            self,
            supporters=tuple(dict.fromkeys((*self.supporters, party))),
            opponents=tuple(p for p in self.opponents if p != party),
        )

    def oppose(self, party: str) -> Proposal:
        """``party`` opposes the tabled proposal (no longer supporting it, if it did)."""
        self._check_backing(party)
        return replace(
            self,
            opponents=tuple(dict.fromkeys((*self.opponents, party))),
            supporters=tuple(p for p in self.supporters if p != party),
        )

    def _check_backing(self, party: str) -> None:
        if self.state is not ProposalState.TABLED:
            raise ProposalStateError(
                f"only a tabled proposal can be supported or opposed, not a {self.state} one"
            )
        if party == self.author:
            raise ProposalStateError("the author neither supports nor opposes its own proposal")

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "id": self.id,
            "revision": self.revision,
            "author": self.author,
            "change": self.change.to_dict(),
            "state": str(self.state),
            "supporters": list(self.supporters),
            "opponents": list(self.opponents),
            "justification": self.justification,
        } | ({"origin": self.origin} if self.origin else {})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Proposal:
        """Rebuild a proposal from :meth:`to_dict`'s output."""
        return cls(
            str(data["id"]),
            int(data["revision"]),
            str(data["author"]),
            change_from_dict(data["change"]),
            ProposalState(data["state"]),
            tuple(data.get("supporters", ())),
            tuple(data.get("opponents", ())),
            str(data.get("justification", "")),
            str(data.get("origin", "")),
        )
