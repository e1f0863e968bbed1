"""The signed public record: an RFC 9162 Merkle log with C2SP checkpoints.

Pure and self-contained (SHA-256 from ``hashlib``, Ed25519 from ``cryptography``):

* ``hashing`` — RFC 6962 leaf and node hashes; ``memory.MerkleLog`` — the in-memory
  log; ``store`` — the ``HashReader`` protocol for database-backed trees;
  ``proofs`` — roots and proofs from any reader; ``verify`` — RFC 9162 verifiers.
* ``keys``, ``note``, ``checkpoint``, ``cosignature`` — C2SP signed notes,
  checkpoints and witness cosignatures; ``ed25519`` — raw-key signing.
* ``record``, ``statement``, ``entry`` — the canonical bytes of what delegates sign
  and of what the log records; ``audit`` — the offline auditor.

See ``docs/ledger.md`` for the exact formats.
"""

from .audit import AuditFailure, AuditReport, audit_log
from .checkpoint import (
    Checkpoint,
    cosign_checkpoint,
    open_checkpoint,
    sign_checkpoint,
    verified_cosigners,
)
from .cosignature import Cosignature, cosignature_message
from .entry import EVENT_TYPES, LogEntry
from .errors import LedgerError, NoteError, ProofError
from .hashing import EMPTY_ROOT, HASH_SIZE, leaf_hash, node_hash
from .keys import (
    SIG_TYPE_COSIGNATURE_V1,
    SIG_TYPE_ED25519,
    SignerKey,
    VerifierKey,
    fingerprint,
    key_id,
    same_fingerprint,
)
from .memory import MerkleLog
from .note import NoteSignature, SignedNote, open_note, sign_note
from .proofs import consistency_proof, inclusion_proof, root_hash
from .record import format_utc_time
from .statement import SignatureStatement
from .store import HashReader, NodeId, nodes_for_append
from .verify import check_consistency, check_inclusion, verify_consistency, verify_inclusion

__all__ = [
    "EMPTY_ROOT",
    "EVENT_TYPES",
    "HASH_SIZE",
    "SIG_TYPE_COSIGNATURE_V1",
    "SIG_TYPE_ED25519",
    "AuditFailure",
    "AuditReport",
    "Checkpoint",
    "Cosignature",
    "HashReader",
    "LedgerError",
    "LogEntry",
    "MerkleLog",
    "NodeId",
    "NoteError",
    "NoteSignature",
    "ProofError",
    "SignatureStatement",
    "SignedNote",
    "SignerKey",
    "VerifierKey",
    "audit_log",
    "check_consistency",
    "check_inclusion",
    "consistency_proof",
    "cosign_checkpoint",
    "cosignature_message",
    "fingerprint",
    "format_utc_time",
    "inclusion_proof",
    "key_id",
    "leaf_hash",
    "node_hash",
    "nodes_for_append",
    "open_checkpoint",
    "open_note",
    "root_hash",
    "same_fingerprint",
    "sign_checkpoint",
    "sign_note",
    "verified_cosigners",
    "verify_consistency",
    "verify_inclusion",
]
