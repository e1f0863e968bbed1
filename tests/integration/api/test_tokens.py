"""Token authentication: a good token works and notes its use; a bad, malformed or revoked
one is 401 (even with a session); only a hash is stored; ``POST /api/tokens`` needs a
logged-in session and its CSRF token; ``astana token create`` prints a working token."""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from django.test import Client
from django.utils.crypto import get_random_string
from typer.testing import CliRunner

from astana.cli.tokens import app as token_cli
from astana.web.accounts.models import User
from astana.web.api.models import ApiToken
from astana.web.api.tokens import digest_of, token_create, token_revoke

from .conftest import Api, Room

pytestmark = pytest.mark.django_db


def _get(client: Client, path: str, token: str | None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.get(path, headers=headers).status_code


def test_good_token_reads_and_is_noted(room: Room) -> None:
    client = Client()
    path = f"/api/rounds/{room.round_id}/texts"
    assert _get(client, path, room.tokens["observer"]) == 200
    row = ApiToken.objects.get(digest=digest_of(room.tokens["observer"]))
    assert row.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer ast_not-a-real-token",
        "Bearer ",
        "Bearer " + "ast_" + "x" * 500,
        "Basic bWVkaWF0b3I6YXN0YW5hLWRlbW8=",
        "ast_no-scheme",
    ],
)
def test_bad_token_is_401(room: Room, header: str) -> None:
    response = Client().get(f"/api/rounds/{room.round_id}/texts", headers={"Authorization": header})
    assert response.status_code == 401
    assert "Authentication required" in response.json()["error"]


def test_revoked_token_is_401_even_with_a_session(room: Room) -> None:
    mediator = User.objects.get(username="mediator")
    row, token = token_create(user=mediator, name="to revoke")
    client = Client()
    path = f"/api/rounds/{room.round_id}/texts"
    assert _get(client, path, token) == 200
    token_revoke(user=mediator, token_id=row.pk)
    assert _get(client, path, token) == 401
    client.force_login(mediator)
    assert _get(client, path, token) == 401  # a bad header is not rescued by the session
    assert _get(client, path, None) == 200  # the session alone works for same-origin pages


def test_token_of_an_inactive_user_is_401(room: Room) -> None:
    User.objects.filter(username="party3").update(is_active=False)
    assert _get(Client(), f"/api/rounds/{room.round_id}/texts", room.tokens["party3"]) == 401


def test_only_the_hash_is_stored() -> None:
    row, token = token_create(user=User.objects.get(username="party1"), name="script")
    assert token.startswith("ast_") and len(token) == 4 + 43
    assert row.digest == digest_of(token) and token not in str(
        ApiToken.objects.filter(pk=row.pk).values().get()
    )


def test_minting_needs_a_session_and_csrf(room: Room) -> None:
    bearer = Client().post(
        "/api/tokens",
        {"name": "x"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {room.tokens['party1']}"},
    )
    assert bearer.status_code == 401
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(User.objects.get(username="party1"))
    no_csrf = browser.post("/api/tokens", {"name": "x"}, content_type="application/json")
    assert no_csrf.status_code == 403 and "CSRF" in no_csrf.json()["error"]
    csrf = get_random_string(32)  # what a page's CSRF cookie would hold
    browser.cookies[settings.CSRF_COOKIE_NAME] = csrf
    minted = browser.post(
        "/api/tokens",
        {"name": "notebook"},
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert minted.status_code == 201, minted.content
    token = minted.json()["token"]
    assert _get(Client(), f"/api/rounds/{room.round_id}/caucus", token) == 200
    assert ApiToken.objects.get(digest=digest_of(token)).name == "notebook"


def test_a_token_acts_with_the_users_rights(api: Api, room: Room) -> None:
    note = api.call("party1", "POST", f"/api/rounds/{room.round_id}/caucus", {"body": "By token."})
    assert note.status_code == 201 and note.json()["author"] == "party1"


def test_cli_creates_a_working_token(room: Room) -> None:
    runner = CliRunner()
    result = runner.invoke(token_cli, ["create", "party2", "--name", "from the CLI"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    assert token.startswith("ast_")
    response = Client().get(
        f"/api/rounds/{room.round_id}/caucus", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200 and "SECRET-CAUCUS-party2" in response.content.decode()
    listed = runner.invoke(token_cli, ["list", "party2"])
    assert "from the CLI" in listed.stdout and token not in listed.stdout
    row = ApiToken.objects.get(digest=digest_of(token))
    assert runner.invoke(token_cli, ["revoke", "party2", str(row.pk)]).exit_code == 0
    assert _get(Client(), f"/api/rounds/{room.round_id}/caucus", token) == 401


def test_cli_run_in_process_leaves_the_logging_alone(room: Room) -> None:
    """A command run in the same process does not set Django up again: its logging handler
    would write to the command's standard error, closed once it returns, and every later
    warning would fail to be written."""
    handlers = list(logging.getLogger().handlers)
    assert CliRunner().invoke(token_cli, ["list", "party2"]).exit_code == 0
    assert logging.getLogger().handlers == handlers
    streams = [getattr(h, "stream", None) for h in handlers]
    assert not any(getattr(stream, "closed", False) for stream in streams)


def test_cli_refuses_an_unknown_user() -> None:
    result = CliRunner().invoke(token_cli, ["create", "nobody-at-all"])
    assert result.exit_code == 2
    assert "There is no user 'nobody-at-all'" in result.output
