"""The consultation API: a role matrix over every operation of its router (``OPERATIONS``),
and refusals with clear messages that change nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from tests.helpers.people import ANONYMOUS, DEMO_ROLES, bearer, token_of
from tests.helpers.unchanged import database_state, unchanged
from tests.shared_data import shared_data

from astana.web.consultation.api import OPERATIONS
from astana.web.consultation.models import Consultation, Statement, Vote

from .conftest import anon_key

pytestmark = pytest.mark.django_db
ROLES = [ANONYMOUS, *DEMO_ROLES]
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
POLIS = shared_data("polis", "london.youth.policing")


def call(role: str, method: str, url: str, body: Any = None, token: str | None = None) -> Any:
    """``role``'s request, with ``token`` or else a new token of the role (none for anonymous)."""
    if token is None and role != ANONYMOUS:
        token = token_of(role, "test")
    headers = bearer(token)
    client = Client()
    if method == "GET":
        return client.get(url, headers=headers)
    return client.generic(
        method, url, json.dumps(body or {}), content_type="application/json", headers=headers
    )


Build = Callable[[Consultation, Statement, Statement], tuple[str, str, Any]]
# operation -> (who gets 2xx, request)
MATRIX: dict[str, tuple[set[str], Build]] = {
    "consultation.create": (
        {"convener"},
        lambda c, s, p: (
            "POST",
            "/api/consultations",
            {"process": "astana-platform", "titles": {"en": "New", "ar": "جديد"}},
        ),
    ),
    "consultation.read": (EVERYONE, lambda c, s, p: ("GET", f"/api/consultations/{c.pk}", None)),
    "consultation.update": (
        {"convener"},
        lambda c, s, p: ("PATCH", f"/api/consultations/{c.pk}", {"results_published": True}),
    ),
    "statement.submit": (
        EVERYONE,
        lambda c, s, p: (
            "POST",
            f"/api/consultations/{c.pk}/statements",
            {"text": "Prisoners first.", "language": "en", "participant": anon_key(3)},
        ),
    ),
    "statement.moderate": (
        {"convener", "secretariat"},
        lambda c, s, p: ("POST", f"/api/statements/{p.pk}/moderation", {"decision": "accept"}),
    ),
    "statement.next": (
        EVERYONE,
        lambda c, s, p: ("GET", f"/api/consultations/{c.pk}/next?participant={anon_key(3)}", None),
    ),
    "statement.vote": (
        EVERYONE,
        lambda c, s, p: (
            "POST",
            f"/api/consultations/{c.pk}/votes",
            {"statement": s.pk, "choice": "agree", "participant": anon_key(3)},
        ),
    ),
    "consultation.results": (
        SIGNED_IN,
        lambda c, s, p: ("GET", f"/api/consultations/{c.pk}/results", None),
    ),
    "consultation.import": (
        {"convener"},
        lambda c, s, p: (
            "POST",
            f"/api/consultations/{c.pk}/import",
            {
                "votes_csv": (POLIS / "votes.csv").read_text(),
                "comments_csv": (POLIS / "comments.csv").read_text(),
            },
        ),
    ),
}


def test_the_matrix_covers_every_operation() -> None:
    assert set(MATRIX) == OPERATIONS


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(MATRIX))
def test_api_matrix(
    consultation: Consultation, pending: Statement, operation: str, role: str
) -> None:
    allowed, build = MATRIX[operation]
    first = consultation.statements.filter(state="accepted").order_by("id").first()
    assert first is not None
    method, url, body = build(consultation, first, pending)
    token = None if role == ANONYMOUS else token_of(role, "test")
    before = database_state()
    answer = call(role, method, url, body, token=token)
    if role in allowed:
        assert answer.status_code in (200, 201), answer.content
    else:
        assert answer.status_code in (401, 403), answer.content
        assert answer.json()["error"]
        assert database_state().changes_since(before) == []


def test_results_are_public_once_published(consultation: Consultation) -> None:
    url = f"/api/consultations/{consultation.pk}/results"
    assert call("anonymous", "GET", url).status_code == 403
    call("convener", "PATCH", f"/api/consultations/{consultation.pk}", {"results_published": True})
    answer = call("anonymous", "GET", url)
    assert answer.status_code == 200
    assert answer.json()["status"] == "none" and answer.json()["stale"] is False


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"statement": 999999, "choice": "agree"}, 404, "no statement 999999"),
        ({"statement": "{first}", "choice": "yes"}, 400, "agree, disagree or pass"),
        ({"statement": "{pending}", "choice": "agree"}, 400, "not open for votes"),
        ({"statement": "{first}", "choice": "agree", "participant": "x"}, 400, "cookies"),
        ({"statement": -1, "choice": "agree"}, 422, "statement"),
        ({"choice": "agree"}, 422, "statement"),
    ],
)
def test_bad_votes_through_the_api_change_nothing(
    consultation: Consultation,
    pending: Statement,
    body: dict[str, Any],
    status: int,
    message: str,
) -> None:
    first = consultation.statements.filter(state="accepted").order_by("id").first()
    assert first is not None
    ids = {"{first}": first.pk, "{pending}": pending.pk}
    body = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    if "participant" not in body:
        body["participant"] = anon_key(8)
    with unchanged():
        answer = call("anonymous", "POST", f"/api/consultations/{consultation.pk}/votes", body)
    assert answer.status_code == status, answer.content
    assert message in answer.json()["error"]
    assert Vote.objects.count() == 0


def test_a_huge_statement_through_the_api_is_refused(consultation: Consultation) -> None:
    url = f"/api/consultations/{consultation.pk}/statements"
    token = token_of("party1", "test")
    with unchanged():
        answer = call("party1", "POST", url, {"text": "w" * 20_000, "language": "en"}, token)
        assert answer.status_code == 400
        assert "at most 500 characters" in answer.json()["error"]
        answer = call("party1", "POST", url, {"text": "w" * 200_000, "language": "en"}, token)
        assert answer.status_code == 422
