"""Reads of the negotiation room for pages and the API, always through the access helpers:
a delegation's drafts and caucus reach nobody else; the audit log only the convener and host."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, Q, QuerySet

from astana.core.roles import Right
from astana.core.text import (
    Document,
    Progress,
    Proposal,
    ProposalState,
    ProvisionStanding,
    Redline,
    Revision,
    clean_view,
    compilation_view,
    party_view,
    position_grid,
    redline,
)
from astana.core.text.renumbering import ConcordanceRow, concordance
from astana.web.accounts.models import User
from astana.web.common.cursor import MAX_NUMBER, EventCursor
from astana.web.common.errors import ActionError, NotFound
from astana.web.common.models import AuditEntry, RoundEvent
from astana.web.negotiation.access import Actor, access_round, access_text, can_read_proposal
from astana.web.negotiation.actions.common import (
    TABLED_ORDER,
    core_proposals,
    latest_revision,
    positions_of,
    revision_of,
)
from astana.web.negotiation.models import (
    CaucusNote,
    NegotiationText,
    RoundInvitation,
    TextProposal,
    TextRevision,
)
from astana.web.negotiation.presenting import provision_names
from astana.web.processes.models import Organisation, Participation

__all__ = [
    "TextState",
    "audit_entries",
    "caucus_notes",
    "current_positions",
    "event_cursor",
    "events_since",
    "organisation_names",
    "proposals_for",
    "recent_events",
    "revision_redline",
    "text_state",
    "texts_in_round",
]

VIEWS = ("compilation", "clean", "party")


@dataclass(frozen=True)
class TextState:
    """A text as one actor may read it at one revision, in one language and view."""

    actor: Actor
    text: NegotiationText
    revision: TextRevision
    latest_number: int
    document: Document
    view: dict[str, Any]
    progress: Progress
    adoptable: bool
    proposals: list[TextProposal]
    # Each position and agreement says whether it was given on this revision's wording.
    positions: dict[str, Any]
    # Per provision with text: its state on this wording, who must confirm, what is stale.
    standing: tuple[ProvisionStanding, ...] = ()
    # The labels this revision changed from the previous one (a technical renumbering).
    concordance: tuple[ConcordanceRow, ...] = ()


def organisation_names(language: str) -> dict[str, str]:
    """Slug -> the organisation's short name in ``language`` (its name where it has none):
    how attributions ("proposed by ...") name delegations."""
    names = {}
    for org in Organisation.objects.all():
        short = org.tr("short_name", language).text
        names[org.slug] = short or org.tr("name", language).text
    return names


def texts_in_round(
    user: User | AnonymousUser, round_id: int
) -> tuple[Actor, QuerySet[NegotiationText]]:
    actor = access_round(user, round_id, need=Right.TEXT_READ)
    return actor, NegotiationText.objects.filter(round=actor.round).order_by("created_at")


def proposals_for(actor: Actor, text: NegotiationText) -> list[TextProposal]:
    """Every proposal the actor may read: all tabled ones, and their own delegation's drafts."""
    rows = TextProposal.objects.filter(text=text).select_related("author").order_by(*TABLED_ORDER)
    return [row for row in rows if can_read_proposal(actor, row)]


def text_state(
    user: User | AnonymousUser,
    text_id: int,
    *,
    language: str,
    view: str = "compilation",
    revision: int | None = None,
) -> TextState:
    actor, text = access_text(user, text_id)
    if view not in VIEWS:
        raise ActionError(f"The view must be one of: {', '.join(VIEWS)}.")
    revisions = text.revisions.order_by("-number")
    latest = revisions.first()
    assert latest is not None
    if revision is not None and not 0 < revision <= MAX_NUMBER:  # none stored (nor storable)
        raise NotFound(f"This text has no Rev.{revision}.")
    row = latest if revision is None else revisions.filter(number=revision).first()
    if row is None:
        raise NotFound(f"This text has no Rev.{revision}.")
    core = revision_of(row)
    document = core.document
    if language not in document.languages:
        language = document.languages[0]
    positions = positions_of(text)
    # Compilation texts show the proposals open against the latest revision only.
    open_proposals: list[Proposal] = core_proposals(text) if row.number == latest.number else []
    if view == "clean":
        tree = clean_view(document, language)
    elif view == "party":
        if actor.delegation is None:
            raise ActionError("The party view is for delegations.")
        # The text as the delegation would have it: what it holds, and its own drafts (read
        # by nobody else) as if tabled, so that a saved draft's wording shows here.
        drafts = (
            [
                dataclasses.replace(p, state=ProposalState.TABLED)
                for p in core_proposals(text, include_drafts_of=actor.delegation.pk)
                if p.state is ProposalState.DRAFT
            ]
            if row.number == latest.number
            else []
        )
        tree = party_view(document, open_proposals + drafts, actor.delegation.slug, language)
    else:
        tree = compilation_view(document, open_proposals, language, positions=positions)
    # The progress, adoptability and standing are the positions grid's (one computation).
    grid = position_grid(document, positions, language)
    return TextState(
        actor=actor,
        text=text,
        revision=row,
        latest_number=latest.number,
        document=document,
        view=tree.to_dict(),
        progress=grid.progress,
        adoptable=grid.adoptable,
        proposals=proposals_for(actor, text),
        positions=positions.to_dict(on=document),
        standing=grid.standing,
        concordance=_concordance(text, core),
    )


def _concordance(text: NegotiationText, revision: Revision) -> tuple[ConcordanceRow, ...]:
    previous = text.revisions.filter(number=revision.number - 1).first()
    return concordance(revision_of(previous), revision) if previous is not None else ()


def revision_concordance(
    user: User | AnonymousUser, text_id: int, number: int | None = None
) -> tuple[NegotiationText, int, Document, tuple[ConcordanceRow, ...]]:
    """The labels revision ``number`` (the latest by default) changed from the previous one,
    with the revision's document (for its languages)."""
    _, text = access_text(user, text_id)
    revisions = text.revisions.order_by("-number")
    row = revisions.first() if number is None else revisions.filter(number=number).first()
    if row is None or (number is not None and not 0 < number <= MAX_NUMBER):
        raise NotFound(f"This text has no Rev.{number}.")
    core = revision_of(row)
    return text, row.number, core.document, _concordance(text, core)


def current_positions(text: NegotiationText) -> dict[str, Any]:
    """The text's positions and agreements, each saying whether it was given on the latest
    revision's wording (for a caller who has just written them)."""
    _, revision = latest_revision(text)
    return positions_of(text).to_dict(on=revision.document)


def revision_redline(
    user: User | AnonymousUser, text_id: int, old: int, new: int, language: str
) -> tuple[NegotiationText, Redline]:
    _, text = access_text(user, text_id)
    for number in (old, new):
        if not 0 < number <= MAX_NUMBER:  # none stored (nor storable)
            raise NotFound(f"This text has no Rev.{number}.")
    rows = {r.number: r for r in text.revisions.filter(number__in=[old, new])}
    for number in (old, new):
        if number not in rows:
            raise NotFound(f"This text has no Rev.{number}.")
    before, after = revision_of(rows[old]).document, revision_of(rows[new]).document
    if language not in after.languages:
        raise ActionError(f"The text has no {language!r} version.")
    return text, redline(before, after, language)


def revision_labels(
    user: User | AnonymousUser, text_id: int, numbers: tuple[int, ...], language: str
) -> tuple[dict[str, str], list[str]]:
    """Identity -> the provision's label as written in ``language`` (its wording follows),
    from the revisions ``numbers`` (a later one's wins): how a redline names provisions,
    deleted ones included; and the languages those revisions are written in (the redline's
    choice of language)."""
    _, text = access_text(user, text_id)
    labels: dict[str, str] = {}
    languages: list[str] = []
    for row in text.revisions.filter(number__in=numbers).order_by("number"):
        document = revision_of(row).document
        languages += [code for code in document.languages if code not in languages]
        if language in document.languages:
            labels.update(provision_names(document, language, opening=False))
    return labels, languages


def caucus_notes(user: User | AnonymousUser, round_id: int) -> QuerySet[CaucusNote]:
    actor = access_round(user, round_id, need=Right.CAUCUS_USE)
    if actor.delegation is None:
        return CaucusNote.objects.none()
    return CaucusNote.objects.filter(
        round=actor.round, organisation=actor.delegation
    ).select_related("author")


def audit_entries(
    user: User | AnonymousUser, round_id: int, *, action: str = "", organisation: str = ""
) -> QuerySet[AuditEntry]:
    actor = access_round(user, round_id, need=Right.AUDIT_READ)
    # Account events (a login lockout, its lifting) of the round's participants' delegates.
    invited = RoundInvitation.objects.filter(round=actor.round)
    members = (
        invited.values("organisation_id")
        if invited.exists()
        else Participation.objects.filter(process=actor.round.process).values("organisation_id")
    )
    accounts = Q(round__isnull=True, action__startswith="account.", organisation_id__in=members)
    entries = AuditEntry.objects.filter(
        Q(round=actor.round) | accounts, confidential=False
    ).select_related("actor", "organisation")
    if action:
        entries = entries.filter(action=action)
    if organisation:
        entries = entries.filter(organisation__slug=organisation)
    return entries


def _visible_events(actor: Actor) -> tuple[QuerySet[RoundEvent], QuerySet[RoundEvent]]:
    """The actor's round's shared events, and its own delegation's private ones (a draft made
    in its caucus); nobody else's."""
    rows = RoundEvent.objects.filter(round=actor.round)
    own = rows.filter(audience=actor.delegation) if actor.delegation else rows.none()
    return rows.filter(audience__isnull=True), own


def events_since(actor: Actor, cursor: EventCursor) -> list[tuple[RoundEvent, EventCursor]]:
    """The live events the actor may see after ``cursor`` (at most 200, in the order they
    were written), each with the cursor once it is read."""
    shared, own = _visible_events(actor)
    after = shared.filter(number__gt=cursor.shared) | own.filter(number__gt=cursor.private)
    found = []
    for row in after.order_by("id")[:200]:
        cursor = cursor.advanced(row.number, private=row.audience_id is not None)
        found.append((row, cursor))
    return found


def event_cursor(actor: Actor) -> EventCursor:
    """Where the actor's live events are now: the last number of each scope it may read."""
    scopes = {"shared": Max("number", filter=Q(audience__isnull=True))}
    if actor.delegation:  # in the same query
        scopes["own"] = Max("number", filter=Q(audience=actor.delegation))
    last = RoundEvent.objects.filter(round=actor.round).aggregate(**scopes)
    return EventCursor(last["shared"] or 0, last.get("own") or 0)


def recent_events(actor: Actor, count: int = 15) -> list[RoundEvent]:
    """The latest ``count`` live events the actor may see, newest first."""
    shared, own = _visible_events(actor)
    return list((shared | own).order_by("-id")[:count])
