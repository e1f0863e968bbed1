"""Bad input to the round and session endpoints (round.create, participant.invite,
session.open, session.close, session.record): empty, huge, wrong types, unknown fields,
stale versions, unknown ids, another round's ids. Each is a clear 4xx and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from astana.web.demo import SANDBOX_ROUND

from .badinput import Bad, check
from .conftest import Api, Room

pytestmark = pytest.mark.django_db

ROUNDS = "/api/processes/astana-platform/rounds"
INVITE, SESSIONS = "/api/rounds/{round}/invitations", "/api/rounds/{round}/sessions"
CLOSE, RECORD = SESSIONS + "/1/close", SESSIONS + "/1/record"


def new_round(**changed: Any) -> Any:
    """A round.create body with ``changed`` fields."""
    body = {
        "slug": "round-next",
        "titles": {"en": "The next round"},
        "venues": {"en": "Astana"},
        "start": "2026-05-25",
        "end": "2026-05-27",
    }
    return lambda ids: {**body, **changed}


def record(**changed: Any) -> Any:
    """A session.record body, based on the open session's version, with ``changed`` fields."""
    return lambda ids: {
        "based_on": ids["sv"],
        "agenda": ["Opening"],
        "attendance": ["united-nations"],
        "minutes": {"en": "Opened."},
        **changed,
    }


CASES: dict[str, Bad] = {
    # round.create
    "round: empty body": Bad("convener", "POST", ROUNDS, lambda i: {}, 422, "slug: Field required"),
    "round: not JSON": Bad("convener", "POST", ROUNDS, b"{slug:", 400, "JSON"),
    "round: unknown process": Bad(
        "convener", "POST", "/api/processes/no-such/rounds", new_round(), 404, "no process"
    ),
    "round: huge process slug": Bad(
        "convener", "POST", "/api/processes/" + "p" * 121 + "/rounds", new_round(), 422, "process"
    ),
    "round: huge slug": Bad("convener", "POST", ROUNDS, new_round(slug="a" * 121), 422, "slug"),
    "round: bad slug": Bad(
        "convener", "POST", ROUNDS, new_round(slug="Not A Slug"), 400, "short name"
    ),
    "round: taken slug": Bad(
        "convener", "POST", ROUNDS, new_round(slug=SANDBOX_ROUND), 400, "already has a round"
    ),
    "round: no title": Bad("convener", "POST", ROUNDS, new_round(titles={}), 400, "title"),
    "round: no venue": Bad("convener", "POST", ROUNDS, new_round(venues={"en": " "}), 400, "venue"),
    "round: huge title": Bad(
        "convener", "POST", ROUNDS, new_round(titles={"en": "t" * 301}), 422, "titles.en"
    ),
    "round: titles wrong type": Bad(
        "convener", "POST", ROUNDS, new_round(titles="x"), 422, "titles"
    ),
    "round: titles unknown language": Bad(
        "convener", "POST", ROUNDS, new_round(titles={"fr": "Tour"}), 422, "titles.fr"
    ),
    "round: bad date": Bad("convener", "POST", ROUNDS, new_round(start="25 May"), 400, "date like"),
    "round: impossible date": Bad(
        "convener", "POST", ROUNDS, new_round(start="2026-02-30"), 400, "date like"
    ),
    "round: huge date": Bad("convener", "POST", ROUNDS, new_round(end="2026-05-270"), 422, "end"),
    "round: date wrong type": Bad("convener", "POST", ROUNDS, new_round(start=2026), 422, "start"),
    "round: ends before it starts": Bad(
        "convener", "POST", ROUNDS, new_round(end="2026-05-01"), 400, "cannot end before"
    ),
    "round: unknown organisation invited": Bad(
        "convener",
        "POST",
        ROUNDS,
        new_round(invitations=[{"organisation": "nobody", "role": "party"}]),
        400,
        "no organisation 'nobody'",
    ),
    "round: unknown role": Bad(
        "convener",
        "POST",
        ROUNDS,
        new_round(invitations=[{"organisation": "united-nations", "role": "king"}]),
        422,
        "invitations.0.role",
    ),
    "round: invitations wrong type": Bad(
        "convener", "POST", ROUNDS, new_round(invitations="all"), 422, "invitations"
    ),
    "round: too many invitations": Bad(
        "convener",
        "POST",
        ROUNDS,
        new_round(invitations=[{"organisation": "un", "role": "party"}] * 201),
        422,
        "invitations",
    ),
    "round: unknown field": Bad(
        "convener", "POST", ROUNDS, new_round(state="concluded"), 422, "state: Extra inputs"
    ),
    # participant.invite
    "invite: empty body": Bad(
        "convener", "POST", INVITE, lambda i: {}, 422, "organisation: Field required"
    ),
    "invite: unknown organisation": Bad(
        "convener",
        "POST",
        INVITE,
        lambda i: {"organisation": "nobody", "role": "party"},
        400,
        "no organisation",
    ),
    "invite: unknown role": Bad(
        "convener",
        "POST",
        INVITE,
        lambda i: {"organisation": "united-nations", "role": "king"},
        422,
        "role",
    ),
    "invite: huge organisation": Bad(
        "convener",
        "POST",
        INVITE,
        lambda i: {"organisation": "o" * 121, "role": "party"},
        422,
        "organisation",
    ),
    "invite: organisation wrong type": Bad(
        "convener", "POST", INVITE, lambda i: {"organisation": 7, "role": "party"}, 422, "organ"
    ),
    "invite: unknown round": Bad(
        "convener",
        "POST",
        "/api/rounds/999999/invitations",
        lambda i: {"organisation": "united-nations", "role": "observer"},
        404,
        "no round",
    ),
    "invite: another round": Bad(
        "convener",
        "POST",
        "/api/rounds/{other_round}/invitations",
        lambda i: {"organisation": "united-nations", "role": "observer"},
        404,
        "no round",
    ),
    # session.open
    "open: one is open": Bad("host", "POST", SESSIONS, lambda i: {}, 400, "already open"),
    "open: huge title": Bad(
        "host", "POST", SESSIONS, lambda i: {"titles": {"en": "t" * 301}}, 422, "titles.en"
    ),
    "open: titles wrong type": Bad(
        "host", "POST", SESSIONS, lambda i: {"titles": ["x"]}, 422, "titles"
    ),
    "open: unknown field": Bad(
        "host", "POST", SESSIONS, lambda i: {"number": 5}, 422, "number: Extra inputs"
    ),
    "open: unknown round": Bad(
        "host", "POST", "/api/rounds/999999/sessions", lambda i: {}, 404, "no round"
    ),
    "open: another round": Bad(
        "host", "POST", "/api/rounds/{other_round}/sessions", lambda i: {}, 404, "no round"
    ),
    "list: another round": Bad(
        "host", "GET", "/api/rounds/{other_round}/sessions", None, 404, "no round"
    ),
    "list: round id too large": Bad(
        "host", "GET", "/api/rounds/99999999999/sessions", None, 422, "round_id"
    ),
    # session.close
    "close: no version": Bad("host", "POST", CLOSE, lambda i: {}, 422, "based_on"),
    "close: version zero": Bad("host", "POST", CLOSE, lambda i: {"based_on": 0}, 422, "based_on"),
    "close: version wrong type": Bad(
        "host", "POST", CLOSE, lambda i: {"based_on": "one"}, 422, "based_on"
    ),
    "close: stale version": Bad(
        "host",
        "POST",
        CLOSE,
        lambda i: {"based_on": i["sv"] + 1},
        409,
        "changed since you loaded it",
    ),
    "close: unknown session": Bad(
        "host", "POST", SESSIONS + "/2/close", lambda i: {"based_on": 1}, 404, "no session 2"
    ),
    "close: session number zero": Bad(
        "host", "POST", SESSIONS + "/0/close", lambda i: {"based_on": 1}, 422, "number"
    ),
    "close: session number not a number": Bad(
        "host", "POST", SESSIONS + "/first/close", lambda i: {"based_on": 1}, 422, "number"
    ),
    "close: another round's session": Bad(
        "host",
        "POST",
        "/api/rounds/{other_round}/sessions/1/close",
        lambda i: {"based_on": 1},
        404,
        "no round",
    ),
    # session.record
    "record: empty body": Bad(
        "secretariat", "PUT", RECORD, lambda i: {}, 422, "based_on: Field required"
    ),
    "record: stale version": Bad(
        "secretariat",
        "PUT",
        RECORD,
        record(based_on=5),
        409,
        "changed since you loaded it",
    ),
    "record: huge minutes": Bad(
        "secretariat", "PUT", RECORD, record(minutes={"en": "m" * 50_001}), 422, "minutes.en"
    ),
    "record: minutes wrong type": Bad(
        "secretariat", "PUT", RECORD, record(minutes="m"), 422, "minutes"
    ),
    "record: agenda wrong type": Bad(
        "secretariat", "PUT", RECORD, record(agenda="Opening"), 422, "agenda"
    ),
    "record: huge agenda item": Bad(
        "secretariat", "PUT", RECORD, record(agenda=["a" * 1001]), 422, "agenda.0"
    ),
    "record: too many agenda items": Bad(
        "secretariat", "PUT", RECORD, record(agenda=["a"] * 101), 422, "agenda"
    ),
    "record: unknown agenda language": Bad(
        "secretariat", "PUT", RECORD, record(agenda_language="fr"), 422, "agenda_language"
    ),
    "record: unknown organisation present": Bad(
        "secretariat",
        "PUT",
        RECORD,
        record(attendance=["united-nations", "nobody"]),
        400,
        "Unknown organisations in the attendance: nobody",
    ),
    "record: attendance wrong type": Bad(
        "secretariat", "PUT", RECORD, record(attendance=[1]), 422, "attendance.0"
    ),
    "record: unknown field": Bad(
        "secretariat", "PUT", RECORD, record(is_open=False), 422, "is_open: Extra inputs"
    ),
    "record: unknown session": Bad(
        "secretariat", "PUT", SESSIONS + "/9/record", record(), 404, "no session 9"
    ),
    "record: another round's session": Bad(
        "secretariat",
        "PUT",
        "/api/rounds/{other_round}/sessions/1/record",
        record(),
        404,
        "no round",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_refused_and_changes_nothing(api: Api, room: Room, name: str) -> None:
    check(api, room, CASES[name])
