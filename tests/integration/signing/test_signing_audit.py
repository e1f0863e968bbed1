"""Every signing action writes its audit entry (through ``astana.web.common.audit``), and a
refused one writes none: registering, approving and revoking a key, registering a witness and
setting how many witnesses a text needs."""

from __future__ import annotations

import pytest
from tests.helpers.people import user

from astana.core.ledger import SIG_TYPE_COSIGNATURE_V1, SignerKey, ed25519, format_utc_time
from astana.web.common.errors import ActionError, Forbidden
from astana.web.common.models import AuditEntry
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Organisation
from astana.web.signing import actions
from astana.web.signing.models import DelegateKey

pytestmark = pytest.mark.django_db
PROCESS = "astana-platform"


def _last(action: str) -> AuditEntry:
    entry = AuditEntry.objects.filter(action=action).order_by("-id").first()
    assert entry is not None, f"no {action} audit entry"
    return entry


def _register(name: str = "party2") -> DelegateKey:
    return actions.key_register(
        user=user(name),
        process_slug=PROCESS,
        name="laptop",
        public_key=ed25519.public_key(ed25519.generate_private_key()).hex(),
    )


def test_key_register_is_audited_for_the_delegation(agreed: NegotiationText) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(Forbidden):
        _register("observer")
    assert AuditEntry.objects.count() == before
    key = _register()
    entry = _last("key.register")
    assert (entry.actor, entry.organisation, entry.round) == (
        user("party2"),
        key.organisation,
        None,
    )
    assert (entry.object_type, entry.object_id) == ("delegatekey", str(key.pk))
    assert entry.detail == {"process": PROCESS, "name": "laptop", "fingerprint": key.fingerprint}
    assert not entry.confidential


def test_key_approve_is_audited_with_its_log_entry(agreed: NegotiationText) -> None:
    key = _register()
    before = AuditEntry.objects.count()
    with pytest.raises(ActionError, match="fingerprint"):
        actions.key_approve(user=user("convener"), key_id=key.pk, fingerprint="00")
    assert AuditEntry.objects.count() == before
    actions.key_approve(user=user("convener"), key_id=key.pk, fingerprint=key.fingerprint)
    key.refresh_from_db()
    entry = _last("key.approve")
    assert entry.actor == user("convener") and entry.object_id == str(key.pk)
    assert key.approval_entry is not None
    assert entry.detail == {
        "process": PROCESS,
        "organisation": key.organisation.slug,
        "fingerprint": key.fingerprint,
        "compared": key.fingerprint,
        "entry": key.approval_entry.index,
    }


def test_key_revoke_is_audited_with_its_moment(agreed: NegotiationText) -> None:
    key = _register()
    actions.key_approve(user=user("convener"), key_id=key.pk, fingerprint=key.fingerprint)
    before = AuditEntry.objects.count()
    with pytest.raises(Forbidden):
        actions.key_revoke(user=user("party3"), key_id=key.pk)
    assert AuditEntry.objects.count() == before
    actions.key_revoke(user=user("party2"), key_id=key.pk)
    key.refresh_from_db()
    entry = _last("key.revoke")
    assert entry.actor == user("party2") and entry.object_type == "delegatekey"
    assert key.valid_until is not None and key.revocation_entry is not None
    assert entry.detail["valid_until"] == format_utc_time(key.valid_until)
    assert entry.detail["entry"] == key.revocation_entry.index


def test_witness_register_is_audited(agreed: NegotiationText) -> None:
    verifier = str(SignerKey.generate("witness.example/un", SIG_TYPE_COSIGNATURE_V1).verifier)
    before = AuditEntry.objects.count()
    with pytest.raises(Forbidden):
        actions.witness_register(user=user("party1"), process_slug=PROCESS, verifier_key=verifier)
    assert AuditEntry.objects.count() == before
    witness = actions.witness_register(
        user=user("convener"),
        process_slug=PROCESS,
        verifier_key=verifier,
        organisation="united-nations",
    )
    entry = _last("witness.register")
    assert (entry.object_type, entry.object_id) == ("witness", str(witness.pk))
    assert witness.organisation == Organisation.objects.get(slug="united-nations")
    assert entry.detail == {
        "process": PROCESS,
        "name": "witness.example/un",
        "organisation": "united-nations",
    }


def test_witnesses_require_is_audited_in_the_texts_round(agreed: NegotiationText) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(Forbidden):
        actions.witnesses_require(user=user("party1"), text_id=agreed.pk, count=0)
    assert AuditEntry.objects.count() == before
    previous = agreed.witnesses_required
    actions.witnesses_require(user=user("convener"), text_id=agreed.pk, count=0)
    entry = _last("witnesses.require")
    assert (entry.round, entry.actor) == (agreed.round, user("convener"))
    assert (entry.object_type, entry.object_id) == ("negotiationtext", str(agreed.pk))
    assert entry.detail == {"count": 0, "previous": previous}
