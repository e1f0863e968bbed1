"""RFC 6962 / RFC 9162 Merkle tree hashing with SHA-256.

Leaves and interior nodes are domain separated by a one-byte prefix, so a leaf can
never be passed off as a node: ``leaf = SHA-256(0x00 || entry)``,
``node = SHA-256(0x01 || left || right)``; the empty tree hashes to ``SHA-256("")``.
"""

from __future__ import annotations

from hashlib import sha256

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "largest_power_of_two_below",
    "leaf_hash",
    "node_hash",
]

HASH_SIZE = 32
EMPTY_ROOT = sha256(b"").digest()

_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"


def leaf_hash(entry: bytes) -> bytes:
    """Return the RFC 6962 leaf hash of one log entry's bytes."""
    return sha256(_LEAF_PREFIX + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return the RFC 6962 hash of an interior node from its two children."""
    return sha256(_NODE_PREFIX + left + right).digest()


def largest_power_of_two_below(n: int) -> int:
    """Return the largest power of two strictly smaller than ``n`` (``n`` >= 2).

    This is the split point ``k`` of RFC 9162 §2.1.1: ``MTH(D[n])`` hashes
    ``MTH(D[0:k])`` with ``MTH(D[k:n])``.
    """
    if n < 2:
        raise ValueError(f"no power of two below {n} splits a tree")
    return 1 << ((n - 1).bit_length() - 1)
