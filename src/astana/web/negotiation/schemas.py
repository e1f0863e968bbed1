"""Inputs and outputs of the negotiation API (``astana.web.negotiation.api``).

Inputs are typed, with limits, and refuse unknown fields (``astana.web.api.schemas.Input``);
the limits mirror the actions' own, which check again. Outputs are built from a row or a
selector's result and read nothing from the database on their own: the routes hand in what
the selectors and actions returned, which the access helpers have already filtered for the
caller.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field, StringConstraints, field_validator

from astana.core.language import LANGUAGES, Language
from astana.web.api.schemas import MAX_ID, Input, OrganisationSlug, TitlesIn, Version
from astana.web.common.cursor import EventCursor
from astana.web.common.models import AuditEntry, RoundEvent
from astana.web.negotiation.actions.caucus import MAX_NOTE
from astana.web.negotiation.actions.changes import MAX_FIELD, ChangeKind
from astana.web.negotiation.actions.comments import MAX_COMMENT
from astana.web.negotiation.actions.common import MAX_TEXT
from astana.web.negotiation.actions.positions import MAX_RESERVATION
from astana.web.negotiation.actions.proposals import MAX_JUSTIFICATION
from astana.web.negotiation.actions.rounds import MAX_MINUTES
from astana.web.negotiation.grid import GridState
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
    "AuditQuery",
    "CaucusNoteIn",
    "CaucusNoteOut",
    "ChangeIn",
    "CommentIn",
    "CommentOut",
    "EventOut",
    "EventQuery",
    "ExpertInvitationOut",
    "ExpertInviteIn",
    "GridOut",
    "GridQuery",
    "InvitationIn",
    "InvitationOut",
    "MinutesIn",
    "PartialDate",
    "PositionIn",
    "ProcessSlug",
    "ProposalDraftIn",
    "ProposalMediateIn",
    "ProposalOut",
    "ProvisionId",
    "ProvisionPath",
    "PublicId",
    "RedlineOut",
    "RedlineQuery",
    "Reference",
    "RevisionIssueIn",
    "RevisionOut",
    "RoleName",
    "RoundCreateIn",
    "RoundOut",
    "SessionOpenIn",
    "SessionOut",
    "SessionRecordIn",
    "TextCreateIn",
    "TextOut",
    "TextPositionsOut",
    "TextQuery",
    "TextStateOut",
    "TranslationIn",
]

# Path parameters
ProvisionPath = Annotated[str, Field(min_length=1, max_length=200)]
# A proposal's public id: random, so that it counts nobody's drafts.
PublicId = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
ProcessSlug = Annotated[str, Field(min_length=1, max_length=120)]

# Parts of inputs
ProvisionId = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Reference = Annotated[str, StringConstraints(min_length=1, max_length=20)]
RoleName = Literal[
    "convener", "host", "mediator", "party", "guarantor", "observer", "expert", "secretariat"
]
PartialDate = Annotated[str, Field(max_length=10, description="YYYY-MM-DD (or YYYY-MM, or YYYY).")]


# --- inputs ---


class TextCreateIn(Input):
    slug: Annotated[
        str, Field(min_length=1, max_length=80, description="Lower-case letters, digits, dashes.")
    ]
    titles: TitlesIn
    notation: Annotated[
        str, Field(max_length=MAX_TEXT, description="The text in the bracketed notation.")
    ] = ""
    languages: Annotated[list[Language], Field(min_length=1, max_length=3)] = ["ar", "en"]
    from_pdf: Annotated[
        bool,
        Field(
            description="The notation is text copied out of a PDF: wrapped lines are joined, "
            "page headers, footers and numbers left out, before it is read."
        ),
    ] = False
    lenient: Annotated[
        bool,
        Field(
            description="Read a notation with problems (unbalanced brackets, a layout not "
            "understood) all the same, keeping each where it stood; needs accept_problems."
        ),
    ] = False
    accept_problems: Annotated[
        bool,
        Field(
            description="The mediator's confirmation that a text read leniently is created "
            "with its problems marked. Without it a text with problems is refused (400) "
            "with every problem in the error's changes, as line:column: reason (hint)."
        ),
    ] = False


class ReadingProblemOut(Schema):
    """A problem found when the revision's source was read leniently."""

    line: int
    column: int
    reason: str
    hint: str
    provision: str | None = Field(description="The provision holding the line, if any.")


class RevisionIssueIn(Input):
    based_on: Version
    fold: Annotated[list[Reference], Field(max_length=1000)] = []
    keep: Annotated[list[Reference], Field(max_length=1000)] = []
    reject: Annotated[list[Reference], Field(max_length=1000)] = []


class ChangeIn(Input):
    """A proposed change; which fields a kind needs is in docs/api.md."""

    kind: ChangeKind
    provision: ProvisionId | None = None
    language: Language | None = None
    text: Annotated[str, Field(max_length=MAX_FIELD)] | None = None
    words: Annotated[str, Field(max_length=MAX_FIELD)] | None = None
    after: Annotated[str, Field(max_length=MAX_FIELD)] | None = None
    before: (
        Annotated[
            str,
            Field(
                max_length=MAX_FIELD,
                description="insert_words: insert before these words (instead of `after`).",
            ),
        ]
        | None
    ) = None
    occurrence: (
        Annotated[
            int,
            Field(
                ge=1,
                le=10_000,
                description="Which appearance of the quoted words is meant (1: the first).",
            ),
        ]
        | None
    ) = None
    parent: ProvisionId | None = None
    texts: (
        Annotated[dict[Language, Annotated[str, Field(max_length=MAX_FIELD)]], Field(max_length=3)]
        | None
    ) = None
    provision_kind: Annotated[str, Field(max_length=40)] | None = None
    label: (
        Annotated[
            str,
            Field(
                max_length=80,
                description="A new provision's label in `language`, as written (`4 bis.`); "
                "empty: the suggested one in every language.",
            ),
        ]
        | None
    ) = None
    labels: (
        Annotated[dict[Language, Annotated[str, Field(max_length=80)]], Field(max_length=3)] | None
    ) = None


class ProposalDraftIn(Input):
    change: ChangeIn
    justification: Annotated[str, Field(max_length=MAX_JUSTIFICATION)] = ""


class ProposalMediateIn(Input):
    """The mediator's proposal (``origin="mediator"``) or bridging text (``"bridging"``),
    tabled at once against the text's version ``based_on``."""

    based_on: Version
    change: ChangeIn
    origin: Literal["mediator", "bridging"] = "mediator"
    justification: Annotated[str, Field(max_length=MAX_JUSTIFICATION)] = ""


class TranslationIn(Input):
    """A provision's version in ``language`` (bracketed notation), supplied or corrected: it
    issues the next revision (docs/text-engine.md, "Translations")."""

    based_on: Version
    provision: ProvisionId
    language: Language
    text: Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]


class PositionIn(Input):
    based_on: Version
    provision: ProvisionId
    stance: Literal["support", "support_with_reservation", "cannot_accept"]
    reservation: Annotated[str, Field(max_length=MAX_RESERVATION)] = ""


class CaucusNoteIn(Input):
    body: Annotated[str, Field(min_length=1, max_length=MAX_NOTE)]


class InvitationIn(Input):
    organisation: OrganisationSlug
    role: RoleName


class RoundCreateIn(Input):
    slug: Annotated[
        str, Field(min_length=1, max_length=120, description="Lower-case letters, digits, dashes.")
    ]
    titles: TitlesIn
    venues: TitlesIn
    start: Annotated[str, Field(min_length=1, max_length=10)]
    end: PartialDate = ""
    invitations: Annotated[list[InvitationIn], Field(max_length=200)] = []


class SessionOpenIn(Input):
    titles: TitlesIn = Field(default_factory=TitlesIn)


class MinutesIn(Input):
    ar: Annotated[str, Field(max_length=MAX_MINUTES)] = ""
    en: Annotated[str, Field(max_length=MAX_MINUTES)] = ""
    ru: Annotated[str, Field(max_length=MAX_MINUTES)] = ""


class SessionRecordIn(Input):
    """The whole record of a session: it replaces the agenda, attendance and minutes."""

    based_on: Version
    agenda: Annotated[
        list[Annotated[str, Field(max_length=1000)]],
        Field(max_length=100, description="One line per agenda item."),
    ] = []
    agenda_language: Language = "en"
    attendance: Annotated[
        list[OrganisationSlug], Field(max_length=500, description="Organisation slugs present.")
    ] = []
    minutes: MinutesIn = Field(default_factory=MinutesIn)


class ExpertInviteIn(Input):
    organisation: OrganisationSlug


class CommentIn(Input):
    provision: ProvisionId
    body: Annotated[str, Field(min_length=1, max_length=MAX_COMMENT)]


# --- query parameters ---


class TextQuery(Input):
    language: Language = "en"
    view: Literal["compilation", "clean", "party"] = "compilation"
    revision: Annotated[int, Field(ge=1, le=MAX_ID)] | None = None


class RedlineQuery(Input):
    old: Annotated[int, Field(ge=1, le=MAX_ID)]
    new: Annotated[int, Field(ge=1, le=MAX_ID)]
    language: Language = "en"


class AuditQuery(Input):
    action: Annotated[str, Field(max_length=40)] = ""
    organisation: Annotated[str, Field(max_length=120)] = ""


class EventQuery(Input):
    after: Annotated[
        str,
        Field(
            max_length=24,
            description="The cursor of the last event the caller has (its `cursor`), e.g. "
            "`r41` or `r41.d7`; `r0` for the first ones.",
        ),
    ] = "r0"

    @field_validator("after")
    @classmethod
    def _cursor(cls, value: str) -> str:
        EventCursor.parse(value)  # a ValueError says what a cursor looks like (422)
        return value


# --- outputs ---


def _languages(row: Any, field: str) -> dict[str, str]:
    """``{"en": ..., "ar": ...}``: the non-empty language versions of ``field``."""
    values = {lang: getattr(row, f"{field}_{lang}") for lang in LANGUAGES}
    return {k: v for k, v in values.items() if v}


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
        titles = {lang: getattr(text, f"title_{lang}") for lang in LANGUAGES}
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
    origin: str = Field(
        description='"" a delegation\'s proposal; "mediator" the mediator\'s proposal; '
        '"bridging" the mediator\'s bridging text.'
    )
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
            origin=str(data.get("origin", "")),
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
    concordance: list[dict[str, Any]] = []
    problems: list[ReadingProblemOut] = []

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
            concordance=[row.to_dict() for row in state.concordance],
            problems=[ReadingProblemOut(**problem) for problem in state.revision.problems],
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
    #: The summary in each platform language, by code (empty for an event written before
    #: events were said in every language: ``summary`` then stands for all).
    summaries: dict[str, str]
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
            summaries=event.summaries,
            text_id=event.text_id,
            version=event.version,
            at=event.at,
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


# --- the positions grid ---


class GridQuery(Input):
    language: Language = "en"
    state: Literal["", "bracketed", "not_agreed", "blocked"] = Field(
        "",
        description="Only the provisions still bracketed, not yet agreed, or that some party "
        "cannot accept on their present wording (all by default).",
    )
    party: list[Annotated[str, StringConstraints(min_length=1, max_length=120)]] = Field(
        default_factory=list,
        description="Only these parties' columns (slugs; all by default). Repeat to give several.",
    )


class GridCellOut(Schema):
    """A party's position on a provision; ``stance`` is null where it gave none. ``current``:
    given on the present wording; ``stale``: given on an earlier one (``revision``), so it
    does not count until the party confirms it. ``token`` names what the cell holds."""

    party: str
    stance: Literal["support", "support_with_reservation", "cannot_accept"] | None
    reservation: str
    revision: int | None
    current: bool
    stale: bool
    token: str


class GridRowOut(Schema):
    """A provision with text: its label and opening words in the language asked for, its
    state on the present wording, the parties that must still confirm it, and one cell per
    party shown."""

    provision: str
    title: str
    state: Literal["open", "agreed_ad_referendum", "agreed"]
    bracketed: bool
    blocked: bool
    blocks_adoption: bool
    must_confirm: list[str]
    cells: list[GridCellOut]


class GridPartyOut(Schema):
    slug: str
    name: str


class GridOut(Schema):
    """The positions grid of a text's latest revision. ``progress`` and ``adoptable`` are the
    whole text's, whatever the filter; ``rows`` and ``parties`` are those the filter asked
    for."""

    id: int
    version: int
    revision: int
    language: str
    parties: list[GridPartyOut]
    rows: list[GridRowOut]
    progress: dict[str, Any]
    adoptable: bool

    @staticmethod
    def of(state: GridState) -> GridOut:
        return GridOut(
            id=state.text.pk,
            version=state.text.version,
            revision=state.revision,
            language=state.language,
            parties=[GridPartyOut(slug=p, name=state.names[p]) for p in state.grid.parties],
            rows=[
                GridRowOut(
                    provision=row.provision,
                    title=state.titles[row.provision],
                    state=str(row.standing.state),  # type: ignore[arg-type]
                    bracketed=row.standing.bracketed,
                    blocked=row.blocked,
                    blocks_adoption=row.standing.blocks_adoption,
                    must_confirm=list(row.standing.must_confirm),
                    cells=[
                        GridCellOut(
                            party=c.party,
                            stance=None if c.stance is None else str(c.stance),  # type: ignore[arg-type]
                            reservation=c.reservation,
                            revision=c.revision,
                            current=c.current,
                            stale=c.stale,
                            token=c.token,
                        )
                        for c in row.cells
                    ],
                )
                for row in state.grid.rows
            ],
            progress=state.whole.progress.to_dict(),
            adoptable=state.whole.adoptable,
        )
