"""Bad input to the text endpoints (text.create, text.read, text.redline, proposal.list,
revision.issue): empty, huge, wrong types, unknown fields, unknown ids, another round's ids.
Each is a clear 4xx and changes nothing."""

from __future__ import annotations

import pytest

from .badinput import HUGE, REVISIONS, TEXT, TEXTS, Bad, check
from .conftest import Api, Room

pytestmark = pytest.mark.django_db

CASES: dict[str, Bad] = {
    # text.create
    "create: empty body": Bad("mediator", "POST", TEXTS, lambda i: {}, 422, "slug: Field required"),
    "create: no body": Bad("mediator", "POST", TEXTS, None, 422, "Field required"),
    "create: not JSON": Bad("mediator", "POST", TEXTS, b"{slug:", 400, "JSON"),
    "create: titles wrong type": Bad(
        "mediator", "POST", TEXTS, lambda i: {"slug": "a", "titles": "x"}, 422, "titles"
    ),
    "create: unknown field": Bad(
        "mediator",
        "POST",
        TEXTS,
        lambda i: {"slug": "a", "titles": {"en": "A"}, "owner": "me"},
        422,
        "owner: Extra inputs are not permitted",
    ),
    "create: huge slug": Bad(
        "mediator",
        "POST",
        TEXTS,
        lambda i: {"slug": "a" * 81, "titles": {"en": "A"}},
        422,
        "slug: String should have at most 80 characters",
    ),
    "create: huge notation": Bad(
        "mediator",
        "POST",
        TEXTS,
        lambda i: {"slug": "a", "titles": {"en": "A"}, "notation": HUGE},
        422,
        "notation",
    ),
    "create: bad slug": Bad(
        "mediator",
        "POST",
        TEXTS,
        lambda i: {"slug": "Not A Slug", "titles": {"en": "A"}},
        400,
        "short name",
    ),
    "create: taken slug": Bad(
        "mediator",
        "POST",
        TEXTS,
        lambda i: {"slug": "roadmap", "titles": {"en": "A"}},
        400,
        "already has a text",
    ),
    "create: no title": Bad(
        "mediator", "POST", TEXTS, lambda i: {"slug": "a", "titles": {}}, 400, "title"
    ),
    "create: bad notation": Bad(
        "mediator",
        "POST",
        TEXTS,
        lambda i: {"slug": "a", "titles": {"en": "A"}, "notation": "@lang en\n\nT\n\n1. [x"},
        400,
        "does not parse",
    ),
    "create: unknown round": Bad(
        "mediator",
        "POST",
        "/api/rounds/999999/texts",
        lambda i: {"slug": "a", "titles": {"en": "A"}},
        404,
        "no round",
    ),
    "create: round id not a number": Bad(
        "mediator", "POST", "/api/rounds/abc/texts", lambda i: {}, 422, "round_id"
    ),
    "create: round id too big": Bad(
        "mediator", "POST", "/api/rounds/99999999999999/texts", lambda i: {}, 422, "round_id"
    ),
    # reads
    "list: another round": Bad(
        "party1", "GET", "/api/rounds/{other_round}/texts", None, 404, "no round"
    ),
    "read: unknown text": Bad("party1", "GET", "/api/texts/999999", None, 404, "no text"),
    "read: another round's text": Bad(
        "party1", "GET", "/api/texts/{other_text}", None, 404, "no text"
    ),
    "read: bad view": Bad("party1", "GET", TEXT + "?view=bogus", None, 422, "view"),
    "read: bad language": Bad("party1", "GET", TEXT + "?language=xx", None, 422, "language"),
    "read: no such revision": Bad("party1", "GET", TEXT + "?revision=99", None, 404, "no Rev.99"),
    "read: revision not a number": Bad(
        "party1", "GET", TEXT + "?revision=abc", None, 422, "revision"
    ),
    "redline: missing revisions": Bad(
        "party1", "GET", TEXT + "/redline", None, 422, "old: Field required"
    ),
    "redline: no such revision": Bad(
        "party1", "GET", TEXT + "/redline?old=1&new=9", None, 404, "no Rev.9"
    ),
    "redline: another round's text": Bad(
        "party1", "GET", "/api/texts/{other_text}/redline?old=1&new=1", None, 404, "no text"
    ),
    "proposals: another round's text": Bad(
        "party1", "GET", "/api/texts/{other_text}/proposals", None, 404, "no text"
    ),
    # revision.issue
    "issue: empty": Bad(
        "mediator", "POST", REVISIONS, lambda i: {}, 422, "based_on: Field required"
    ),
    "issue: version wrong type": Bad(
        "mediator", "POST", REVISIONS, lambda i: {"based_on": "x"}, 422, "based_on"
    ),
    "issue: version zero": Bad(
        "mediator", "POST", REVISIONS, lambda i: {"based_on": 0}, 422, "based_on"
    ),
    "issue: version too big": Bad(
        "mediator", "POST", REVISIONS, lambda i: {"based_on": 10**12}, 422, "based_on"
    ),
    "issue: version from the future": Bad(
        "mediator", "POST", REVISIONS, lambda i: {"based_on": i["v"] + 5}, 409, "does not exist"
    ),
    "issue: stale version": Bad(
        "mediator",
        "POST",
        REVISIONS,
        lambda i: {"based_on": i["v"] - 1, "fold": ["P1"]},
        409,
        "changed since you loaded it",
    ),
    "issue: fold not a list": Bad(
        "mediator", "POST", REVISIONS, lambda i: {"based_on": i["v"], "fold": "P1"}, 422, "fold"
    ),
    "issue: unknown proposal": Bad(
        "mediator",
        "POST",
        REVISIONS,
        lambda i: {"based_on": i["v"], "fold": ["P99"]},
        400,
        "no tabled proposal 'P99'",
    ),
    "issue: a draft": Bad(
        "mediator",
        "POST",
        REVISIONS,
        lambda i: {"based_on": i["v"], "fold": ["P4"]},
        400,
        "no tabled proposal 'P4'",
    ),
    "issue: folded and kept": Bad(
        "mediator",
        "POST",
        REVISIONS,
        lambda i: {"based_on": i["v"], "fold": ["P1"], "keep": ["P1"]},
        400,
        "one of these",
    ),
    "issue: another round's draft": Bad(
        "mediator",
        "POST",
        "/api/texts/{other_text}/revisions",
        lambda i: {"based_on": 1, "fold": ["P1"]},
        400,
        "no tabled proposal 'P1'",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_refused_and_changes_nothing(api: Api, room: Room, name: str) -> None:
    check(api, room, CASES[name])
