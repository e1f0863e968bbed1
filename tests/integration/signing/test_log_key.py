"""Several servers sign one log with one key: a server whose log key (or origin) is not the one
that signed the log so far, such as a second host that made a key of its own in its ``var/``,
writes nothing to the log; the action that needed the log is refused with 503, changing
nothing, and ``astana serve`` refuses to start on such a database (tests/system)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from tests.helpers.people import bearer, token_of
from tests.helpers.unchanged import unchanged

from astana.core.ledger import SignerKey
from astana.web.negotiation.models import NegotiationText
from astana.web.signing import log

from .conftest import sign

pytestmark = pytest.mark.django_db

ATTRIBUTES = {"document": "test/text", "revision": "1", "revision-sha256": "0" * 64}


def another_key(monkeypatch: pytest.MonkeyPatch) -> SignerKey:
    """This process signs with another key from now on, as a second host with its own would."""
    assert log.tree_size() and log.log_key_problem() is None  # the log has checkpoints
    other = SignerKey.generate(log.log_origin())
    monkeypatch.setattr(log, "log_signer", lambda: other)
    return other


def test_another_key_appends_nothing_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    log.append("document.published", "test", ATTRIBUTES)
    another_key(monkeypatch)
    problem = log.log_key_problem()
    assert problem is not None
    assert log.log_fingerprint() in problem and "ASTANA_LOG_SIGNER" in problem
    size = log.tree_size()
    with unchanged(), pytest.raises(log.LogKeyError) as refused:
        log.append("document.published", "test", ATTRIBUTES)
    assert refused.value.status == 503 and "Nothing was saved" in str(refused.value)
    assert log.tree_size() == size


def test_another_origin_is_another_log(monkeypatch: pytest.MonkeyPatch) -> None:
    log.append("document.published", "test", ATTRIBUTES)
    monkeypatch.setattr(log, "log_origin", lambda: "elsewhere.example/log")
    problem = log.log_key_problem()
    assert problem is not None and "elsewhere.example/log" in problem


def test_an_action_that_needs_the_log_is_refused_with_503(
    agreed: NegotiationText, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign(agreed, "party1")
    agreed.refresh_from_db()
    another_key(monkeypatch)
    token = token_of("convener")

    def publish(language: str) -> object:
        return Client().post(
            f"/api/texts/{agreed.pk}/revisions/1/publish",
            json.dumps({"based_on": agreed.version}),
            content_type="application/json",
            headers={**bearer(token), "Accept-Language": language},
        )

    with unchanged():
        response = publish("en")
        assert response.status_code == 503, response.content  # type: ignore[attr-defined]
        assert "Nothing was saved" in response.json()["error"]  # type: ignore[attr-defined]
        arabic = publish("ar")
        assert arabic.status_code == 503 and "لم يُحفظ شيء" in arabic.json()["error"]  # type: ignore[attr-defined]
