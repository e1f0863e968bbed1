"""``text.create`` and ``revision.issue``: the mediator's text and its revisions."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, replace
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.language import is_language
from astana.core.text import (
    Document,
    NotationError,
    ProposalConflictError,
    Revision,
    format_document,
    issue_revision,
    read_document,
)
from astana.core.text.notation import NotationProblems, Problem
from astana.core.text.problem_places import provisions_at
from astana.formats.documents import IMPORT_SUFFIXES, import_document
from astana.formats.errors import FormatError
from astana.formats.pdf_text import from_pdf_text
from astana.web.accounts.models import User
from astana.web.common.audit import audit
from astana.web.common.characters import checked_text, translations
from astana.web.common.errors import ActionError, Unreadable
from astana.web.common.events import event
from astana.web.common.record import log_append
from astana.web.negotiation.access import Actor, access_round, access_text
from astana.web.negotiation.actions.common import (
    MAX_TEXT,
    bump,
    check_version,
    core_proposals,
    latest_revision,
    round_parties,
)
from astana.web.negotiation.models import NegotiationText, TextProposal, TextRevision
from astana.web.negotiation.presenting import text_title
from astana.web.negotiation.templatetags.negotiation import term

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def record_revision(row: TextRevision) -> None:
    """Every issued revision goes into the public log (what signatures will refer to); the row
    keeps its entry, so a bundle finds it without searching the log. ``parties`` (the round's
    parties then) is what a verifier counts signatures against ("2 of 3 parties signed")."""
    attributes = {
        "document": row.text.document_id,
        "revision": str(row.number),
        "revision-sha256": row.sha256,
    }
    if parties := round_parties(row.text.round):
        attributes["parties"] = " ".join(parties)
    row.log_entry = log_append("revision.issued", row.text.round.process.slug, attributes)
    row.save(update_fields=["log_entry"])


def store_revision(text: NegotiationText, revision: Revision, user: User) -> TextRevision:
    """Store the next revision of ``text`` as issued by ``user`` and record it in the public
    log: what issuing, renumbering and supplying a translation share."""
    row = TextRevision.objects.create(
        text=text,
        number=revision.number,
        document=revision.document.to_dict(),
        sha256=revision.hash,
        folded=list(revision.folded),
        kept=list(revision.kept),
        issued_by=user,
    )
    record_revision(row)
    return row


def audit_revision(
    actor: Actor,
    action: Action,
    row: TextRevision,
    previous: TextRevision,
    **detail: Any,
) -> None:
    """The audit entry of a revision just stored (``row``, after ``previous``): recorded as
    ``<text id>/<number>``, with its number, its hash and the hash of the one before it."""
    audit(
        actor,
        action,
        row,
        f"{row.text_id}/{row.number}",
        number=row.number,
        previous_sha256=previous.sha256,
        sha256=row.sha256,
        **detail,
    )


@transaction.atomic
def text_create(
    *,
    user: User,
    round_id: int,
    slug: str,
    titles: Mapping[str, str],
    notation: str = "",
    languages: Collection[str] = ("ar", "en"),
    lenient: bool = False,
    accept_problems: bool = False,
) -> NegotiationText:
    """The mediator creates a text in a round, empty or from the bracketed notation, as Rev.1.

    A notation with problems (a bracket typo, a line whose layout is not understood) is
    refused with every problem listed (:class:`Unreadable`). With ``lenient`` and the
    mediator's confirmation ``accept_problems`` it is created all the same: each problem is
    kept where it stood (a stray bracket as literal text, a stray line as a note) and stored
    with Rev.1, placed at the provision holding its line, for the room to mark."""
    actor = access_round(user, round_id, need=Action.TEXT_CREATE)
    if not _SLUG.match(slug):
        raise ActionError(_("The short name must be 1-80 lower-case letters, digits or dashes."))
    if NegotiationText.objects.filter(round=actor.round, slug=slug).exists():
        raise ActionError(_("This round already has a text named %(slug)s.") % {"slug": repr(slug)})
    titles = dict(translations(titles, "The title"))
    if not titles:
        raise ActionError(_("A title in at least one language is needed."))
    titles = {k: checked_text(v, f"The {k} title") for k, v in titles.items()}
    if any(len(v) > 300 for v in titles.values()):
        raise ActionError(_("A title is at most 300 characters."))
    if len(notation) > MAX_TEXT:
        raise ActionError(
            _("The text is longer than %(max_text)s characters.") % {"max_text": MAX_TEXT}
        )
    problems: list[dict[str, object]] = []
    if notation.strip():
        document, problems = _read(notation, lenient=lenient, accept_problems=accept_problems)
    else:
        if not languages or not all(is_language(language) for language in languages):
            raise ActionError(_("Languages are among ar, en, ru."))
        document = Document(tuple(languages))
    text = NegotiationText.objects.create(
        round=actor.round,
        slug=slug,
        created_by=user,
        **{f"title_{k}": v for k, v in titles.items()},
    )
    # Labels are data from Rev.1 on: a provision inserted later never moves another's label.
    document = document.frozen()
    revision = Revision(1, document)
    record_revision(
        TextRevision.objects.create(
            text=text,
            number=1,
            document=document.to_dict(),
            sha256=revision.hash,
            issued_by=user,
            problems=problems,
        )
    )
    audit(
        actor,
        Action.TEXT_CREATE,
        text,
        text.pk,
        slug=slug,
        sha256=revision.hash,
        problems=len(problems),
    )
    event(
        actor.round,
        Action.TEXT_CREATE,
        lambda: _("%(title)s: Rev.%(n)s issued") % {"title": text_title(text), "n": 1},
        text,
    )
    return text


def source_notation(
    *, notation: str = "", filename: str = "", data: bytes | None = None, from_pdf: bool = False
) -> str:
    """The notation a new text is read from: the pasted ``notation`` or, with ``data``, the
    uploaded file ``filename``. A ``.txt`` file is taken as it stands, so that each problem
    is placed at the file's own line; ``.docx``, ``.xml`` and ``.akn`` are imported
    (:func:`astana.formats.documents.import_document`) and written in the notation.
    ``from_pdf``: pasted text or a ``.txt`` file copied out of a PDF is made into the
    notation first (:func:`astana.formats.pdf_text.from_pdf_text`). Reads, writes nothing."""
    if data is not None:
        suffix = PurePath(filename).suffix.lower()
        if suffix not in IMPORT_SUFFIXES:
            raise ActionError(
                _("Cannot read a %(value)s: use .docx, .txt, .xml or .akn.")
                % {"value": suffix or "file without a suffix"}
            )
        if suffix != ".txt":
            if from_pdf:
                raise ActionError(
                    _("Only pasted text or a .txt file can be text copied from a PDF.")
                )
            try:
                return format_document(import_document(filename, data))
            except FormatError as error:
                raise ActionError(
                    _("%(filename)s: %(error)s") % {"filename": filename, "error": error}
                ) from error
        if len(data) > MAX_TEXT * 4:
            raise ActionError(
                _("The text is longer than %(max_text)s characters.") % {"max_text": MAX_TEXT}
            )
        try:
            notation = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ActionError(
                _("%(filename)s: not UTF-8 text (byte %(value)s).")
                % {"filename": filename, "value": error.start + 1}
            ) from error
    if from_pdf and notation.strip():
        notation = from_pdf_text(notation)
    return notation


def _read(
    notation: str, *, lenient: bool, accept_problems: bool
) -> tuple[Document, list[dict[str, object]]]:
    """The document in ``notation`` and its problems, each placed at its provision; refused
    with every problem listed unless the mediator chose to read it leniently and confirmed."""
    try:
        reading = read_document(notation, lenient=lenient)
    except NotationProblems as error:
        raise Unreadable(
            f"The text does not parse: {_problem_count(error.problems)}. Put them right, "
            "or create it anyway with each problem marked where it stands.",
            [asdict(p) for p in error.problems],
        ) from error
    except NotationError as error:  # characters that may not stand in a text: never lenient
        raise ActionError(_("The text does not parse: %(error)s") % {"error": error}) from error
    if reading.problems and not accept_problems:
        raise Unreadable(
            f"The text does not parse: {_problem_count(reading.problems)}. To create it "
            "anyway, confirm that each problem is to be marked where it stands.",
            [asdict(p) for p in reading.problems],
        )
    places = provisions_at(notation, reading.document, [p.line for p in reading.problems])
    return reading.document, [
        {**asdict(p), "provision": places.get(p.line)} for p in reading.problems
    ]


def _problem_count(problems: Sequence[Problem]) -> str:
    """``2 problems found, the first at line 3, column 5: a closing bracket ...``."""
    first = problems[0]
    count = len(problems)
    which = "the first at " if count > 1 else "at "
    return (
        f"{count} problem{'s' if count > 1 else ''} found, {which}line {first.line}, "
        f"column {first.column}: {first.reason}"
    )


@transaction.atomic
def revision_issue(
    *,
    user: User,
    text_id: int,
    based_on: int,
    fold: Collection[str] = (),
    keep: Collection[str] = (),
    reject: Collection[str] = (),
) -> TextRevision:
    """The mediator issues Rev.N+1, folding in ``fold``, keeping ``keep`` in brackets and
    setting ``reject`` aside. Refused if the text changed since version ``based_on``."""
    actor, text = access_text(user, text_id, need=Action.REVISION_ISSUE)
    check_version(text, based_on)
    chosen = [*fold, *keep, *reject]
    if len(set(chosen)) != len(chosen):
        raise ActionError(_("A proposal is folded in, kept in brackets or rejected: one of these."))
    # Only proposals ever tabled: one never tabled is its delegation's secret, not even named.
    tabled = TextProposal.objects.filter(text=text, tabled_at__isnull=False)
    rows = {p.reference: p for p in tabled}
    for reference in chosen:
        if reference not in rows:
            raise ActionError(
                _("There is no tabled proposal %(reference)s on this text.")
                % {"reference": repr(reference)}
            )
        if rows[reference].state != "tabled":
            raise ActionError(
                _("Proposal %(reference)s is %(state)s, not tabled.")
                % {"reference": reference, "state": term(rows[reference].state)}
            )
    previous_row, previous = latest_revision(text)
    proposals = core_proposals(text)
    by_ref = {p.id: p for p in proposals}
    try:
        issued = issue_revision(previous, proposals, fold=list(fold), keep=list(keep))
    except ProposalConflictError as error:
        raise ActionError(
            _("Proposal %(error)s no longer applies to the text; fold it in by hand or reject it.")
            % {"error": error}
        ) from error
    except ValueError as error:
        raise ActionError(str(error)) from error
    # Every label stored as shown (an inserted provision's sub-provisions included), so that
    # later insertions never move them; the hash is the same (revision.py).
    revision = replace(issued.revision, document=issued.revision.document.frozen())
    row = store_revision(text, revision, user)
    for proposal in issued.proposals:
        if proposal.id in rows and proposal.state != by_ref[proposal.id].state:
            rows[proposal.id].state = str(proposal.state)
            rows[proposal.id].data = proposal.to_dict()
            rows[proposal.id].version += 1
            rows[proposal.id].save(update_fields=["state", "data", "version"])
    for reference in reject:
        rejected = by_ref[reference].reject()
        rows[reference].state = str(rejected.state)
        rows[reference].data = rejected.to_dict()
        rows[reference].version += 1
        rows[reference].save(update_fields=["state", "data", "version"])
    # Positions and agreements stay bound to the wording they were given on: those on a
    # provision whose wording changed stop counting until confirmed (astana.core.text.wording).
    bump(text)
    audit_revision(
        actor,
        Action.REVISION_ISSUE,
        row,
        previous_row,
        folded=list(fold),
        kept=list(keep),
        rejected=list(reject),
    )
    event(
        actor.round,
        Action.REVISION_ISSUE,
        lambda: (
            _("%(title)s: Rev.%(n)s issued") % {"title": text_title(text), "n": revision.number}
        ),
        text,
    )
    return row
