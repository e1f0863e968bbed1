"""Tallies: consistency of the counts, and the bloc notation of the command line."""

from __future__ import annotations

import pytest
from hypothesis import given

from astana.core.rules import BlocTally, Tally

from .strategies import tallies


def test_the_derived_counts() -> None:
    tally = Tally.of(members=150, yes=100, no=20, abstain=10, present=140)
    assert (tally.absent, tally.votes_cast, tally.not_voting) == (10, 120, 10)
    assert Tally.of(members=10, yes=3, no=2, abstain=1).present == 6


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        (
            {"members": 10, "yes": 8, "no": 2, "abstain": 1},
            r"yes \+ no \+ abstain \(8 \+ 2 \+ 1 = 11\) exceeds members \(10\)",
        ),
        ({"members": 10, "yes": 5, "no": 2, "present": 6}, r"exceeds present \(6\)"),
        (
            {"members": 10, "yes": 5, "no": 2, "present": 11},
            r"present \(11\) exceeds members \(10\)",
        ),
        ({"members": 10, "yes": -1, "no": 2}, "yes cannot be negative"),
    ],
)
def test_inconsistent_counts_are_refused(counts: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Tally.of(**counts)


@pytest.mark.parametrize(
    ("text", "tally"),
    [
        ("government:50:40:5", Tally(members=50, present=45, yes=40, no=5)),
        ("civil society:50:30:10:5", Tally(members=50, present=45, yes=30, no=10, abstain=5)),
        ("opposition:50:30:10:5:48", Tally(members=50, present=48, yes=30, no=10, abstain=5)),
        ("x:50:30:10:0:48", Tally(members=50, present=48, yes=30, no=10)),
    ],
)
def test_bloc_notation(text: str, tally: Tally) -> None:
    bloc = BlocTally.parse(text)
    assert bloc.tally == tally
    assert str(bloc) == text


@given(tallies())
def test_bloc_notation_round_trips(tally: Tally) -> None:
    bloc = BlocTally("a bloc", tally)
    assert BlocTally.parse(str(bloc)) == bloc


def test_a_list_of_blocs() -> None:
    blocs = BlocTally.parse_list("government:50:40:5, opposition:50:45:2,civil society:50:30:10")
    assert [b.name for b in blocs] == ["government", "opposition", "civil society"]
    assert Tally.total(b.tally for b in blocs) == Tally(members=150, present=132, yes=115, no=17)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("government:50:40", "expected name:members:yes:no"),
        ("government:50:40:5:1:50:9", "found 6 number"),
        ("government:50:forty:5", "whole numbers"),
        ("government:50:40:-5", "whole numbers"),
        ("government:50:40:20", "exceeds members"),
        (":50:40:5", "non-empty"),
        ("a:50:40:5,a:10:1:1", "bloc named more than once: a"),
        (",", "no blocs given"),
    ],
)
def test_bad_bloc_notation(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        BlocTally.parse_list(text)
