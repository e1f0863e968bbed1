"""Thresholds: exact needed counts, the written forms, and their errors."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from astana.core.rules import Threshold
from astana.core.rules.threshold import format_decimal

from .strategies import thresholds


@pytest.mark.parametrize(
    ("text", "base", "needed"),
    [
        ("75%", 150, 113),  # Syrian Constitutional Committee: 112.5 rounds up
        ("75%", 45, 34),  # its small body: 33.75 rounds up
        ("3/4", 150, 113),
        ("3/4", 100, 75),  # exactly 75 meets "at least 3/4"
        ("more than 3/4", 100, 76),
        ("2/3", 150, 100),
        ("2/3", 100, 67),
        ("2/3", 99, 66),
        ("majority", 150, 76),
        ("majority", 151, 76),
        ("majority", 1, 1),
        ("majority", 0, 1),
        ("1/2", 150, 75),  # at least half, unlike majority
        ("all", 15, 15),
        ("all", 0, 0),
        ("66.67%", 150, 101),
        ("more than 50%", 10, 6),
        ("100%", 7, 7),
    ],
)
def test_needed(text: str, base: int, needed: int) -> None:
    assert Threshold.parse(text).needed(base) == needed


def test_the_syrian_constitutional_committee_thresholds() -> None:
    seventy_five = Threshold.percent(75)
    assert (seventy_five.needed(150), seventy_five.needed(45)) == (113, 34)
    assert not seventy_five.is_met(112, 150)
    assert seventy_five.is_met(113, 150)
    assert not seventy_five.is_met(33, 45)
    assert seventy_five.is_met(34, 45)


@given(thresholds, st.integers(0, 10_000))
def test_needed_is_the_smallest_count_that_meets_the_threshold(
    threshold: Threshold, base: int
) -> None:
    needed = threshold.needed(base)
    share = threshold.ratio * base

    def meets(count: int) -> bool:
        return count > share if threshold.strict else count >= share

    assert meets(needed)
    assert needed == 0 or not meets(needed - 1)


@pytest.mark.parametrize(
    "text", ["majority", "all", "2/3", "3/4", "1/1", "75%", "66.5%", "0.01%", "more than 2/3"]
)
def test_parse_and_print_round_trip(text: str) -> None:
    assert str(Threshold.parse(text)) == text


def test_the_same_ratio_written_two_ways_needs_the_same_votes() -> None:
    assert Threshold.parse("3/4").ratio == Threshold.parse("75%").ratio
    assert Threshold.parse("4/6") == Threshold.parse("2/3")
    assert str(Threshold.parse("4/6")) == "2/3"


@pytest.mark.parametrize(
    "text",
    ["", "half", "3/2", "0/3", "2/0", "0%", "101%", "more than all", "more than 100%", "75"],
)
def test_bad_thresholds_are_refused(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each text fails for its own reason
        Threshold.parse(text)


def test_constructor_checks_the_written_style() -> None:
    with pytest.raises(ValueError, match="majority"):
        Threshold(Fraction(2, 3), strict=True, style="majority")
    with pytest.raises(ValueError, match="decimal"):
        Threshold(Fraction(1, 3), style="percent")
    with pytest.raises(ValueError, match="negative"):
        Threshold.majority().needed(-1)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(75), "75"),
        (Fraction(133, 2), "66.5"),
        (Fraction(1, 100), "0.01"),
        (Fraction(-1, 4), "-0.25"),
    ],
)
def test_format_decimal(value: Fraction, text: str) -> None:
    assert format_decimal(value) == text
