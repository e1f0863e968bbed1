"""The role matrix of the API: every role against every endpoint, as a table of expected
statuses, with zero confidential reads. A draft of party1 reaches only party1 (not the
mediator, not the convener); caucus notes only their delegation; the audit log only the
convener and the host, and it never shows a delegation's caucus activity (drafts, notes).
The OpenAPI schema must list exactly the endpoints this table covers, so a new endpoint
without rows fails here.

Each endpoint is one test: the room is built once, and every role's request runs in a
savepoint that is rolled back, so each role meets the same room.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from tests.helpers.people import ROLES, client_of, user
from tests.helpers.unchanged import database_state

from astana.web.api.urls import api as ninja_api
from astana.web.consultation import api as consultation_api
from astana.web.decisions import api as decisions_api
from astana.web.demo import DEMO_PROCESS
from astana.web.negotiation import actions
from astana.web.negotiation.models import TextProposal
from astana.web.signing.api import OPERATIONS as RECORD_OPERATIONS

from .conftest import CAUCUS_SECRET, DRAFT_SECRET, Api, Room


@dataclass(frozen=True)
class Case:
    """One request: the OpenAPI path it exercises, and what it sends."""

    method: str
    path: str
    body: Callable[[Room], Any] | None = None
    query: str = ""
    proposal: str = "draft"  # which proposal {proposal_id} names: party1's draft, or "P1"
    session: bool = False  # authenticate with a logged-in session instead of a token
    setup: Callable[[Room], None] | None = None  # run first, in the role's savepoint

    def url(self, room: Room) -> str:
        proposal_id = room.draft_id if self.proposal == "draft" else room.proposals[self.proposal]
        filled = self.path.format(
            round_id=room.round_id,
            text_id=room.text_id,
            proposal_id=proposal_id,
            provision="art_5__para_1",
            process_slug=DEMO_PROCESS,
            number=1,
            token_id=2_147_483_647,  # nobody's token: 404 for every caller
        )
        return filled + (f"?{self.query}" if self.query else "")


def _version(room: Room) -> dict[str, int]:
    return {"based_on": room.text.version}


def _proposal_version(reference: str) -> Callable[[Room], dict[str, int]]:
    def body(room: Room) -> dict[str, int]:
        if reference == "draft":
            return {"based_on": TextProposal.objects.get(public_id=room.draft_id).version}
        return {"based_on": room.proposal_version(reference)}

    return body


def _session_version(room: Room) -> dict[str, int]:
    from astana.web.processes.models import Session

    return {"based_on": Session.objects.get(round_id=room.round_id, number=1).version}


def _close_session(room: Room) -> None:
    actions.session_close(
        user=user("host"), round_id=room.round_id, number=1, **_session_version(room)
    )


def _invite_expert(room: Room) -> None:
    actions.expert_invite(
        user=user("mediator"), text_id=room.text_id, organisation="constitutional-experts"
    )


def _comment(room: Room) -> None:
    _invite_expert(room)
    actions.comment_add(
        user=user("expert"), text_id=room.text_id, provision="art_1", body=EXPERT_COMMENT
    )


EXPERT_COMMENT = "An expert's view on the transition."
SESSIONS, SESSION = "/api/rounds/{round_id}/sessions", "/api/rounds/{round_id}/sessions/{number}"
ROUND_CREATE = {
    "slug": "round-next",
    "titles": {"en": "The next round"},
    "venues": {"en": "Astana"},
    "start": "2026-05-25",
    "end": "2026-05-27",
    "invitations": [{"organisation": "syrian-national-coalition", "role": "party"}],
}
SESSION_RECORD = {
    "agenda": ["Opening", "The roadmap"],
    "agenda_language": "en",
    "attendance": ["syrian-national-coalition", "united-nations"],
    "minutes": {"en": "The host opened the session."},
}

CASES: dict[str, Case] = {
    "text.list": Case("GET", "/api/rounds/{round_id}/texts"),
    "text.create": Case(
        "POST", "/api/rounds/{round_id}/texts", lambda r: {"slug": "new", "titles": {"en": "New"}}
    ),
    "text.read": Case("GET", "/api/texts/{text_id}"),
    "text.read (party view)": Case("GET", "/api/texts/{text_id}", query="view=party"),
    "text.redline": Case("GET", "/api/texts/{text_id}/redline", query="old=1&new=1&language=ar"),
    "revision.issue": Case(
        "POST",
        "/api/texts/{text_id}/revisions",
        lambda r: {**_version(r), "fold": ["P1"], "keep": ["P3"]},
    ),
    # The room's text has open proposals and brackets: the mediator is told why not (400).
    "revision.renumber": Case("POST", "/api/texts/{text_id}/renumbering", _version),
    "proposal.list": Case("GET", "/api/texts/{text_id}/proposals"),
    "proposal.mediate": Case(
        "POST",
        "/api/texts/{text_id}/mediator-proposals",
        lambda r: {
            **_version(r),
            "origin": "bridging",
            "change": {"kind": "delete_provision", "provision": "art_4__para_1"},
        },
    ),
    "translation.supply": Case(
        "POST",
        "/api/texts/{text_id}/translations",
        lambda r: {
            **_version(r),
            "provision": "art_4__para_1",
            "language": "en",
            "text": "A wording supplied in English.",
        },
    ),
    "proposal.draft": Case(
        "POST",
        "/api/texts/{text_id}/proposals",
        lambda r: {"change": {"kind": "delete_provision", "provision": "art_4__para_1"}},
    ),
    "proposal.table (draft)": Case(
        "POST", "/api/proposals/{proposal_id}/table", _proposal_version("draft")
    ),
    "proposal.withdraw (draft)": Case(
        "POST", "/api/proposals/{proposal_id}/withdraw", _proposal_version("draft")
    ),
    "proposal.withdraw (tabled)": Case(
        "POST", "/api/proposals/{proposal_id}/withdraw", _proposal_version("P1"), proposal="P1"
    ),
    "proposal.support (draft)": Case(
        "POST", "/api/proposals/{proposal_id}/support", _proposal_version("draft")
    ),
    "proposal.support (tabled)": Case(
        "POST", "/api/proposals/{proposal_id}/support", _proposal_version("P1"), proposal="P1"
    ),
    "proposal.oppose (draft)": Case(
        "POST", "/api/proposals/{proposal_id}/oppose", _proposal_version("draft")
    ),
    "proposal.oppose (tabled)": Case(
        "POST", "/api/proposals/{proposal_id}/oppose", _proposal_version("P1"), proposal="P1"
    ),
    "position.grid": Case(
        "GET", "/api/texts/{text_id}/grid", query="state=not_agreed&party=kurdish-parties"
    ),
    "position.set": Case(
        "POST",
        "/api/texts/{text_id}/positions",
        lambda r: {**_version(r), "provision": "art_4__para_1", "stance": "support"},
    ),
    "provision.agree_ad_referendum": Case(
        "POST", "/api/texts/{text_id}/provisions/{provision}/agree-ad-referendum", _version
    ),
    "provision.confirm": Case(
        "POST", "/api/texts/{text_id}/provisions/{provision}/confirm", _version
    ),
    "caucus.list": Case("GET", "/api/rounds/{round_id}/caucus"),
    "caucus.note_add": Case(
        "POST", "/api/rounds/{round_id}/caucus", lambda r: {"body": "A new note."}
    ),
    "audit.list": Case("GET", "/api/rounds/{round_id}/audit"),
    "event.list": Case("GET", "/api/rounds/{round_id}/events", query="after=r0"),
    "token.create": Case("POST", "/api/tokens", lambda r: {"name": "script"}, session=True),
    "token.list": Case("GET", "/api/tokens"),
    "token.revoke": Case("DELETE", "/api/tokens/{token_id}"),
    "round.create": Case("POST", "/api/processes/{process_slug}/rounds", lambda r: ROUND_CREATE),
    "participant.invite": Case(
        "POST",
        "/api/rounds/{round_id}/invitations",
        lambda r: {"organisation": "movement-pluralistic-society", "role": "party"},
    ),
    "session.list": Case("GET", SESSIONS),
    "session.open (already open)": Case("POST", SESSIONS, lambda r: {}),
    "session.open": Case(
        "POST", SESSIONS, lambda r: {"titles": {"en": "Second session"}}, setup=_close_session
    ),
    "session.close": Case("POST", SESSION + "/close", _session_version),
    "session.record": Case(
        "PUT", SESSION + "/record", lambda r: {**_session_version(r), **SESSION_RECORD}
    ),
    "session.publish_minutes (open)": Case("POST", SESSION + "/publish-minutes", _session_version),
    "session.publish_minutes": Case(
        "POST", SESSION + "/publish-minutes", _session_version, setup=_close_session
    ),
    "expert.invite": Case(
        "POST", "/api/texts/{text_id}/experts", lambda r: {"organisation": "constitutional-experts"}
    ),
    "comment.list": Case("GET", "/api/texts/{text_id}/comments", setup=_comment),
    "comment.add (not invited)": Case(
        "POST", "/api/texts/{text_id}/comments", lambda r: {"provision": "art_1", "body": "A view."}
    ),
    "comment.add (invited)": Case(
        "POST",
        "/api/texts/{text_id}/comments",
        lambda r: {"provision": "art_1", "body": "A view."},
        setup=_invite_expert,
    ),
}

# fmt: off
# The expected status of every role on every case. "P1" is party1's tabled proposal; "draft"
# is party1's draft (with a private reference until tabled), which every other role, party2
# included, must not even find (404). Refused requests of the rounds, sessions and comments
# rows change nothing either (every row of the platform is compared before and after).
COLUMNS = ("anonymous", "convener", "host", "mediator", "party1", "party2", "party3", "guarantor",
           "observer", "expert", "secretariat", "outsider")
MATRIX: dict[str, tuple[int, ...]] = {
    #                                 anon conv host med  p1   p2   p3   guar obs  exp  sec  out
    "text.list":                     (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "text.create":                   (401, 403, 403, 201, 403, 403, 403, 403, 403, 403, 403, 404),
    "text.read":                     (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "text.read (party view)":        (401, 400, 400, 400, 200, 200, 200, 200, 400, 400, 400, 404),
    "text.redline":                  (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "revision.issue":                (401, 403, 403, 201, 403, 403, 403, 403, 403, 403, 403, 404),
    "revision.renumber":             (401, 403, 403, 400, 403, 403, 403, 403, 403, 403, 403, 404),
    "proposal.list":                 (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "proposal.draft":                (401, 403, 403, 403, 201, 201, 201, 201, 403, 403, 403, 404),
    "proposal.mediate":              (401, 403, 403, 201, 403, 403, 403, 403, 403, 403, 403, 404),
    "translation.supply":            (401, 403, 403, 201, 403, 403, 403, 403, 403, 403, 201, 404),
    "proposal.table (draft)":        (401, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404),
    "proposal.withdraw (draft)":     (401, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404),
    "proposal.withdraw (tabled)":    (401, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 404),
    "proposal.support (draft)":      (401, 404, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
    "proposal.support (tabled)":     (401, 403, 403, 403, 400, 200, 200, 200, 403, 403, 403, 404),
    "proposal.oppose (draft)":       (401, 404, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
    "proposal.oppose (tabled)":      (401, 403, 403, 403, 400, 200, 200, 200, 403, 403, 403, 404),
    "position.grid":                 (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "position.set":                  (401, 403, 403, 403, 200, 200, 200, 403, 403, 403, 403, 404),
    "provision.agree_ad_referendum": (401, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 404),
    "provision.confirm":             (401, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 404),
    "caucus.list":                   (401, 403, 403, 403, 200, 200, 200, 200, 403, 403, 403, 404),
    "caucus.note_add":               (401, 403, 403, 403, 201, 201, 201, 201, 403, 403, 403, 404),
    "audit.list":                    (401, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 404),
    "event.list":                    (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "token.create":                  (401, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201),
    "token.list":                    (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "token.revoke":                  (401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "round.create":                  (401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    "participant.invite":            (401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404),
    "session.list":                  (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "session.open (already open)":   (401, 403, 400, 403, 403, 403, 403, 403, 403, 403, 403, 404),
    "session.open":                  (401, 403, 201, 403, 403, 403, 403, 403, 403, 403, 403, 404),
    "session.close":                 (401, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 404),
    "session.record":                (401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 404),
    "session.publish_minutes (open)": (401, 400, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404),
    "session.publish_minutes":       (401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404),
    "expert.invite":                 (401, 403, 403, 201, 403, 403, 403, 403, 403, 403, 403, 404),
    "comment.list":                  (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "comment.add (not invited)":     (401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404),
    "comment.add (invited)":         (401, 403, 403, 403, 403, 403, 403, 403, 403, 201, 403, 404),
}
# fmt: on


class _Rollback(Exception):
    pass


def _request(api: Api, room: Room, case: Case, role: str) -> tuple[int, str, bool]:
    """The status and body of ``role``'s request, and whether a refused one changed nothing."""
    if case.session:
        client = client_of(role)
        body = case.body(room) if case.body else None
        response = client.post(case.url(room), body, content_type="application/json")
        return response.status_code, response.content.decode(), True
    if case.setup:
        case.setup(room)
    before = database_state()
    body = case.body(room) if case.body else None
    response = api.call(role, case.method, case.url(room), body)
    unchanged = response.status_code < 400 or not database_state().changes_since(before)
    return response.status_code, response.content.decode(), unchanged


def _leaks(name: str, role: str, body: str, draft: str) -> list[str]:
    """Confidential material in a response ``role`` should not read (``draft``: the private
    reference of party1's draft, which not even the audit log shows to the convener)."""
    found = []
    if DRAFT_SECRET in body and (role != "party1" or name == "audit.list"):
        found.append("party1's draft content")
    if role != "party1" and draft in body:
        found.append("party1's draft")
    for owner, secret in CAUCUS_SECRET.items():
        if role != owner and secret in body:
            found.append(f"{owner}'s caucus")
    return found


def test_matrix_covers_every_role_and_case() -> None:
    assert COLUMNS == ROLES
    assert set(MATRIX) == set(CASES)
    assert all(len(row) == len(COLUMNS) for row in MATRIX.values())


@pytest.mark.parametrize("name", list(MATRIX))
def test_role_matrix(api: Api, room: Room, name: str) -> None:
    case = CASES[name]
    wrong, leaks, changed = [], [], []
    bodies: dict[str, str] = {}
    draft = TextProposal.objects.get(public_id=room.draft_id).reference
    for role, expected in zip(COLUMNS, MATRIX[name], strict=True):
        try:
            with transaction.atomic():
                status, body, unchanged = _request(api, room, case, role)
                raise _Rollback
        except _Rollback:
            pass
        bodies[role] = body
        if status != expected:
            wrong.append(f"{role}: expected {expected}, got {status} {body[:200]}")
        if not unchanged:
            changed.append(role)
        leaks.extend(f"{role}: {leak}" for leak in _leaks(name, role, body, draft))
    assert not wrong, f"{name}:\n" + "\n".join(wrong)
    assert not leaks, f"{name} leaks:\n" + "\n".join(leaks)
    assert not changed, f"{name}: refused requests changed the room for {changed}"
    _check_what_owners_see(name, bodies, draft)


def _check_what_owners_see(name: str, bodies: dict[str, str], draft: str) -> None:
    """The leak checks are not vacuous: the owners do see their own material."""
    if name == "proposal.list":
        assert DRAFT_SECRET in bodies["party1"] and '"P1"' in bodies["observer"]
    if name == "caucus.list":
        assert CAUCUS_SECRET["party1"] in bodies["party1"]
        assert CAUCUS_SECRET["party2"] in bodies["party2"]
        assert bodies["party3"] == "[]" and bodies["guarantor"] == "[]"
    if name == "event.list":
        assert f"drafted {draft}" in bodies["party1"] and "tabled P1" in bodies["observer"]
    if name == "session.list":
        assert '"number": 1' in bodies["observer"] and '"is_open": true' in bodies["party1"]
    if name == "comment.list":
        assert all(EXPERT_COMMENT in bodies[role] for role in COLUMNS[1:-1])
    if name == "audit.list":  # caucus activity (drafts, notes) is kept from the convener's view
        assert '"proposal.table"' in bodies["convener"] and '"text.create"' in bodies["host"]
        assert '"proposal.draft"' not in bodies["convener"]
        assert '"caucus.note_add"' not in bodies["host"]


def test_audit_entries_never_hold_draft_or_caucus_content(room: Room) -> None:
    from astana.web.common.models import AuditEntry

    for entry in AuditEntry.objects.all():
        flat = f"{entry.object_id} {entry.detail}"
        assert DRAFT_SECRET not in flat
        assert not any(secret in flat for secret in CAUCUS_SECRET.values())


def test_openapi_lists_exactly_the_endpoints_of_the_matrix() -> None:
    # The public record and decisions keep their own matrices (tests/integration/signing,
    # tests/integration/decisions), each checking that it covers its router's OPERATIONS.
    others = (
        set(RECORD_OPERATIONS) | set(decisions_api.OPERATIONS) | set(consultation_api.OPERATIONS)
    )
    schema = ninja_api.get_openapi_schema()
    mine = {
        (method.upper(), path): op["operationId"]
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if op["operationId"] not in others
    }
    covered = {(case.method, case.path) for case in CASES.values()}
    listed = set(mine)
    assert listed == covered, f"without matrix rows: {listed - covered}; gone: {covered - listed}"
    assert {name.split(" ")[0] for name in CASES} == set(mine.values())


def test_docs_and_schema_are_served(client: Client) -> None:
    assert client.get("/api/docs").status_code == 200
    schema = client.get("/api/openapi.json").json()
    assert {"BearerToken", "SameOriginSession"} <= set(schema["components"]["securitySchemes"])
