"""Trojan Source at signing: a reservation with a direction override is refused whether it
comes through the statement or a statement crafted by hand, and a revision stored before such
characters were refused is shown with them revealed, flagged, and cannot be signed."""

from __future__ import annotations

import base64
import dataclasses
from pathlib import Path

import pytest
from django.test import Client
from tests.helpers.unchanged import database_state

from astana.core.ledger import SignatureStatement, ed25519
from astana.core.text import Revision
from astana.web.accounts.models import User
from astana.web.common.errors import ActionError
from astana.web.demo import DEMO_PASSWORD
from astana.web.negotiation.actions.common import revision_of
from astana.web.negotiation.models import NegotiationText
from astana.web.signing import actions

pytestmark = pytest.mark.django_db
ROADMAP = Path(__file__).resolve().parents[3] / "data" / "sandbox" / "round-3-roadmap.txt"
RLO = "\u202e"


def _guarantor_key() -> tuple[User, bytes]:
    guarantor = User.objects.get(username="guarantor")
    private = ed25519.generate_private_key()
    key = actions.key_register(
        user=guarantor,
        process_slug="astana-platform",
        name="guarantor key",
        public_key=ed25519.public_key(private).hex(),
    )
    actions.key_approve(
        user=User.objects.get(username="convener"), key_id=key.pk, fingerprint=key.fingerprint
    )
    return guarantor, private


def test_a_reservation_with_a_direction_override_is_refused(statement: NegotiationText) -> None:
    guarantor, private = _guarantor_key()
    before = database_state(counted=True)
    with pytest.raises(ActionError, match="U\\+202E RIGHT-TO-LEFT OVERRIDE"):
        actions.statement_for(
            user=guarantor, text_id=statement.pk, revision=1, reservation=f"{RLO}sruoh 2"
        )
    # A statement crafted by hand (its record format allows format characters) is refused too.
    fair = actions.statement_for(user=guarantor, text_id=statement.pk, revision=1)
    crafted = dataclasses.replace(fair, reservation=f"within {RLO}shtnom 81")
    assert SignatureStatement.parse(str(crafted)) == crafted
    with pytest.raises(ActionError, match="The statement's reservation contains a character"):
        actions.signature_add(
            user=guarantor,
            text_id=statement.pk,
            statement=str(crafted),
            signature=base64.b64encode(crafted.sign(private)).decode(),
        )
    assert database_state(counted=True).changes_since(before) == []
    # The same statement with a Persian reservation (ZWNJ between letters) is signed.
    persian = dataclasses.replace(
        fair, reservation="\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    )
    actions.signature_add(
        user=guarantor,
        text_id=statement.pk,
        statement=str(persian),
        signature=base64.b64encode(persian.sign(private)).decode(),
    )
    signatures = "signing_documentsignature"
    assert database_state(counted=True).counts[signatures] == before.counts[signatures] + 1


def test_a_revision_stored_with_an_override_is_revealed_flagged_and_not_signed(
    statement: NegotiationText,
) -> None:
    """As if stored before the refusal (the rows are written directly, the hash recomputed)."""
    row = statement.revisions.get(number=1)
    document = revision_of(row).document
    provision = document["art_1__para_1"]
    wording = str(provision.text("en"))
    stored = document.to_dict()
    stored["provisions"][0]["children"][0]["texts"]["en"] = f"{wording} within {RLO}shtnom 81"
    row.document = stored
    row.sha256 = Revision.from_dict({"number": 1, "document": stored}).hash
    row.save()
    guarantor, private = _guarantor_key()
    client = Client()
    assert client.login(username="guarantor", password=DEMO_PASSWORD)
    response = client.get(f"/en/texts/{statement.pk}/sign/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="unsafe-characters"' in html
    assert "art_1__para_1 (en): line 1, column" in html
    assert "⟦U+202E⟧shtnom 81" in html
    assert RLO not in html
    assert 'id="sign-form"' not in html
    fair = actions.statement_for(user=guarantor, text_id=statement.pk, revision=1)
    before = database_state()
    with pytest.raises(
        ActionError,
        match=r"Rev.1 cannot be signed: .* \(art_1__para_1, en, line 1, column \d+: U\+202E",
    ):
        actions.signature_add(
            user=guarantor,
            text_id=statement.pk,
            statement=str(fair),
            signature=base64.b64encode(fair.sign(private)).decode(),
        )
    assert database_state().changes_since(before) == []
