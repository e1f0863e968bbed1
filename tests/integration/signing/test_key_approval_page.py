"""The convener approves a signing key on the keys page by typing the fingerprint the delegate
read to them out of band: the page shows the key's fingerprint beside the field; a fingerprint
that is not the key's is refused with both shown, and nothing is written; the one compared is
in the audit entry of the approval."""

from __future__ import annotations

import pytest
from tests.helpers.people import login, user
from tests.helpers.unchanged import unchanged

from astana.core.ledger import ed25519
from astana.web.common.models import AuditEntry
from astana.web.negotiation.models import NegotiationText
from astana.web.signing import actions
from astana.web.signing.models import DelegateKey

pytestmark = pytest.mark.django_db


def _pending() -> DelegateKey:
    return actions.key_register(
        user=user("party2"),
        process_slug="astana-platform",
        name="laptop",
        public_key=ed25519.public_key(ed25519.generate_private_key()).hex(),
    )


def test_a_fingerprint_that_is_not_the_keys_is_refused_and_nothing_is_written(
    agreed: NegotiationText,
) -> None:
    key = _pending()
    convener = login("convener")
    page = convener.get("/en/signing/keys/").content.decode()
    assert key.fingerprint in page and 'name="fingerprint_compared"' in page
    assert 'type="checkbox" class="fingerprint' not in page  # no approval in one click
    other = "0000 " + key.fingerprint[5:]
    for typed in (other, "", "not a fingerprint at all"):
        with unchanged(f"an approval with the fingerprint {typed!r}"):
            response = convener.post(
                "/en/signing/keys/",
                {"step": "approve", "key": key.pk, "fingerprint_compared": typed},
            )
        assert response.status_code == 400
        refusal = response.content.decode().split('id="refusal"')[1].split("</p>")[0]
        assert key.fingerprint in refusal and "Nothing was approved" in refusal
    key.refresh_from_db()
    assert key.state == DelegateKey.State.PENDING


def test_the_mismatch_names_both_fingerprints_in_arabic_too(agreed: NegotiationText) -> None:
    key = _pending()
    other = "abcd " + key.fingerprint[5:]
    response = login("convener").post(
        "/ar/signing/keys/", {"step": "approve", "key": key.pk, "fingerprint_compared": other}
    )
    refusal = response.content.decode().split('id="refusal"')[1].split("</p>")[0]
    assert other in refusal and key.fingerprint in refusal and "لم تتم الموافقة" in refusal
    # What was typed stays in the field.
    assert f'value="{other}"' in response.content.decode()


def test_the_fingerprint_compared_is_approved_and_audited(agreed: NegotiationText) -> None:
    key = _pending()
    typed = key.fingerprint.upper().replace(" ", ":")  # as one might type it
    response = login("convener").post(
        "/en/signing/keys/", {"step": "approve", "key": key.pk, "fingerprint_compared": typed}
    )
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.state == DelegateKey.State.APPROVED
    entry = AuditEntry.objects.filter(action="key.approve").order_by("-id").first()
    assert entry is not None and entry.detail["compared"] == key.fingerprint


def test_only_the_convener_approves(agreed: NegotiationText) -> None:
    key = _pending()
    for role in ("host", "mediator", "party1", "party2", "observer", "secretariat"):
        with unchanged(f"{role} approving a key"):
            response = login(role).post(
                "/en/signing/keys/",
                {"step": "approve", "key": key.pk, "fingerprint_compared": key.fingerprint},
            )
        assert response.status_code in (403, 404), role


def test_the_keys_page_names_delegations_and_states_in_words(agreed: NegotiationText) -> None:
    """Both tables (the convener's keys to approve, the delegate's own keys) name the
    delegation, not its identifier, and the key's state in the reader's language."""
    key = _pending()
    for name, language, state in (
        ("convener", "ar", "بانتظار الموافقة"),
        ("party2", "en", "pending"),
    ):
        page = login(name).get(f"/{language}/signing/keys/").content.decode()
        row = page.split(f'data-public-key="{key.public_key}"')[1].split("</tr>")[0]
        organisation = key.organisation
        assert organisation.tr("name", language).text in row, (name, row)
        assert organisation.slug not in row.replace(f'"{organisation.slug}"', ""), (name, row)
        assert state in row, (name, row)
