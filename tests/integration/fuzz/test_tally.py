"""make fuzz adds up the tallies its workers write: every request, status and failure counted
once, per database."""

from __future__ import annotations

from pathlib import Path

from .tally import Tally, merged_tables


def test_the_workers_tallies_add_up(tmp_path: Path) -> None:
    first, second = Tally(), Tally()
    first.count("vote.cast", 422)
    first.count("vote.cast", 201)
    second.count("vote.cast", 422)
    second.count("text.read", 200)
    second.fail("text.read")
    (tmp_path / "SQLite-gw0.json").write_text(first.to_json(), encoding="utf-8")
    (tmp_path / "SQLite-gw1.json").write_text(second.to_json(), encoding="utf-8")
    (tmp_path / "PostgreSQL-gw0.json").write_text(first.to_json(), encoding="utf-8")
    table = merged_tables(tmp_path)
    assert "SQLite: 2 targets, 4 requests, 1 failures" in table
    assert "PostgreSQL: 1 targets, 2 requests, 0 failures" in table
    sqlite = table.split("PostgreSQL:")[0]
    vote = next(line for line in sqlite.splitlines() if line.startswith("vote.cast"))
    assert vote.split()[1:] == ["3", "0", "201:1", "422:2"]
    read = next(line for line in sqlite.splitlines() if line.startswith("text.read"))
    assert read.split()[1:] == ["1", "1", "200:1"]
