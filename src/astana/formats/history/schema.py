"""The schema ``astana-history/1``: the field types and the records of a history file,
validated with pydantic (see ``docs/data-format.md``)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Final, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from astana.core.language import LANGUAGES, fallback_order
from astana.formats.history.dates import DateValue

__all__ = [
    "LANGUAGES",
    "SCHEMA",
    "SEED_SLUGS",
    "Claim",
    "Document",
    "Event",
    "HistoryFile",
    "Membership",
    "Organisation",
    "Participation",
    "Person",
    "Process",
    "Round",
    "Session",
    "Source",
    "Translated",
]

SCHEMA: Final = "astana-history/1"
SEED_SLUGS: Final = ("wiki-ar", "wiki-en", "wiki-en-mirror", "wiki-en-2", "realist-ar")

# --- field types ---------------------------------------------------------------------

_SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ABOUT: Final = re.compile(r"(event|round|document|process):([a-z0-9]+(?:-[a-z0-9]+)*)")


def _slug(value: str) -> str:
    if _SLUG.fullmatch(value) is None:
        raise ValueError(f"{value!r} is not an id: use lower-case letters, digits and hyphens")
    return value


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"{value!r} is not an http(s) address")
    return value


def _about(value: str) -> str:
    if _ABOUT.fullmatch(value) is None:
        raise ValueError(f"{value!r} should read event:ID, round:ID, document:ID or process:ID")
    return value


def _year_as_text(value: object) -> object:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Slug = Annotated[str, AfterValidator(_slug)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[str, AfterValidator(_url)]
SourceIds = Annotated[list[Slug], Field(min_length=1)]
Number = Annotated[int, Field(strict=True, ge=1)]
SourceLanguage = Literal["ar", "en", "ru", "fr", "it", "de", "kk", "other"]
SeedSlug = Literal["wiki-ar", "wiki-en", "wiki-en-mirror", "wiki-en-2", "realist-ar"]
OrganisationKind = Literal[
    "government",
    "opposition-group",
    "think-tank",
    "international-organisation",
    "religious-community",
    "congress",
    "other",
]
Role = Literal[
    "convener", "host", "mediator", "party", "guarantor", "observer", "expert", "secretariat"
]
RoundState = Literal["planned", "in_session", "concluded", "cancelled"]
DocumentKind = Literal[
    "statement", "final_document", "joint_statement", "roadmap", "draft_constitution"
]
EventKind = Literal[
    "call", "round", "meeting", "conference", "document", "committee", "end", "other"
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Translated(_Record):
    """Text in up to three languages; Arabic or English is always given."""

    ar: Text | None = None
    en: Text | None = None
    ru: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _known_languages(cls, data: Any) -> Any:
        if isinstance(data, str):
            raise PydanticCustomError(
                "translated_text", "write the text as a mapping of language to text (en:, ar:, ru:)"
            )
        if isinstance(data, dict):
            for key in data:
                if key not in LANGUAGES:
                    raise PydanticCustomError(
                        "unknown_language",
                        "unknown language key '{key}' (use ar, en or ru)",
                        {"key": str(key)},
                    )
        return data

    @model_validator(mode="after")
    def _arabic_or_english(self) -> Translated:
        if self.ar is None and self.en is None:
            raise ValueError("give the text in Arabic (ar) or English (en) at least")
        return self

    def text(self, language: str = "en") -> str:
        """The text in ``language``, else in the first language of the platform's fallback
        order that has it (``astana.core.language.FALLBACK_ORDER``)."""
        for candidate in fallback_order(language):
            value = getattr(self, candidate, None)
            if value is not None:
                return str(value)
        raise AssertionError("unreachable: ar or en is always set")


# --- the records ---------------------------------------------------------------------


class Source(_Record):
    id: Slug
    title: Text
    author: Text | None = None
    publisher: Text | None = None
    date: DateValue | None = None
    url: Url | None = None
    language: SourceLanguage
    cited_in: list[SeedSlug] = Field(default_factory=list)


class Organisation(_Record):
    id: Slug
    kind: OrganisationKind
    name: Translated
    short_name: Translated | None = None
    country: Text | None = None


class Membership(_Record):
    organisation: Slug
    title: Translated | None = None
    from_: DateValue | None = Field(default=None, alias="from")
    until: DateValue | None = None


class Person(_Record):
    id: Slug
    name: Translated
    description: Translated | None = None
    memberships: list[Membership] = Field(default_factory=list)


class Participation(_Record):
    organisation: Slug
    role: Role
    from_: DateValue | None = Field(default=None, alias="from")
    until: DateValue | None = None
    note: Translated | None = None
    sources: list[Slug] = Field(default_factory=list)


class Session(_Record):
    id: Slug
    number: Number
    date: DateValue | None = None
    opened_by: Slug | None = None
    title: Translated | None = None
    agenda: list[Translated] = Field(default_factory=list)
    attendance: list[Slug] = Field(default_factory=list)
    minutes: Translated | None = None
    sources: list[Slug] = Field(default_factory=list)


class Round(_Record):
    id: Slug
    number: Number | None = None
    title: Translated
    venue: Translated
    start: DateValue
    end: DateValue | None = None
    state: RoundState
    summary: Translated | None = None
    sources: SourceIds
    sessions: list[Session] = Field(default_factory=list)


class Document(_Record):
    id: Slug
    kind: DocumentKind
    title: Translated
    summary: Translated
    date: DateValue
    round: Slug | None = None
    signatories: list[Slug] = Field(default_factory=list)
    signatories_note: Translated | None = None
    sources: SourceIds


class Event(_Record):
    id: Slug
    date: DateValue
    end: DateValue | None = None
    kind: EventKind
    title: Translated
    summary: Translated
    place: Translated | None = None
    round: Slug | None = None
    document: Slug | None = None
    persons: list[Slug] = Field(default_factory=list)
    organisations: list[Slug] = Field(default_factory=list)
    sources: SourceIds


class Process(_Record):
    id: Slug
    title: Translated
    summary: Translated
    start: DateValue
    end: DateValue | None = None
    ended_reason: Translated | None = None
    sources: SourceIds
    participations: list[Participation] = Field(default_factory=list)
    rounds: list[Round] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


class Claim(_Record):
    id: Slug
    about: Annotated[str, AfterValidator(_about)]
    aspect: Text
    statement: Translated
    value: Annotated[Text, BeforeValidator(_year_as_text)]
    sources: SourceIds
    conflicts_with: list[Slug] = Field(default_factory=list)

    @property
    def about_kind(self) -> str:
        return self.about.split(":", 1)[0]

    @property
    def about_id(self) -> str:
        return self.about.split(":", 1)[1]


class HistoryFile(_Record):
    """One history file, or several merged by ``load_history_files``."""

    schema_version: Literal["astana-history/1"] = Field(alias="schema")
    sources: list[Source] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    processes: list[Process] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
