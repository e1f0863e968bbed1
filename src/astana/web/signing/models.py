"""Storage of the public record.

The log is append-only: ``LogLeaf`` rows hold each entry's canonical bytes (what its leaf
hashes), ``LogNode`` rows the completed perfect-subtree hashes (so roots and proofs are read,
not recomputed), ``LogHead`` the size, locked while appending so that indexes are strictly
sequential. Checkpoints are signed by the platform's key and cosigned by witnesses.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from astana.core.ledger import fingerprint
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Organisation, Process


class LogHead(models.Model):
    """The one row that says how many entries the log has; appends lock it."""

    size = models.PositiveBigIntegerField(default=0)
    # The roots of the perfect subtrees the log is made of, largest first (32 bytes each):
    # what an append needs to compute its new nodes and the new root without reading nodes.
    frontier = models.BinaryField(default=b"")

    def __str__(self) -> str:
        return f"log of {self.size} entries"


class IntegratedLeaves(models.Manager["LogLeaf"]):
    """The log's entries: leaves with their index. A leaf still waiting to be integrated (see
    ``LogLeaf``) is nobody's to read but the integrator's (``LogLeaf.rows``)."""

    def get_queryset(self) -> models.QuerySet[LogLeaf]:
        return super().get_queryset().filter(index__isnull=False)


class LogLeaf(models.Model):
    """One entry of the log. A leaf written while other threads of its process were appending
    (PostgreSQL) waits for integration: its ``index`` is null, its ``data`` the entry with
    ``seq 0`` and its ``leaf_hash`` empty, until an integration round gives it the next index
    with every other leaf that waited meanwhile, in one transaction under one checkpoint
    (``astana.web.signing.log``)."""

    # Typed as an integrated leaf's, as readers see them (``objects`` hides waiting leaves):
    # None only while a leaf waits, which the integrator alone reads (through ``rows``).
    index: models.PositiveBigIntegerField[int | None, int] = models.PositiveBigIntegerField(  # type: ignore[misc]
        unique=True, null=True
    )
    event = models.CharField(max_length=40, db_index=True)
    data = models.TextField()
    leaf_hash = models.BinaryField(max_length=32)
    appended_at = models.DateTimeField(auto_now_add=True)

    rows = models.Manager()  # waiting leaves included: the integrator's
    objects = IntegratedLeaves()

    class Meta:
        ordering = ["index"]
        default_manager_name = "objects"
        base_manager_name = "rows"
        indexes = [
            models.Index(
                fields=["id"], condition=models.Q(index__isnull=True), name="log_leaf_waiting"
            )
        ]

    def __str__(self) -> str:
        return f"entry {self.index} ({self.event})"


class LogNode(models.Model):
    level = models.PositiveSmallIntegerField()
    index = models.PositiveBigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["level", "index"], name="log_node_unique")]

    def __str__(self) -> str:
        return f"node {self.level}/{self.index}"


class Checkpoint(models.Model):
    size = models.PositiveBigIntegerField(unique=True)
    root = models.CharField(max_length=64)
    note = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["size"]

    def __str__(self) -> str:
        return f"checkpoint at size {self.size}"


class Witness(models.Model):
    """A guarantor's or observer's witness key: it cosigns checkpoints it found consistent."""

    name = models.CharField(max_length=120, unique=True)
    verifier_key = models.TextField()
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Cosignature(models.Model):
    checkpoint = models.ForeignKey(
        Checkpoint, on_delete=models.CASCADE, related_name="cosignatures"
    )
    witness = models.ForeignKey(Witness, on_delete=models.CASCADE, related_name="cosignatures")
    line = models.TextField()
    timestamp = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkpoint", "witness"], name="cosignature_unique")
        ]

    def __str__(self) -> str:
        return f"{self.witness} on {self.checkpoint}"


class DelegateKey(models.Model):
    """A delegate's Ed25519 public key (the private key never reaches the server)."""

    class State(models.TextChoices):
        PENDING = "pending", "pending"
        APPROVED = "approved", "approved"
        REVOKED = "revoked", "revoked"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signing_keys"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="signing_keys"
    )
    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="signing_keys")
    name = models.CharField(max_length=120)
    public_key = models.CharField(max_length=64, unique=True)  # hex
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    approval_entry = models.ForeignKey(
        LogLeaf, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revocation_entry = models.ForeignKey(
        LogLeaf, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.slug}, {self.state})"

    @property
    def fingerprint(self) -> str:
        """What the convener and the delegate compare out of band before the approval."""
        return fingerprint(bytes.fromhex(self.public_key))


class DocumentSignature(models.Model):
    """A delegation's signature on an exact revision of a text, as recorded in the log."""

    text = models.ForeignKey(NegotiationText, on_delete=models.PROTECT, related_name="signatures")
    revision = models.PositiveIntegerField()
    revision_sha256 = models.CharField(max_length=64)
    key = models.ForeignKey(DelegateKey, on_delete=models.PROTECT, related_name="signatures")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="document_signatures"
    )
    statement = models.TextField()
    signature = models.CharField(max_length=88)  # base64 of 64 bytes
    reservation = models.TextField(blank=True, default="")
    signed_at = models.DateTimeField()
    entry = models.OneToOneField(
        LogLeaf, on_delete=models.PROTECT, related_name="document_signature"
    )

    class Meta:
        ordering = ["entry__index"]
        constraints = [
            models.UniqueConstraint(
                fields=["text", "revision", "organisation"], name="one_signature_per_delegation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.slug} signed {self.text} Rev.{self.revision}"


class RevisionPublication(models.Model):
    """The convener's publication of a signed revision (``revision.publish``). Until it exists
    the public record shows only the revision's hash and how many parties signed it; the text,
    its title, the signatories and their reservations reach only the readers of the text."""

    text = models.ForeignKey(NegotiationText, on_delete=models.PROTECT, related_name="publications")
    revision = models.PositiveIntegerField()
    revision_sha256 = models.CharField(max_length=64)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField()
    # Its ``document.published`` entry in the log.
    entry = models.OneToOneField(LogLeaf, on_delete=models.PROTECT, related_name="publication")

    class Meta:
        ordering = ["entry__index"]
        constraints = [
            models.UniqueConstraint(
                fields=["text", "revision"], name="one_publication_per_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} Rev.{self.revision} published"
