"""Loading history files: the built-in data is complete and sourced; a malformed file is
refused with file, line and reason, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers.unchanged import database_state

from astana.formats.history import HistoryDataError
from astana.web.archive.loading import load_history_paths
from astana.web.processes.models import Claim, Organisation, Process, Source, TimelineEvent

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[3] / "data" / "history"


def test_loading_twice_changes_nothing() -> None:
    """As many records as before (a second load re-creates the participations, memberships and
    sessions it loads with new ids, and re-indexes search: not a "nothing changed" check)."""
    records = (Source, Organisation, Process, TimelineEvent, Claim)
    before = [model.objects.count() for model in records]
    load_history_paths(DATA)
    assert [model.objects.count() for model in records] == before


def test_every_event_record_cites_a_source() -> None:
    assert TimelineEvent.objects.count() >= 15
    for event in TimelineEvent.objects.all():
        assert event.sources.exists(), event.slug
    for claim in Claim.objects.all():
        assert claim.sources.exists(), claim.slug


def test_both_processes_are_loaded_with_their_rounds() -> None:
    platform = Process.objects.get(slug="astana-platform")
    assert platform.rounds.filter(slug__in=["ap-round-1", "ap-round-2"]).count() == 2
    round_one = platform.rounds.get(slug="ap-round-1")
    assert (round_one.start, round_one.end) == ("2015-05-25", "2015-05-27")
    assert Process.objects.filter(slug="astana-format").exists()


def test_the_three_disagreements_are_conflicts() -> None:
    pairs = set()
    for claim in Claim.objects.all():
        for other in claim.conflicts_with.all():
            pairs.add(frozenset({claim.value, other.value}))
    values = {v for pair in pairs for v in pair}
    assert any("Geneva" in v and "3" in v for v in values) or any("3" in v for v in values)
    assert any("2018-01-13" in v or "13 January" in v for v in values)
    assert any("2018-01-30" in v or "30 January" in v for v in values)
    assert any("2017-07" in v or "July 2017" in v for v in values)
    assert len(pairs) >= 3


BAD_FILE = """schema: astana-history/1
sources:
  - id: good-source
    title: A source
    language: en
processes:
  - id: broken-process
    title: {en: Broken}
    summary: {en: A process with a bad date.}
    start: 2015-02-30
    sources: [good-source]
"""


def test_malformed_file_writes_nothing_and_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_FILE, encoding="utf-8")
    before = database_state()
    with pytest.raises(HistoryDataError) as caught:
        load_history_paths(bad)
    assert f"{bad}:10:" in str(caught.value)
    assert database_state().changes_since(before) == []
    assert not Source.objects.filter(slug="good-source").exists()


def test_a_bad_file_among_good_ones_writes_nothing(tmp_path: Path) -> None:
    for f in DATA.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "zz-bad.yaml").write_text(
        "schema: astana-history/1\nsources:\n  - id: x\n    title: [unclosed\n", encoding="utf-8"
    )
    before = database_state()
    with pytest.raises(HistoryDataError) as caught:
        load_history_paths(tmp_path)
    assert "zz-bad.yaml:" in str(caught.value)
    assert database_state().changes_since(before) == []
