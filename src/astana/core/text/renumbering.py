"""The mediator's technical renumbering: the one act that changes labels.

Labels are data (``4 bis.`` stays ``4 bis.`` whatever is inserted or deleted around it),
because delegations cite provisions by them. Once a text is clean, the mediator may renumber
it: a new revision whose labels are the display numbers in document order (``4 bis.`` after
``4.`` becomes ``5.``), issued with the concordance table old label -> new label.

United Nations practice renumbers a *clean* text: while proposals are open or brackets stand,
delegations' proposals, positions and statements cite the labels, and renumbering under them
would make those citations point elsewhere. So renumbering is refused while any tabled
proposal is undecided or any bracket or alternative stands in any language (drafting notes do
not count); it is refused, too, when every label already is its display number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from astana.core.text.brackets import Note
from astana.core.text.proposals import Proposal
from astana.core.text.provision import ProvisionKind
from astana.core.text.revision import Revision

__all__ = ["ConcordanceRow", "RenumberingRefused", "concordance", "renumber"]


class RenumberingRefused(ValueError):
    """Why this text cannot be renumbered now."""


@dataclass(frozen=True)
class ConcordanceRow:
    """One provision whose label changed: its identity, kind, and old and new label per
    language."""

    id: str
    kind: ProvisionKind
    old: tuple[tuple[str, str], ...]
    new: tuple[tuple[str, str], ...]

    def old_label(self, language: str) -> str:
        return dict(self.old).get(language, "")

    def new_label(self, language: str) -> str:
        return dict(self.new).get(language, "")

    def to_dict(self) -> dict[str, object]:
        """Plain data (JSON-compatible)."""
        return {"id": self.id, "kind": str(self.kind), "old": dict(self.old), "new": dict(self.new)}


def concordance(old: Revision, new: Revision) -> tuple[ConcordanceRow, ...]:
    """The provisions of ``old`` still in ``new`` whose label changed in some language, in
    ``new``'s document order (empty for a revision that renumbered nothing)."""
    rows = []
    for identity in new.document.ids():
        if identity not in old.document:
            continue
        before = old.document.labels(identity)
        after = new.document.labels(identity)
        if before != after:
            rows.append(
                ConcordanceRow(
                    identity,
                    new.document[identity].kind,
                    tuple(before.items()),
                    tuple(after.items()),
                )
            )
    return tuple(rows)


def renumber(
    previous: Revision, proposals: Sequence[Proposal]
) -> tuple[Revision, tuple[ConcordanceRow, ...]]:
    """Rev.N+1 of ``previous`` with every label its display number, and the concordance.

    Raises :class:`RenumberingRefused` while a tabled proposal is undecided, while a bracket
    or an alternative stands, or when nothing would change.
    """
    open_ = [p.id for p in proposals if p.is_open]
    if open_:
        raise RenumberingRefused(
            "A technical renumbering is done on a clean text: proposals "
            f"{', '.join(open_)} are still open; fold them in, keep them or set them aside first."
        )
    document = previous.document
    for provision in document.walk():
        for language, text in provision.texts:
            if any(not isinstance(part, str | Note) for part in text.parts):
                label = document.label(provision.id, language) or provision.id
                raise RenumberingRefused(
                    "A technical renumbering is done on a clean text: "
                    f"{label} ({provision.id}) still has brackets in {language}."
                )
    renumbered, _ = document.renumbered()
    revision = Revision(previous.number + 1, renumbered)
    rows = concordance(previous, revision)
    if not rows:
        raise RenumberingRefused(
            "Every label already is its number in sequence: there is nothing to renumber."
        )
    return revision, rows
