"""The role matrix of the decisions and committees API: every role (anonymous and an
outsider included) against every endpoint, as a table of expected statuses. Refused requests
change nothing, and a secret vote's choice reaches no one but its voter before closing.

``DECISION_CASES`` lists every endpoint of this API, so the main matrix
(tests/integration/api/test_role_matrix.py) can count them as covered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from tests.helpers.people import ROLES
from tests.helpers.unchanged import database_state

from astana.web.api.urls import api as ninja_api

from .world import SECRET_QUESTION, Api, World


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    body: Callable[[World], Any] | None = None
    decision: str = "open"  # which decision {decision_id} names

    def url(self, world: World) -> str:
        return self.path.format(
            round_id=world.round_id,
            decision_id=getattr(world, f"{self.decision}_id"),
            committee_id=world.committee_id,
            nominee_id=world.nominee_id,
            process_slug="astana-platform",
            slug="ap-round-1-statement",
        )


R, D, C = "/api/rounds/{round_id}", "/api/decisions/{decision_id}", "/api/committees/{committee_id}"
RULES = {"rule": "consensus else 2/3 of members", "voting": "delegation", "secret": False}
COMMITTEE = {
    "slug": "new-committee",
    "names": {"en": "New"},
    "definition": {
        "blocs": [{"name": "all", "seats": 3, "nominated_by": "united-nations"}],
        "quotas": ["at least 30% women overall"],
        "approvers": ["united-nations"],
    },
}

DECISION_CASES: dict[str, Case] = {
    "rules.read": Case("GET", R + "/rules"),
    "rules.set": Case("PUT", R + "/rules", lambda w: RULES),
    "decision.list": Case("GET", R + "/decisions"),
    "decision.call": Case(
        "POST",
        R + "/decisions",
        lambda w: {
            "subject": "provision",
            "text_id": w.text_id,
            "provision": "art_2",
            "questions": {"en": "Adopt article 2?"},
        },
    ),
    "decision.read": Case("GET", D),
    "decision.read (secret)": Case("GET", D, decision="secret"),
    "vote.cast": Case("POST", D + "/votes", lambda w: {"choice": "yes"}),
    "vote.cast (closed)": Case("POST", D + "/votes", lambda w: {"choice": "yes"}, "closed"),
    "decision.close": Case("POST", D + "/close"),
    "decision.publish": Case("POST", D + "/publish", decision="closed"),
    "outcome.list": Case("GET", R + "/outcomes"),
    "signature_count.read": Case("GET", "/api/documents/{slug}/signature-count"),
    "signature_count.set": Case(
        "PUT", "/api/documents/{slug}/signature-count", lambda w: {"parties": 15, "signed": 9}
    ),
    "committee.list": Case("GET", "/api/processes/{process_slug}/committees"),
    "committee.create": Case(
        "POST", "/api/processes/{process_slug}/committees", lambda w: COMMITTEE
    ),
    "committee.read": Case("GET", C),
    "committee.nominate": Case(
        "POST", C + "/nominees", lambda w: {"name": "C2", "bloc": "civil society", "gender": "man"}
    ),
    "committee.nominate_list": Case(
        "POST",
        C + "/nominee-lists",
        lambda w: {"members": "C3, man\nC4, woman", "bloc": "civil society"},
    ),
    "committee.withdraw": Case("POST", "/api/nominees/{nominee_id}/withdraw"),
    "committee.replace": Case(
        "POST", "/api/nominees/{nominee_id}/replace", lambda w: {"name": "C9", "gender": "woman"}
    ),
    "committee.approve": Case("POST", C + "/approvals", lambda w: {}),
}

# fmt: off
COLUMNS = ("anonymous", "convener", "host", "mediator", "party1", "party2", "party3", "guarantor",
           "observer", "expert", "secretariat", "outsider")
MATRIX: dict[str, tuple[int, ...]] = {
    #                           anon conv host med  p1   p2   p3   guar obs  exp  sec  out
    "rules.read":              (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "rules.set":               (401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404),
    "decision.list":           (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "decision.call":           (401, 403, 403, 201, 403, 403, 403, 403, 403, 403, 403, 404),
    "decision.read":           (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "decision.read (secret)":  (401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "vote.cast":               (401, 403, 403, 403, 400, 201, 201, 403, 403, 403, 403, 404),
    "vote.cast (closed)":      (401, 403, 403, 403, 400, 400, 400, 400, 403, 403, 403, 404),
    "decision.close":          (401, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 404),
    "decision.publish":        (401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404),
    "outcome.list":            (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "signature_count.read":    (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "signature_count.set":     (401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    "committee.list":          (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "committee.create":        (401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    "committee.read":          (404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404),
    "committee.nominate":      (401, 403, 403, 403, 403, 403, 403, 403, 201, 403, 403, 404),
    "committee.nominate_list": (401, 403, 403, 403, 403, 403, 403, 403, 201, 403, 403, 404),
    "committee.withdraw":      (401, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 404),
    "committee.replace":       (401, 403, 403, 403, 403, 403, 403, 403, 201, 403, 403, 404),
    "committee.approve":       (401, 403, 403, 403, 403, 403, 403, 201, 201, 403, 403, 404),
}
# fmt: on


class _Rollback(Exception):
    pass


def _leaks(name: str, role: str, body: str, world: World) -> list[str]:
    """The secret decision's votes (party2 voted no) before closing: only party2 sees its own."""
    try:
        data = json.loads(body)
    except ValueError:
        return []
    rows = data if isinstance(data, list) else [data]
    found = []
    for row in rows:
        if not isinstance(row, dict) or row.get("id") != world.secret_id or "voted" not in row:
            continue
        if row["roll_call"] is not None or row["counts"] is not None or row["outcome"]:
            found.append(f"{name}: the secret decision's votes")
        if row["my_vote"] is not None and role != "party2":
            found.append(f"{name}: party2's secret vote")
    if SECRET_QUESTION in body and role in ("anonymous", "outsider"):
        found.append(f"{name}: an unpublished decision")
    return found


def test_matrix_covers_every_role_and_case() -> None:
    assert COLUMNS == ROLES
    assert set(MATRIX) == set(DECISION_CASES)


@pytest.mark.parametrize("name", list(MATRIX))
def test_role_matrix(world: World, name: str) -> None:
    case, api = DECISION_CASES[name], Api(world)
    wrong, changed, leaks = [], [], []
    for role, expected in zip(COLUMNS, MATRIX[name], strict=True):
        try:
            with transaction.atomic():
                before = database_state()
                body = case.body(world) if case.body else None
                response = api.call(role, case.method, case.url(world), body)
                status, text = response.status_code, response.content.decode()
                if status >= 400 and database_state().changes_since(before):
                    changed.append(role)
                raise _Rollback
        except _Rollback:
            pass
        if status != expected:
            wrong.append(f"{role}: expected {expected}, got {status} {text[:200]}")
        leaks += _leaks(name, role, text, world)
        if status >= 400:
            assert json.loads(text)["error"], f"{name} {role}: a refusal without a message"
    assert not wrong, f"{name}:\n" + "\n".join(wrong)
    assert not changed, f"{name}: refused requests changed something for {changed}"
    assert not leaks, "\n".join(leaks)


def test_what_the_public_and_voters_see(world: World) -> None:
    api = Api(world)
    outcomes = api.call("anonymous", "GET", f"/api/rounds/{world.round_id}/outcomes").json()
    assert [o["id"] for o in outcomes] == [world.published_id]
    assert outcomes[0]["explanations"]["en"].startswith("not adopted")
    own = api.call("party2", "GET", f"/api/decisions/{world.secret_id}").json()
    assert own["my_vote"] == "no" and own["voted"] == 1 and own["roll_call"] is None
    public = api.call("anonymous", "GET", "/api/processes/astana-platform/committees").json()
    assert public == []  # forming committees are not public
    signatures = api.call("anonymous", "GET", "/api/documents/ap-round-1-statement/signature-count")
    assert signatures.json()["counted"] is False and signatures.json()["rule"] == (
        "majority of members"
    )


def test_openapi_lists_the_decisions_endpoints() -> None:
    schema = ninja_api.get_openapi_schema()
    ours = {
        (method.upper(), path)
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if "decisions" in op.get("tags", [])
    }
    covered = {(case.method, case.path) for case in DECISION_CASES.values()}
    assert ours == covered, f"without rows: {ours - covered}; gone: {covered - ours}"
