"""Applying proposals to a document: folded in as agreed wording, or kept as brackets.

``Mode.FOLD`` makes the proposal's change (what the mediator does when the proposal is
accepted into the next revision). ``Mode.BRACKET`` shows it as a bracket or an alternative
attributed to the proposal and its backers (what a compilation text shows, and what a
revision keeps when the mediator keeps a proposal in brackets). Word-level changes resolve
their anchors against the provision's text as it stands, so the order of proposals that
touch different words does not matter.

An inserted provision keeps the label its proposal gives it (``4 bis.``); one proposed without
a label, into a text whose labels are stored, gets the suggested one
(:func:`astana.core.text.insertion.suggest_label`), so that no other label moves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from astana.core.text.anchors import AnchorLostError
from astana.core.text.brackets import Bracket, NotationError, Option, OptionGroup, ProvisionText
from astana.core.text.document import Document, StructureError, check_order
from astana.core.text.insertion import label_inserted
from astana.core.text.numbering import OPTION_WORD
from astana.core.text.proposals import (
    AddAlternative,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    MoveProvision,
    Proposal,
    ReplaceText,
)
from astana.core.text.provision import Provision

__all__ = ["Conflict", "Mode", "ProposalConflictError", "apply_all", "apply_proposal", "bracketed"]

_NO_SPACE_BEFORE = frozenset(",.;:!?)]}،؛؟")
_NO_SPACE_AFTER = frozenset("([{")


class Mode(StrEnum):
    """How a proposal enters the text."""

    FOLD = "fold"
    BRACKET = "bracket"


class ProposalConflictError(ValueError):
    """A proposal that no longer applies (its provision or its words are gone)."""

    def __init__(self, proposal: str, reason: str) -> None:
        super().__init__(f"proposal {proposal}: {reason}")
        self.proposal = proposal
        self.reason = reason


@dataclass(frozen=True)
class Conflict:
    """A proposal left out of a batch, and why."""

    proposal: str
    reason: str


def bracketed(text: ProvisionText, proposal: Proposal) -> ProvisionText:
    """``text`` in one bracket attributed to ``proposal`` and its backers."""
    if not text:
        return text
    return ProvisionText((Bracket(text.parts, proposal.holders, proposal.id),))


def _bracket_tree(provision: Provision, proposal: Proposal) -> Provision:
    return replace(
        provision,
        texts=tuple((lang, bracketed(text, proposal)) for lang, text in provision.texts),
        children=tuple(_bracket_tree(child, proposal) for child in provision.children),
    )


def _parse(source: str, proposal: Proposal) -> ProvisionText:
    try:
        return ProvisionText.parse(source.strip())
    except NotationError as error:
        raise ProposalConflictError(
            proposal.id, f"the change would break the brackets ({error.reason})"
        ) from None


def _splice(source: str, start: int, end: int, insert: str) -> str:
    """Put ``insert`` in place of ``source[start:end]``, keeping single spaces around it."""
    before, after = source[:start], source[end:]
    if not insert:
        if before.endswith(" ") and (
            after.startswith(" ") or not after or after[0] in _NO_SPACE_BEFORE
        ):
            before = before[:-1]
        return before + after
    if before and not before[-1].isspace() and before[-1] not in _NO_SPACE_AFTER:
        insert = " " + insert
    if after and not after[0].isspace() and after[0] not in _NO_SPACE_BEFORE:
        insert += " "
    return before + insert + after


def _span(source: str, change: DeleteWords | AddAlternative, proposal: Proposal) -> tuple[int, int]:
    if change.anchor is None:
        return 0, len(source)
    try:
        start, end = change.anchor.resolve(source)
    except AnchorLostError as error:
        raise ProposalConflictError(proposal.id, str(error)) from None
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return start, end


def _alternative(
    span: ProvisionText, change: AddAlternative, proposal: Proposal, mode: Mode
) -> ProvisionText:
    """The anchored words with ``change``'s text offered beside them: one more option of an
    option group; one more bracket of a set of touching brackets (``[shall][should]``, or a
    lone ``[should]``), as drafters add ``[must]``; else an option group of the two."""
    attribution = proposal.id if mode is Mode.BRACKET else None
    if span.parts and all(isinstance(part, Bracket) for part in span.parts):
        added = Bracket(change.text.parts, proposal.holders, attribution)
        return ProvisionText((*span.parts, added))
    option = Option(change.text.parts, proposal.holders, attribution)
    if len(span.parts) == 1 and isinstance(span.parts[0], OptionGroup):
        group = span.parts[0]
        return ProvisionText((OptionGroup((*group.options, option), group.label),))
    label = OPTION_WORD.get(change.language, "Option")
    return ProvisionText((OptionGroup((Option(span.parts), option), label),))


def _new_text(
    document: Document,
    change: ReplaceText | DeleteWords | InsertWords | AddAlternative,
    proposal: Proposal,
    mode: Mode,
) -> ProvisionText:
    old = document[change.target].text(change.language)
    source = old.notation
    if isinstance(change, ReplaceText):
        if mode is Mode.FOLD or not old:
            return change.text if mode is Mode.FOLD else bracketed(change.text, proposal)
        label = OPTION_WORD.get(change.language, "Option")
        new = Option(change.text.parts, proposal.holders, proposal.id)
        return ProvisionText((OptionGroup((Option(old.parts), new), label),))
    if isinstance(change, InsertWords):
        words = change.words.strip()
        if not words:
            raise ProposalConflictError(proposal.id, "nothing to insert")
        try:
            point, _ = change.anchor.resolve(source)
        except AnchorLostError as error:
            raise ProposalConflictError(proposal.id, str(error)) from None
        insert = (
            bracketed(_parse(words, proposal), proposal).notation if mode is Mode.BRACKET else words
        )
        return _parse(_splice(source, point, point, insert), proposal)
    start, end = _span(source, change, proposal)
    if isinstance(change, DeleteWords):
        if start == end:
            raise ProposalConflictError(proposal.id, "nothing to delete")
        if mode is Mode.FOLD:
            return _parse(_splice(source, start, end, ""), proposal)
        insert = bracketed(_parse(source[start:end], proposal), proposal).notation
        return _parse(source[:start] + insert + source[end:], proposal)
    span = _parse(source[start:end], proposal)
    if not span:
        added = change.text if mode is Mode.FOLD else bracketed(change.text, proposal)
        return _parse(_splice(source, start, end, added.notation), proposal)
    offered = _alternative(span, change, proposal, mode).notation
    return _parse(source[:start] + offered + source[end:], proposal)


def apply_proposal(document: Document, proposal: Proposal, *, mode: Mode = Mode.FOLD) -> Document:
    """``document`` with ``proposal`` folded in (or kept as brackets); raises
    :class:`ProposalConflictError` when it no longer applies."""
    change = proposal.change
    try:
        if isinstance(change, InsertProvision):
            provision = (
                change.provision if mode is Mode.FOLD else _bracket_tree(change.provision, proposal)
            )
            missing = set(document.languages) - {lang for lang, _ in provision.texts}
            provision = replace(provision, needs_translation=provision.needs_translation | missing)
            inserted = document.insert(provision, parent=change.parent, after=change.after)
            return label_inserted(inserted, provision.id)
        if isinstance(change, DeleteProvision):
            if mode is Mode.FOLD:
                return document.remove(change.target)
            return document.replace(_bracket_tree(document[change.target], proposal))
        if isinstance(change, MoveProvision):
            if mode is Mode.BRACKET:
                document[change.target]
                return document
            return document.move(change.target, parent=change.parent, after=change.after)
        if change.target not in document:
            raise ProposalConflictError(proposal.id, f"no provision {change.target} in the text")
        if change.language not in document.languages:
            raise ProposalConflictError(proposal.id, f"the text has no {change.language} version")
        text = _new_text(document, change, proposal, mode)
        return document.set_text(change.target, change.language, text)
    except (StructureError, KeyError) as error:
        raise ProposalConflictError(proposal.id, str(error)) from None
    except ValueError as error:
        if isinstance(error, ProposalConflictError):
            raise
        raise ProposalConflictError(proposal.id, str(error)) from None


def apply_all(
    document: Document, proposals: Iterable[tuple[Proposal, Mode]]
) -> tuple[Document, tuple[Conflict, ...]]:
    """Apply many proposals; those that no longer apply are left out and reported.

    Word- and text-level changes come first, then deletions and moves, then insertions of
    provisions (in one pass, so that a thousand of them cost one walk of the tree; several
    insertions after the same provision stand in the order given).
    """
    items = list(proposals)
    conflicts: list[Conflict] = []
    structural = (InsertProvision, DeleteProvision, MoveProvision)
    late: list[tuple[Proposal, Mode]] = []
    for proposal, mode in items:
        change = proposal.change
        if isinstance(change, structural) and not (
            isinstance(change, DeleteProvision) and mode is Mode.BRACKET
        ):
            late.append((proposal, mode))
            continue
        try:
            document = apply_proposal(document, proposal, mode=mode)
        except ProposalConflictError as error:
            conflicts.append(Conflict(proposal.id, error.reason))
    inserts: list[tuple[Proposal, Mode, InsertProvision]] = []
    for proposal, mode in late:
        if isinstance(proposal.change, InsertProvision):
            inserts.append((proposal, mode, proposal.change))
            continue
        try:
            document = apply_proposal(document, proposal, mode=mode)
        except ProposalConflictError as error:
            conflicts.append(Conflict(proposal.id, error.reason))
    if inserts:
        document = _insert_all(document, inserts, conflicts)
    return document, tuple(conflicts)


def _insert_all(
    document: Document,
    inserts: Sequence[tuple[Proposal, Mode, InsertProvision]],
    conflicts: list[Conflict],
) -> Document:
    children_of: dict[str | None, list[Provision]] = {}
    last_after: dict[tuple[str | None, str | None], str] = {}
    used: set[str] = set()
    inserted: list[str] = []
    for proposal, mode, change in inserts:
        provision = (
            change.provision if mode is Mode.FOLD else _bracket_tree(change.provision, proposal)
        )
        missing = set(document.languages) - {lang for lang, _ in provision.texts}
        provision = replace(provision, needs_translation=provision.needs_translation | missing)
        ids = [p.id for p in provision.walk()]
        if change.parent is not None and change.parent not in document:
            conflicts.append(Conflict(proposal.id, f"no provision {change.parent} in the text"))
            continue
        if any(i in document or i in used for i in ids):
            conflicts.append(Conflict(proposal.id, f"the identity {ids[0]} is already in use"))
            continue
        if change.parent not in children_of:
            parent = document[change.parent] if change.parent is not None else None
            children_of[change.parent] = list(parent.children if parent else document.provisions)
        children = children_of[change.parent]
        after = last_after.get((change.parent, change.after), change.after)
        index = (
            0
            if after is None
            else next((i + 1 for i, c in enumerate(children) if c.id == after), -1)
        )
        if index < 0:
            conflicts.append(
                Conflict(proposal.id, f"{change.after} is not where the insertion should follow")
            )
            continue
        trial = [*children[:index], provision, *children[index:]]
        try:
            parent_kind = document[change.parent].kind if change.parent is not None else None
            check_order(parent_kind, trial)
        except StructureError as error:
            conflicts.append(Conflict(proposal.id, str(error)))
            continue
        children_of[change.parent] = trial
        last_after[(change.parent, change.after)] = provision.id
        used.update(ids)
        inserted.append(provision.id)
    document = document.rebuild({parent: tuple(kids) for parent, kids in children_of.items()})
    for identity in inserted:
        document = label_inserted(document, identity)
    return document
