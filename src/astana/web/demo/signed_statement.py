"""The signed document of the sandbox: a short joint statement of round 3, agreed by the three
demo parties, signed by each with a key made at load time (approved by the convener) and
published by the convener, so that the public record shows it and
``astana bundle --latest > bundle.json && astana verify bundle.json`` works at once.

The demo log has a witness (the observer's, key in ``var/demo-witness.key``): it cosigns the
checkpoint after the signatures and the publication, the statement requires one witness, and
the witness keeps the cosigned checkpoint in ``var/demo-witness.json``, so that ``astana audit
--witnessed var/demo-witness.json`` shows it if the log's latest entries are ever removed."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction

from astana.core.ledger import (
    SIG_TYPE_COSIGNATURE_V1,
    SignedNote,
    SignerKey,
    cosign_checkpoint,
    ed25519,
)
from astana.web.demo.users import demo_user
from astana.web.negotiation import actions as room
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Organisation, Round
from astana.web.signing import actions, log
from astana.web.signing.models import DocumentSignature, Witness

__all__ = ["DEMO_WITNESS", "JOINT_STATEMENT", "load_signed_statement", "witness_the_log"]

DEMO_WITNESS = "demo-witness.astana.local"

JOINT_STATEMENT = """@lang en

Joint statement of round 3

Article 1: Dialogue
1. The parties agree to continue the intra-Syrian dialogue in Astana.

Article 2: Next round
1. The next round shall take place within three months.

@lang ar

البيان المشترك للجولة الثالثة

المادة 1: الحوار
1. تتفق الأطراف على مواصلة الحوار السوري السوري في أستانا.

المادة 2: الجولة المقبلة
1. تعقد الجولة المقبلة خلال ثلاثة أشهر.
"""
PARTIES = ("party1", "party2", "party3")


@transaction.atomic
def load_signed_statement(
    rnd: Round, *, signers: tuple[str, ...] = PARTIES, publish: bool = True
) -> NegotiationText:
    """The joint statement, agreed, signed by ``signers`` and, with ``publish``, published."""
    text = room.text_create(
        user=demo_user("mediator"),
        round_id=rnd.pk,
        slug="joint-statement",
        titles={
            "en": "Joint statement of round 3",
            "ar": "البيان المشترك للجولة الثالثة",
            "ru": "Совместное заявление третьего раунда",
        },
        notation=JOINT_STATEMENT,
    )
    provisions = ["art_1", "art_1__para_1", "art_2", "art_2__para_1"]
    for name in PARTIES:
        for provision in provisions:
            text.refresh_from_db()
            room.position_set(
                user=demo_user(name),
                text_id=text.pk,
                based_on=text.version,
                provision=provision,
                stance="support",
            )
    for provision in provisions:
        for step in (room.provision_agree_ad_referendum, room.provision_confirm):
            text.refresh_from_db()
            step(
                user=demo_user("mediator"),
                text_id=text.pk,
                based_on=text.version,
                provision=provision,
            )
    for name in signers:
        private = ed25519.generate_private_key()
        key = actions.key_register(
            user=demo_user(name),
            process_slug=rnd.process.slug,
            name=f"{name} demo key",
            public_key=ed25519.public_key(private).hex(),
        )
        # the demo's convener "checked" the fingerprint with the delegate: it reads it here
        actions.key_approve(user=demo_user("convener"), key_id=key.pk, fingerprint=key.fingerprint)
        statement = actions.statement_for(user=demo_user(name), text_id=text.pk, revision=1)
        actions.signature_add(
            user=demo_user(name),
            text_id=text.pk,
            statement=str(statement),
            signature=base64.b64encode(statement.sign(private)).decode(),
        )
    assert DocumentSignature.objects.filter(text=text).count() == len(signers)
    if publish:
        text.refresh_from_db()
        actions.revision_publish(
            user=demo_user("convener"), text_id=text.pk, revision=1, based_on=text.version
        )
    witness_the_log(rnd)
    actions.witnesses_require(user=demo_user("convener"), text_id=text.pk, count=1)
    text.refresh_from_db()
    return text


def _witness_key() -> SignerKey:
    """The demo witness's cosigning key, made once and kept in ``var/demo-witness.key``."""
    return log.kept_key(
        Path(settings.VAR_DIR) / "demo-witness.key",
        lambda: SignerKey.generate(DEMO_WITNESS, SIG_TYPE_COSIGNATURE_V1),
    )


def witness_the_log(rnd: Round) -> Witness:
    """What ``astana witness --once`` does, in process: the convener registers the demo
    witness (once), which cosigns the current checkpoint and keeps it outside the database."""
    key = _witness_key()
    witness = Witness.objects.filter(name=key.name).first()
    if witness is None:
        observer = Organisation.objects.filter(slug="united-nations").exists()
        witness = actions.witness_register(
            user=demo_user("convener"),
            process_slug=rnd.process.slug,
            verifier_key=str(key.verifier),
            organisation="united-nations" if observer else "",
        )
    checkpoint = log.latest_checkpoint()
    assert checkpoint is not None
    cosigned = cosign_checkpoint(SignedNote.parse(checkpoint.note), key, int(time.time()))
    actions.cosignature_add(note=str(cosigned))
    state = {"size": checkpoint.size, "root": checkpoint.root, "note": str(cosigned)}
    (Path(settings.VAR_DIR) / "demo-witness.json").write_text(json.dumps(state))
    return witness
