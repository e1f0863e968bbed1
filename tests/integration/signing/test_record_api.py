"""The public record's API: a role matrix over every operation of its router (public reads
for everyone, anonymous included; key approval only by the convener; signatures only by
delegates with an approved key), refusals that change nothing, and a witness cosigning
through the same HTTP the CLI uses."""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from tests.helpers.people import ANONYMOUS, DEMO_ROLES, bearer, token_of
from tests.helpers.unchanged import database_state, unchanged

from astana.core.ledger import (
    SIG_TYPE_COSIGNATURE_V1,
    SignedNote,
    SignerKey,
    cosign_checkpoint,
    ed25519,
)
from astana.web.accounts.models import User
from astana.web.api.urls import api as ninja_api
from astana.web.negotiation.models import NegotiationText
from astana.web.signing import actions, log
from astana.web.signing.api import OPERATIONS
from astana.web.signing.models import (
    Checkpoint,
    DelegateKey,
)

pytestmark = pytest.mark.django_db
ROADMAP = Path(__file__).resolve().parents[3] / "data" / "sandbox" / "round-3-roadmap.txt"
ROLES = [ANONYMOUS, *DEMO_ROLES]
EVERYONE = set(ROLES)
SIGNED = {ANONYMOUS, *DEMO_ROLES}


def call(
    role: str,
    method: str,
    url: str,
    body: Any = None,
    raw: bytes | None = None,
    token: str | None = None,
) -> Any:
    """``role``'s request, with ``token`` or else a new token of the role (none for anonymous)."""
    if token is None and role != ANONYMOUS:
        token = token_of(role, "test")
    headers = bearer(token)
    client = Client()
    if method == "GET":
        return client.get(url, headers=headers)
    data = raw if raw is not None else json.dumps(body or {})
    kind = "text/plain" if raw is not None else "application/json"
    return client.generic(method, url, data, content_type=kind, headers=headers)


def _pending_key(owner: str = "guarantor") -> DelegateKey:
    return actions.key_register(
        user=User.objects.get(username=owner),
        process_slug="astana-platform",
        name="k",
        public_key=ed25519.public_key(ed25519.generate_private_key()).hex(),
    )


Build = Callable[[NegotiationText], tuple[str, str, Any]]
# operation -> (who gets 2xx, request)
MATRIX: dict[str, tuple[set[str], Build]] = {
    "log.checkpoint": (EVERYONE, lambda t: ("GET", "/api/log/checkpoint", None)),
    "log.trust": (EVERYONE, lambda t: ("GET", "/api/log/trust", None)),
    "log.checkpoint_at": (EVERYONE, lambda t: ("GET", "/api/log/checkpoints/2", None)),
    "log.entries": (EVERYONE, lambda t: ("GET", "/api/log/entries?start=0&end=3", None)),
    "log.inclusion_proof": (
        EVERYONE,
        lambda t: ("GET", "/api/log/proof/inclusion?index=1&size=4", None),
    ),
    "log.consistency_proof": (
        EVERYONE,
        lambda t: ("GET", "/api/log/proof/consistency?old=2&new=5", None),
    ),
    "log.bundle": (EVERYONE, lambda t: ("GET", f"/api/log/bundles/{t.pk}/1", None)),
    "key.register": (
        {"party1", "party2", "party3", "guarantor"},
        lambda t: (
            "POST",
            "/api/keys",
            {
                "process": "astana-platform",
                "name": "new",
                "public_key": ed25519.public_key(ed25519.generate_private_key()).hex(),
            },
        ),
    ),
    "key.approve": (
        {"convener"},
        lambda t: (
            "POST",
            f"/api/keys/{(key := _pending_key()).pk}/approve",
            {"fingerprint": key.fingerprint},
        ),
    ),
    "key.revoke": (
        {"convener", "guarantor"},
        lambda t: ("POST", f"/api/keys/{_pending_key().pk}/revoke", None),
    ),
    "signature.statement": (
        {"party1", "party2", "party3", "guarantor"},
        lambda t: ("GET", f"/api/texts/{t.pk}/revisions/1/statement", None),
    ),
    "witnesses.require": (
        {"convener"},
        lambda t: ("PUT", f"/api/texts/{t.pk}/witnesses-required", {"count": 0}),
    ),
    "witness.register": (
        {"convener"},
        lambda t: (
            "POST",
            "/api/processes/astana-platform/witnesses",
            {
                "verifier_key": str(
                    SignerKey.generate("witness.example/un", SIG_TYPE_COSIGNATURE_V1).verifier
                )
            },
        ),
    ),
}


def test_the_matrix_covers_every_operation_of_the_router() -> None:
    # tested below, step by step; revision.publish in test_publication.py
    covered = set(MATRIX) | {"signature.add", "cosignature.add", "revision.publish"}
    assert covered == set(OPERATIONS)
    schema = ninja_api.get_openapi_schema()
    ids = {op["operationId"] for ops in schema["paths"].values() for op in ops.values()}
    assert set(OPERATIONS) <= ids


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(MATRIX))
def test_every_operation_against_every_role(
    statement: NegotiationText, operation: str, role: str
) -> None:
    allowed, build = MATRIX[operation]
    method, url, body = build(statement)
    token = None if role == ANONYMOUS else token_of(role, "test")
    before = database_state()
    response = call(role, method, url, body, token=token)
    if role in allowed:
        assert 200 <= response.status_code < 300, (operation, role, response.content[:300])
    else:
        assert response.status_code in (401, 403, 404), (operation, role, response.status_code)
        assert database_state().changes_since(before) == []
        assert "error" in response.json()


def test_signature_through_the_api_and_refusals(statement: NegotiationText) -> None:
    private = ed25519.generate_private_key()
    created = call(
        "guarantor",
        "POST",
        "/api/keys",
        {
            "process": "astana-platform",
            "name": "g",
            "public_key": base64.b64encode(ed25519.public_key(private)).decode(),
        },
    )
    assert created.status_code == 201
    key_id = created.json()["id"]
    got = call("guarantor", "GET", f"/api/texts/{statement.pk}/revisions/1/statement").json()[
        "statement"
    ]
    signature = base64.b64encode(ed25519.sign(private, got.encode())).decode()
    tokens = {role: token_of(role, "test") for role in ("guarantor", "observer", "convener")}
    before = database_state()
    pending = call(
        "guarantor",
        "POST",
        f"/api/texts/{statement.pk}/signatures",
        {"statement": got, "signature": signature},
        token=tokens["guarantor"],
    )
    assert pending.status_code == 400 and "approved key" in pending.json()["error"]
    assert (
        call(
            "observer",
            "POST",
            f"/api/texts/{statement.pk}/signatures",
            {"statement": got, "signature": signature},
            token=tokens["observer"],
        ).status_code
        == 403
    )
    assert (
        call(
            "guarantor",
            "POST",
            f"/api/texts/{statement.pk}/signatures",
            {"statement": got, "signature": 5},
            token=tokens["guarantor"],
        ).status_code
        == 422
    )
    assert database_state().changes_since(before) == []
    # The convener must send the fingerprint checked with the delegate out of band.
    url = f"/api/keys/{key_id}/approve"
    assert call("convener", "POST", url, token=tokens["convener"]).status_code == 422
    wrong = call("convener", "POST", url, {"fingerprint": "0000 " * 8}, token=tokens["convener"])
    assert wrong.status_code == 400 and "out of band" in wrong.json()["error"]
    assert database_state().changes_since(before) == []
    assert DelegateKey.objects.get(pk=key_id).state == "pending"
    fingerprint = created.json()["fingerprint"]
    assert call("convener", "POST", url, {"fingerprint": fingerprint.upper()}).status_code == 200
    got = call("guarantor", "GET", f"/api/texts/{statement.pk}/revisions/1/statement").json()[
        "statement"
    ]
    signature = base64.b64encode(ed25519.sign(private, got.encode())).decode()
    done = call(
        "guarantor",
        "POST",
        f"/api/texts/{statement.pk}/signatures",
        {"statement": got, "signature": signature},
    )
    assert done.status_code == 201, done.content
    again = call(
        "guarantor",
        "POST",
        f"/api/texts/{statement.pk}/signatures",
        {"statement": got, "signature": signature},
    )
    assert again.status_code == 400 and "already signed" in again.json()["error"]


def test_a_witness_cosigns_over_http(statement: NegotiationText) -> None:
    witness = SignerKey.generate("witness.example/un", SIG_TYPE_COSIGNATURE_V1)
    actions.witness_register(
        user=User.objects.get(username="convener"),
        process_slug="astana-platform",
        verifier_key=str(witness.verifier),
        organisation="united-nations",
    )
    note = log.latest_checkpoint().note  # the log's signature only, not the demo witness's
    cosigned = cosign_checkpoint(SignedNote.parse(note), witness, 1_800_000_000)
    forged = cosign_checkpoint(
        SignedNote.parse(note), SignerKey.generate("witness.example/un", SIG_TYPE_COSIGNATURE_V1), 1
    )
    with unchanged("a forged cosignature"):
        refused = call("anonymous", "POST", "/api/log/cosignatures", raw=str(forged).encode())
    assert refused.status_code == 400
    accepted = call("anonymous", "POST", "/api/log/cosignatures", raw=str(cosigned).encode())
    assert accepted.status_code == 200 and accepted.json()["accepted"] == ["witness.example/un"]
    latest = call("anonymous", "GET", "/api/log/checkpoint").content.decode()
    assert len(SignedNote.parse(latest).signatures) == 3  # the log, the demo witness, this one
    statement.witnesses_required = 2
    statement.save()
    bundle = call("anonymous", "GET", f"/api/log/bundles/{statement.pk}/1").json()
    from astana.core.bundle import Trust, verify_bundle

    trust = Trust.from_dict(call("anonymous", "GET", "/api/log/trust").json())
    assert len(trust.witnesses) == 2
    assert verify_bundle(bundle, trust=dataclasses.replace(trust, witnesses_required=2)).ok
    size = int(bundle["checkpoint"].splitlines()[1])  # the checkpoint's second line: its size
    assert size > bundle["entries"][-1]["index"]
    assert Checkpoint.objects.get(size=size).cosignatures.count() == 2


@pytest.mark.parametrize(
    "url",
    [
        "/api/log/proof/inclusion?index=5&size=2",
        "/api/log/proof/inclusion?index=0&size=999999",
        "/api/log/proof/consistency?old=0&new=2",
        "/api/log/proof/consistency?old=5&new=2",
        "/api/log/entries?start=5&end=2",
        "/api/log/checkpoints/999999",
        "/api/log/bundles/999999/1",
        "/api/log/proof/inclusion?index=x&size=2",
        "/api/log/entries?start=-1",
    ],
)
def test_bad_queries_are_4xx(statement: NegotiationText, url: str) -> None:
    response = call("anonymous", "GET", url)
    assert 400 <= response.status_code < 500, (url, response.status_code)


def test_entries_start_at_the_first_when_start_is_not_given(statement: NegotiationText) -> None:
    """``start`` defaults to 0, as documented (it was once required: 422 without it)."""
    first = call("anonymous", "GET", "/api/log/entries?end=2")
    assert first.status_code == 200
    assert [e["index"] for e in first.json()] == [0, 1]
    whole = call("anonymous", "GET", "/api/log/entries")
    assert [e["index"] for e in whole.json()][:2] == [0, 1]
