"""The positions grid: one computation for the cells, the standing, progress and adoptability."""

from __future__ import annotations

from astana.core.text import (
    GridFilter,
    Position,
    Positions,
    Proposal,
    ProvisionState,
    ProvisionText,
    ReplaceText,
    Revision,
    Stance,
    adoptable,
    issue_revision,
    opening_words,
    parse_document,
    position_grid,
    progress,
    standing,
)

PARTIES = ("snc", "knc")
TEXT = """@lang en

Roadmap

Article 1: Transition
1. The parties agree on a [gradual] transition.

Article 2: Elections
1. Free elections shall be held.
"""


def _positions(rev: Revision) -> Positions:
    positions = Positions(PARTIES)
    positions = positions.record(Position("snc", "art_2__para_1", Stance.SUPPORT), on=rev)
    positions = positions.record(
        Position("knc", "art_2__para_1", Stance.RESERVATION, "Only under supervision."), on=rev
    )
    return positions.record(Position("knc", "art_1__para_1", Stance.CANNOT_ACCEPT), on=rev)


def test_cells_standing_and_progress_come_from_one_computation() -> None:
    rev = Revision(1, parse_document(TEXT))
    positions = _positions(rev)
    grid = position_grid(rev.document, positions, "en")
    assert grid.parties == PARTIES
    assert [row.provision for row in grid.rows] == [
        s.provision for s in standing(rev.document, positions)
    ]
    assert grid.progress == progress(rev.document, positions, "en")
    assert grid.adoptable is adoptable(rev.document, positions) is False
    cells = {(c.party, c.provision): c for row in grid.rows for c in row.cells}
    assert (
        cells["snc", "art_1__para_1"].stance is None and cells["snc", "art_1__para_1"].token == ""
    )
    assert cells["knc", "art_2__para_1"].reservation == "Only under supervision."
    assert cells["knc", "art_1__para_1"].blocks and cells["knc", "art_1__para_1"].current
    assert {row.provision for row in grid.blockers()} == {
        "art_1", "art_1__para_1", "art_2", "art_2__para_1"
    }  # fmt: skip


def test_filters_keep_the_rows_and_columns_asked_for() -> None:
    rev = Revision(1, parse_document(TEXT))
    grid = position_grid(rev.document, _positions(rev))
    assert [r.provision for r in grid.filtered(GridFilter.BRACKETED).rows] == ["art_1__para_1"]
    assert [r.provision for r in grid.filtered(GridFilter.BLOCKED).rows] == ["art_1__para_1"]
    only = grid.filtered(GridFilter.NOT_AGREED, {"knc"})
    assert only.parties == ("knc",) and all(len(r.cells) == 1 for r in only.rows)
    assert only.progress == grid.progress  # the figures stay the whole text's


def test_a_position_on_an_earlier_wording_is_stale_and_its_token_changes() -> None:
    rev1 = Revision(1, parse_document(TEXT))
    positions = _positions(rev1)
    new = ProvisionText.parse("Free and fair elections shall be held.")
    proposal = Proposal("p1", 1, "snc", ReplaceText("art_2__para_1", "en", new)).table()
    rev2 = issue_revision(rev1, [proposal], fold=["p1"]).revision
    before = position_grid(rev1.document, positions).cell("snc", "art_2__para_1")
    after = position_grid(rev2.document, positions).cell("snc", "art_2__para_1")
    assert before is not None and after is not None
    assert before.current and not before.stale
    assert after.stale and after.revision == 1 and after.token == before.token
    renewed = positions.record(Position("snc", "art_2__para_1", Stance.SUPPORT), on=rev2)
    again = position_grid(rev2.document, renewed).cell("snc", "art_2__para_1")
    assert again is not None and again.current and again.token != before.token
    assert position_grid(rev2.document, renewed).rows[1].standing.state is ProvisionState.OPEN


def test_opening_words_keep_brackets_and_leave_holders_and_notes_out() -> None:
    text = ProvisionText.parse(
        "The parties agree on [Option 1: a gradual transition]{SNC} [Option 2: a body]{KNC} "
        "{Placement proposal: Article 9} and [all]{SNC, KNC} the rest of it."
    )
    assert opening_words(text, 9) == "The parties agree on [Option 1: a gradual transition]…"
    assert opening_words(text, 40) == (
        "The parties agree on [Option 1: a gradual transition] [Option 2: a body] and [all] "
        "the rest of it."
    )
