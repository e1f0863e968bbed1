"""Views of the text for readers: compilation, clean and per-party, in any language.

A view is a structured tree (no HTML): provisions with their label in the view's language,
and inline content made of text runs, brackets and alternatives, each bracket and option
with its holders and, where a proposal put it there, the proposal's attribution
(proposed by, supported by, opposed by). The web and export layers render it.

* **compilation**: the revision with every tabled proposal shown as brackets or
  alternatives, attributed; moves and proposals that no longer apply appear as notes.
* **clean**: the agreed text only (every bracket and alternative left out).
* **party**: the text as one party would have it: its own and supported proposals folded
  in, the brackets and options it holds accepted, brackets held only by others left out.

Every label is the provision's label as written (``Document.label``: ``4 bis.``, ``Article 2
bis``), never a number recomputed from the order. Sections carry their heading as label and
their title as content; headings, block options and drafting notes are provisions of their own
kinds; inline drafting notes are :class:`NoteView` parts, never bracketed or negotiated; a
bracket that spans provisions is shown as fragments (``opens``/``closes``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeAlias

from astana.core.language import RTL_LANGUAGES
from astana.core.text.applying import Mode, apply_all
from astana.core.text.brackets import Bracket, Inline, OptionGroup, ProvisionText
from astana.core.text.brackets import Note as InlineNote
from astana.core.text.document import Document
from astana.core.text.positions import Positions
from astana.core.text.proposals import MoveProvision, Proposal
from astana.core.text.provision import Provision, ProvisionKind

_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")

__all__ = [
    "AlternativesView",
    "Attribution",
    "BracketView",
    "DocumentView",
    "InlineView",
    "Note",
    "NoteView",
    "OptionView",
    "ProvisionView",
    "TextRun",
    "clean_view",
    "compilation_view",
    "party_view",
]


@dataclass(frozen=True)
class Attribution:
    """Who proposed a bracket or an option, who supports and who opposes it."""

    proposal: str
    kind: str
    author: str
    supporters: tuple[str, ...]
    opponents: tuple[str, ...]
    #: The proposal's origin (``"mediator"``, ``"bridging"``; ``""`` a delegation's).
    origin: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "proposal": self.proposal,
            "kind": self.kind,
            "author": self.author,
            "supporters": list(self.supporters),
            "opponents": list(self.opponents),
        } | ({"origin": self.origin} if self.origin else {})


@dataclass(frozen=True)
class TextRun:
    """Plain text."""

    text: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {"type": "text", "text": self.text}


@dataclass(frozen=True)
class NoteView:
    """A drafting note inside a text (``{No text required}``): shown, never negotiated."""

    text: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {"type": "note", "text": self.text}


@dataclass(frozen=True)
class BracketView:
    """Bracketed text, with its holders and attribution; a fragment of a bracket that spans
    provisions shows only the ``[`` it ``opens`` or the ``]`` it ``closes`` (or neither)."""

    children: tuple[InlineView, ...]
    holders: tuple[str, ...]
    attribution: Attribution | None
    opens: bool = True
    closes: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible); ``opens``/``closes`` only on a fragment."""
        data: dict[str, Any] = {
            "type": "bracket",
            "children": [c.to_dict() for c in self.children],
            "holders": list(self.holders),
            "attribution": self.attribution.to_dict() if self.attribution else None,
        }
        if not (self.opens and self.closes):
            data["opens"] = self.opens
            data["closes"] = self.closes
        return data


@dataclass(frozen=True)
class OptionView:
    """One alternative, numbered from 1."""

    number: int
    label: str
    children: tuple[InlineView, ...]
    holders: tuple[str, ...]
    attribution: Attribution | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "number": self.number,
            "label": self.label,
            "children": [c.to_dict() for c in self.children],
            "holders": list(self.holders),
            "attribution": self.attribution.to_dict() if self.attribution else None,
        }


@dataclass(frozen=True)
class AlternativesView:
    """Competing wordings."""

    options: tuple[OptionView, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {"type": "alternatives", "options": [o.to_dict() for o in self.options]}


InlineView: TypeAlias = TextRun | BracketView | AlternativesView | NoteView


@dataclass(frozen=True)
class Note:
    """Something said about a provision outside its text (a proposed move, a conflict)."""

    kind: str
    text: str
    attribution: Attribution | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "kind": self.kind,
            "text": self.text,
            "attribution": self.attribution.to_dict() if self.attribution else None,
        }


@dataclass(frozen=True)
class ProvisionView:
    """A provision as shown: label, content, state, translation flag, notes, children."""

    id: str
    kind: str
    label: str
    content: tuple[InlineView, ...]
    children: tuple[ProvisionView, ...]
    needs_translation: bool
    state: str
    notes: tuple[Note, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "content": [c.to_dict() for c in self.content],
            "children": [c.to_dict() for c in self.children],
            "needs_translation": self.needs_translation,
            "state": self.state,
            "notes": [n.to_dict() for n in self.notes],
        }


@dataclass(frozen=True)
class DocumentView:
    """A whole view: which one, in which language and direction, and its provisions."""

    view: str
    language: str
    direction: str
    title: tuple[InlineView, ...]
    provisions: tuple[ProvisionView, ...]
    party: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-compatible)."""
        return {
            "view": self.view,
            "language": self.language,
            "direction": self.direction,
            "party": self.party,
            "title": [c.to_dict() for c in self.title],
            "provisions": [p.to_dict() for p in self.provisions],
        }


def _attribution(reference: str | None, proposals: Mapping[str, Proposal]) -> Attribution | None:
    proposal = proposals.get(reference) if reference else None
    if proposal is None:
        return None
    return Attribution(
        proposal.id,
        proposal.change.kind,
        proposal.author,
        proposal.supporters,
        proposal.opponents,
        proposal.origin,
    )


def _inline(parts: Iterable[Inline], proposals: Mapping[str, Proposal]) -> tuple[InlineView, ...]:
    out: list[InlineView] = []
    for part in parts:
        if isinstance(part, str):
            out.append(TextRun(part))
        elif isinstance(part, InlineNote):
            out.append(NoteView(part.text))
        elif isinstance(part, Bracket):
            out.append(
                BracketView(
                    _inline(part.content, proposals),
                    part.holders,
                    _attribution(part.proposal, proposals),
                    part.opens,
                    part.closes,
                )
            )
        elif isinstance(part, OptionGroup):
            out.append(
                AlternativesView(
                    tuple(
                        OptionView(
                            n,
                            part.label,
                            _inline(o.content, proposals),
                            o.holders,
                            _attribution(o.proposal, proposals),
                        )
                        for n, o in enumerate(part.options, start=1)
                    )
                )
            )
    return tuple(out)


class _Builder:
    def __init__(
        self,
        document: Document,
        language: str,
        proposals: Mapping[str, Proposal],
        states: Mapping[str, str],
        notes: Mapping[str, tuple[Note, ...]],
    ) -> None:
        self.document = document
        self.language = language
        self.proposals = proposals
        self.states = states
        self.notes = notes

    def provisions(self, children: Sequence[Provision]) -> tuple[ProvisionView, ...]:
        return tuple(self.provision(child) for child in children)

    def provision(self, provision: Provision) -> ProvisionView:
        state = self.states.get(provision.id, "open")
        return ProvisionView(
            provision.id,
            str(provision.kind),
            self.document.label(provision.id, self.language),
            _inline(provision.text(self.language).parts, self.proposals),
            self.provisions(provision.children),
            self.language in provision.needs_translation,
            str(state),
            self.notes.get(provision.id, ()),
        )

    def view(self, name: str, party: str | None = None) -> DocumentView:
        return DocumentView(
            name,
            self.language,
            "rtl" if self.language in RTL_LANGUAGES else "ltr",
            _inline(self.document.title(self.language).parts, self.proposals),
            self.provisions(self.document.provisions),
            party,
        )


def compilation_view(
    document: Document,
    proposals: Iterable[Proposal],
    language: str,
    *,
    positions: Positions | None = None,
) -> DocumentView:
    """The compilation text: every tabled proposal shown in brackets, attributed."""
    open_ = [p for p in proposals if p.is_open]
    by_id = {p.id: p for p in open_}
    compiled, conflicts = apply_all(document, [(p, Mode.BRACKET) for p in open_])
    notes: dict[str, list[Note]] = {}
    for proposal in open_:
        if isinstance(proposal.change, MoveProvision):
            where = proposal.change.after or proposal.change.parent or "the beginning"
            notes.setdefault(proposal.change.target, []).append(
                Note("move", f"move after {where}", _attribution(proposal.id, by_id))
            )
    for conflict in conflicts:
        target = getattr(by_id[conflict.proposal].change, "target", None)
        if isinstance(target, str) and target in compiled:
            notes.setdefault(target, []).append(
                Note("conflict", conflict.reason, _attribution(conflict.proposal, by_id))
            )
    frozen = {k: tuple(v) for k, v in notes.items()}
    # States on the revision's own wording, not on the compiled text's proposed brackets.
    states = {p.id: str(positions.state(p)) for p in document.walk()} if positions else {}
    return _Builder(compiled, language, by_id, states, frozen).view("compilation")


def _clean(text: ProvisionText) -> tuple[InlineView, ...]:
    clean = text.clean()
    return (TextRun(clean),) if clean else ()


def clean_view(
    document: Document, language: str, *, positions: Positions | None = None
) -> DocumentView:
    """The agreed text only; provisions left with no agreed text (and no sub-provisions
    that have some) are left out, and so are block options (alternatives, not agreed)."""

    def keep(provision: Provision) -> ProvisionView | None:
        if provision.kind is ProvisionKind.OPTION:
            return None  # a block option is an alternative, not agreed text
        children = tuple(v for v in (keep(c) for c in provision.children) if v is not None)
        text = provision.text(language)
        content = _clean(text)
        if text and not content and not children:
            return None
        state = positions.state(provision) if positions else "open"
        return ProvisionView(
            provision.id,
            str(provision.kind),
            document.label(provision.id, language),
            content,
            children,
            language in provision.needs_translation,
            str(state),
        )

    provisions = tuple(v for v in (keep(p) for p in document.provisions) if v is not None)
    direction = "rtl" if language in RTL_LANGUAGES else "ltr"
    return DocumentView("clean", language, direction, _clean(document.title(language)), provisions)


def _as_party(parts: Iterable[Inline], party: str) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for part in parts:
        if isinstance(part, str | InlineNote):
            out.append(part)
        elif isinstance(part, Bracket):
            if party in part.holders:
                out.extend(_as_party(part.content, party))
            elif not part.holders:
                out.append(replace(part, content=_as_party(part.content, party)))
        elif isinstance(part, OptionGroup):
            held = [o for o in part.options if party in o.holders]
            if held:
                out.extend(_as_party(held[0].content, party))
            else:
                out.append(part)
    return tuple(out)


def _trimmed(parts: tuple[Inline, ...]) -> tuple[Inline, ...]:
    items = list(parts)
    while items and isinstance(items[0], str) and not items[0].strip():
        items.pop(0)
    while items and isinstance(items[-1], str) and not items[-1].strip():
        items.pop()
    if items and isinstance(items[0], str):
        items[0] = items[0].lstrip()
    if items and isinstance(items[-1], str):
        items[-1] = items[-1].rstrip()
    return tuple(items)


def party_view(
    document: Document, proposals: Iterable[Proposal], party: str, language: str
) -> DocumentView:
    """The text as ``party`` would have it."""
    backed = [p for p in proposals if p.is_open and party in p.holders]
    text, _ = apply_all(document, [(p, Mode.FOLD) for p in backed])
    for provision in list(text.walk()):
        own = provision.text(language)
        if own.is_bracketed:
            resolved = ProvisionText(_trimmed(_as_party(own.parts, party)))
            tidy = ProvisionText.parse(_SPACES.sub(" ", resolved.notation))
            text = text.replace(provision.with_text(language, tidy))
    return _Builder(text, language, {}, {}, {}).view("party", party)
