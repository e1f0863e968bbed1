"""Bad input to the comment endpoints (expert.invite, comment.add, comment.list): empty, huge,
wrong types, unknown fields, unknown ids, another round's ids. The expert is invited to the
room's text first, so each refusal is about the input. Each is a clear 4xx and changes
nothing."""

from __future__ import annotations

from typing import Any

import pytest
from tests.helpers.people import user

from astana.web.negotiation import actions

from .badinput import Bad, check
from .conftest import Api, Room

pytestmark = pytest.mark.django_db

EXPERTS, COMMENTS = "/api/texts/{text}/experts", "/api/texts/{text}/comments"


@pytest.fixture(autouse=True)
def invited(room: Room) -> None:
    actions.expert_invite(
        user=user("mediator"), text_id=room.text_id, organisation="constitutional-experts"
    )


def comment(**changed: Any) -> Any:
    return lambda ids: {"provision": "art_1", "body": "A view.", **changed}


CASES: dict[str, Bad] = {
    # expert.invite
    "invite: empty body": Bad(
        "mediator", "POST", EXPERTS, lambda i: {}, 422, "organisation: Field required"
    ),
    "invite: not an expert of the round": Bad(
        "mediator",
        "POST",
        EXPERTS,
        lambda i: {"organisation": "united-nations"},
        400,
        "not an expert in this round",
    ),
    "invite: unknown organisation": Bad(
        "mediator", "POST", EXPERTS, lambda i: {"organisation": "nobody"}, 400, "not an expert"
    ),
    "invite: huge organisation": Bad(
        "mediator", "POST", EXPERTS, lambda i: {"organisation": "o" * 121}, 422, "organisation"
    ),
    "invite: organisation wrong type": Bad(
        "mediator", "POST", EXPERTS, lambda i: {"organisation": ["a"]}, 422, "organisation"
    ),
    "invite: unknown field": Bad(
        "mediator",
        "POST",
        EXPERTS,
        lambda i: {"organisation": "constitutional-experts", "role": "expert"},
        422,
        "role: Extra inputs",
    ),
    "invite: unknown text": Bad(
        "mediator",
        "POST",
        "/api/texts/999999/experts",
        lambda i: {"organisation": "constitutional-experts"},
        404,
        "no text",
    ),
    # The mediator owns the other round's text too, but this round's expert is not invited there.
    "invite: another round's expert": Bad(
        "mediator",
        "POST",
        "/api/texts/{other_text}/experts",
        lambda i: {"organisation": "constitutional-experts"},
        400,
        "not an expert in this round",
    ),
    # comment.add
    "comment: empty body": Bad(
        "expert", "POST", COMMENTS, lambda i: {}, 422, "provision: Field required"
    ),
    "comment: empty text": Bad("expert", "POST", COMMENTS, comment(body=""), 422, "body"),
    "comment: blank text": Bad("expert", "POST", COMMENTS, comment(body="   "), 400, "empty"),
    "comment: huge text": Bad("expert", "POST", COMMENTS, comment(body="c" * 10_001), 422, "body"),
    "comment: text wrong type": Bad("expert", "POST", COMMENTS, comment(body=5), 422, "body"),
    "comment: unknown provision": Bad(
        "expert", "POST", COMMENTS, comment(provision="art_9"), 400, "no provision 'art_9'"
    ),
    "comment: huge provision": Bad(
        "expert", "POST", COMMENTS, comment(provision="p" * 201), 422, "provision"
    ),
    "comment: unknown field": Bad(
        "expert", "POST", COMMENTS, comment(revision=1), 422, "revision: Extra inputs"
    ),
    "comment: not JSON": Bad("expert", "POST", COMMENTS, b"body=x", 400, "JSON"),
    "comment: unknown text": Bad(
        "expert", "POST", "/api/texts/999999/comments", comment(), 404, "no text"
    ),
    "comment: another round's text": Bad(
        "expert", "POST", "/api/texts/{other_text}/comments", comment(), 404, "no text"
    ),
    # comment.list
    "comments: unknown text": Bad(
        "expert", "GET", "/api/texts/999999/comments", None, 404, "no text"
    ),
    "comments: another round's text": Bad(
        "observer", "GET", "/api/texts/{other_text}/comments", None, 404, "no text"
    ),
    "comments: text id not a number": Bad(
        "observer", "GET", "/api/texts/first/comments", None, 422, "text_id"
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_refused_and_changes_nothing(api: Api, room: Room, name: str) -> None:
    check(api, room, CASES[name])
