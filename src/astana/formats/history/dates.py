"""Partial dates of the history files (``2017``, ``2017-07``, ``2017-07-13``): parsed,
compared, and validated as a field type."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Annotated, Final, Literal

from pydantic import PlainSerializer, PlainValidator

__all__ = ["DateValue", "PartialDate", "Precision"]

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
