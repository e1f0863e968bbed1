"""The built-in historical record: schema, parser and checks for ``data/history/*.yaml``.

A history file (schema ``astana-history/1``, described in ``docs/data-format.md``) holds
sources, organisations, persons, processes (with their rounds, sessions, outcome
documents and timeline events) and claims, the statements on which sources disagree.
``load_history`` reads one file and ``load_history_files`` several, merging them and
checking every reference across all of them. Any problem raises ``HistoryDataError``,
whose text is ``FILE:LINE:COLUMN: reason`` with the line of the offending key or item,
so the person editing the file can go straight to it.

The YAML is composed into nodes (not constructed) so that the position of every mapping
key and sequence item is known; plain scalars stay text except null, booleans and
integers, so dates such as ``2017-07-13`` are never turned into ``datetime`` values.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import total_ordering
from typing import Annotated, Any, Final, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from astana.core.language import LANGUAGES, fallback_order

__all__ = [
    "LANGUAGES",
    "SCHEMA",
    "SEED_SLUGS",
    "Claim",
    "Document",
    "Event",
    "HistoryDataError",
    "HistoryFile",
    "Membership",
    "Organisation",
    "PartialDate",
    "Participation",
    "Person",
    "Process",
    "Round",
    "Session",
    "Source",
    "Translated",
    "load_history",
    "load_history_files",
]

SCHEMA: Final = "astana-history/1"
SEED_SLUGS: Final = ("wiki-ar", "wiki-en", "wiki-en-mirror", "wiki-en-2", "realist-ar")
_MAX_DEPTH: Final = 64
_MAX_ENTRIES: Final = 500_000


class HistoryDataError(ValueError):
    """A problem in a history file, at a 1-based line and column."""

    def __init__(self, filename: str, line: int, column: int, reason: str) -> None:
        self.filename = filename
        self.line = line
        self.column = column
        self.reason = reason
        super().__init__(f"{filename}:{line}:{column}: {reason}")


# --- partial dates -------------------------------------------------------------------

Precision = Literal["year", "month", "day"]
_PARTIAL_DATE: Final = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day: ``2017``, ``2017-07``, ``2017-07-13``.

    Partial dates order by their earliest day, then by their latest, so ``2017-01-01``
    comes before ``2017-01`` which comes before ``2017``.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(
                    f"day {self.day} is out of range for {self.year:04d}-{self.month:02d}"
                )

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` otherwise."""
        match = _PARTIAL_DATE.fullmatch(text)
        if match is None:
            raise ValueError(f"invalid date {text!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        try:
            return cls(int(year), None if month is None else int(month), _int_or_none(day))
        except ValueError as error:
            raise ValueError(f"invalid date {text!r}: {error}") from None

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    def earliest(self) -> dt.date:
        """The first day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day the date can mean."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.earliest(), self.latest()) < (other.earliest(), other.latest())


def _int_or_none(text: str | None) -> int | None:
    return None if text is None else int(text)


def _partial_date(value: object) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # a bare year reads as a YAML integer
    if not isinstance(value, str):
        raise ValueError("expected a date written YYYY, YYYY-MM or YYYY-MM-DD")
    return PartialDate.parse(value)


DateValue = Annotated[
    PartialDate, PlainValidator(_partial_date), PlainSerializer(str, return_type=str)
]


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


# --- loading -------------------------------------------------------------------------

Path = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass(frozen=True)
class _Loaded:
    filename: str
    history: HistoryFile
    positions: dict[Path, Position]

    def error(self, path: Path, reason: str) -> HistoryDataError:
        return HistoryDataError(self.filename, *_nearest(self.positions, path)[1], reason)


def load_history(text: str, filename: str) -> HistoryFile:
    """Parse and check one history file; raise ``HistoryDataError`` on any problem."""
    return load_history_files([(text, filename)])


def load_history_files(files: Sequence[tuple[str, str]]) -> HistoryFile:
    """Parse ``(text, filename)`` pairs, check references across all, and merge them."""
    loaded = [_load_one(text, filename) for text, filename in files]
    problems = _cross_check(loaded)
    if problems:
        order = {filename: index for index, (_, filename) in reversed(list(enumerate(files)))}
        raise min(problems, key=lambda p: (order[p.filename], p.line, p.column))
    return HistoryFile.model_validate(
        {
            "schema": SCHEMA,
            "sources": [x for one in loaded for x in one.history.sources],
            "organisations": [x for one in loaded for x in one.history.organisations],
            "persons": [x for one in loaded for x in one.history.persons],
            "processes": [x for one in loaded for x in one.history.processes],
            "claims": [x for one in loaded for x in one.history.claims],
        }
    )


def _load_one(text: str, filename: str) -> _Loaded:
    positions: dict[Path, Position] = {(): (1, 1)}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = " ".join(str(x) for x in (error.context, error.problem) if x)
        raise HistoryDataError(filename, line, column, f"invalid YAML: {reason}") from None
    except yaml.YAMLError as error:  # e.g. a character YAML does not allow
        offset = getattr(error, "position", 0)
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        reason = str(error).splitlines()[0]
        raise HistoryDataError(filename, line, column, f"invalid YAML: {reason}") from None
    value = None if root is None else _plain(root, (), positions, filename)
    if not isinstance(value, dict):
        reason = f"a history file is a mapping that starts with 'schema: {SCHEMA}'"
        raise HistoryDataError(filename, 1, 1, reason)
    try:
        history = HistoryFile.model_validate(value)
    except ValidationError as error:
        raise min(
            (_validation_problem(e, positions, filename) for e in error.errors()),
            key=lambda p: (p.line, p.column),
        ) from None
    return _Loaded(filename, history, positions)


def _position(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _plain(node: yaml.Node, path: Path, positions: dict[Path, Position], filename: str) -> object:
    """Turn a composed node into plain values, noting where each key and item starts."""
    if len(path) > _MAX_DEPTH:
        raise HistoryDataError(filename, *_position(node), "nested too deeply")
    if len(positions) > _MAX_ENTRIES:  # also stops aliases that expand without end
        raise HistoryDataError(filename, *_position(node), "too many keys and items")
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        items: list[object] = []
        for index, item in enumerate(node.value):
            positions[(*path, index)] = _position(item)
            items.append(_plain(item, (*path, index), positions, filename))
        return items
    assert isinstance(node, yaml.MappingNode)
    mapping: dict[str, object] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise HistoryDataError(filename, *_position(key_node), "a key must be plain text")
        key = key_node.value
        if key in mapping:
            raise HistoryDataError(filename, *_position(key_node), f"duplicate key {key!r}")
        positions[(*path, key)] = _position(key_node)
        mapping[key] = _plain(value_node, (*path, key), positions, filename)
    return mapping


_INT: Final = re.compile(r"[-+]?[0-9]+")
_BOOL: Final = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _scalar(node: yaml.ScalarNode) -> object:
    value: str = node.value
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag == "tag:yaml.org,2002:bool" and value.lower() in _BOOL:
        return _BOOL[value.lower()]
    if node.tag == "tag:yaml.org,2002:int" and _INT.fullmatch(value.replace("_", "")):
        return int(value.replace("_", ""))
    return value


def _nearest(positions: dict[Path, Position], loc: Sequence[str | int]) -> tuple[Path, Position]:
    """The deepest YAML path along ``loc`` that has a position (pydantic adds extra steps)."""
    path: Path = ()
    for step in loc:
        if (*path, step) in positions:
            path = (*path, step)
    return path, positions[path]


def _dotted(path: Path) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text.lstrip(".") or "top level"


def _validation_problem(
    error: Any, positions: dict[Path, Position], filename: str
) -> HistoryDataError:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    if kind == "unknown_language":
        loc = (*loc, error["ctx"]["key"])
    path, (line, column) = _nearest(positions, loc)
    if kind == "missing":
        reason = f"{_dotted(path)}: missing required key {loc[-1]!r}"
    elif kind in {"extra_forbidden", "unknown_language"}:
        name = loc[-1]
        what = "unknown language key" if kind == "unknown_language" else "unknown key"
        reason = f"{_dotted(path[:-1] if path[-1:] == (name,) else path)}: {what} {name!r}"
    elif kind == "value_error":
        reason = f"{_dotted(path)}: {error['ctx']['error']}"
    elif kind == "too_short":
        reason = f"{_dotted(path)}: must list at least {error['ctx']['min_length']} item"
    else:
        reason = f"{_dotted(path)}: {error['msg']}"
    return HistoryDataError(filename, line, column, reason)


# --- checks across records and files -------------------------------------------------

Kind = Literal[
    "source",
    "organisation",
    "person",
    "process",
    "round",
    "session",
    "document",
    "event",
    "claim",
]


@dataclass(frozen=True)
class _Reference:
    kind: Kind
    target: str
    path: Path
    process: str | None = None  # rounds and documents must belong to this process


def _ids(kind: Kind, targets: Sequence[str], path: Path) -> Iterator[_Reference]:
    for index, target in enumerate(targets):
        yield _Reference(kind, target, (*path, index))


def _defined(history: HistoryFile) -> Iterator[tuple[Kind, str, Path, str | None]]:
    """Every record with an id: kind, id, path, and the process it sits in."""
    for index, source in enumerate(history.sources):
        yield "source", source.id, ("sources", index), None
    for index, organisation in enumerate(history.organisations):
        yield "organisation", organisation.id, ("organisations", index), None
    for index, person in enumerate(history.persons):
        yield "person", person.id, ("persons", index), None
    for p, process in enumerate(history.processes):
        base: Path = ("processes", p)
        yield "process", process.id, base, None
        for r, round_ in enumerate(process.rounds):
            yield "round", round_.id, (*base, "rounds", r), process.id
            for s, session in enumerate(round_.sessions):
                yield "session", session.id, (*base, "rounds", r, "sessions", s), process.id
        for d, document in enumerate(process.documents):
            yield "document", document.id, (*base, "documents", d), process.id
        for e, event in enumerate(process.events):
            yield "event", event.id, (*base, "events", e), process.id
    for index, claim in enumerate(history.claims):
        yield "claim", claim.id, ("claims", index), None


def _references(history: HistoryFile) -> Iterator[_Reference]:
    for index, person in enumerate(history.persons):
        for m, membership in enumerate(person.memberships):
            path: Path = ("persons", index, "memberships", m, "organisation")
            yield _Reference("organisation", membership.organisation, path)
    for p, process in enumerate(history.processes):
        base: Path = ("processes", p)
        yield from _ids("source", process.sources, (*base, "sources"))
        for i, part in enumerate(process.participations):
            where: Path = (*base, "participations", i)
            yield _Reference("organisation", part.organisation, (*where, "organisation"))
            yield from _ids("source", part.sources, (*where, "sources"))
        for r, round_ in enumerate(process.rounds):
            where = (*base, "rounds", r)
            yield from _ids("source", round_.sources, (*where, "sources"))
            for s, session in enumerate(round_.sessions):
                at: Path = (*where, "sessions", s)
                if session.opened_by is not None:
                    yield _Reference("person", session.opened_by, (*at, "opened_by"))
                yield from _ids("organisation", session.attendance, (*at, "attendance"))
                yield from _ids("source", session.sources, (*at, "sources"))
        for d, document in enumerate(process.documents):
            where = (*base, "documents", d)
            if document.round is not None:
                yield _Reference("round", document.round, (*where, "round"), process.id)
            yield from _ids("organisation", document.signatories, (*where, "signatories"))
            yield from _ids("source", document.sources, (*where, "sources"))
        for e, event in enumerate(process.events):
            where = (*base, "events", e)
            if event.round is not None:
                yield _Reference("round", event.round, (*where, "round"), process.id)
            if event.document is not None:
                yield _Reference("document", event.document, (*where, "document"), process.id)
            yield from _ids("person", event.persons, (*where, "persons"))
            yield from _ids("organisation", event.organisations, (*where, "organisations"))
            yield from _ids("source", event.sources, (*where, "sources"))
    for index, claim in enumerate(history.claims):
        where = ("claims", index)
        kind: Kind = claim.about_kind  # type: ignore[assignment]  # checked by _about
        yield _Reference(kind, claim.about_id, (*where, "about"))
        yield from _ids("source", claim.sources, (*where, "sources"))
        yield from _ids("claim", claim.conflicts_with, (*where, "conflicts_with"))


def _ranges(history: HistoryFile) -> Iterator[tuple[PartialDate, PartialDate, Path]]:
    """Every (start, end) pair, with the path of the end."""
    for index, person in enumerate(history.persons):
        for m, membership in enumerate(person.memberships):
            if membership.from_ is not None and membership.until is not None:
                yield (
                    membership.from_,
                    membership.until,
                    ("persons", index, "memberships", m, "until"),
                )
    for p, process in enumerate(history.processes):
        base: Path = ("processes", p)
        if process.end is not None:
            yield process.start, process.end, (*base, "end")
        for i, part in enumerate(process.participations):
            if part.from_ is not None and part.until is not None:
                yield part.from_, part.until, (*base, "participations", i, "until")
        for r, round_ in enumerate(process.rounds):
            if round_.end is not None:
                yield round_.start, round_.end, (*base, "rounds", r, "end")
        for e, event in enumerate(process.events):
            if event.end is not None:
                yield event.date, event.end, (*base, "events", e, "end")


def _cross_check(loaded: Sequence[_Loaded]) -> list[HistoryDataError]:
    problems: list[HistoryDataError] = []
    defined: dict[tuple[Kind, str], tuple[_Loaded, Path, str | None]] = {}
    for one in loaded:
        for kind, id_, path, process in _defined(one.history):
            first = defined.get((kind, id_))
            if first is not None:
                line, _ = _nearest(first[0].positions, (*first[1], "id"))[1]
                reason = f"duplicate {kind} id {id_!r} (first at {first[0].filename}:{line})"
                problems.append(one.error((*path, "id"), reason))
            else:
                defined[(kind, id_)] = (one, path, process)
    conflicts = {
        claim.id: set(claim.conflicts_with) for one in loaded for claim in one.history.claims
    }
    for one in loaded:
        for ref in _references(one.history):
            target = defined.get((ref.kind, ref.target))
            if target is None:
                problems.append(one.error(ref.path, f"no {ref.kind} with id {ref.target!r}"))
            elif ref.process is not None and target[2] != ref.process:
                owner = target[2]
                reason = (
                    f"{ref.kind} {ref.target!r} belongs to process {owner!r}, not {ref.process!r}"
                )
                problems.append(one.error(ref.path, reason))
        for index, claim in enumerate(one.history.claims):
            for c, other in enumerate(claim.conflicts_with):
                at: Path = ("claims", index, "conflicts_with", c)
                if other == claim.id:
                    problems.append(one.error(at, f"claim {claim.id!r} conflicts with itself"))
                elif other in conflicts and claim.id not in conflicts[other]:
                    reason = f"claim {other!r} does not list {claim.id!r} in conflicts_with"
                    problems.append(one.error(at, reason))
        for start, end, path in _ranges(one.history):
            if start.earliest() > end.latest():
                problems.append(one.error(path, f"ends ({end}) before it starts ({start})"))
    return problems
