"""Input schemas of the API: typed, with limits, and refusing unknown fields, so a wrong type,
an oversized value or a misspelt field is a 422 naming the field before any action runs.

The limits mirror the actions' own (which check again: the API is not the only caller).
"""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, StringConstraints

from astana.core.language import Language
from astana.web.negotiation.actions.caucus import MAX_NOTE
from astana.web.negotiation.actions.changes import MAX_FIELD
from astana.web.negotiation.actions.comments import MAX_COMMENT
from astana.web.negotiation.actions.common import MAX_TEXT
from astana.web.negotiation.actions.positions import MAX_RESERVATION
from astana.web.negotiation.actions.proposals import MAX_JUSTIFICATION
from astana.web.negotiation.actions.rounds import MAX_MINUTES

__all__ = [
    "BasedOnIn",
    "CaucusNoteIn",
    "ChangeIn",
    "CommentIn",
    "ExpertInviteIn",
    "InvitationIn",
    "MinutesIn",
    "PositionIn",
    "ProposalDraftIn",
    "RevisionIssueIn",
    "RoundCreateIn",
    "SessionOpenIn",
    "SessionRecordIn",
    "TextCreateIn",
    "TitlesIn",
    "TokenCreateIn",
]

MAX_ID = 2_147_483_647  # the largest id or version any supported database stores
Version = Annotated[int, Field(ge=1, le=MAX_ID, description="The version the request is based on.")]
ProvisionId = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Reference = Annotated[str, StringConstraints(min_length=1, max_length=20)]
OrganisationSlug = Annotated[str, StringConstraints(min_length=1, max_length=120)]
RoleName = Literal[
    "convener", "host", "mediator", "party", "guarantor", "observer", "expert", "secretariat"
]
PartialDate = Annotated[str, Field(max_length=10, description="YYYY-MM-DD (or YYYY-MM, or YYYY).")]


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


class TitlesIn(Input):
    ar: Annotated[str, Field(max_length=300)] = ""
    en: Annotated[str, Field(max_length=300)] = ""
    ru: Annotated[str, Field(max_length=300)] = ""


class TextCreateIn(Input):
    slug: Annotated[
        str, Field(min_length=1, max_length=80, description="Lower-case letters, digits, dashes.")
    ]
    titles: TitlesIn
    notation: Annotated[
        str, Field(max_length=MAX_TEXT, description="The text in the bracketed notation.")
    ] = ""
    languages: Annotated[list[Language], Field(min_length=1, max_length=3)] = ["ar", "en"]


class RevisionIssueIn(Input):
    based_on: Version
    fold: Annotated[list[Reference], Field(max_length=1000)] = []
    keep: Annotated[list[Reference], Field(max_length=1000)] = []
    reject: Annotated[list[Reference], Field(max_length=1000)] = []


class ChangeIn(Input):
    """A proposed change; which fields a kind needs is in docs/api.md."""

    kind: Literal[
        "replace_text",
        "delete_words",
        "insert_words",
        "add_alternative",
        "insert_provision",
        "delete_provision",
        "move_provision",
    ]
    provision: ProvisionId | None = None
    language: Language | None = None
    text: Annotated[str, Field(max_length=MAX_FIELD)] | None = None
    words: Annotated[str, Field(max_length=MAX_FIELD)] | None = None
    after: Annotated[str, Field(max_length=MAX_FIELD)] | None = None
    parent: ProvisionId | None = None
    texts: (
        Annotated[dict[Language, Annotated[str, Field(max_length=MAX_FIELD)]], Field(max_length=3)]
        | None
    ) = None
    provision_kind: Annotated[str, Field(max_length=40)] | None = None


class ProposalDraftIn(Input):
    change: ChangeIn
    justification: Annotated[str, Field(max_length=MAX_JUSTIFICATION)] = ""


class BasedOnIn(Input):
    based_on: Version


class PositionIn(Input):
    based_on: Version
    provision: ProvisionId
    stance: Literal["support", "support_with_reservation", "cannot_accept"]
    reservation: Annotated[str, Field(max_length=MAX_RESERVATION)] = ""


class CaucusNoteIn(Input):
    body: Annotated[str, Field(min_length=1, max_length=MAX_NOTE)]


class TokenCreateIn(Input):
    name: Annotated[str, Field(max_length=100)] = ""
    days: Annotated[
        int | None,
        Field(
            ge=1, le=36_500, description="Days it lasts (default 30; the server's maximum applies)."
        ),
    ] = None


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
