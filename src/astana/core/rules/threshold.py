"""Thresholds and bases: how many votes a decision needs, and out of what.

A threshold is an exact fraction, never a float. It is written one of four ways:

- ``majority``: more than half (strictly). Of 150 that is 76; of 151 it is 76; of 0 it is 1.
- ``all``: every one of the base (unanimity of that base).
- ``2/3``, ``3/4``: at least that fraction; ``more than 2/3`` for strictly more.
- ``75%``, ``66.5%``: at least that percentage; ``more than 50%`` for strictly more.

``needed(n)`` is the smallest whole number that meets the threshold of ``n``: the smallest
integer ``k >= fraction * n`` (``k > fraction * n`` when strict). So ``75%`` of 150 needs
113 (112.5 rounded up) and of 45 needs 34 (33.75 rounded up).

The base says what the fraction is taken of: all **members** (absences and abstentions
count as not in favour), those **present** (abstentions count as not in favour, absences
do not count) or the **votes cast** (yes plus no; abstentions and absences do not count).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Final, Literal

__all__ = ["Base", "Threshold", "ThresholdStyle", "format_decimal"]

ThresholdStyle = Literal["majority", "all", "fraction", "percent"]

_FRACTION: Final = re.compile(r"(\d+)/(\d+)")
_PERCENT: Final = re.compile(r"(\d+(?:\.\d+)?)%")
_MORE_THAN: Final = "more than "


class Base(StrEnum):
    """What a threshold is a fraction of; the value is how the rule syntax writes it."""

    MEMBERS = "members"
    PRESENT = "present"
    VOTES_CAST = "votes cast"


def format_decimal(value: Fraction) -> str:
    """Write a fraction with a terminating decimal expansion exactly: 133/2 -> ``66.5``.

    Raises ``ValueError`` for a fraction such as 1/3 that has no finite decimal form.
    """
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        raise ValueError(f"{value} has no finite decimal form")
    places = max(twos, fives)
    scaled = value * 10**places
    assert scaled.denominator == 1
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    sign = "-" if value < 0 else ""
    if places == 0:
        return sign + digits
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


@dataclass(frozen=True)
class Threshold:
    """An exact share of a base: ``ratio`` of it, at least (or more than, when ``strict``).

    ``style`` only says how the threshold is written (``3/4`` or ``75%``); two thresholds
    of the same ratio and strictness need the same number of votes.
    """

    ratio: Fraction
    strict: bool = False
    style: ThresholdStyle = "fraction"

    def __post_init__(self) -> None:
        if not 0 < self.ratio <= 1:
            written = f"{self.ratio * 100}%" if self.style == "percent" else f"{self.ratio}"
            raise ValueError(f"a threshold must be more than 0 and at most all, not {written}")
        if self.strict and self.ratio == 1:
            raise ValueError("'more than all' can never be met")
        if self.style == "majority" and (self.ratio != Fraction(1, 2) or not self.strict):
            raise ValueError("'majority' is more than 1/2")
        if self.style == "all" and (self.ratio != 1 or self.strict):
            raise ValueError("'all' is at least 1/1")
        if self.style == "percent":
            format_decimal(self.ratio * 100)  # raises when not a finite decimal

    @classmethod
    def majority(cls) -> Threshold:
        """More than half."""
        return cls(Fraction(1, 2), strict=True, style="majority")

    @classmethod
    def all(cls) -> Threshold:
        """Every one of the base."""
        return cls(Fraction(1), style="all")

    @classmethod
    def percent(cls, value: Fraction | int | str, *, strict: bool = False) -> Threshold:
        """At least (or more than) ``value`` per cent: ``Threshold.percent(75)``."""
        return cls(Fraction(value) / 100, strict=strict, style="percent")

    @classmethod
    def parse(cls, text: str) -> Threshold:
        """Read ``majority``, ``all``, ``2/3``, ``75%``, ``more than 2/3``; ``ValueError`` else."""
        written = " ".join(text.split()).lower()
        strict = written.startswith(_MORE_THAN)
        body = written.removeprefix(_MORE_THAN) if strict else written
        if body == "majority" and not strict:
            return cls.majority()
        if body == "all" and not strict:
            return cls.all()
        if match := _FRACTION.fullmatch(body):
            denominator = int(match[2])
            if denominator == 0:
                raise ValueError(f"threshold {text!r}: the denominator must not be 0")
            return cls(Fraction(int(match[1]), denominator), strict=strict, style="fraction")
        if match := _PERCENT.fullmatch(body):
            return cls(Fraction(match[1]) / 100, strict=strict, style="percent")
        raise ValueError(
            f"threshold {text!r}: expected 'majority', 'all', a fraction like 2/3 "
            "or a percentage like 75%"
        )

    def __str__(self) -> str:
        if self.style in ("majority", "all"):
            return self.style
        prefix = _MORE_THAN if self.strict else ""
        if self.style == "percent":
            return f"{prefix}{format_decimal(self.ratio * 100)}%"
        return f"{prefix}{self.ratio.numerator}/{self.ratio.denominator}"

    def needed(self, base: int) -> int:
        """The smallest whole number that meets this threshold of ``base``.

        At least ``ratio * base`` rounds up (``ceil``); more than ``ratio * base`` is the
        next whole number above it (``floor + 1``). ``needed(0)`` is 0 for an at-least
        threshold and 1 for a strict one.
        """
        if base < 0:
            raise ValueError(f"a base cannot be negative, not {base}")
        share = self.ratio * base
        return math.floor(share) + 1 if self.strict else math.ceil(share)

    def is_met(self, count: int, base: int) -> bool:
        """True when ``count`` of ``base`` meets the threshold."""
        return count >= self.needed(base)
