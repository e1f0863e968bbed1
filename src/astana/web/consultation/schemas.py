"""Inputs and outputs of the consultation API (``astana.web.consultation.api``)."""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import Field

from astana.web.api.schemas import Id

__all__ = [
    "ConsultationIn",
    "ConsultationOut",
    "ConsultationStatementOut",
    "ConsultationUpdateIn",
    "ConsultationVoteIn",
    "ConsultationVoteOut",
    "ImportIn",
    "ImportOut",
    "Key",
    "ModerationIn",
    "NextOut",
    "StatementIn",
    "Texts",
]

Texts = dict[Annotated[str, Field(max_length=8)], Annotated[str, Field(max_length=100_000)]]


Key = Annotated[str, Field(min_length=1, max_length=200)]


class ConsultationIn(Schema):
    process: Annotated[str, Field(min_length=1, max_length=120)]
    titles: Texts
    questions: Texts = {}
    round: Id | None = None
    allow_anonymous: bool = False
    open: bool = False


class ConsultationUpdateIn(Schema):
    state: Annotated[str, Field(max_length=20)] | None = None
    results_published: bool | None = None
    allow_anonymous: bool | None = None


class ConsultationStatementOut(Schema):
    id: int
    text: str
    language: str
    state: str
    reason: str


class ConsultationOut(Schema):
    id: int
    process: str
    round: int | None
    titles: dict[str, str]
    questions: dict[str, str]
    state: str
    allow_anonymous: bool
    results_published: bool
    statements: list[ConsultationStatementOut]


class StatementIn(Schema):
    text: Annotated[str, Field(max_length=100_000)]
    language: Annotated[str, Field(max_length=8)]
    participant: Key | None = None


class ModerationIn(Schema):
    decision: Annotated[str, Field(max_length=20)]
    reason: Annotated[str, Field(max_length=100_000)] = ""


class ConsultationVoteIn(Schema):
    statement: Id
    choice: Annotated[str, Field(max_length=20)]
    participant: Key | None = None


class ConsultationVoteOut(Schema):
    statement: int
    choice: str


class NextOut(Schema):
    statement: ConsultationStatementOut | None
    voted: int
    total: int


class ImportIn(Schema):
    votes_csv: str
    comments_csv: str | None = None


class ImportOut(Schema):
    statements: int
    participants: int
    votes: int
