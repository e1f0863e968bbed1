"""A NUL character in a form or a JSON body is refused with a clear 400 and writes
nothing (found by the hostile-input suite: on PostgreSQL, registering a signing key for the
process "\\x00" was a 500, as was any lookup by a slug holding one)."""

from __future__ import annotations

import pytest
from django.test import Client

from astana.web.accounts.models import User
from astana.web.processes.models import Round
from astana.web.signing.models import DelegateKey


@pytest.fixture
def party1(sandbox: Round) -> Client:
    client = Client()
    client.force_login(User.objects.get(username="party1"))
    return client


def test_a_form_with_nul_is_refused(party1: Client) -> None:
    response = party1.post("/en/signing/keys/", {"process": "\x00", "name": "k", "public_key": "x"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert not DelegateKey.objects.exists()


def test_a_json_body_with_nul_is_refused_as_json(party1: Client, sandbox: Round) -> None:
    response = party1.post(
        f"/api/rounds/{sandbox.pk}/caucus",
        '{"body": "a\\u0000b"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "A NUL character (U+0000)" in response.json()["error"]
