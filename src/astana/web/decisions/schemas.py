"""Input and output schemas of the decisions and committees API: typed and limited, refusing
unknown fields (a 422 naming the field before any action runs). The actions check again."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field, StringConstraints

from astana.web.api.schemas import MAX_ID, Input, OrganisationSlug, TitlesIn
from astana.web.decisions.actions.decisions import MAX_QUESTION

__all__ = [
    "ApprovalIn",
    "ApprovalOut",
    "BlocIn",
    "CommitteeIn",
    "CommitteeOut",
    "DecisionIn",
    "DecisionOut",
    "NominationIn",
    "NominationListIn",
    "ReplacementIn",
    "RulesIn",
    "RulesOut",
    "SignatureCountIn",
    "SignatureCountOut",
    "VoteIn",
    "VoteOut",
]

Rule = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Question = Annotated[str, Field(max_length=MAX_QUESTION)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Gender = Literal["woman", "man"]
Count = Annotated[int, Field(ge=0, le=1000)]


class RulesIn(Input):
    rule: Rule = Field(description="The decision rule, e.g. 'consensus else 75% of members'.")
    voting: Literal["delegation", "member"] = "delegation"
    secret: bool = Field(False, description="Keep votes hidden until a decision is closed.")


class RulesOut(Schema):
    rule: str
    voting: str
    secret: bool
    own: bool = Field(description="True when the round set its own; else the default applies.")


class QuestionsIn(Input):
    ar: Question = ""
    en: Question = ""
    ru: Question = ""


class DecisionIn(Input):
    subject: Literal["provision", "document", "procedure"]
    questions: QuestionsIn
    text_id: Annotated[int, Field(ge=1, le=MAX_ID)] | None = None
    provision: Annotated[str, StringConstraints(max_length=200)] = ""
    secret: bool = False


class DecisionOut(Schema):
    id: int
    number: int
    round_id: int
    session: int
    subject: str
    text_id: int | None
    provision: str
    questions: dict[str, str]
    rule: str
    voting: str
    secret: bool
    state: str
    published: bool
    members: int
    voted: int
    results_visible: bool
    counts: dict[str, int] | None
    roll_call: list[dict[str, str]] | None
    my_vote: str | None
    adopted: bool | None
    explanations: dict[str, str] | None
    outcome: dict[str, Any] | None


class VoteIn(Input):
    choice: Literal["yes", "no", "abstain"]


class VoteOut(Schema):
    decision_id: int
    voter: str
    choice: str


class SignatureCountIn(Input):
    rule: Rule = "majority of members"
    parties: Annotated[int, Field(ge=1, le=1000)] | None = None
    signed: Count | None = None
    notes: TitlesIn = TitlesIn()


class SignatureCountOut(Schema):
    document: str
    rule: str
    parties: int | None
    signed: int | None
    counted: bool
    adopted: bool | None
    explanations: dict[str, str]
    notes: dict[str, str]


class BlocIn(Input):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    seats: Annotated[int, Field(ge=1, le=1000)]
    small_body_seats: Count = 0
    nominated_by: OrganisationSlug
    # Whether the rules let the convener record this bloc's nominations on its behalf.
    convener_nominates: bool = False


class DefinitionIn(Input):
    blocs: Annotated[list[BlocIn], Field(min_length=1, max_length=20)]
    co_chairs: Annotated[int, Field(ge=0, le=10)] = 0
    co_chair_blocs: Annotated[list[str], Field(max_length=10)] = []
    quotas: Annotated[
        list[Annotated[str, StringConstraints(max_length=100)]], Field(max_length=10)
    ] = []
    approvers: Annotated[list[OrganisationSlug], Field(max_length=20)] = []
    rule: Rule = "consensus"


class CommitteeIn(Input):
    slug: Annotated[str, StringConstraints(min_length=1, max_length=120)]
    names: TitlesIn
    definition: DefinitionIn


class ViolationOut(Schema):
    code: str
    shortfall: int
    message: str


class CommitteeOut(Schema):
    id: int
    slug: str
    process: str
    names: dict[str, str]
    definition: dict[str, Any]
    version: int
    formed: bool
    valid: bool
    violations: list[ViolationOut]
    members: list[dict[str, Any]]
    former: list[dict[str, Any]]


class NominationIn(Input):
    name: Name
    bloc: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    gender: Gender
    in_small_body: bool = False
    co_chair: bool = False
    nominated_by: Annotated[str, StringConstraints(max_length=120)] = ""


class NominationListIn(Input):
    """A list of members, one a line: ``name, gender[, bloc[, small body[, co-chair]]]``
    (CSV; ``bloc`` here is the bloc of a line that names none). All are added, or none."""

    members: Annotated[str, StringConstraints(min_length=1, max_length=200_000)]
    bloc: Annotated[str, StringConstraints(max_length=100)] = ""


class ReplacementIn(Input):
    name: Name
    gender: Gender
    in_small_body: bool | None = None
    co_chair: bool | None = None


class ApprovalIn(Input):
    approver: Annotated[str, StringConstraints(max_length=120)] = ""
    nominees: (
        Annotated[list[Annotated[int, Field(ge=1, le=MAX_ID)]], Field(max_length=1000)] | None
    ) = None


class ApprovalOut(Schema):
    approver: str
    nominees: list[int]
    committee: CommitteeOut
