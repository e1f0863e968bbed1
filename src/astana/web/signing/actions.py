"""Writes of the public record: ``key.register``, ``key.approve``, ``key.revoke``,
``signature.add``, ``revision.publish``, ``witness.register``, ``cosignature.add``. Each is
atomic, checks roles, writes the audit entry, and appends to the log what the public must be
able to verify."""

from __future__ import annotations

import base64
import binascii
import re
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from astana.core.actions import Action, may
from astana.core.ledger import (
    Checkpoint as CoreCheckpoint,
)
from astana.core.ledger import (
    LogEntry,
    NoteError,
    SignatureStatement,
    SignedNote,
    VerifierKey,
    format_utc_time,
    open_checkpoint,
    same_fingerprint,
)
from astana.core.roles import Role
from astana.core.text import Document, adoptable
from astana.core.text.characters import document_problems
from astana.web.accounts.access import permit, roles_in_process
from astana.web.accounts.models import User
from astana.web.accounts.second_factor import require_second_factor
from astana.web.common.access import process_named
from astana.web.common.audit import audit
from astana.web.common.characters import checked_plain, checked_text
from astana.web.common.errors import ActionError, Forbidden, NotFound
from astana.web.common.events import event
from astana.web.negotiation.access import access_text
from astana.web.negotiation.actions.common import bump, check_version, positions_of, revision_of
from astana.web.negotiation.models import NegotiationText
from astana.web.negotiation.presenting import delegation_name
from astana.web.processes.models import Organisation, Process
from astana.web.signing import log
from astana.web.signing.models import (
    Checkpoint,
    Cosignature,
    DelegateKey,
    DocumentSignature,
    RevisionPublication,
    Witness,
)
from astana.web.signing.selectors import signed_revision

__all__ = [
    "cosignature_add",
    "key_approve",
    "key_register",
    "key_revoke",
    "refuse_unsafe",
    "revision_publish",
    "signature_add",
    "statement_for",
    "witness_register",
    "witnesses_require",
]

CLOCK_SKEW = timedelta(minutes=10)
_HEX = re.compile(r"^[0-9a-f]{64}$")


def parse_public_key(text: str) -> bytes:
    """A raw 32-byte Ed25519 public key, given in hex or base64."""
    text = text.strip()
    if _HEX.match(text.lower()):
        return bytes.fromhex(text.lower())
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ActionError(_("The public key must be 32 bytes in hex or base64.")) from error
    if len(raw) != 32:
        raise ActionError(_("The public key must be 32 bytes in hex or base64."))
    return raw


def _signing_role(roles: frozenset[Role]) -> str | None:
    """The role a delegate signs in: the first of theirs that carries the right to sign."""
    return next((r.value for r in Role if r in roles and may({r}, Action.SIGNATURE_ADD)), None)


def _delegation(user: User, process: Process) -> Organisation:
    """The organisation ``user`` signs for in ``process`` (a party or a guarantor)."""
    person = getattr(user, "person", None)
    if person is None:
        raise Forbidden(_("Only a delegate of a party or guarantor holds a signing key."))
    for membership in person.memberships.select_related("organisation"):
        roles = process.participations.filter(organisation=membership.organisation).values_list(
            "role", flat=True
        )
        if may({Role(role) for role in roles}, Action.KEY_REGISTER):
            organisation: Organisation = membership.organisation
            return organisation
    raise Forbidden(_("Only a delegate of a party or guarantor holds a signing key."))


@transaction.atomic
def key_register(*, user: User, process_slug: str, name: str, public_key: str) -> DelegateKey:
    """A delegate registers a public key; it signs nothing until the convener approves it."""
    process = process_named(process_slug)
    organisation = _delegation(user, process)
    require_second_factor(user, process, roles_in_process(user, process), Action.KEY_REGISTER)
    name = checked_plain(name.strip(), "The key name")
    if not name or len(name) > 120:
        raise ActionError(_("A key name of 1 to 120 characters is needed."))
    raw = parse_public_key(public_key)
    if DelegateKey.objects.filter(public_key=raw.hex()).exists():
        raise ActionError(_("This public key is already registered."))
    key = DelegateKey.objects.create(
        user=user, organisation=organisation, process=process, name=name, public_key=raw.hex()
    )
    audit(
        user,
        Action.KEY_REGISTER,
        key,
        key.pk,
        for_organisation=organisation,
        process=process.slug,
        name=name,
        fingerprint=key.fingerprint,
    )
    return key


def _convener(user: User, key: DelegateKey, action: Action) -> Process:
    """The key's process, if ``user`` convenes it (conveners approve and revoke keys)."""
    roles = roles_in_process(user, key.process)
    permit(
        user,
        key.process,
        roles,
        action,
        refusal="Only the convener approves or revokes signing keys.",
    )
    return key.process


@transaction.atomic
def key_approve(*, user: User, key_id: int, fingerprint: str) -> DelegateKey:
    """The convener approves a pending key after checking its fingerprint with the delegate out
    of band (in person, by phone): ``fingerprint`` is what they confirmed, and must be the
    key's. Without that check a server could slip its own key in for the delegate's."""
    key = (
        DelegateKey.objects.select_for_update()
        .select_related("organisation", "user")
        .filter(pk=key_id)
        .first()
    )
    if key is None:
        raise NotFound(_("There is no key %(key_id)s.") % {"key_id": key_id})
    process = _convener(user, key, Action.KEY_APPROVE)
    if key.state != DelegateKey.State.PENDING:
        raise ActionError(_("The key is %(state)s, not pending.") % {"state": key.state})
    compared = " ".join(re.sub(r"[\s:]", "", fingerprint).lower()[i : i + 4]
                        for i in range(0, 32, 4)).strip()  # fmt: skip
    if not fingerprint.strip():
        raise ActionError(
            _(
                "Type the fingerprint the delegate read to you from their keys page (compared "
                "out of band, in person or by phone); this key's is %(key)s. Nothing was approved."
            )
            % {"key": key.fingerprint}
        )
    if len(fingerprint) > 200 or not same_fingerprint(fingerprint, bytes.fromhex(key.public_key)):
        raise ActionError(
            _(
                "The fingerprint you compared out of band (%(typed)s) is not this key's "
                "(%(key)s). Nothing was approved. Ask the delegate to read it again from their "
                "keys page; if it still differs, the key registered is not the one in their "
                "browser: do not approve it."
            )
            % {"typed": fingerprint.strip()[:80], "key": key.fingerprint}
        )
    now = timezone.now().replace(microsecond=0)
    entry = log.append(
        "key.approved",
        process.slug,
        {
            "approved-by": user.get_username(),
            "organisation": key.organisation.slug,
            "public-key": base64.b64encode(bytes.fromhex(key.public_key)).decode(),
            "signer": key.user.get_username(),
            "valid-from": format_utc_time(now.astimezone(UTC)),
        },
        indexed=True,  # its audit entry names it
    )
    key.state = DelegateKey.State.APPROVED
    key.approved_by = user
    key.valid_from = now
    key.approval_entry = entry
    key.save()
    audit(
        user,
        Action.KEY_APPROVE,
        key,
        key.pk,
        process=process.slug,
        organisation=key.organisation.slug,
        fingerprint=key.fingerprint,
        # What the convener typed after comparing it with the delegate out of band.
        compared=compared,
        entry=entry.index,
    )
    return key


@transaction.atomic
def key_revoke(*, user: User, key_id: int, valid_until: datetime | None = None) -> DelegateKey:
    """The convener, or the key's owner, revokes a key from ``valid_until`` on: now by default,
    or an earlier moment (not before the approval) when the key was compromised earlier."""
    key = (
        DelegateKey.objects.select_for_update()
        .select_related("organisation", "user", "process")
        .filter(pk=key_id)
        .first()
    )
    if key is None:
        raise NotFound(_("There is no key %(key_id)s.") % {"key_id": key_id})
    if key.user_id != user.pk:
        _convener(user, key, Action.KEY_REVOKE)
    else:  # a delegate revoking their own key (a stolen session must not cut them off)
        roles = roles_in_process(user, key.process)
        require_second_factor(user, key.process, roles, Action.KEY_REVOKE)
    if key.state == DelegateKey.State.REVOKED:
        raise ActionError(_("The key is already revoked."))
    now = timezone.now().replace(microsecond=0)
    until = (valid_until or now).astimezone(UTC).replace(microsecond=0)
    if until > now:
        raise ActionError(_("A key is revoked from now or from a past moment, not a future one."))
    if key.valid_from and until < key.valid_from:
        raise ActionError(_("The revocation cannot start before the key's approval."))
    if key.state == DelegateKey.State.APPROVED:
        key.revocation_entry = log.append(
            "key.revoked",
            key.process.slug,
            {
                "public-key": base64.b64encode(bytes.fromhex(key.public_key)).decode(),
                "signer": key.user.get_username(),
                "valid-until": format_utc_time(until),
            },
            indexed=True,  # its audit entry names it
        )
    key.state = DelegateKey.State.REVOKED
    key.valid_until = until
    key.save()
    audit(
        user,
        Action.KEY_REVOKE,
        key,
        key.pk,
        process=key.process.slug,
        organisation=key.organisation.slug,
        valid_until=format_utc_time(until),
        entry=key.revocation_entry.index if key.revocation_entry else None,
    )
    return key


def statement_for(
    *, user: User, text_id: int, revision: int, reservation: str = ""
) -> SignatureStatement:
    """The exact statement the delegate is asked to sign now (shown before signing)."""
    actor, text = access_text(user, text_id, need=Action.SIGNATURE_STATEMENT)
    row = text.revisions.filter(number=revision).first()
    if row is None:
        raise NotFound(_("This text has no Rev.%(revision)s.") % {"revision": revision})
    role = _signing_role(actor.roles)
    if role is None:
        raise Forbidden(_("Only parties and guarantors sign."))
    reservation = SignatureStatement.normalise(reservation.strip())
    if len(reservation) > 5000:
        raise ActionError(_("The reservation is longer than 5,000 characters."))
    reservation = checked_text(reservation, "The reservation", line_breaks=True)
    return SignatureStatement(
        process=text.round.process.slug,
        document=text.document_id,
        revision=row.number,
        revision_sha256=row.sha256,
        signer=user.get_username(),
        role=role,
        time=format_utc_time(datetime.now(UTC).replace(microsecond=0)),
        reservation=reservation or None,
    )


def refuse_unsafe(document: Document, number: int) -> None:
    """Refuse to sign a revision stored with direction controls or invisible characters (input
    refuses them since; an older text is shown with them revealed, never signed)."""
    found = document_problems(document)
    if found:
        where, language, problem = found[0]
        raise ActionError(
            _(
                "Rev.%(number)s cannot be signed: it contains a character that changes "
                "what is displayed (%(where)s, %(language)s, %(problem)s; %(count)s in "
                "all). The mediator issues a revision without them."
            )
            % {
                "number": number,
                "where": where,
                "language": language,
                "problem": problem,
                "count": len(found),
            }
        )


@transaction.atomic
def signature_add(*, user: User, text_id: int, statement: str, signature: str) -> DocumentSignature:
    """Record a delegate's signature after verifying it against their approved key."""
    actor, text = access_text(user, text_id, need=Action.SIGNATURE_ADD)
    try:
        parsed = SignatureStatement.parse(statement)
    except ValueError as error:
        raise ActionError(
            _("The signed statement is not in the canonical form: %(error)s") % {"error": error}
        ) from error
    try:
        raw_signature = base64.b64decode(signature.strip(), validate=True)
    except (binascii.Error, ValueError) as error:
        raise ActionError(_("The signature must be base64.")) from error
    latest = text.revisions.order_by("-number").first()
    assert latest is not None
    expected = {
        "process": text.round.process.slug,
        "document": text.document_id,
        "signer": user.get_username(),
        "revision": latest.number,
        "revision_sha256": latest.sha256,
    }
    for field, value in expected.items():
        if getattr(parsed, field) != value:
            raise ActionError(
                _(
                    "The statement's %(value)s is %(value2)s, not %(value3)s: sign the "
                    "statement of the latest revision shown to you."
                )
                % {
                    "value": field.replace("_", "-"),
                    "value2": repr(getattr(parsed, field)),
                    "value3": repr(value),
                }
            )
    if parsed.reservation is not None:
        checked_text(parsed.reservation, "The statement's reservation", line_breaks=True)
    refuse_unsafe(revision_of(latest).document, latest.number)
    if not adoptable(revision_of(latest).document, positions_of(text)):
        raise ActionError(
            _("Rev.%(number)s is not adoptable: only an agreed text is signed.")
            % {"number": latest.number}
        )
    role = _signing_role(actor.roles)
    if role is None or actor.delegation is None or parsed.role != role:
        raise Forbidden(_("Only parties and guarantors sign, in their own role."))
    signed_at = datetime.strptime(parsed.time, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    if abs(timezone.now() - signed_at) > CLOCK_SKEW:
        raise ActionError(
            _("The statement's time is more than 10 minutes from now; fetch it again.")
        )
    keys = DelegateKey.objects.filter(
        user=user, organisation=actor.delegation, state=DelegateKey.State.APPROVED
    )
    key = next((k for k in keys if parsed.verify(bytes.fromhex(k.public_key), raw_signature)), None)
    if key is None:
        raise ActionError(_("The signature does not verify with any approved key of yours."))
    if key.valid_from and signed_at < key.valid_from:
        raise ActionError(_("The statement is older than the key's approval."))
    if DocumentSignature.objects.filter(
        text=text, revision=latest.number, organisation=actor.delegation
    ).exists():
        raise ActionError(
            _("Your delegation has already signed Rev.%(number)s.") % {"number": latest.number}
        )
    entry = log.append_entry(
        lambda seq: LogEntry.signature_added(
            seq=seq,
            statement=parsed,
            public_key=bytes.fromhex(key.public_key),
            signature=raw_signature,
        ),
        indexed=True,  # its audit entry and the publication name it
    )
    signed = DocumentSignature.objects.create(
        text=text,
        revision=latest.number,
        revision_sha256=latest.sha256,
        key=key,
        organisation=actor.delegation,
        statement=str(parsed),
        signature=base64.b64encode(raw_signature).decode(),
        reservation=parsed.reservation or "",
        signed_at=signed_at,
        entry=entry,
    )
    audit(actor, Action.SIGNATURE_ADD, signed, signed.pk, revision=latest.number, entry=entry.index)
    reserved, number, delegation = bool(parsed.reservation), latest.number, actor.delegation
    event(
        text.round,
        Action.SIGNATURE_ADD,
        lambda: (
            (
                _("%(delegation)s signed Rev.%(n)s with a reservation")
                if reserved
                else _("%(delegation)s signed Rev.%(n)s")
            )
            % {"delegation": delegation_name(delegation), "n": number}
        ),
        text,
    )
    return signed


@transaction.atomic
def witness_register(
    *, user: User, process_slug: str, verifier_key: str, organisation: str = ""
) -> Witness:
    """The convener registers a witness's cosigning key (a C2SP ``vkey`` of type 0x04)."""
    process = process_named(process_slug)
    roles = roles_in_process(user, process)
    permit(
        user,
        process,
        roles,
        Action.WITNESS_REGISTER,
        refusal="Only the convener registers witnesses.",
    )
    try:
        key = VerifierKey.parse(verifier_key.strip())
    except ValueError as error:
        raise ActionError(_("Not a verifier key: %(error)s") % {"error": error}) from error
    if key.sig_type != 0x04:
        raise ActionError(_("A witness key is a cosignature/v1 key (type 0x04)."))
    if Witness.objects.filter(name=key.name).exists():
        raise ActionError(
            _("A witness named %(name)s is already registered.") % {"name": repr(key.name)}
        )
    org = Organisation.objects.filter(slug=organisation).first() if organisation else None
    if organisation and org is None:
        raise ActionError(
            _("There is no organisation %(organisation)s.") % {"organisation": repr(organisation)}
        )
    witness = Witness.objects.create(name=key.name, verifier_key=str(key), organisation=org)
    audit(
        user,
        Action.WITNESS_REGISTER,
        witness,
        witness.pk,
        process=process.slug,
        name=witness.name,
        organisation=organisation,
    )
    return witness


@transaction.atomic
def cosignature_add(*, note: str) -> list[Witness]:
    """A witness hands back a checkpoint it cosigned; the cosignature itself authenticates it."""
    try:
        signed = SignedNote.parse(note)
        body = CoreCheckpoint.parse(signed.text)
    except (ValueError, NoteError) as error:
        raise ActionError(_("Not a signed checkpoint: %(error)s") % {"error": error}) from error
    stored = Checkpoint.objects.filter(size=body.size).first()
    if stored is None or SignedNote.parse(stored.note).text != signed.text:
        raise ActionError(_("This checkpoint was not published by this log."))
    open_checkpoint(SignedNote.parse(stored.note), log.log_verifier(), origin=log.log_origin())
    accepted = []
    for witness in Witness.objects.all():
        key = VerifierKey.parse(witness.verifier_key)
        for sig in signed.signatures:
            if sig.is_by(key) and sig.verify(key, signed.text):
                Cosignature.objects.update_or_create(
                    checkpoint=stored,
                    witness=witness,
                    # a cosignature/v1 payload starts with its 8-byte big-endian timestamp
                    defaults={
                        "line": str(sig),
                        "timestamp": int.from_bytes(sig.signature[:8], "big"),
                    },
                )
                accepted.append(witness)
    if not accepted:
        raise ActionError(_("No cosignature by a registered witness verifies on this checkpoint."))
    return accepted


@transaction.atomic
def witnesses_require(*, user: User, text_id: int, count: int) -> NegotiationText:
    """The convener sets how many registered witnesses must cosign a text's bundle."""
    actor, text = access_text(user, text_id)
    roles = roles_in_process(user, text.round.process)
    permit(
        user,
        text.round.process,
        roles,
        Action.WITNESSES_REQUIRE,
        refusal="Only the convener sets how many witnesses a document needs.",
    )
    registered = Witness.objects.count()
    if not 0 <= count <= registered:
        raise ActionError(
            _("Between 0 and %(registered)s witnesses (those registered) can be required.")
            % {"registered": registered}
        )
    previous = text.witnesses_required
    text.witnesses_required = count
    text.save(update_fields=["witnesses_required"])
    audit(actor, Action.WITNESSES_REQUIRE, text, text.pk, count=count, previous=previous)
    return text


@transaction.atomic
def revision_publish(
    *, user: User, text_id: int, revision: int, based_on: int
) -> RevisionPublication:
    """The convener publishes a signed revision: from now on anyone downloads its text, bundle
    and signed PDF and sees who signed. Before, the public record shows only its hash and how
    many parties signed. Based on the text's ``version``; appended to the log as
    ``document.published``."""
    actor, text = access_text(user, text_id, need=Action.REVISION_PUBLISH)
    check_version(text, based_on)
    if not text.revisions.filter(number=revision).exists():
        raise NotFound(_("This text has no Rev.%(revision)s.") % {"revision": revision})
    signed = signed_revision(text, revision)
    if signed is None:
        raise ActionError(
            _("Nobody has signed Rev.%(revision)s: there is nothing to publish.")
            % {"revision": revision}
        )
    if signed.publication is not None:
        raise ActionError(
            _("Rev.%(revision)s is already published (%(value)s UTC).")
            % {
                "revision": revision,
                "value": format(signed.publication.published_at, "%Y-%m-%d %H:%M"),
            }
        )
    now = timezone.now().replace(microsecond=0)
    entry = log.append(
        "document.published",
        text.round.process.slug,
        {
            "document": text.document_id,
            "parties": str(signed.expected),
            "parties-signed": str(signed.signed),
            "published-by": user.get_username(),
            "revision": str(revision),
            "revision-sha256": signed.sha256,
            # the signatures it counted: a bundle that leaves one out fails verification
            "signature-entries": " ".join(
                str(i) for i in sorted(s.entry.index for s in signed.signatures)
            ),
        },
        time=format_utc_time(now.astimezone(UTC)),
        indexed=True,  # its audit entry names it
    )
    publication = RevisionPublication.objects.create(
        text=text,
        revision=revision,
        revision_sha256=signed.sha256,
        published_by=user,
        published_at=now,
        entry=entry,
    )
    bump(text)
    audit(
        actor,
        Action.REVISION_PUBLISH,
        publication,
        publication.pk,
        revision=revision,
        entry=entry.index,
        signed=signed.signed,
        parties=signed.expected,
    )
    event(
        text.round,
        Action.REVISION_PUBLISH,
        lambda: (
            _("Rev.%(n)s published: %(signed)s of %(expected)s parties signed it")
            % {"n": revision, "signed": signed.signed, "expected": signed.expected}
        ),
        text,
    )
    return publication
