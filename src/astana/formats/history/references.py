"""Checks across records and files: every id defined once, every reference to an existing
record (of the right process), claims that conflict both ways, and date ranges that end
after they start."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from astana.formats.history.dates import PartialDate
from astana.formats.history.errors import HistoryDataError
from astana.formats.history.positions import LoadedFile, Path, nearest
from astana.formats.history.schema import HistoryFile

__all__ = ["cross_check"]

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


def cross_check(loaded: Sequence[LoadedFile]) -> list[HistoryDataError]:
    problems: list[HistoryDataError] = []
    defined: dict[tuple[Kind, str], tuple[LoadedFile, Path, str | None]] = {}
    for one in loaded:
        for kind, id_, path, process in _defined(one.history):
            first = defined.get((kind, id_))
            if first is not None:
                line, _ = nearest(first[0].positions, (*first[1], "id"))[1]
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
