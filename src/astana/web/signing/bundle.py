"""The downloadable bundle of a signed document: everything ``astana verify`` needs offline,
and nothing it does not check (no title, no summary of the signatures: the report takes
those from the log entries; the witnesses' keys come from the verifier's trust file). Once
published, it carries the convener's publication entry, which lists the signatures counted."""

from __future__ import annotations

import base64
from typing import Any

from django.utils.translation import gettext as _

from astana.core.bundle import BUNDLE_FORMAT
from astana.web.common.errors import NotFound
from astana.web.negotiation.actions.common import revision_of
from astana.web.negotiation.models import NegotiationText
from astana.web.signing import log
from astana.web.signing.models import (
    Checkpoint,
    DocumentSignature,
    LogLeaf,
    RevisionPublication,
)

__all__ = ["build_bundle", "latest_signed"]


def latest_signed() -> DocumentSignature:
    signed = DocumentSignature.objects.select_related("text").order_by("-entry__index").first()
    if signed is None:
        raise NotFound(_("Nothing has been signed yet."))
    return signed


def _checkpoint(required: int, entries: list[LogLeaf]) -> Checkpoint:
    """The newest checkpoint covering the entries with enough cosignatures, else the newest."""
    needed = max(e.index for e in entries) + 1
    newest = log.latest_checkpoint()
    assert newest is not None
    if required:
        for checkpoint in Checkpoint.objects.filter(size__gte=needed).order_by("-size"):
            if checkpoint.cosignatures.count() >= required:
                return checkpoint
    return newest


def build_bundle(text: NegotiationText, revision: int) -> dict[str, Any]:
    row = text.revisions.filter(number=revision).select_related("log_entry").first()
    signatures = list(
        DocumentSignature.objects.filter(text=text, revision=revision).select_related(
            "entry", "key__approval_entry", "key__revocation_entry", "organisation"
        )
    )
    if row is None or not signatures:
        raise NotFound(
            _("Rev.%(revision)s of this text has not been signed.") % {"revision": revision}
        )
    revision_of(row)  # refuses a revision whose stored text no longer matches its hash
    entries: dict[int, LogLeaf] = {}
    # A signed revision's entry has its index: the signature's append (``indexed=True``) took
    # the head's lock, which integrates any leaf that still waited (``log.append_entry``).
    if row.log_entry is not None:
        entries[row.log_entry.index] = row.log_entry
    for signature in signatures:
        entries[signature.entry.index] = signature.entry
        for linked in (signature.key.approval_entry, signature.key.revocation_entry):
            if linked is not None:
                entries[linked.index] = linked
    publication = (
        RevisionPublication.objects.filter(text=text, revision=revision)
        .select_related("entry")
        .first()
    )
    if publication is not None:  # it lists the signatures: their completeness is checkable
        entries[publication.entry.index] = publication.entry
    ordered = [entries[i] for i in sorted(entries)]
    checkpoint = _checkpoint(text.witnesses_required, ordered)
    return {
        "format": BUNDLE_FORMAT,
        "log": {"origin": log.log_origin(), "key": str(log.log_verifier())},
        "document": {
            "process": text.round.process.slug,
            "id": text.document_id,
            "revision": row.number,
            "sha256": row.sha256,
            "text": row.document,
        },
        "entries": [
            {
                "index": leaf.index,
                "data": leaf.data,
                "proof": [
                    base64.b64encode(h).decode()
                    for h in log.proof_of_inclusion(leaf.index, checkpoint.size)
                ],
            }
            for leaf in ordered
        ],
        "checkpoint": log.cosigned_note(checkpoint),
    }
