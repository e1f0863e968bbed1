"""The errors of the ledger: each says why a proof, note or record was refused.

Every error is a ``ValueError`` (the house rule for parse and check failures), with a
short machine-readable ``reason`` next to the human message.
"""

from __future__ import annotations

__all__ = ["LedgerError", "NoteError", "ProofError"]


class LedgerError(ValueError):
    """A ledger value or proof was refused; ``reason`` is a short stable code."""

    def __init__(self, reason: str, message: str | None = None) -> None:
        super().__init__(message or reason)
        self.reason = reason


class ProofError(LedgerError):
    """An inclusion or consistency proof does not verify (or is malformed)."""


class NoteError(LedgerError):
    """A signed note, checkpoint or cosignature is malformed or does not verify."""
