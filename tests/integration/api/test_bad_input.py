"""Bad input to every endpoint: empty, huge, wrong types, unknown fields, unknown ids and
another round's ids. Each gets a clear 4xx with ``{"error": ...}`` naming the problem, and
nothing changes (rows counted, text and proposal versions compared before and after)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from astana.web.negotiation.models import TextProposal

from .conftest import Api, Room

pytestmark = pytest.mark.django_db

HUGE = "x" * 200_001
NOTE = "n" * 20_001


@dataclass(frozen=True)
class Bad:
    role: str
    method: str
    path: str  # formatted with the room's ids (see _ids)
    body: Callable[[dict[str, int]], Any] | bytes | None
    status: int
    says: str  # a fragment the error message must contain


def _ids(room: Room) -> dict[str, int]:
    draft = TextProposal.objects.get(pk=room.draft_id)
    return {
        "round": room.round_id, "text": room.text_id, "other_round": room.other_round_id,
        "other_text": room.other_text_id, "other_draft": room.other_draft_id, "draft": room.draft_id,
        "draftv": draft.version, "P1": room.proposals["P1"], "p1v": room.proposal_version("P1"),
        "P2": room.proposals["P2"], "p2v": room.proposal_version("P2"), "v": room.text.version,
    }


def _change(**change: Any) -> Callable[[dict[str, int]], Any]:
    return lambda ids: {"change": change}


TEXTS, TEXT = "/api/rounds/{round}/texts", "/api/texts/{text}"
REVISIONS, PROPOSALS = "/api/texts/{text}/revisions", "/api/texts/{text}/proposals"
POSITIONS, CAUCUS = "/api/texts/{text}/positions", "/api/rounds/{round}/caucus"
AGREE = "/api/texts/{text}/provisions/{provision}/agree-ad-referendum"

CASES: dict[str, Bad] = {
    # text.create
    "create: empty body": Bad("mediator", "POST", TEXTS, lambda i: {}, 422, "slug: Field required"),
    "create: no body": Bad("mediator", "POST", TEXTS, None, 422, "Field required"),
    "create: not JSON": Bad("mediator", "POST", TEXTS, b"{slug:", 400, "JSON"),
    "create: titles wrong type": Bad("mediator", "POST", TEXTS, lambda i: {"slug": "a", "titles": "x"}, 422, "titles"),
    "create: unknown field": Bad(
        "mediator", "POST", TEXTS, lambda i: {"slug": "a", "titles": {"en": "A"}, "owner": "me"}, 422,
        "owner: Extra inputs are not permitted",
    ),
    "create: huge slug": Bad("mediator", "POST", TEXTS, lambda i: {"slug": "a" * 81, "titles": {"en": "A"}}, 422,
                             "slug: String should have at most 80 characters"),
    "create: huge notation": Bad(
        "mediator", "POST", TEXTS, lambda i: {"slug": "a", "titles": {"en": "A"}, "notation": HUGE}, 422, "notation"
    ),
    "create: bad slug": Bad("mediator", "POST", TEXTS, lambda i: {"slug": "Not A Slug", "titles": {"en": "A"}}, 400,
                            "short name"),
    "create: taken slug": Bad("mediator", "POST", TEXTS, lambda i: {"slug": "roadmap", "titles": {"en": "A"}}, 400,
                              "already has a text"),
    "create: no title": Bad("mediator", "POST", TEXTS, lambda i: {"slug": "a", "titles": {}}, 400, "title"),
    "create: bad notation": Bad(
        "mediator", "POST", TEXTS, lambda i: {"slug": "a", "titles": {"en": "A"}, "notation": "@lang en\n\nT\n\n1. [x"},
        400, "does not parse",
    ),
    "create: unknown round": Bad("mediator", "POST", "/api/rounds/999999/texts", lambda i: {"slug": "a",
                                 "titles": {"en": "A"}}, 404, "no round"),
    "create: round id not a number": Bad("mediator", "POST", "/api/rounds/abc/texts", lambda i: {}, 422, "round_id"),
    "create: round id too big": Bad("mediator", "POST", "/api/rounds/99999999999999/texts", lambda i: {}, 422,
                                    "round_id"),
    # reads
    "list: another round": Bad("party1", "GET", "/api/rounds/{other_round}/texts", None, 404, "no round"),
    "read: unknown text": Bad("party1", "GET", "/api/texts/999999", None, 404, "no text"),
    "read: another round's text": Bad("party1", "GET", "/api/texts/{other_text}", None, 404, "no text"),
    "read: bad view": Bad("party1", "GET", TEXT + "?view=bogus", None, 422, "view"),
    "read: bad language": Bad("party1", "GET", TEXT + "?language=xx", None, 422, "language"),
    "read: no such revision": Bad("party1", "GET", TEXT + "?revision=99", None, 404, "no Rev.99"),
    "read: revision not a number": Bad("party1", "GET", TEXT + "?revision=abc", None, 422, "revision"),
    "redline: missing revisions": Bad("party1", "GET", TEXT + "/redline", None, 422, "old: Field required"),
    "redline: no such revision": Bad("party1", "GET", TEXT + "/redline?old=1&new=9", None, 404, "no Rev.9"),
    "redline: another round's text": Bad("party1", "GET", "/api/texts/{other_text}/redline?old=1&new=1", None, 404,
                                         "no text"),
    "proposals: another round's text": Bad("party1", "GET", "/api/texts/{other_text}/proposals", None, 404, "no text"),
    # revision.issue
    "issue: empty": Bad("mediator", "POST", REVISIONS, lambda i: {}, 422, "based_on: Field required"),
    "issue: version wrong type": Bad("mediator", "POST", REVISIONS, lambda i: {"based_on": "x"}, 422, "based_on"),
    "issue: version zero": Bad("mediator", "POST", REVISIONS, lambda i: {"based_on": 0}, 422, "based_on"),
    "issue: version too big": Bad("mediator", "POST", REVISIONS, lambda i: {"based_on": 10**12}, 422, "based_on"),
    "issue: version from the future": Bad("mediator", "POST", REVISIONS, lambda i: {"based_on": i["v"] + 5}, 409,
                                          "does not exist"),
    "issue: stale version": Bad("mediator", "POST", REVISIONS, lambda i: {"based_on": i["v"] - 1, "fold": ["P1"]},
                                409, "changed since you loaded it"),
    "issue: fold not a list": Bad("mediator", "POST", REVISIONS, lambda i: {"based_on": i["v"], "fold": "P1"}, 422,
                                  "fold"),
    "issue: unknown proposal": Bad("mediator", "POST", REVISIONS, lambda i: {"based_on": i["v"], "fold": ["P99"]},
                                   400, "no tabled proposal 'P99'"),
    "issue: a draft": Bad("mediator", "POST", REVISIONS, lambda i: {"based_on": i["v"], "fold": ["P4"]}, 400,
                          "no tabled proposal 'P4'"),
    "issue: folded and kept": Bad("mediator", "POST", REVISIONS,
                                  lambda i: {"based_on": i["v"], "fold": ["P1"], "keep": ["P1"]}, 400, "one of these"),
    "issue: another round's draft": Bad("mediator", "POST", "/api/texts/{other_text}/revisions",
                                        lambda i: {"based_on": 1, "fold": ["P1"]}, 400, "no tabled proposal 'P1'"),
    # proposal.draft
    "draft: empty": Bad("party1", "POST", PROPOSALS, lambda i: {}, 422, "change: Field required"),
    "draft: unknown kind": Bad("party1", "POST", PROPOSALS, _change(kind="rewrite"), 422, "change.kind"),
    "draft: unknown field": Bad("party1", "POST", PROPOSALS, _change(kind="delete_provision", provision="art_1",
                                colour="red"), 422, "change.colour: Extra inputs"),
    "draft: provision missing": Bad("party1", "POST", PROPOSALS, _change(kind="delete_provision"), 400,
                                    "'provision' is needed"),
    "draft: unknown provision": Bad("party1", "POST", PROPOSALS, _change(kind="delete_provision", provision="art_9"),
                                    400, "no provision 'art_9'"),
    "draft: words not found": Bad("party1", "POST", PROPOSALS, _change(kind="delete_words", provision="art_4__para_1",
                                  language="en", words="nowhere to be seen"), 400, "not found"),
    "draft: bad language": Bad("party1", "POST", PROPOSALS, _change(kind="replace_text", provision="art_4__para_1",
                               language="xx", text="A"), 422, "change.language"),
    "draft: no Russian version": Bad("party1", "POST", PROPOSALS, _change(kind="replace_text",
                                     provision="art_4__para_1", language="ru", text="A"), 400, "no 'ru' version"),
    "draft: wording does not parse": Bad("party1", "POST", PROPOSALS, _change(kind="replace_text",
                                         provision="art_4__para_1", language="en", text="[open"), 400, "does not parse"),
    "draft: huge wording": Bad("party1", "POST", PROPOSALS, _change(kind="replace_text", provision="art_4__para_1",
                               language="en", text=HUGE), 422, "change.text"),
    "draft: texts wrong type": Bad("party1", "POST", PROPOSALS, _change(kind="insert_provision", texts=["a"]), 422,
                                   "change.texts"),
    "draft: huge justification": Bad("party1", "POST", PROPOSALS, lambda i: {"change": {"kind": "delete_provision",
                                     "provision": "art_1"}, "justification": "j" * 5001}, 422, "justification"),
    "draft: another round's text": Bad("party1", "POST", "/api/texts/{other_text}/proposals",
                                       _change(kind="delete_provision", provision="art_1"), 404, "no text"),
    # proposal transitions
    "table: unknown proposal": Bad("party1", "POST", "/api/proposals/999999/table", lambda i: {"based_on": 1}, 404,
                                   "no proposal"),
    "table: another round's draft": Bad("party1", "POST", "/api/proposals/{other_draft}/table",
                                        lambda i: {"based_on": 1}, 404, "no proposal"),
    "table: no version": Bad("party1", "POST", "/api/proposals/{draft}/table", lambda i: {}, 422, "based_on"),
    "table: stale version": Bad("party1", "POST", "/api/proposals/{draft}/table",
                                lambda i: {"based_on": i["draftv"] + 1}, 409, "changed since you loaded it"),
    "table: already tabled": Bad("party1", "POST", "/api/proposals/{P1}/table", lambda i: {"based_on": i["p1v"]}, 400,
                                 "cannot become tabled"),
    "withdraw: someone else's": Bad("party2", "POST", "/api/proposals/{P1}/withdraw", lambda i: {"based_on": i["p1v"]},
                                    403, "Only the delegation"),
    "support: own proposal": Bad("party2", "POST", "/api/proposals/{P2}/support", lambda i: {"based_on": i["p2v"]},
                                 400, "its own proposal"),
    "oppose: stale version": Bad("party2", "POST", "/api/proposals/{P1}/oppose", lambda i: {"based_on": i["p1v"] + 3},
                                 409, "changed since you loaded it"),
    "oppose: unknown field": Bad("party2", "POST", "/api/proposals/{P1}/oppose",
                                 lambda i: {"based_on": i["p1v"], "force": True}, 422, "force"),
    # position.set and agreement
    "position: bad stance": Bad("party2", "POST", POSITIONS, lambda i: {"based_on": i["v"], "provision": "art_1",
                                "stance": "maybe"}, 422, "stance"),
    "position: unknown provision": Bad("party2", "POST", POSITIONS, lambda i: {"based_on": i["v"],
                                       "provision": "art_9", "stance": "support"}, 400, "no provision 'art_9'"),
    "position: reservation without text": Bad("party2", "POST", POSITIONS, lambda i: {
        "based_on": i["v"], "provision": "art_1", "stance": "support_with_reservation"}, 400, "reservation"),
    "position: huge reservation": Bad("party2", "POST", POSITIONS, lambda i: {
        "based_on": i["v"], "provision": "art_1", "stance": "support_with_reservation", "reservation": "r" * 5001},
        422, "reservation"),
    "position: another round's text": Bad("party1", "POST", "/api/texts/{other_text}/positions", lambda i: {
        "based_on": 1, "provision": "art_1", "stance": "support"}, 404, "no text"),
    "agree: bracketed provision": Bad("mediator", "POST", AGREE.replace("{provision}", "art_1__para_1"),
                                      lambda i: {"based_on": i["v"]}, 400, "still carries brackets"),
    "agree: not accepted by all": Bad("mediator", "POST", AGREE.replace("{provision}", "art_4__para_1"),
                                      lambda i: {"based_on": i["v"]}, 400, "is not accepted by"),
    "agree: unknown provision": Bad("mediator", "POST", AGREE.replace("{provision}", "art_9"),
                                    lambda i: {"based_on": i["v"]}, 400, "no provision art_9"),
    "agree: huge provision id": Bad("mediator", "POST", AGREE.replace("{provision}", "p" * 201),
                                    lambda i: {"based_on": i["v"]}, 422, "provision"),
    "confirm: not agreed ad referendum": Bad("mediator", "POST", "/api/texts/{text}/provisions/art_4__para_1/confirm",
                                             lambda i: {"based_on": i["v"]}, 400, "not agreed ad referendum"),
    # caucus, audit, events
    "note: empty body": Bad("party1", "POST", CAUCUS, lambda i: {"body": ""}, 422, "body"),
    "note: blank body": Bad("party1", "POST", CAUCUS, lambda i: {"body": "   "}, 400, "empty"),
    "note: huge body": Bad("party1", "POST", CAUCUS, lambda i: {"body": NOTE}, 422, "body"),
    "note: body wrong type": Bad("party1", "POST", CAUCUS, lambda i: {"body": 123}, 422, "body"),
    "note: another round": Bad("party1", "POST", "/api/rounds/{other_round}/caucus", lambda i: {"body": "x"}, 404,
                               "no round"),
    "notes: unknown round": Bad("party1", "GET", "/api/rounds/999999/caucus", None, 404, "no round"),
    "audit: huge filter": Bad("convener", "GET", "/api/rounds/{round}/audit?action=" + "a" * 41, None, 422, "action"),
    "audit: unknown round": Bad("convener", "GET", "/api/rounds/999999/audit", None, 404, "no round"),
    "events: negative after": Bad("party1", "GET", "/api/rounds/{round}/events?after=-1", None, 422, "after"),
    "events: after not a number": Bad("party1", "GET", "/api/rounds/{round}/events?after=x", None, 422, "after"),
    "events: another round": Bad("party1", "GET", "/api/rounds/{other_round}/events", None, 404, "no round"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_refused_and_changes_nothing(api: Api, room: Room, snapshot, name: str) -> None:
    bad = CASES[name]
    ids = _ids(room)
    before = snapshot()
    path = bad.path.format(**ids)
    if isinstance(bad.body, bytes):
        response = api.call(bad.role, bad.method, path, raw=bad.body)
    else:
        response = api.call(bad.role, bad.method, path, bad.body(ids) if bad.body else None)
    assert response.status_code == bad.status, response.content.decode()[:500]
    error = response.json()["error"]
    assert bad.says in error, error
    assert snapshot() == before
