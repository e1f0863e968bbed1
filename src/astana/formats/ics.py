"""iCalendar (.ics, RFC 5545) for rounds and their sessions, with the icalendar package.

A round is an all-day event from its first to its last day (``DTEND`` is the day after,
as RFC 5545 has it); each session is an all-day event on its date. Dates in the archive
may be partial (``2017`` or ``2017-01``): such a round or session has no day to put in a
calendar and is left out. Takes plain values, returns bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from astana.formats.errors import FormatError

__all__ = ["CalendarRound", "CalendarSession", "rounds_ics"]

_PRODID = "-//Astana Platform//Negotiation rounds//EN"


@dataclass(frozen=True)
class CalendarSession:
    """A session: a stable ``uid`` (``ap-round-3-session-1@astana``), title, date."""

    uid: str
    title: str
    date: str
    description: str = ""


@dataclass(frozen=True)
class CalendarRound:
    """A round: ``uid``, title, first and last day, venue, summary, sessions."""

    uid: str
    title: str
    start: str
    end: str = ""
    venue: str = ""
    description: str = ""
    url: str = ""
    sessions: Sequence[CalendarSession] = field(default_factory=tuple)


def _day(value: str) -> date | None:
    """A full ``YYYY-MM-DD`` date, or ``None`` for a partial or empty one."""
    if len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise FormatError(f"not a date: {value!r}") from error


def _event(uid: str, title: str, first: date, last: date, stamp: datetime) -> Event:
    if last < first:
        raise FormatError(f"{uid}: the last day comes before the first")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", title)
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))
    return event


def rounds_ics(rounds: Sequence[CalendarRound], *, name: str = "Astana") -> bytes:
    """A calendar with every round and session whose day is known."""
    calendar = Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for rnd in rounds:
        first = _day(rnd.start)
        if first is not None:
            last = _day(rnd.end) or first
            event = _event(rnd.uid, rnd.title, first, last, stamp)
            if rnd.venue:
                event.add("location", rnd.venue)
            if rnd.description:
                event.add("description", rnd.description)
            if rnd.url:
                event.add("url", rnd.url)
            calendar.add_component(event)
        for session in rnd.sessions:
            day = _day(session.date)
            if day is None:
                continue
            event = _event(session.uid, session.title, day, day, stamp)
            if rnd.venue:
                event.add("location", rnd.venue)
            if session.description:
                event.add("description", session.description)
            calendar.add_component(event)
    return bytes(calendar.to_ical())
