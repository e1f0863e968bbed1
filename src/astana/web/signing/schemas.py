"""Inputs and outputs of the public record's API (``astana.web.signing.api``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema

from astana.web.api.schemas import Input
from astana.web.signing.models import DelegateKey, DocumentSignature, RevisionPublication
from astana.web.signing.selectors import signed_revision

__all__ = [
    "AcceptedOut",
    "ApproveIn",
    "EntryOut",
    "KeyIn",
    "KeyOut",
    "ProofOut",
    "PublicationOut",
    "RevokeIn",
    "SignatureIn",
    "SignatureOut",
    "SignatureStatementOut",
    "Size",
    "WitnessIn",
    "WitnessPolicyIn",
    "WitnessPolicyOut",
]

Size = Annotated[int, Field(ge=0, le=10**12)]


class ProofOut(Schema):
    proof: list[str]


class EntryOut(Schema):
    index: int
    # The entry's canonical text; null while it names a revision not published (to whoever
    # may not read that text): ``leaf_hash`` still places it in the tree.
    data: str | None
    leaf_hash: str


class KeyIn(Input):
    process: str = Field(min_length=1, max_length=120)
    name: str = Field(min_length=1, max_length=120)
    public_key: str = Field(min_length=1, max_length=100)


class KeyOut(Schema):
    id: int
    name: str
    organisation: str
    public_key: str
    fingerprint: str
    state: str
    approval_entry: int | None

    @staticmethod
    def of(key: DelegateKey) -> KeyOut:
        return KeyOut(
            id=key.pk,
            name=key.name,
            organisation=key.organisation.slug,
            public_key=key.public_key,
            fingerprint=key.fingerprint,
            state=key.state,
            approval_entry=key.approval_entry.index if key.approval_entry else None,
        )


class ApproveIn(Input):
    # The key's fingerprint as the convener checked it with the delegate out of band.
    fingerprint: str = Field(min_length=1, max_length=100)


class RevokeIn(Input):
    valid_until: datetime | None = None


class SignatureStatementOut(Schema):
    statement: str
    revision_sha256: str


class SignatureIn(Input):
    statement: str = Field(min_length=1, max_length=20_000)
    signature: str = Field(min_length=1, max_length=200)


class SignatureOut(Schema):
    id: int
    organisation: str
    revision: int
    entry: int

    @staticmethod
    def of(row: DocumentSignature) -> SignatureOut:
        return SignatureOut(
            id=row.pk,
            organisation=row.organisation.slug,
            revision=row.revision,
            entry=row.entry.index,
        )


class WitnessIn(Input):
    verifier_key: str = Field(min_length=1, max_length=300)
    organisation: str = Field(default="", max_length=120)


class AcceptedOut(Schema):
    accepted: list[str]


class PublicationOut(Schema):
    text: int
    revision: int
    revision_sha256: str
    published_by: str
    published_at: datetime
    entry: int
    parties_signed: int
    parties: int

    @staticmethod
    def of(row: RevisionPublication) -> PublicationOut:
        signed = signed_revision(row.text, row.revision)
        assert signed is not None  # only a signed revision is published
        return PublicationOut(
            text=row.text_id,
            revision=row.revision,
            revision_sha256=row.revision_sha256,
            published_by=row.published_by.get_username(),
            published_at=row.published_at,
            entry=row.entry.index,
            parties_signed=signed.signed,
            parties=signed.expected,
        )


class WitnessPolicyIn(Input):
    count: int = Field(ge=0, le=100)


class WitnessPolicyOut(Schema):
    text: int
    witnesses_required: int
