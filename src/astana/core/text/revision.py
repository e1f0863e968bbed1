"""Revisions: immutable, numbered snapshots of the text, with the hash parties sign.

``issue_revision`` makes Rev.N+1 from Rev.N by folding in the proposals the mediator
accepts and keeping, as attributed brackets, those the mediator keeps. A revision's
canonical serialisation is UTF-8 JSON in the RFC 8785 (JCS) form, every string in Unicode
NFC; its SHA-256 covers every language version. The exact bytes are specified in
``docs/text-engine.md`` so that anyone can recompute the hash without this code.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Final

from astana.core.text.applying import Conflict, Mode, ProposalConflictError, apply_all
from astana.core.text.document import Document
from astana.core.text.numbering import label as display_label
from astana.core.text.proposals import MoveProvision, Proposal, ProposalState
from astana.core.text.provision import Provision

__all__ = [
    "CANONICAL_FORMAT",
    "IssuedRevision",
    "Revision",
    "RevisionNumber",
    "canonical_bytes",
    "issue_revision",
]

#: The format name written into every canonical serialisation.
CANONICAL_FORMAT: Final = "astana-text/1"
_REV: Final = re.compile(r"Rev\.([1-9][0-9]*|0)")


@dataclass(frozen=True, order=True)
class RevisionNumber:
    """``Rev.3``: parses and prints symmetrically."""

    number: int

    def __post_init__(self) -> None:
        if self.number < 0:
            raise ValueError("revision numbers start at 0")

    @classmethod
    def parse(cls, text: str) -> RevisionNumber:
        """Read ``Rev.N``; raise ValueError on anything else."""
        match = _REV.fullmatch(text)
        if match is None:
            raise ValueError(f"not a revision number: {text!r} (write Rev.3)")
        return cls(int(match.group(1)))

    def __str__(self) -> str:
        return f"Rev.{self.number}"

    def next(self) -> RevisionNumber:
        """The number of the following revision."""
        return RevisionNumber(self.number + 1)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _canonical_provision(
    document: Document, provision: Provision, languages: list[str]
) -> dict[str, Any]:
    number = document.ordinal(provision.id)
    out: dict[str, Any] = {
        "id": provision.id,
        "kind": str(provision.kind),
        "number": number,
        "text": {lang: _nfc(str(provision.text(lang))) for lang in languages},
        "children": [_canonical_provision(document, c, languages) for c in provision.children],
    }
    # A label is named where it differs from the display number (``4 bis.``, ``(iv)``), so
    # the hash covers every label while a text numbered in sequence hashes as it always did.
    written = {
        lang: _nfc(document.label(provision.id, lang))
        for lang in languages
        if provision.label(lang) is not None
    }
    different = {
        lang: value
        for lang, value in written.items()
        if value != display_label(provision.kind, number, lang)
    }
    if different:
        out["label"] = different
    return out


def canonical_bytes(document: Document, number: int) -> bytes:
    """The canonical serialisation of revision ``number`` of ``document`` (see the docs)."""
    languages = sorted(document.languages)
    content = {
        "format": CANONICAL_FORMAT,
        "revision": number,
        "languages": languages,
        "title": {lang: _nfc(str(document.title(lang))) for lang in languages},
        "provisions": [_canonical_provision(document, p, languages) for p in document.provisions],
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8")


@dataclass(frozen=True)
class Revision:
    """Revision ``number`` of the text; which proposals it folded in and kept in brackets."""

    number: int
    document: Document
    folded: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()

    @property
    def label(self) -> RevisionNumber:
        """``Rev.N``."""
        return RevisionNumber(self.number)

    @cached_property
    def canonical(self) -> bytes:
        """The exact bytes that the hash covers."""
        return canonical_bytes(self.document, self.number)

    @cached_property
    def hash(self) -> str:
        """SHA-256 of :attr:`canonical`, in lower-case hexadecimal: what parties sign."""
        return hashlib.sha256(self.canonical).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible), with the hash for checking on the way back."""
        return {
            "number": self.number,
            "document": self.document.to_dict(),
            "folded": list(self.folded),
            "kept": list(self.kept),
            "hash": self.hash,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Revision:
        """Rebuild a revision; raise ValueError if the stored hash does not match."""
        revision = cls(
            int(data["number"]),
            Document.from_dict(data["document"]),
            tuple(data.get("folded", ())),
            tuple(data.get("kept", ())),
        )
        if "hash" in data and data["hash"] != revision.hash:
            raise ValueError(f"{revision.label}: the stored hash does not match the text")
        return revision


@dataclass(frozen=True)
class IssuedRevision:
    """A new revision, the proposals as they now stand, and what no longer applied."""

    revision: Revision
    proposals: tuple[Proposal, ...]
    conflicts: tuple[Conflict, ...]


def _updated_together(document: Document, proposals: Sequence[Proposal]) -> Document:
    """``document`` with no provision flagged as needing translation in a language that this
    revision's own proposals wrote: folding the English and the Arabic wordings of a change
    together updates both, and neither is then pending (each proposal, applied alone, flags
    the other languages; docs/text-engine.md, "Translations")."""
    written: dict[str, set[str]] = {}
    for proposal in proposals:
        language = getattr(proposal.change, "language", None)
        target = getattr(proposal.change, "target", None)
        if language is not None and target is not None:
            written.setdefault(target, set()).add(language)
    for target, languages in written.items():
        provision = document.get(target)
        if provision is not None and provision.needs_translation & languages:
            document = document.replace(
                replace(provision, needs_translation=provision.needs_translation - languages)
            )
    return document


def issue_revision(
    previous: Revision,
    proposals: Sequence[Proposal],
    *,
    fold: Collection[str],
    keep: Collection[str] = (),
) -> IssuedRevision:
    """Issue Rev.N+1: fold in the ``fold`` proposals, keep ``keep`` ones as brackets.

    Both must be tabled. A folded or kept proposal that no longer applies raises
    :class:`ProposalConflictError` (the mediator must decide); the ``fold`` proposals become
    *folded in*, the ``keep`` ones *kept in brackets*; the others stay as they were, still
    open against the new revision.
    """
    chosen = set(fold) | set(keep)
    if set(fold) & set(keep):
        raise ValueError("a proposal is either folded in or kept in brackets, not both")
    by_id = {p.id: p for p in proposals}
    for identity in chosen:
        proposal = by_id.get(identity)
        if proposal is None or proposal.state is not ProposalState.TABLED:
            raise ValueError(f"proposal {identity} is not a tabled proposal")
    order = [p for p in proposals if p.id in chosen]
    for proposal in order:
        if proposal.id in keep and isinstance(proposal.change, MoveProvision):
            raise ValueError(f"proposal {proposal.id} is a move: it cannot be kept in brackets")
    items = [(p, Mode.FOLD if p.id in fold else Mode.BRACKET) for p in order]
    document, conflicts = apply_all(previous.document, items)
    if conflicts:
        first = conflicts[0]
        raise ProposalConflictError(first.proposal, first.reason)
    document = _updated_together(document, order)
    revision = Revision(
        previous.number + 1,
        document,
        tuple(p.id for p in order if p.id in fold),
        tuple(p.id for p in order if p.id in keep),
    )
    updated = tuple(
        p.fold_in() if p.id in fold else p.keep_in_brackets() if p.id in keep else p
        for p in proposals
    )
    return IssuedRevision(revision, updated, ())
