"""The shipped history in data/history/ loads, passes every check and holds the record.

The ids asserted here are the ones the lead's loader and the product's timeline rely on:

- process ``astana-platform``: events ``ap-call-moscow``, ``ap-round-1``,
  ``ap-round-1-statement``, ``ap-round-2``, ``ap-round-2-final-document``,
  ``ap-geneva-2016``, ``ap-constitution-drafting``, ``ap-draft-constitution-completed``,
  ``ap-shoigu-meeting``, ``ap-sochi-congress``, ``ap-constitutional-committee-agreed``,
  ``ap-rome-meetings``, ``ap-rome-roadmap``, ``ap-end``;
- process ``astana-format``: events ``af-first-meeting``, ``af-us-declines``,
  ``af-iraq-lebanon-join``, ``af-meeting-20``, ``af-end-announced``,
  ``af-resumption-offer``, ``af-meeting-22``;
- the three disagreements of the seeds as claim pairs (see ``CONFLICTS``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from astana.formats.history import (
    SEED_SLUGS,
    HistoryFile,
    PartialDate,
    Process,
    Translated,
    load_history_files,
)

DATA = Path(__file__).resolve().parents[3] / "data" / "history"


@pytest.fixture(scope="module")
def history() -> HistoryFile:
    files = sorted(DATA.glob("*.yaml"))
    assert files, f"no history files in {DATA}"
    return load_history_files([(f.read_text(encoding="utf-8"), f.name) for f in files])


def _process(history: HistoryFile, process_id: str) -> Process:
    return next(p for p in history.processes if p.id == process_id)


PLATFORM_EVENTS = [
    "ap-call-moscow",
    "ap-round-1",
    "ap-round-1-statement",
    "ap-round-2",
    "ap-round-2-final-document",
    "ap-geneva-2016",
    "ap-constitution-drafting",
    "ap-draft-constitution-completed",
    "ap-shoigu-meeting",
    "ap-sochi-congress",
    "ap-constitutional-committee-agreed",
    "ap-rome-meetings",
    "ap-rome-roadmap",
    "ap-end",
]
FORMAT_EVENTS = [
    "af-first-meeting",
    "af-us-declines",
    "af-iraq-lebanon-join",
    "af-meeting-20",
    "af-end-announced",
    "af-resumption-offer",
    "af-meeting-22",
]


@pytest.mark.parametrize(
    ("process_id", "event_id"),
    [("astana-platform", e) for e in PLATFORM_EVENTS]
    + [("astana-format", e) for e in FORMAT_EVENTS],
)
def test_event_is_recorded_with_a_source(
    history: HistoryFile, process_id: str, event_id: str
) -> None:
    events = {e.id: e for e in _process(history, process_id).events}
    assert event_id in events
    assert events[event_id].sources


def test_seed_pages_are_sources(history: HistoryFile) -> None:
    sources = {s.id: s for s in history.sources}
    for slug in SEED_SLUGS:
        assert slug in sources
        assert sources[slug].cited_in == [slug]
    assert sources["wiki-ar"].title == "منصة آستانا"
    assert sources["wiki-en"].title == "Astana Platform"
    roadmap = sources["ref-santegidio-2018-10-29"]
    assert (
        roadmap.title
        == "Una road map per la ricostruzione della Siria presentata oggi a Sant'Egidio"
    )
    assert roadmap.date == PartialDate(2018, 10, 29)
    assert roadmap.language == "it"


def test_every_source_is_listed_by_a_seed(history: HistoryFile) -> None:
    assert all(source.cited_in for source in history.sources)


def test_astana_platform_rounds(history: HistoryFile) -> None:
    platform = _process(history, "astana-platform")
    assert (str(platform.start), str(platform.end)) == ("2015", "2023")
    rounds = {r.id: r for r in platform.rounds}
    first, second = rounds["ap-round-1"], rounds["ap-round-2"]
    assert (str(first.start), str(first.end)) == ("2015-05-25", "2015-05-27")
    assert [s.opened_by for s in first.sessions] == ["erlan-idrissov", "erlan-idrissov"]
    assert (str(second.start), str(second.end)) == ("2015-10-02", "2015-10-04")
    assert second.sessions[0].opened_by == "gulshara-abdykalikova"
    mediators = {
        (p.organisation, str(p.from_)) for p in platform.participations if p.role == "mediator"
    }
    assert mediators == {("government-of-kazakhstan", "2015-05-25"), ("cpfa", "2015-10-02")}


def test_astana_platform_documents(history: HistoryFile) -> None:
    documents = {d.id: d for d in _process(history, "astana-platform").documents}
    assert {d: documents[d].kind for d in documents} == {
        "ap-round-1-statement": "statement",
        "ap-round-2-final-document": "final_document",
        "ap-draft-constitution": "draft_constitution",
        "ap-rome-roadmap": "roadmap",
    }
    statement = documents["ap-round-1-statement"]
    assert statement.date == PartialDate(2015, 5, 28)
    assert statement.signatories == []  # the seeds name none
    assert statement.signatories_note is not None
    assert all(d.sources for d in documents.values())


def test_astana_format_participants(history: HistoryFile) -> None:
    talks = _process(history, "astana-format")
    assert str(talks.start) == "2017-01"
    roles = {(p.organisation, p.role) for p in talks.participations}
    for guarantor in ("government-of-russia", "government-of-turkey", "government-of-iran"):
        assert (guarantor, "guarantor") in roles
    for observer in (
        "united-nations",
        "government-of-jordan",
        "government-of-united-states",
        "government-of-iraq",
        "government-of-lebanon",
    ):
        assert (observer, "observer") in roles
    by_organisation = {p.organisation: p for p in talks.participations}
    assert str(by_organisation["government-of-united-states"].until) == "2018-05"
    assert str(by_organisation["government-of-iraq"].from_) == "2019-08"
    meeting_20 = next(r for r in talks.rounds if r.id == "af-meeting-20")
    assert (meeting_20.number, str(meeting_20.start), str(meeting_20.end)) == (
        20,
        "2023-06-20",
        "2023-06-21",
    )


def test_people_and_organisations(history: HistoryFile) -> None:
    persons = {p.id for p in history.persons}
    assert persons >= {
        "randa-kassis",
        "fabien-baussart",
        "erlan-idrissov",
        "gulshara-abdykalikova",
        "xavier-latour",
        "yasar-yakis",
        "giulio-terzi",
        "sergei-shoigu",
        "nursultan-nazarbayev",
        "kanat-tumysh",
        "mikhail-bogdanov",
    }
    organisations = {o.id for o in history.organisations}
    assert organisations >= {
        "cpfa",
        "movement-pluralistic-society",
        "government-of-kazakhstan",
        "syrian-national-coalition",
        "syrian-negotiation-commission",
        "syriac-national-council",
        "kurdish-parties",
        "community-of-sant-egidio",
        "united-nations",
        "government-of-russia",
        "government-of-turkey",
        "government-of-iran",
        "government-of-jordan",
        "government-of-lebanon",
        "government-of-iraq",
        "government-of-united-states",
        "government-of-syria",
    }


CONFLICTS = [
    # (claim, its value, its sources) against (claim, value, sources)
    (
        ("geneva-2016-round-geneva-3", "Geneva 3", {"wiki-ar"}),
        ("geneva-2016-round-geneva-4", "Geneva Peace Talks 4", {"wiki-en"}),
    ),
    (
        ("draft-constitution-completed-july-2017", "2017-07", {"wiki-en-mirror", "wiki-en-2"}),
        ("draft-constitution-completed-end-2017", "end of 2017", {"wiki-ar", "wiki-en"}),
    ),
    (
        ("sochi-congress-2018-01-13", "2018-01-13", {"wiki-en-mirror", "wiki-en-2"}),
        ("sochi-congress-2018-01-30", "2018-01-30", {"wiki-en"}),
    ),
]


@pytest.mark.parametrize(("one", "other"), CONFLICTS, ids=lambda pair: pair[0])
def test_seed_disagreement_is_a_symmetric_claim_pair(
    history: HistoryFile,
    one: tuple[str, str, set[str]],
    other: tuple[str, str, set[str]],
) -> None:
    claims = {c.id: c for c in history.claims}
    a, b = claims[one[0]], claims[other[0]]
    assert a.about == b.about
    assert a.aspect == b.aspect
    assert (a.value, b.value) == (one[1], other[1])
    assert one[2] <= set(a.sources)
    assert other[2] <= set(b.sources)
    assert b.id in a.conflicts_with
    assert a.id in b.conflicts_with


def test_every_conflict_is_symmetric(history: HistoryFile) -> None:
    claims = {c.id: c for c in history.claims}
    for claim in history.claims:
        assert claim.sources
        for other in claim.conflicts_with:
            assert claim.id in claims[other].conflicts_with


def _texts(value: object, path: str = "") -> Iterator[tuple[str, Translated]]:
    if isinstance(value, Translated):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")


def test_every_text_is_in_arabic_and_english(history: HistoryFile) -> None:
    missing = [path for path, text in _texts(history) if text.ar is None or text.en is None]
    assert missing == []


def test_summaries_are_in_russian_too(history: HistoryFile) -> None:
    missing = [
        path
        for path, text in _texts(history)
        if path.endswith((".summary", ".statement", ".ended_reason")) and text.ru is None
    ]
    assert missing == []
