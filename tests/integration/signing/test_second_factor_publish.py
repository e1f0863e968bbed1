"""A process that asks a second factor of its convener refuses ``revision.publish`` (and the
other acts that sign, approve keys or convene) to a convener whose session, or token, is not
verified by one: through the page, the API and the action alike, with a message pointing to
the enrolment page, and nothing changes. With the process's setting off the same convener
publishes; a verified session, or a token it made, publishes."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from tests.authenticator import VERIFY, code_of, enrolled

from astana.web.accounts.models import User
from astana.web.accounts.second_factor import second_factor_roles_set
from astana.web.api.tokens import token_create
from astana.web.common.errors import ActionError, Forbidden
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Process, Round
from astana.web.signing import actions
from astana.web.signing.models import DelegateKey, RevisionPublication

from .conftest import sign
from .test_publication import _state

pytestmark = pytest.mark.django_db

PROCESS = "astana-platform"


@pytest.fixture
def signed(agreed: NegotiationText) -> NegotiationText:
    """The joint statement signed by party1, in a process that asks the convener (and the
    parties) for a second factor."""
    sign(agreed, "party1")
    second_factor_roles_set(process_slug=PROCESS, roles=["convener", "party", "guarantor"])
    agreed.refresh_from_db()
    return agreed


def _api(url: str, body: object, token: str) -> object:
    return Client().post(
        url,
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_an_unverified_convener_is_refused_everywhere_and_nothing_changes(
    signed: NegotiationText,
) -> None:
    convener = User.objects.get(username="convener")
    before = _state(signed)
    with pytest.raises(Forbidden, match="/en/accounts/two-factor/"):
        actions.revision_publish(
            user=convener, text_id=signed.pk, revision=1, based_on=signed.version
        )
    page = Client()
    page.force_login(convener)
    url = f"/en/texts/{signed.pk}/signatures/"
    refused = page.post(url, {"revision": "1", "based_on": str(signed.version)})
    assert refused.status_code == 403
    html = refused.content.decode()
    assert 'id="refusal"' in html and "second factor" in html and "/en/accounts/two-factor/" in html
    _, token = token_create(user=convener, name="script")
    response = _api(
        f"/api/texts/{signed.pk}/revisions/1/publish", {"based_on": signed.version}, token
    )
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert "second factor" in response.json()["error"]  # type: ignore[attr-defined]
    assert _state(signed) == before
    assert not RevisionPublication.objects.exists()


def test_an_enrolled_but_unverified_session_is_told_to_enter_a_code(
    signed: NegotiationText,
) -> None:
    enrolled("convener")
    client = Client()
    client.force_login(User.objects.get(username="convener"))
    url = f"/en/texts/{signed.pk}/signatures/"
    refused = client.post(url, {"revision": "1", "based_on": str(signed.version)})
    assert refused.status_code == 403 and VERIFY in refused.content.decode()
    assert not RevisionPublication.objects.exists()


def test_with_the_setting_off_the_convener_publishes_without_a_second_factor(
    signed: NegotiationText,
) -> None:
    second_factor_roles_set(process_slug=PROCESS, roles=["party"])  # not the convener
    client = Client()
    client.force_login(User.objects.get(username="convener"))
    url = f"/en/texts/{signed.pk}/signatures/"
    done = client.post(url, {"revision": "1", "based_on": str(signed.version)})
    assert done.status_code == 302
    assert RevisionPublication.objects.filter(text=signed, revision=1).exists()


def test_a_verified_session_publishes_through_the_page(signed: NegotiationText) -> None:
    _, device, _ = enrolled("convener")
    client = Client()
    client.force_login(User.objects.get(username="convener"))
    assert client.post(VERIFY, {"code": code_of(device, 1)}).status_code == 302
    url = f"/en/texts/{signed.pk}/signatures/"
    done = client.post(url, {"revision": "1", "based_on": str(signed.version)})
    assert done.status_code == 302, done.content.decode()
    assert RevisionPublication.objects.filter(text=signed, revision=1).exists()


def test_a_token_made_by_a_verified_session_publishes_through_the_api(
    signed: NegotiationText,
) -> None:
    _, device, _ = enrolled("convener")
    client = Client()
    client.force_login(User.objects.get(username="convener"))
    plain = client.post("/api/tokens", json.dumps({"name": "before"}), "application/json")
    assert plain.status_code == 201
    url = f"/api/texts/{signed.pk}/revisions/1/publish"
    assert _api(url, {"based_on": signed.version}, plain.json()["token"]).status_code == 403  # type: ignore[attr-defined]
    assert client.post(VERIFY, {"code": code_of(device, 1)}).status_code == 302
    made = client.post("/api/tokens", json.dumps({"name": "verified"}), "application/json")
    assert made.status_code == 201
    done = _api(url, {"based_on": signed.version}, made.json()["token"])
    assert done.status_code == 201, done.content  # type: ignore[attr-defined]
    assert RevisionPublication.objects.filter(text=signed, revision=1).exists()


def test_keys_and_rounds_are_guarded_too(signed: NegotiationText) -> None:
    party2 = User.objects.get(username="party2")
    with pytest.raises(Forbidden, match="second factor"):
        actions.key_register(user=party2, process_slug=PROCESS, name="k", public_key="ab" * 32)
    assert not DelegateKey.objects.filter(user=party2).exists()
    second_factor_roles_set(process_slug=PROCESS, roles=[])
    key = actions.key_register(user=party2, process_slug=PROCESS, name="k", public_key="ab" * 32)
    second_factor_roles_set(process_slug=PROCESS, roles=["convener"])
    convener = User.objects.get(username="convener")
    with pytest.raises(Forbidden, match="second factor"):
        actions.key_approve(user=convener, key_id=key.pk, fingerprint=key.fingerprint)
    key.refresh_from_db()
    assert key.state == DelegateKey.State.PENDING
    from astana.web.negotiation import actions as room

    rounds = Round.objects.count()
    with pytest.raises(Forbidden, match="second factor"):
        room.round_create(
            user=convener,
            process_slug=PROCESS,
            slug="round-99",
            titles={"en": "Round 99"},
            venues={"en": "Astana"},
            start="2030-01-01",
        )
    assert Round.objects.count() == rounds


def test_the_setting_refuses_unknown_roles_and_a_new_process_asks_by_default() -> None:
    with pytest.raises(ActionError, match="Unknown role"):
        second_factor_roles_set(process_slug=PROCESS, roles=["convener", "king"])
    assert Process.objects.get(slug=PROCESS).second_factor_roles == []  # the demo turns it off
    assert Process.objects.get(slug="astana-format").second_factor_roles == [
        "convener",
        "mediator",
        "party",
        "guarantor",
    ]


def test_the_operator_sets_the_roles_from_the_command_line() -> None:
    from typer.testing import CliRunner

    from astana.cli import app

    runner = CliRunner()
    shown = runner.invoke(app, ["second-factor", "astana-format"])
    assert shown.exit_code == 0 and "convener, mediator, party, guarantor" in shown.output
    done = runner.invoke(app, ["second-factor", "astana-format", "party", "convener"])
    assert done.exit_code == 0, done.output
    assert Process.objects.get(slug="astana-format").second_factor_roles == ["convener", "party"]
    refused = runner.invoke(app, ["second-factor", "astana-format", "king"])
    assert refused.exit_code == 2 and "Unknown role" in refused.output
    assert Process.objects.get(slug="astana-format").second_factor_roles == ["convener", "party"]
    assert runner.invoke(app, ["second-factor", "astana-format", "--off"]).exit_code == 0
    assert Process.objects.get(slug="astana-format").second_factor_roles == []
