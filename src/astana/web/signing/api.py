"""The public record over HTTP. Public, no login: the latest checkpoint, entries, inclusion
and consistency proofs, a published signed document's bundle, and witnesses handing back
cosignatures (their cosignature authenticates them). Before the convener publishes a signed
revision its bundle goes only to readers of the text (the public gets a 404), and so do the
entries naming any revision not published (``revision.issued``, ``signature.added``: the
public gets their leaf hashes). Logged in: register, approve and revoke keys, fetch the
statement to sign, add a signature, publish a signed revision, register a witness."""

from __future__ import annotations

import base64
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Status

from astana.core.actions import Action
from astana.web.api.auth import API_AUTH, PUBLIC_AUTH, caller, reader
from astana.web.api.routing import Operations
from astana.web.api.schemas import BasedOnIn, Id
from astana.web.common.errors import ActionError, NotFound
from astana.web.signing import actions, log
from astana.web.signing.bundle import build_bundle
from astana.web.signing.models import (
    Checkpoint,
    LogLeaf,
)
from astana.web.signing.schemas import (
    AcceptedOut,
    ApproveIn,
    EntryOut,
    KeyIn,
    KeyOut,
    ProofOut,
    PublicationOut,
    RevokeIn,
    SignatureIn,
    SignatureOut,
    SignatureStatementOut,
    Size,
    WitnessIn,
    WitnessPolicyIn,
    WitnessPolicyOut,
)
from astana.web.signing.selectors import access_signed, withheld_entries

__all__ = ["OPERATIONS", "router"]

router = Router(tags=["public record"])
api = Operations(router)
MAX_ENTRIES = 1000


def _text_note(checkpoint: Checkpoint | None) -> HttpResponse:
    if checkpoint is None:
        raise NotFound(_("The log is empty: there is no checkpoint yet."))
    return HttpResponse(log.cosigned_note(checkpoint), content_type="text/plain; charset=utf-8")


@api.get("/log/checkpoint", "log.checkpoint", answer=str, auth=None)
def checkpoint_latest(request: HttpRequest) -> HttpResponse:
    """The newest checkpoint (C2SP signed note) with every witness cosignature recorded."""
    return _text_note(log.latest_checkpoint())


@api.get("/log/trust", "log.trust", auth=None)
def trust(request: HttpRequest) -> dict[str, Any]:
    """The trust file for ``astana verify --trust``: the log's key and fingerprint, and the
    witnesses' keys. Compare the fingerprint with the one the process publishes elsewhere (its
    letters, its site, a witness): a file from this server alone proves nothing about it."""
    return log.trust_file()


@api.get("/log/checkpoints/{size}", "log.checkpoint_at", answer=str, auth=None)
def checkpoint_at(request: HttpRequest, size: Size) -> HttpResponse:
    return _text_note(Checkpoint.objects.filter(size=size).first())


@api.get("/log/entries", "log.entries", auth=PUBLIC_AUTH)
def entries(
    request: HttpRequest,
    start: Query[Annotated[Size, Field(default=0)]] = 0,  # ``Size``'s Field alone makes it required
    end: Query[Size | None] = None,
) -> list[EntryOut]:
    """Entries ``start`` to ``end`` (exclusive), at most 1,000 at a time. An entry naming a
    revision the convener has not published (issued or signed) has ``data`` null, unless the
    caller may read the text; its ``leaf_hash`` (base64) is always given."""
    stop = min(end if end is not None else start + MAX_ENTRIES, start + MAX_ENTRIES)
    if stop < start:
        raise ActionError(_("end comes before start."))
    rows = list(LogLeaf.objects.filter(index__gte=start, index__lt=stop).order_by("index"))
    withheld = withheld_entries(reader(request), [r.index for r in rows])
    return [
        EntryOut(
            index=r.index,
            data=None if r.index in withheld else r.data,
            leaf_hash=base64.b64encode(bytes(r.leaf_hash)).decode(),
        )
        for r in rows
    ]


def _proof(hashes: list[bytes]) -> ProofOut:
    return ProofOut(proof=[base64.b64encode(h).decode() for h in hashes])


@api.get("/log/proof/inclusion", "log.inclusion_proof", auth=None)
def inclusion(request: HttpRequest, index: Query[Size], size: Query[Size]) -> ProofOut:
    if not 0 <= index < size <= log.tree_size():
        raise ActionError(
            _("Need 0 <= index < size <= %(value)s (the log's size).") % {"value": log.tree_size()}
        )
    return _proof(log.proof_of_inclusion(index, size))


@api.get("/log/proof/consistency", "log.consistency_proof", auth=None)
def consistency(request: HttpRequest, old: Query[Size], new: Query[Size]) -> ProofOut:
    if not 0 < old <= new <= log.tree_size():
        raise ActionError(
            _("Need 0 < old <= new <= %(value)s (the log's size).") % {"value": log.tree_size()}
        )
    return _proof(log.proof_of_consistency(old, new))


@api.get("/log/bundles/{text_id}/{revision}", "log.bundle", auth=PUBLIC_AUTH)
def bundle(request: HttpRequest, text_id: Id, revision: Id) -> dict[str, Any]:
    """The bundle of a signed revision: everything ``astana verify`` needs, offline. Anyone's
    once the convener published the revision; before, only a reader of the text's (404)."""
    signed = access_signed(reader(request), text_id, revision)
    return build_bundle(signed.text, revision)


@api.post("/log/cosignatures", Action.COSIGNATURE_ADD, auth=None)
def cosignature(request: HttpRequest) -> AcceptedOut:
    """A witness posts the checkpoint it cosigned (text/plain signed note)."""
    if len(request.body) > 20_000:
        raise ActionError(_("A cosigned checkpoint is at most 20,000 bytes."))
    try:
        note = request.body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ActionError(_("The body must be the signed note in UTF-8.")) from error
    return AcceptedOut(accepted=[w.name for w in actions.cosignature_add(note=note)])


@api.post("/keys", Action.KEY_REGISTER, auth=API_AUTH)
def key_register(request: HttpRequest, payload: KeyIn) -> Status[KeyOut]:
    key = actions.key_register(
        user=caller(request),
        process_slug=payload.process,
        name=payload.name,
        public_key=payload.public_key,
    )
    return Status(201, KeyOut.of(key))


@api.post("/keys/{key_id}/approve", Action.KEY_APPROVE, auth=API_AUTH)
def key_approve(request: HttpRequest, key_id: Id, payload: ApproveIn) -> KeyOut:
    """Approve a pending key: ``fingerprint`` is the key's, checked with the delegate out of
    band (a required field; refused if it is not the key's)."""
    return KeyOut.of(
        actions.key_approve(user=caller(request), key_id=key_id, fingerprint=payload.fingerprint)
    )


@api.post("/keys/{key_id}/revoke", Action.KEY_REVOKE, auth=API_AUTH)
def key_revoke(request: HttpRequest, key_id: Id, payload: RevokeIn | None = None) -> KeyOut:
    """Revoke from now on, or from ``valid_until`` (a past moment: the key was compromised)."""
    until = payload.valid_until if payload else None
    return KeyOut.of(actions.key_revoke(user=caller(request), key_id=key_id, valid_until=until))


@api.get(
    "/texts/{text_id}/revisions/{revision}/statement", Action.SIGNATURE_STATEMENT, auth=API_AUTH
)
def statement(
    request: HttpRequest,
    text_id: Id,
    revision: Id,
    reservation: Query[str] = "",
) -> SignatureStatementOut:
    """The exact statement to sign now (its bytes are what the key signs)."""
    found = actions.statement_for(
        user=caller(request), text_id=text_id, revision=revision, reservation=reservation
    )
    return SignatureStatementOut(statement=str(found), revision_sha256=found.revision_sha256)


@api.post("/texts/{text_id}/signatures", Action.SIGNATURE_ADD, auth=API_AUTH)
def signature(request: HttpRequest, text_id: Id, payload: SignatureIn) -> Status[SignatureOut]:
    row = actions.signature_add(
        user=caller(request),
        text_id=text_id,
        statement=payload.statement,
        signature=payload.signature,
    )
    return Status(201, SignatureOut.of(row))


@api.post("/texts/{text_id}/revisions/{revision}/publish", Action.REVISION_PUBLISH, auth=API_AUTH)
def revision_publish(
    request: HttpRequest, text_id: Id, revision: Id, payload: BasedOnIn
) -> Status[PublicationOut]:
    """The convener publishes a signed revision on the public record, based on the text's
    ``version``; refused (nothing changes) when nobody signed it or it is already published."""
    row = actions.revision_publish(
        user=caller(request), text_id=text_id, revision=revision, based_on=payload.based_on
    )
    return Status(201, PublicationOut.of(row))


@api.post("/processes/{process_slug}/witnesses", Action.WITNESS_REGISTER, auth=API_AUTH)
def witness(
    request: HttpRequest, process_slug: Annotated[str, Field(max_length=120)], payload: WitnessIn
) -> Status[AcceptedOut]:
    registered = actions.witness_register(
        user=caller(request),
        process_slug=process_slug,
        verifier_key=payload.verifier_key,
        organisation=payload.organisation,
    )
    return Status(201, AcceptedOut(accepted=[registered.name]))


@api.put("/texts/{text_id}/witnesses-required", Action.WITNESSES_REQUIRE, auth=API_AUTH)
def witnesses_require(
    request: HttpRequest, text_id: Id, payload: WitnessPolicyIn
) -> WitnessPolicyOut:
    """The convener sets how many witnesses must cosign the checkpoint of this text's bundles."""
    text = actions.witnesses_require(user=caller(request), text_id=text_id, count=payload.count)
    return WitnessPolicyOut(text=text.pk, witnesses_required=text.witnesses_required)


# Every operation of this router; tests/integration/signing/test_record_api.py holds its matrix.
OPERATIONS = frozenset(
    operation.operation_id or ""
    for view in router.path_operations.values()
    for operation in view.operations
)
