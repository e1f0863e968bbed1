"""What the tests of signing share: the sandbox's joint statement agreed and not yet signed,
a delegate signing it through the actions, and a client for each role."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from tests.helpers.people import DEMO_ROLES

from astana.core.ledger import ed25519
from astana.web.accounts.models import User
from astana.web.demo import load_sandbox, load_signed_statement
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round
from astana.web.signing import actions
from astana.web.signing.models import DocumentSignature

ROADMAP = Path(__file__).resolve().parents[3] / "data" / "sandbox" / "round-3-roadmap.txt"
READERS = list(DEMO_ROLES)  # every role of the round reads the text
OUTSIDERS = ["anonymous", "outsider"]  # the public, and a login with no role in the round
TITLE = "Joint statement of round 3"
TITLE_AR = "البيان المشترك للجولة الثالثة"
WORDING = "continue the intra-Syrian dialogue"
RESERVATION = "Subject to approval by our leadership in Istanbul."


def sign(text: NegotiationText, username: str, reservation: str = "") -> DocumentSignature:
    """``username`` makes a key, the convener approves it, and they sign the latest revision."""
    user = User.objects.get(username=username)
    private = ed25519.generate_private_key()
    key = actions.key_register(
        user=user,
        process_slug="astana-platform",
        name=f"{username} key",
        public_key=ed25519.public_key(private).hex(),
    )
    actions.key_approve(
        user=User.objects.get(username="convener"), key_id=key.pk, fingerprint=key.fingerprint
    )
    statement = actions.statement_for(
        user=user, text_id=text.pk, revision=1, reservation=reservation
    )
    return actions.signature_add(
        user=user,
        text_id=text.pk,
        statement=str(statement),
        signature=base64.b64encode(statement.sign(private)).decode(),
    )


def _agreed() -> NegotiationText:
    User.objects.create_user(username="outsider", password="x")
    return load_signed_statement(load_sandbox(ROADMAP), signers=(), publish=False)


@pytest.fixture(scope="module")
def _agreed_built(module_db: bool) -> int | None:
    """The agreed joint statement (on a sandbox of its own), built once per module (see
    ``module_db``); None where it cannot be."""
    return _agreed().pk if module_db else None


@pytest.fixture
def agreed(db: None, _agreed_built: int | None) -> NegotiationText:
    """The joint statement, agreed by the three parties and signed by nobody yet."""
    if _agreed_built is None:
        return _agreed()
    return NegotiationText.objects.get(pk=_agreed_built)


@pytest.fixture(scope="module")
def _statement_built(_sandbox_built: int | None) -> int | None:
    """The sandbox's joint statement signed by the three parties and published, built once per
    module on the module's sandbox (see ``module_db``); None where it cannot be."""
    if _sandbox_built is None:
        return None
    return load_signed_statement(Round.objects.get(pk=_sandbox_built)).pk


@pytest.fixture
def statement(sandbox: Round, _statement_built: int | None) -> NegotiationText:
    """The joint statement, signed by the three parties and published."""
    if _statement_built is None:
        return load_signed_statement(sandbox)
    return NegotiationText.objects.get(pk=_statement_built)
