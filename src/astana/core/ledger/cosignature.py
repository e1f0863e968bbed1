"""C2SP tlog-cosignature v1: timestamped Ed25519 cosignatures of a checkpoint.

A cosigner (a witness: another party, an observer, a newspaper) states that, as of
``timestamp``, the checkpoint is the largest consistent tree it has seen for the log.
It signs, with key type ``0x04``::

    cosignature/v1\\n
    time <timestamp, ASCII decimal, no leading zeroes>\\n
    <the whole checkpoint note text, final newline included>

and the note signature payload is ``key ID (4) || timestamp (8, big-endian) ||
Ed25519 signature (64)``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from . import ed25519

__all__ = ["MAX_TIMESTAMP", "Cosignature", "cosignature_message"]

MAX_TIMESTAMP = 2**63 - 1
_HEADER = b"cosignature/v1\n"
_PAYLOAD_SIZE = 8 + ed25519.SIGNATURE_SIZE


def cosignature_message(timestamp: int, checkpoint_text: bytes) -> bytes:
    """Return the bytes a cosigner signs for ``checkpoint_text`` at ``timestamp``."""
    if not 0 <= timestamp <= MAX_TIMESTAMP:
        raise ValueError("a cosignature timestamp is between 0 and 2^63 - 1")
    return _HEADER + b"time %d\n" % timestamp + checkpoint_text


@dataclass(frozen=True)
class Cosignature:
    """The payload of a cosignature line (after the 4-byte key ID)."""

    timestamp: int
    signature: bytes

    def __post_init__(self) -> None:
        if not 0 <= self.timestamp <= MAX_TIMESTAMP:
            raise ValueError("a cosignature timestamp is between 0 and 2^63 - 1")
        if len(self.signature) != ed25519.SIGNATURE_SIZE:
            raise ValueError("an Ed25519 signature is 64 bytes")

    @classmethod
    def from_bytes(cls, payload: bytes) -> Cosignature:
        """Split ``timestamp (8, big-endian) || signature (64)``."""
        if len(payload) != _PAYLOAD_SIZE:
            raise ValueError("a cosignature is 72 bytes after the key ID")
        (timestamp,) = struct.unpack(">Q", payload[:8])
        return cls(timestamp, payload[8:])

    def to_bytes(self) -> bytes:
        """Return ``timestamp (8, big-endian) || signature (64)``."""
        return struct.pack(">Q", self.timestamp) + self.signature

    @classmethod
    def create(cls, private_key: bytes, timestamp: int, checkpoint_text: bytes) -> Cosignature:
        """Cosign ``checkpoint_text`` at ``timestamp`` with a raw Ed25519 private key."""
        message = cosignature_message(timestamp, checkpoint_text)
        return cls(timestamp, ed25519.sign(private_key, message))

    def verify(self, public_key: bytes, checkpoint_text: bytes) -> bool:
        """Return whether this cosignature is valid for ``checkpoint_text``."""
        message = cosignature_message(self.timestamp, checkpoint_text)
        return ed25519.verify(public_key, message, self.signature)
