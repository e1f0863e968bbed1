"""Output schemas of the API and how each is built from a row or a selector's result.

Nothing here reads the database on its own: the routes hand in what the selectors and
actions returned, which the access helpers have already filtered for the caller.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema

from astana.web.api.models import ApiToken
from astana.web.common.cursor import EventCursor
from astana.web.common.models import AuditEntry, RoundEvent
from astana.web.negotiation.models import (
    CaucusNote,
    ExpertInvitation,
    NegotiationText,
    RoundInvitation,
    TextComment,
    TextProposal,
    TextRevision,
)
from astana.web.negotiation.selectors import TextState
from astana.web.processes.models import Organisation, Round, Session

__all__ = [
    "AgendaItemOut",
    "AuditEntryOut",
    "CaucusNoteOut",
    "CommentOut",
    "ErrorOut",
    "EventOut",
    "ExpertInvitationOut",
    "InvitationOut",
    "ProposalOut",
    "RedlineOut",
    "RevisionOut",
    "RoundOut",
    "SessionOut",
    "TextOut",
    "TextPositionsOut",
    "TextStateOut",
    "TokenInfoOut",
    "TokenOut",
]


LANGUAGES = ("ar", "en", "ru")


def _languages(row: Any, field: str) -> dict[str, str]:
    """``{"en": ..., "ar": ...}``: the non-empty language versions of ``field``."""
    values = {lang: getattr(row, f"{field}_{lang}") for lang in LANGUAGES}
    return {k: v for k, v in values.items() if v}


class ErrorOut(Schema):
    """Why a request was refused; ``changes`` says what changed since the version sent (409)."""

    error: str
    changes: list[str] = []


class TextOut(Schema):
    id: int
    round_id: int
    slug: str
    titles: dict[str, str]
    version: int
    latest_revision: int

    @staticmethod
    def of(text: NegotiationText) -> TextOut:
        latest = text.revisions.order_by("-number").values_list("number", flat=True).first() or 0
        titles = {lang: getattr(text, f"title_{lang}") for lang in ("ar", "en", "ru")}
        return TextOut(
            id=text.pk,
            round_id=text.round_id,
            slug=text.slug,
            titles={k: v for k, v in titles.items() if v},
            version=text.version,
            latest_revision=latest,
        )


class ProposalOut(Schema):
    """A proposal: ``id`` is its random public id (the one the proposal URLs take), ``reference``
    what people call it (``P3``, the third tabled on the text; a draft's ``D...``).
    ``created_at``, when its delegation began it, is told only to that delegation."""

    id: str
    text_id: int
    reference: str
    author: str
    state: str
    version: int
    revision: int
    change: dict[str, Any]
    supporters: list[str]
    opponents: list[str]
    justification: str
    created_at: datetime | None
    tabled_at: datetime | None

    @staticmethod
    def of(row: TextProposal, reader: Organisation | None) -> ProposalOut:
        """``reader``: the delegation reading it (None for anyone else)."""
        data = row.data
        own = reader is not None and reader.pk == row.author_id
        return ProposalOut(
            id=row.public_id,
            text_id=row.text_id,
            reference=row.reference,
            author=row.author.slug,
            state=row.state,
            version=row.version,
            revision=int(data["revision"]),
            change=data["change"],
            supporters=list(data.get("supporters", ())),
            opponents=list(data.get("opponents", ())),
            justification=str(data.get("justification", "")),
            created_at=row.created_at if own else None,
            tabled_at=row.tabled_at,
        )


class TextStateOut(Schema):
    text: TextOut
    revision: int
    sha256: str
    language: str
    view: str
    tree: dict[str, Any]
    progress: dict[str, Any]
    adoptable: bool
    positions: dict[str, Any]
    standing: list[dict[str, Any]]
    proposals: list[ProposalOut]

    @staticmethod
    def of(state: TextState, language: str, view: str) -> TextStateOut:
        return TextStateOut(
            text=TextOut.of(state.text),
            revision=state.revision.number,
            sha256=state.revision.sha256,
            language=language
            if language in state.document.languages
            else state.document.languages[0],
            view=view,
            tree=state.view,
            progress=state.progress.to_dict(),
            adoptable=state.adoptable,
            positions=state.positions,
            standing=[s.to_dict() for s in state.standing],
            proposals=[ProposalOut.of(p, state.actor.delegation) for p in state.proposals],
        )


class RedlineOut(Schema):
    text_id: int
    old: int
    new: int
    redline: dict[str, Any]


class RevisionOut(Schema):
    text_id: int
    number: int
    sha256: str
    folded: list[str]
    kept: list[str]
    version: int

    @staticmethod
    def of(row: TextRevision) -> RevisionOut:
        return RevisionOut(
            text_id=row.text_id,
            number=row.number,
            sha256=row.sha256,
            folded=list(row.folded),
            kept=list(row.kept),
            version=row.text.version,
        )


class TextPositionsOut(Schema):
    """A text's version and positions after a position or an agreement was recorded; each
    says whether it was given on the latest revision's wording (``current``)."""

    id: int
    version: int
    positions: dict[str, Any]

    @staticmethod
    def of(text: NegotiationText, positions: dict[str, Any]) -> TextPositionsOut:
        return TextPositionsOut(id=text.pk, version=text.version, positions=positions)


class CaucusNoteOut(Schema):
    """``number``: 1, 2, 3, ... within the delegation's caucus in the round."""

    number: int
    organisation: str
    author: str
    body: str
    created_at: datetime

    @staticmethod
    def of(note: CaucusNote) -> CaucusNoteOut:
        return CaucusNoteOut(
            number=note.number,
            organisation=note.organisation.slug,
            author=note.author.get_username(),
            body=note.body,
            created_at=note.created_at,
        )


class AuditEntryOut(Schema):
    """No id: the entries' row ids count confidential caucus activity, which the reader may
    not know of; entries come newest first."""

    at: datetime
    action: str
    actor: str | None
    organisation: str | None
    object_type: str
    object_id: str
    detail: dict[str, Any]

    @staticmethod
    def of(entry: AuditEntry) -> AuditEntryOut:
        return AuditEntryOut(
            at=entry.at,
            action=entry.action,
            actor=entry.actor.get_username() if entry.actor else None,
            organisation=entry.organisation.slug if entry.organisation else None,
            object_type=entry.object_type,
            object_id=entry.object_id,
            detail=entry.detail,
        )


class EventOut(Schema):
    """A live event: ``id`` is ``r<n>`` (the round's shared events) or ``d<n>`` (the caller's
    delegation's own); ``cursor`` is what to send as ``after`` for the events after it."""

    id: str
    cursor: str
    kind: str
    summary: str
    text_id: int | None
    version: int
    at: datetime

    @staticmethod
    def of(event: RoundEvent, cursor: EventCursor) -> EventOut:
        return EventOut(
            id=event.reference,
            cursor=str(cursor),
            kind=event.kind,
            summary=event.summary,
            text_id=event.text_id,
            version=event.version,
            at=event.at,
        )


class TokenOut(Schema):
    """A new token: ``token`` is shown this once and cannot be read back."""

    id: int
    name: str
    token: str
    created_at: datetime
    expires_at: datetime


class TokenInfoOut(Schema):
    """One of the caller's tokens, never the token itself; ``state``: live, expired, revoked."""

    id: int
    name: str
    state: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @staticmethod
    def of(row: ApiToken) -> TokenInfoOut:
        return TokenInfoOut(
            id=row.pk,
            name=row.name,
            state=row.state,
            created_at=row.created_at,
            expires_at=row.expires_at,
            last_used_at=row.last_used_at,
            revoked_at=row.revoked_at,
        )


class InvitationOut(Schema):
    round_id: int
    organisation: str
    role: str

    @staticmethod
    def of(row: RoundInvitation) -> InvitationOut:
        return InvitationOut(
            round_id=row.round_id, organisation=row.organisation.slug, role=row.role
        )


class RoundOut(Schema):
    id: int
    process: str
    slug: str
    number: int | None
    titles: dict[str, str]
    venues: dict[str, str]
    start: str
    end: str
    state: str
    invitations: list[InvitationOut]

    @staticmethod
    def of(row: Round) -> RoundOut:
        invited = row.invitations.select_related("organisation").order_by("role", "organisation")
        return RoundOut(
            id=row.pk,
            process=row.process.slug,
            slug=row.slug,
            number=row.number,
            titles=_languages(row, "title"),
            venues=_languages(row, "venue"),
            start=row.start,
            end=row.end,
            state=row.state,
            invitations=[InvitationOut.of(i) for i in invited],
        )


class AgendaItemOut(Schema):
    order: int
    texts: dict[str, str]


class SessionOut(Schema):
    """A session and its record; ``version`` is what closing or recording it is based on."""

    round_id: int
    number: int
    date: str
    titles: dict[str, str]
    is_open: bool
    version: int
    opened_by: str | None
    opened_at: datetime | None
    closed_at: datetime | None
    agenda: list[AgendaItemOut]
    attendance: list[str]
    minutes: dict[str, str]
    minutes_published_at: datetime | None

    @staticmethod
    def of(row: Session) -> SessionOut:
        """Prefetch ``agenda`` and ``attendance`` (and select ``opened_by``) for many rows."""
        agenda = sorted(row.agenda.all(), key=lambda item: item.order)
        return SessionOut(
            round_id=row.round_id,
            number=row.number,
            date=row.date,
            titles=_languages(row, "title"),
            is_open=row.is_open,
            version=row.version,
            opened_by=row.opened_by.slug if row.opened_by else None,
            opened_at=row.opened_at,
            closed_at=row.closed_at,
            agenda=[AgendaItemOut(order=i.order, texts=_languages(i, "text")) for i in agenda],
            attendance=sorted(org.slug for org in row.attendance.all()),
            minutes=_languages(row, "minutes"),
            minutes_published_at=row.minutes_published_at,
        )


class ExpertInvitationOut(Schema):
    text_id: int
    organisation: str

    @staticmethod
    def of(row: ExpertInvitation) -> ExpertInvitationOut:
        return ExpertInvitationOut(text_id=row.text_id, organisation=row.organisation.slug)


class CommentOut(Schema):
    id: int
    text_id: int
    provision: str
    revision: int
    organisation: str
    author: str
    body: str
    created_at: datetime

    @staticmethod
    def of(row: TextComment) -> CommentOut:
        return CommentOut(
            id=row.pk,
            text_id=row.text_id,
            provision=row.provision,
            revision=row.revision,
            organisation=row.organisation.slug,
            author=row.author.get_username(),
            body=row.body,
            created_at=row.created_at,
        )
