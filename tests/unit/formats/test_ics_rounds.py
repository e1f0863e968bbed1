"""iCalendar: a round spans its days (DTEND the day after), sessions fall on their dates,
partial archive dates are left out."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from astana.formats.errors import FormatError
from astana.formats.ics import CalendarRound, CalendarSession, rounds_ics


def test_rounds_and_sessions_become_all_day_events() -> None:
    data = rounds_ics(
        [
            CalendarRound(
                "ap-1@astana",
                "Astana 1",
                "2017-01-23",
                "2017-01-24",
                venue="أستانا",
                sessions=[
                    CalendarSession("ap-1-s1@astana", "Opening", "2017-01-23"),
                    CalendarSession("ap-1-s2@astana", "Undated", "2017-01"),
                ],
            ),
            CalendarRound("ap-0@astana", "Only a month", "2016-12"),
        ]
    )
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["ap-1@astana", "ap-1-s1@astana"]
    assert events[0].decoded("dtstart") == date(2017, 1, 23)
    assert events[0].decoded("dtend") == date(2017, 1, 25)
    assert str(events[0]["location"]) == "أستانا"
    assert events[1].decoded("dtend") == date(2017, 1, 24)


def test_a_round_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(FormatError, match="before the first"):
        rounds_ics([CalendarRound("x@astana", "X", "2017-01-24", "2017-01-23")])
