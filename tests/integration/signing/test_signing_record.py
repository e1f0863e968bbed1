"""Signatures on exact revisions and the log behind them, end to end in the database: keys
approved by the convener, the server verifying before recording, a bundle that verifies
offline, and tampering that is caught."""

from __future__ import annotations

import base64
import copy
import dataclasses
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from astana.core.bundle import verify_bundle
from astana.core.ledger import SignerKey, audit_log, ed25519, format_utc_time
from astana.web.accounts.models import User
from astana.web.common.errors import ActionError, Forbidden
from astana.web.negotiation.models import NegotiationText
from astana.web.signing import actions, log
from astana.web.signing.bundle import build_bundle
from astana.web.signing.models import Checkpoint, DocumentSignature, LogLeaf

pytestmark = pytest.mark.django_db
ROADMAP = Path(__file__).resolve().parents[3] / "data" / "sandbox" / "round-3-roadmap.txt"


def test_the_sandbox_statement_is_signed_by_three_parties_and_its_bundle_verifies(
    statement: NegotiationText,
) -> None:
    assert DocumentSignature.objects.filter(text=statement).count() == 3
    bundle = json.loads(json.dumps(build_bundle(statement, 1)))  # as downloaded
    report = verify_bundle(bundle)
    assert report.ok, report.lines()
    assert sum(1 for c in report.checks if c.key == "signature" and c.ok) == 3
    pinned = verify_bundle(bundle, log_key=log.log_verifier())
    assert pinned.ok
    stranger = SignerKey.generate(log.log_origin()).verifier
    assert not verify_bundle(bundle, log_key=stranger).ok


def _last_signature(bundle: dict[str, Any]) -> dict[str, Any]:
    return next(e for e in reversed(bundle["entries"]) if "signature.added" in e["data"])


@pytest.mark.parametrize(
    "tamper",
    [
        lambda b: b["document"]["text"]["provisions"][0]["children"][0]["texts"].__setitem__(
            "en", "The parties agree to end the dialogue."
        ),
        lambda b: b["document"].__setitem__("sha256", "0" * 64),
        lambda b: _last_signature(b).__setitem__(
            "data", _last_signature(b)["data"].replace("party3", "party9")
        ),
        lambda b: (
            b["entries"][0]["proof"].reverse()
            if len(b["entries"][0]["proof"]) > 1
            else b["entries"][0]["proof"].append(base64.b64encode(b"x" * 32).decode())
        ),
        lambda b: b.__setitem__("checkpoint", b["checkpoint"].replace("\n", "\n\n", 1)),
        lambda b: b["entries"].pop(0),  # the revision.issued entry
        lambda b: b["entries"].pop(1),  # a key's approval
        lambda b: b.__setitem__("format", "something/else"),
        lambda b: b.__setitem__("witnesses_required", 1),
    ],
)
def test_any_tampering_with_a_bundle_is_detected(statement: NegotiationText, tamper) -> None:
    bundle = copy.deepcopy(build_bundle(statement, 1))
    tamper(bundle)
    report = verify_bundle(bundle)
    assert not report.ok, report.lines()


def test_the_whole_log_audits_and_tampering_names_the_entry(statement: NegotiationText) -> None:
    entries = [bytes(leaf.data, "utf-8") for leaf in LogLeaf.objects.order_by("index")]
    checkpoints = [c.note for c in Checkpoint.objects.order_by("size")]
    assert audit_log(entries, checkpoints, log.log_verifier()).ok
    broken = list(entries)
    broken[2] = broken[2][:-3] + bytes([broken[2][-3] ^ 1]) + broken[2][-2:]
    report = audit_log(broken, checkpoints, log.log_verifier())
    assert not report.ok and report.first_bad_entry == 2


def test_signatures_are_refused_unless_everything_holds(statement: NegotiationText) -> None:
    party1 = User.objects.get(username="party1")
    private = ed25519.generate_private_key()
    key = actions.key_register(
        user=party1,
        process_slug="astana-platform",
        name="second key",
        public_key=base64.b64encode(ed25519.public_key(private)).decode(),
    )
    signed = actions.statement_for(user=party1, text_id=statement.pk, revision=1)
    good_signature = base64.b64encode(signed.sign(private)).decode()
    before = (DocumentSignature.objects.count(), LogLeaf.objects.count())
    with pytest.raises(ActionError, match="does not verify"):  # the key is not approved yet
        actions.signature_add(
            user=party1, text_id=statement.pk, statement=str(signed), signature=good_signature
        )
    with pytest.raises(Forbidden):
        actions.key_approve(
            user=User.objects.get(username="mediator"), key_id=key.pk, fingerprint=key.fingerprint
        )
    # The convener approves only with the fingerprint checked with the delegate out of band.
    convener = User.objects.get(username="convener")
    for unchecked in ("", "0000 " * 8, key.fingerprint[:-1]):
        with pytest.raises(ActionError, match="out of band"):
            actions.key_approve(user=convener, key_id=key.pk, fingerprint=unchecked)
    assert LogLeaf.objects.count() == before[1]
    actions.key_approve(user=convener, key_id=key.pk, fingerprint=key.fingerprint)
    # A statement made before the approval is refused: the key could not sign then.
    key.refresh_from_db()
    early = dataclasses.replace(signed, time=format_utc_time(key.valid_from - timedelta(seconds=1)))
    early_signature = base64.b64encode(early.sign(private)).decode()
    with pytest.raises(ActionError, match="older than the key's approval"):
        actions.signature_add(
            user=party1, text_id=statement.pk, statement=str(early), signature=early_signature
        )
    # Fetched after the approval (the clock may have crossed a second since the first one).
    signed = actions.statement_for(user=party1, text_id=statement.pk, revision=1)
    good_signature = base64.b64encode(signed.sign(private)).decode()
    before = (DocumentSignature.objects.count(), LogLeaf.objects.count())
    with pytest.raises(ActionError, match="already signed"):
        actions.signature_add(
            user=party1, text_id=statement.pk, statement=str(signed), signature=good_signature
        )
    forged = str(signed).replace("party1", "party2")
    with pytest.raises(ActionError):
        actions.signature_add(
            user=party1, text_id=statement.pk, statement=forged, signature=good_signature
        )
    with pytest.raises(ActionError, match="base64"):
        actions.signature_add(
            user=party1, text_id=statement.pk, statement=str(signed), signature="not base64!"
        )
    with pytest.raises(Forbidden):
        actions.statement_for(
            user=User.objects.get(username="observer"), text_id=statement.pk, revision=1
        )
    assert (DocumentSignature.objects.count(), LogLeaf.objects.count()) == before


def test_keys_register_approve_and_revoke(statement: NegotiationText) -> None:
    party2 = User.objects.get(username="party2")
    with pytest.raises(ActionError, match="32 bytes"):
        actions.key_register(
            user=party2, process_slug="astana-platform", name="bad", public_key="abcd"
        )
    with pytest.raises(Forbidden):
        actions.key_register(
            user=User.objects.get(username="observer"),
            process_slug="astana-platform",
            name="k",
            public_key=ed25519.public_key(ed25519.generate_private_key()).hex(),
        )
    key = actions.key_register(
        user=party2,
        process_slug="astana-platform",
        name="k",
        public_key=ed25519.public_key(ed25519.generate_private_key()).hex(),
    )
    size = log.tree_size()
    actions.key_approve(
        user=User.objects.get(username="convener"), key_id=key.pk, fingerprint=key.fingerprint
    )
    actions.key_revoke(user=party2, key_id=key.pk)
    assert log.tree_size() == size + 2
    assert list(LogLeaf.objects.order_by("-index").values_list("event", flat=True)[:2]) == [
        "key.revoked",
        "key.approved",
    ]


def test_a_key_is_revoked_from_a_past_moment_and_signatures_after_it_fail(
    statement: NegotiationText,
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    signed = DocumentSignature.objects.filter(text=statement).select_related("key").first()
    assert signed is not None
    key = signed.key
    with pytest.raises(ActionError, match="not a future"):
        actions.key_revoke(
            user=User.objects.get(username="convener"),
            key_id=key.pk,
            valid_until=timezone.now() + timedelta(days=1),
        )
    with pytest.raises(ActionError, match="before the key's approval"):
        actions.key_revoke(
            user=User.objects.get(username="convener"),
            key_id=key.pk,
            valid_until=key.valid_from - timedelta(days=1),
        )
    # Compromised from the moment of its approval: the signature made with it no longer holds.
    actions.key_revoke(
        user=User.objects.get(username="convener"), key_id=key.pk, valid_until=key.valid_from
    )
    report = verify_bundle(build_bundle(statement, 1), log_key=log.log_verifier())
    assert not report.ok
    assert any("revoked before the signature" in line for line in report.lines())


def test_the_signed_document_downloads_as_pdf_with_its_signature_page(
    statement: NegotiationText,
) -> None:
    import subprocess
    import tempfile

    from django.test import Client

    response = Client().get(f"/ar/record/signed/{statement.pk}/1.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(response.content)
        pdf.flush()
        text = subprocess.run(
            ["pdftotext", pdf.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    assert statement.revisions.get(number=1).sha256 in text.replace("\n", "").replace(" ", "")
    assert "party1" in text and "party3" in text
    assert Client().get(f"/en/record/signed/{statement.pk}/9.pdf").status_code == 404


def test_the_logs_plain_sql_names_the_models_tables() -> None:
    from astana.web.signing.models import Checkpoint as CheckpointRow
    from astana.web.signing.models import LogHead, LogNode

    assert f"INTO {LogNode._meta.db_table} " in log.INSERT_NODE
    assert f"INTO {LogLeaf._meta.db_table} " in log.INSERT_LEAF
    assert f"UPDATE {LogHead._meta.db_table} " in log.UPDATE_HEAD
    assert f"INTO {CheckpointRow._meta.db_table} " in log.INSERT_CHECKPOINT


def test_revisions_and_revocations_keep_their_log_entries_and_old_ones_are_linked_once(
    statement: NegotiationText,
) -> None:
    """A bundle takes a revision's ``revision.issued`` entry and a key's ``key.revoked`` entry
    from the rows (no search through the log's text); the migrations link rows that predate
    the columns to the same entries a search finds."""
    import importlib

    from django.apps import apps

    from astana.web.negotiation.models import TextRevision
    from astana.web.signing.models import DelegateKey

    revision = TextRevision.objects.get(text=statement, number=1)
    assert revision.log_entry is not None and revision.log_entry.event == "revision.issued"
    assert f"\ndocument {statement.document_id}\n" in revision.log_entry.data
    assert revision.sha256 in revision.log_entry.data
    key = DocumentSignature.objects.filter(text=statement).first().key  # type: ignore[union-attr]
    actions.key_revoke(user=User.objects.get(username="convener"), key_id=key.pk)
    key.refresh_from_db()
    assert key.revocation_entry is not None and key.revocation_entry.event == "key.revoked"
    bundled = {e["index"] for e in build_bundle(statement, 1)["entries"]}
    assert {revision.log_entry.index, key.revocation_entry.index} <= bundled

    expected = (revision.log_entry_id, key.revocation_entry_id)
    TextRevision.objects.filter(pk=revision.pk).update(log_entry=None)
    DelegateKey.objects.filter(pk=key.pk).update(revocation_entry=None)
    for module in (
        "astana.web.negotiation.migrations.0005_textrevision_log_entry",
        "astana.web.signing.migrations.0002_delegatekey_revocation_entry",
    ):
        importlib.import_module(module).link_existing(apps, None)
    revision.refresh_from_db()
    key.refresh_from_db()
    assert (revision.log_entry_id, key.revocation_entry_id) == expected
