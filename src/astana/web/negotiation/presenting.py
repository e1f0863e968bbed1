"""Words for the room's pages: provisions by their label and opening words ("Article 2 ¶1 —
The parties call for the…"), and each proposal as the provision's wording with its change
marked inline (deleted and inserted words, as tracked changes show them), in the proposal's
language, with its justification, supporters and opponents by name.

The change is the core's own (:func:`astana.core.text.apply_proposal` on the revision the
proposal was made against) and the marking the redline's word comparison
(:func:`astana.core.text.redline.word_runs`): nothing here compares texts itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from astana.core.language import LANGUAGE_NAMES, direction
from astana.core.text import Document, Mode, Proposal, ProposalConflictError, apply_proposal
from astana.core.text.brackets import Bracket, Inline, Note, ProvisionText
from astana.core.text.proposals import (
    AddAlternative,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    MoveProvision,
    ReplaceText,
)
from astana.core.text.provision import ProvisionKind
from astana.core.text.redline import word_runs
from astana.web.common.kept import Kept
from astana.web.processes.models import Organisation

__all__ = [
    "ProposalView",
    "opening_words",
    "present_proposal",
    "provision_names",
    "readable",
]

#: How many words of a provision name it after its label.
OPENING_WORDS = 7


def _readable(parts: Iterable[Inline], out: list[str]) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Note):
            out.append("{" + part.text + "}")
        elif isinstance(part, Bracket):
            out.append("[" if part.opens else "")
            _readable(part.content, out)
            out.append("]" if part.closes else "")
        else:
            for number, option in enumerate(part.options, start=1):
                out.append(" " if number > 1 else "")
                out.append(f"[{part.label} {number}: ")
                _readable(option.content, out)
                out.append("]")


def readable(text: ProvisionText) -> str:
    """The wording as a reader sees it: brackets and options kept, who holds them left out
    (the page names them in words)."""
    out: list[str] = []
    _readable(text.parts, out)
    return " ".join("".join(out).split())


def opening_words(text: str, count: int = OPENING_WORDS) -> str:
    """The first ``count`` words of ``text``, with an ellipsis where it goes on."""
    words = text.replace("[", "").replace("]", "").split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _short(label: str, kind: ProvisionKind) -> str:
    label = label.strip().rstrip(".:")
    if kind is ProvisionKind.PARAGRAPH and label:
        return f"¶{label}"
    return label


def provision_names(document: Document, language: str, *, opening: bool = True) -> dict[str, str]:
    """Identity -> how the page names the provision: the labels from its article down
    (``Article 2 ¶1 (a)``) and its opening words; a provision without a label by its kind
    and opening words. Without ``opening``, the labels alone (where the whole wording
    follows, as in a redline)."""
    return {
        identity: _said(path, kind, words, opening)
        for identity, (path, kind, words) in _kept_parts(document, language).items()
    }


def _said(path: str, kind: ProvisionKind, words: str, opening: bool = True) -> str:
    name = path or _kind_word(kind)  # the kind's word is the reader's language's
    return f"{name} — {words}" if words and opening else name


def _name_parts(document: Document, language: str) -> dict[str, tuple[str, ProvisionKind, str]]:
    """Identity -> (its labels from its article down, its kind, its opening words): what
    names a provision, whatever the reader's language."""
    parts: dict[str, tuple[str, ProvisionKind, str]] = {}
    within = (ProvisionKind.ARTICLE, ProvisionKind.CHAPTER)

    def walk(provisions: Iterable[Any], above: str, holder: ProvisionKind | None = None) -> None:
        for provision in provisions:
            label = _short(document.label(provision.id, language), provision.kind)
            # A label no other provision of its kind bears, outside an article, is cited on
            # its own: a decision's paragraphs are numbered across its sections (``¶25``,
            # ``¶25 Option 2``), as the core's citations have it.
            alone = (
                bool(label)
                and holder not in within
                and provision.kind not in within
                and document.names_one(provision.id, language)
            )
            path = label if alone else " ".join(p for p in (above, label) if p)
            words = opening_words(readable(provision.text(language)))
            if not words:  # not in this language: the first it has
                for _lang, text in provision.texts:
                    words = opening_words(readable(text))
                    if words:
                        break
            parts[provision.id] = (path, provision.kind, words)
            walk(provision.children, path, provision.kind)

    walk(document.provisions, "")
    return parts


def _kind_word(kind: ProvisionKind) -> str:
    from astana.web.negotiation.templatetags.negotiation import TERMS

    return str(TERMS.get(str(kind), str(kind)))


@dataclass(frozen=True)
class ProposalView:
    """One proposal as a page shows it."""

    reference: str
    author: str
    state: str
    kind: str
    provision: str  # the provision it changes, in words ("" for a new one at the top)
    language: str  # the language's own name ("English", "العربية")
    language_code: str
    direction: str
    runs: tuple[tuple[str, str], ...]  # ("equal" | "delete" | "insert", text)
    label: str = ""  # a new provision's label
    after: str = ""  # where a new or moved provision goes, in words
    justification: str = ""
    supporters: tuple[str, ...] = ()
    opponents: tuple[str, ...] = ()
    note: str = ""  # why the change cannot be shown on the text (no longer applies)
    extra: dict[str, Any] = field(default_factory=dict)


def language_name(code: str) -> str:
    """A language by its name in the reader's language ("English", "الإنجليزية")."""
    if code not in LANGUAGE_NAMES:
        return code
    return str(get_language_info(code)["name_translated"])


def _runs(old: str, new: str) -> tuple[tuple[str, str], ...]:
    return tuple((str(run.op), run.text) for run in word_runs(old, new))


def present_proposal(
    proposal: Proposal,
    document: Document | None,
    names: Mapping[str, str],
    provision_name: Callable[[str], str],
    language: str,
) -> ProposalView:
    """``proposal`` as the page shows it: ``document`` is the revision it was made against
    (``None`` where that revision is unknown), ``names`` delegations by slug,
    ``provision_name`` a provision's name in words, ``language`` the reader's."""
    change = proposal.change
    lang = getattr(change, "language", None) or language
    texts_of = getattr(getattr(change, "provision", None), "texts", ())
    if isinstance(change, InsertProvision) and texts_of:
        lang = texts_of[0][0]
    runs: tuple[tuple[str, str], ...] = ()
    note = ""
    label = after = ""
    target = getattr(change, "target", None)
    if isinstance(change, InsertProvision):
        new = change.provision
        label = new.label(lang) or ""
        runs = (("insert", readable(new.text(lang))),) if new.text(lang) else ()
        if change.after:
            after = provision_name(change.after)
        elif change.parent:
            after = provision_name(change.parent)
    elif isinstance(change, MoveProvision):
        after = provision_name(change.after or change.parent or "")
    elif isinstance(change, DeleteProvision):
        if document is not None and change.target in document:
            runs = (("delete", readable(document[change.target].text(language))),)
            lang = language
    elif document is not None and target in document:
        assert isinstance(change, ReplaceText | DeleteWords | InsertWords | AddAlternative)
        old = readable(document[change.target].text(lang))
        try:
            changed = apply_proposal(document, proposal, mode=Mode.FOLD)
            runs = _runs(old, readable(changed[change.target].text(lang)))
        except ProposalConflictError:
            note = _("This change no longer applies to the wording it was made on.")
            wording = getattr(change, "text", None)
            if isinstance(wording, ProvisionText):
                runs = (("insert", readable(wording)),)
    return ProposalView(
        reference=proposal.id,
        author=names.get(proposal.author, proposal.author),
        state=str(proposal.state),
        kind=change.kind,
        provision=provision_name(target) if target else "",
        language=language_name(lang),
        language_code=lang,
        direction=str(direction(lang)) if lang in LANGUAGE_NAMES else "auto",
        runs=runs,
        label=label,
        after=after,
        justification=proposal.justification,
        supporters=tuple(names.get(s, s) for s in proposal.supporters),
        opponents=tuple(names.get(s, s) for s in proposal.opponents),
        note=note,
    )


def proposal_views(
    rows: Iterable[Any],
    names: Mapping[str, str],
    language: str,
    known: Mapping[tuple[int, int], Document] | None = None,
) -> dict[str, ProposalView]:
    """Public id -> the view of each proposal row (``TextProposal``) the reader may read, each
    shown on the revision it was made against and named in ``language``. ``known``: documents
    the caller has read already, by text id and revision number (not read again)."""
    from astana.web.negotiation.actions.common import revision_of
    from astana.web.negotiation.models import TextRevision

    pairs = [(row, Proposal.from_dict(row.data)) for row in rows]
    documents: dict[tuple[int, int], Document | None] = dict(known or {})
    wanted = {(row.text_id, proposal.revision) for row, proposal in pairs} - documents.keys()
    # The revisions the proposals were made against, in one query (most share one or two).
    stored: dict[tuple[int, int], Any] = {}
    for text_id in {text_id for text_id, _number in wanted}:
        numbers = [number for t, number in wanted if t == text_id]
        for revision in TextRevision.objects.filter(text_id=text_id, number__in=numbers):
            stored[(text_id, revision.number)] = revision
    provision_words: dict[tuple[int, int], dict[str, str]] = {}
    shown = {}
    for row, proposal in pairs:
        key = (row.text_id, proposal.revision)
        if key not in provision_words:
            if key not in documents:
                documents[key] = revision_of(stored[key]).document if key in stored else None
            document = documents[key]
            provision_words[key] = (
                provision_names(
                    document, language if language in document.languages else document.languages[0]
                )
                if document is not None
                else {}
            )
        words = provision_words[key]
        shown[row.public_id] = present_proposal(
            proposal,
            documents[key],
            names,
            lambda identity, words=words: words.get(identity, _("a provision")),  # type: ignore[misc]
            language,
        )
    return shown


def reader() -> str:
    """The active language's code (the reader's page's, or the one an event is said in)."""
    return (get_language() or "en").split("-")[0]


def delegation_name(organisation: Any, language: str | None = None) -> str:
    """An organisation as the room names it: its short name in ``language`` (by default the
    active one), else its name."""
    language = language or reader()
    short = organisation.tr("short_name", language).text
    return str(short or organisation.tr("name", language).text or organisation.slug)


#: What names the provisions of the last few documents named, by the document object (a
#: frozen value) and its language (the reader's language adds only a kind's word): an event
#: says a provision in every language and a grid saves many positions on one document, so a
#: whole text's names are not rebuilt each time.
_NAMED: Kept[tuple[int, str], tuple[Document, dict[str, tuple[str, ProvisionKind, str]]]] = Kept(8)


def delegation_names(slugs: Iterable[str]) -> list[str]:
    """Organisations given by slug, by :func:`delegation_name` (a slug no organisation has
    stays as it is), in the order given."""
    wanted = list(slugs)
    rows = {o.slug: o for o in Organisation.objects.filter(slug__in=wanted)}
    return [delegation_name(rows[s]) if s in rows else s for s in wanted]


def reading_language(document: Document, language: str | None = None) -> str:
    """The language ``document`` is read in: ``language`` (by default the active one) where
    the document has it, else the document's first."""
    language = language or reader()
    return language if language in document.languages else document.languages[0]


def provision_name(document: Document, identity: str, language: str | None = None) -> str:
    """Provision ``identity`` of ``document`` in words, in ``language`` (by default the
    active one) where the document has it (else its first language)."""
    found = _kept_parts(document, reading_language(document, language)).get(identity)
    return _said(*found) if found else _("a provision")


def _kept_parts(document: Document, language: str) -> dict[str, tuple[str, ProvisionKind, str]]:
    """:func:`_name_parts`, kept for the last few documents named."""
    kept = _NAMED.get(
        (id(document), language),
        lambda: (document, _name_parts(document, language)),
        valid=lambda kept: kept[0] is document,  # not another object since, with the same id
    )
    return kept[1]


def text_title(text: Any) -> str:
    """A negotiating text's (or a round's) title in the active language, else another."""
    return str(text.tr("title", reader()).text)


def slugs_named(message: str, names: Mapping[str, str]) -> str:
    """``message`` (built by the core, which knows organisations by their slugs) with each
    organisation's slug replaced by its name."""
    known = sorted((s for s in names if s in message), key=len, reverse=True)
    if not known:
        return message
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, known)) + r")(?![\w-])")
    return pattern.sub(lambda m: names[m.group(1)], message)
