"""Loads history data files (``data/history/*.yaml``) into the database.

Everything is parsed and checked first (``astana.formats.history``: schema, dates, every
reference); a file with a problem is refused with file, line and reason, and nothing is
written. Loading then runs in one transaction and is idempotent: records are matched by
their ids (slugs), so loading the same files twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from astana.core.language import LANGUAGES
from astana.formats import history as h
from astana.web.archive.indexing import rebuild_search_index
from astana.web.common.record import log_minutes
from astana.web.processes import models as m

__all__ = ["LoadReport", "history_paths", "load_history_paths"]

Progress = Callable[[str], None]


@dataclass
class LoadReport:
    files: list[str]
    counts: dict[str, int]
    search_entries: int


def history_paths(path: Path) -> list[Path]:
    """The YAML files at ``path`` (a file, or every ``*.yaml``/``*.yml`` in a folder)."""
    if path.is_dir():
        return sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    return [path]


def _tr(value: h.Translated | None, prefix: str) -> dict[str, str]:
    return {
        f"{prefix}_{lang}": (getattr(value, lang, None) or "") if value else ""
        for lang in LANGUAGES
    }


def _d(value: object | None) -> str:
    return "" if value is None else str(value)


def _sources(obj: object, ids: Iterable[str], sources: dict[str, m.Source]) -> None:
    obj.sources.set([sources[i] for i in ids])  # type: ignore[attr-defined]


@transaction.atomic
def _write(data: h.HistoryFile, progress: Progress) -> dict[str, int]:
    counts = dict.fromkeys(
        [
            "sources",
            "organisations",
            "persons",
            "processes",
            "rounds",
            "sessions",
            "documents",
            "events",
            "claims",
        ],
        0,
    )
    sources: dict[str, m.Source] = {s.slug: s for s in m.Source.objects.all()}
    for s in data.sources:
        sources[s.id], _ = m.Source.objects.update_or_create(
            slug=s.id,
            defaults={
                "title": s.title,
                "author": s.author or "",
                "publisher": s.publisher or "",
                "date": _d(s.date),
                "url": s.url or "",
                "language": s.language,
                "cited_in": list(s.cited_in),
            },
        )
        counts["sources"] += 1
    progress(f"{counts['sources']} sources")
    orgs: dict[str, m.Organisation] = {o.slug: o for o in m.Organisation.objects.all()}
    for o in data.organisations:
        orgs[o.id], _ = m.Organisation.objects.update_or_create(
            slug=o.id,
            defaults={
                "kind": o.kind,
                "country": o.country or "",
                **_tr(o.name, "name"),
                **_tr(o.short_name, "short_name"),
            },
        )
        counts["organisations"] += 1
    persons: dict[str, m.Person] = {p.slug: p for p in m.Person.objects.all()}
    for p in data.persons:
        person, _ = m.Person.objects.update_or_create(
            slug=p.id, defaults={**_tr(p.name, "name"), **_tr(p.description, "description")}
        )
        persons[p.id] = person
        person.memberships.all().delete()
        for ms in p.memberships:
            m.Membership.objects.create(
                person=person,
                organisation=orgs[ms.organisation],
                start=_d(ms.from_),
                end=_d(ms.until),
                **_tr(ms.title, "title"),
            )
        counts["persons"] += 1
    progress(f"{counts['organisations']} organisations, {counts['persons']} persons")
    for pr in data.processes:
        process, _ = m.Process.objects.update_or_create(
            slug=pr.id,
            defaults={
                "start": _d(pr.start),
                "end": _d(pr.end),
                **_tr(pr.title, "title"),
                **_tr(pr.summary, "summary"),
                **_tr(pr.ended_reason, "ended_reason"),
            },
        )
        _sources(process, pr.sources, sources)
        process.participations.filter(is_sandbox=False).delete()
        for pa in pr.participations:
            participation = m.Participation.objects.create(
                process=process,
                organisation=orgs[pa.organisation],
                role=pa.role,
                start=_d(pa.from_),
                end=_d(pa.until),
                **_tr(pa.note, "note"),
            )
            _sources(participation, pa.sources, sources)
        rounds: dict[str, m.Round] = {}
        for r in pr.rounds:
            rnd, _ = m.Round.objects.update_or_create(
                process=process,
                slug=r.id,
                defaults={
                    "number": r.number,
                    "start": _d(r.start),
                    "end": _d(r.end),
                    "state": r.state,
                    **_tr(r.title, "title"),
                    **_tr(r.venue, "venue"),
                    **_tr(r.summary, "summary"),
                },
            )
            rounds[r.id] = rnd
            _sources(rnd, r.sources, sources)
            rnd.sessions.all().delete()
            for se in r.sessions:
                session = m.Session.objects.create(
                    round=rnd,
                    slug=se.id,
                    number=se.number,
                    date=_d(se.date),
                    opened_by=persons[se.opened_by] if se.opened_by else None,
                    **_tr(se.title, "title"),
                    **_tr(se.minutes, "minutes"),
                    minutes_published_at=timezone.now(),  # the sourced record is public
                )
                for order, item in enumerate(se.agenda, start=1):
                    m.AgendaItem.objects.create(session=session, order=order, **_tr(item, "text"))
                session.attendance.set([orgs[o] for o in se.attendance])
                _sources(session, se.sources, sources)
                log_minutes(session)  # public record: its hash is in the log (once per content)
                counts["sessions"] += 1
            counts["rounds"] += 1
        documents: dict[str, m.OutcomeDocument] = {}
        for d in pr.documents:
            doc, _ = m.OutcomeDocument.objects.update_or_create(
                slug=d.id,
                defaults={
                    "process": process,
                    "round": rounds.get(d.round) if d.round else None,
                    "kind": d.kind,
                    "date": _d(d.date),
                    **_tr(d.title, "title"),
                    **_tr(d.summary, "summary"),
                    **_tr(d.signatories_note, "signatories_note"),
                },
            )
            documents[d.id] = doc
            doc.signatories.set([orgs[o] for o in d.signatories])
            _sources(doc, d.sources, sources)
            counts["documents"] += 1
        for e in pr.events:
            event, _ = m.TimelineEvent.objects.update_or_create(
                slug=e.id,
                defaults={
                    "process": process,
                    "date": _d(e.date),
                    "end": _d(e.end),
                    "kind": e.kind,
                    "round": rounds.get(e.round) if e.round else None,
                    "document": documents.get(e.document) if e.document else None,
                    **_tr(e.title, "title"),
                    **_tr(e.summary, "summary"),
                    **_tr(e.place, "place"),
                },
            )
            event.persons.set([persons[p] for p in e.persons])
            event.organisations.set([orgs[o] for o in e.organisations])
            _sources(event, e.sources, sources)
            counts["events"] += 1
        counts["processes"] += 1
        progress(f"process {pr.id}: {len(pr.rounds)} rounds, {len(pr.events)} events")
    claims: dict[str, m.Claim] = {}
    for c in data.claims:
        kind, _, slug = c.about.partition(":")
        claims[c.id], _ = m.Claim.objects.update_or_create(
            slug=c.id,
            defaults={
                "about_kind": kind,
                "about_slug": slug,
                "aspect": c.aspect,
                "value": c.value,
                **_tr(c.statement, "statement"),
            },
        )
        _sources(claims[c.id], c.sources, sources)
        counts["claims"] += 1
    for c in data.claims:
        claims[c.id].conflicts_with.set(
            [claims[x] if x in claims else m.Claim.objects.get(slug=x) for x in c.conflicts_with]
        )
    return counts


def load_history_paths(path: Path, progress: Progress = lambda _: None) -> LoadReport:
    """Parse and check every file at ``path``, then write them all in one transaction."""
    files = history_paths(path)
    if not files:
        raise FileNotFoundError(f"{path}: no .yaml files to load")
    texts = [(f.read_text(encoding="utf-8"), str(f)) for f in files]
    data = h.load_history_files(texts)
    progress(f"checked {len(files)} file(s)")
    with transaction.atomic():
        counts = _write(data, progress)
        entries = rebuild_search_index()
    progress(f"indexed {entries} pages for search")
    return LoadReport([str(f) for f in files], counts, entries)
