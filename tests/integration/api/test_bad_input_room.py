"""Bad input to the proposal, position, agreement, caucus, audit and event endpoints: empty,
huge, wrong types, unknown fields, stale versions, unknown ids, another round's ids. Each is a
clear 4xx and changes nothing."""

from __future__ import annotations

import pytest

from .badinput import AGREE, CAUCUS, HUGE, NOTE, POSITIONS, PROPOSALS, Bad, change, check
from .conftest import Api, Room

pytestmark = pytest.mark.django_db

CASES: dict[str, Bad] = {
    # proposal.draft
    "draft: empty": Bad("party1", "POST", PROPOSALS, lambda i: {}, 422, "change: Field required"),
    "draft: unknown kind": Bad(
        "party1", "POST", PROPOSALS, change(kind="rewrite"), 422, "change.kind"
    ),
    "draft: unknown field": Bad(
        "party1",
        "POST",
        PROPOSALS,
        change(kind="delete_provision", provision="art_1", colour="red"),
        422,
        "change.colour: Extra inputs",
    ),
    "draft: provision missing": Bad(
        "party1", "POST", PROPOSALS, change(kind="delete_provision"), 400, "'provision' is needed"
    ),
    "draft: unknown provision": Bad(
        "party1",
        "POST",
        PROPOSALS,
        change(kind="delete_provision", provision="art_9"),
        400,
        "no provision 'art_9'",
    ),
    "draft: words not found": Bad(
        "party1",
        "POST",
        PROPOSALS,
        change(
            kind="delete_words",
            provision="art_4__para_1",
            language="en",
            words="nowhere to be seen",
        ),
        400,
        "not found",
    ),
    "draft: bad language": Bad(
        "party1",
        "POST",
        PROPOSALS,
        change(kind="replace_text", provision="art_4__para_1", language="xx", text="A"),
        422,
        "change.language",
    ),
    "draft: no Russian version": Bad(
        "party1",
        "POST",
        PROPOSALS,
        change(kind="replace_text", provision="art_4__para_1", language="ru", text="A"),
        400,
        "no 'ru' version",
    ),
    "draft: wording does not parse": Bad(
        "party1",
        "POST",
        PROPOSALS,
        change(kind="replace_text", provision="art_4__para_1", language="en", text="[open"),
        400,
        "does not parse",
    ),
    "draft: huge wording": Bad(
        "party1",
        "POST",
        PROPOSALS,
        change(kind="replace_text", provision="art_4__para_1", language="en", text=HUGE),
        422,
        "change.text",
    ),
    "draft: texts wrong type": Bad(
        "party1",
        "POST",
        PROPOSALS,
        change(kind="insert_provision", texts=["a"]),
        422,
        "change.texts",
    ),
    "draft: huge justification": Bad(
        "party1",
        "POST",
        PROPOSALS,
        lambda i: {
            "change": {"kind": "delete_provision", "provision": "art_1"},
            "justification": "j" * 5001,
        },
        422,
        "justification",
    ),
    "draft: another round's text": Bad(
        "party1",
        "POST",
        "/api/texts/{other_text}/proposals",
        change(kind="delete_provision", provision="art_1"),
        404,
        "no text",
    ),
    # proposal transitions
    "table: unknown proposal": Bad(
        "party1",
        "POST",
        "/api/proposals/999999/table",
        lambda i: {"based_on": 1},
        404,
        "no proposal",
    ),
    "table: another round's draft": Bad(
        "party1",
        "POST",
        "/api/proposals/{other_draft}/table",
        lambda i: {"based_on": 1},
        404,
        "no proposal",
    ),
    "table: no version": Bad(
        "party1", "POST", "/api/proposals/{draft}/table", lambda i: {}, 422, "based_on"
    ),
    "table: stale version": Bad(
        "party1",
        "POST",
        "/api/proposals/{draft}/table",
        lambda i: {"based_on": i["draftv"] + 1},
        409,
        "changed since you loaded it",
    ),
    "table: already tabled": Bad(
        "party1",
        "POST",
        "/api/proposals/{P1}/table",
        lambda i: {"based_on": i["p1v"]},
        400,
        "cannot become tabled",
    ),
    "withdraw: someone else's": Bad(
        "party2",
        "POST",
        "/api/proposals/{P1}/withdraw",
        lambda i: {"based_on": i["p1v"]},
        403,
        "Only the delegation",
    ),
    "support: own proposal": Bad(
        "party2",
        "POST",
        "/api/proposals/{P2}/support",
        lambda i: {"based_on": i["p2v"]},
        400,
        "its own proposal",
    ),
    "oppose: stale version": Bad(
        "party2",
        "POST",
        "/api/proposals/{P1}/oppose",
        lambda i: {"based_on": i["p1v"] + 3},
        409,
        "changed since you loaded it",
    ),
    "oppose: unknown field": Bad(
        "party2",
        "POST",
        "/api/proposals/{P1}/oppose",
        lambda i: {"based_on": i["p1v"], "force": True},
        422,
        "force",
    ),
    # position.set and agreement
    "position: bad stance": Bad(
        "party2",
        "POST",
        POSITIONS,
        lambda i: {"based_on": i["v"], "provision": "art_1", "stance": "maybe"},
        422,
        "stance",
    ),
    "position: unknown provision": Bad(
        "party2",
        "POST",
        POSITIONS,
        lambda i: {"based_on": i["v"], "provision": "art_9", "stance": "support"},
        400,
        "no provision 'art_9'",
    ),
    "position: reservation without text": Bad(
        "party2",
        "POST",
        POSITIONS,
        lambda i: {"based_on": i["v"], "provision": "art_1", "stance": "support_with_reservation"},
        400,
        "reservation",
    ),
    "position: huge reservation": Bad(
        "party2",
        "POST",
        POSITIONS,
        lambda i: {
            "based_on": i["v"],
            "provision": "art_1",
            "stance": "support_with_reservation",
            "reservation": "r" * 5001,
        },
        422,
        "reservation",
    ),
    "position: another round's text": Bad(
        "party1",
        "POST",
        "/api/texts/{other_text}/positions",
        lambda i: {"based_on": 1, "provision": "art_1", "stance": "support"},
        404,
        "no text",
    ),
    "agree: bracketed provision": Bad(
        "mediator",
        "POST",
        AGREE.replace("{provision}", "art_1__para_1"),
        lambda i: {"based_on": i["v"]},
        400,
        "still carries brackets",
    ),
    "agree: not accepted by all": Bad(
        "mediator",
        "POST",
        AGREE.replace("{provision}", "art_4__para_1"),
        lambda i: {"based_on": i["v"]},
        400,
        "is not accepted on its present wording by",
    ),
    "agree: unknown provision": Bad(
        "mediator",
        "POST",
        AGREE.replace("{provision}", "art_9"),
        lambda i: {"based_on": i["v"]},
        400,
        "There is no such provision in the text.",
    ),
    "agree: huge provision id": Bad(
        "mediator",
        "POST",
        AGREE.replace("{provision}", "p" * 201),
        lambda i: {"based_on": i["v"]},
        422,
        "provision",
    ),
    "confirm: not agreed ad referendum": Bad(
        "mediator",
        "POST",
        "/api/texts/{text}/provisions/art_4__para_1/confirm",
        lambda i: {"based_on": i["v"]},
        400,
        "not agreed ad referendum",
    ),
    # caucus, audit, events
    "note: empty body": Bad("party1", "POST", CAUCUS, lambda i: {"body": ""}, 422, "body"),
    "note: blank body": Bad("party1", "POST", CAUCUS, lambda i: {"body": "   "}, 400, "empty"),
    "note: huge body": Bad("party1", "POST", CAUCUS, lambda i: {"body": NOTE}, 422, "body"),
    "note: body wrong type": Bad("party1", "POST", CAUCUS, lambda i: {"body": 123}, 422, "body"),
    "note: another round": Bad(
        "party1",
        "POST",
        "/api/rounds/{other_round}/caucus",
        lambda i: {"body": "x"},
        404,
        "no round",
    ),
    "notes: unknown round": Bad(
        "party1", "GET", "/api/rounds/999999/caucus", None, 404, "no round"
    ),
    "audit: huge filter": Bad(
        "convener", "GET", "/api/rounds/{round}/audit?action=" + "a" * 41, None, 422, "action"
    ),
    "audit: unknown round": Bad(
        "convener", "GET", "/api/rounds/999999/audit", None, 404, "no round"
    ),
    "events: negative after": Bad(
        "party1", "GET", "/api/rounds/{round}/events?after=-1", None, 422, "after"
    ),
    "events: after not a cursor": Bad(
        "party1", "GET", "/api/rounds/{round}/events?after=x", None, 422, "after"
    ),
    "events: a bare number is no cursor": Bad(
        "party1", "GET", "/api/rounds/{round}/events?after=5", None, 422, "after"
    ),
    "events: a cursor too far": Bad(
        "party1", "GET", "/api/rounds/{round}/events?after=r9999999999", None, 422, "after"
    ),
    "events: another round": Bad(
        "party1", "GET", "/api/rounds/{other_round}/events", None, 404, "no round"
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_refused_and_changes_nothing(api: Api, room: Room, name: str) -> None:
    check(api, room, CASES[name])
