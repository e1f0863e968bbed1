"""Where the tree's hashes live: the ``HashReader`` protocol the proofs read from.

A log of ``n`` leaves stores, for every level ``L``, the hashes of its *complete*
perfect subtrees: node ``(L, i)`` is the root of leaves ``[i·2^L, (i+1)·2^L)`` and
exists once ``(i+1)·2^L <= n``. Level 0 holds the leaf hashes. Nodes never change
once written (the log only appends), so any store — a bytearray in memory, a
database table keyed by ``(level, index)`` — can serve proofs for every size up to
its own. ``nodes_for_append`` says which rows one append adds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .hashing import HASH_SIZE, node_hash

__all__ = ["HashReader", "NodeId", "nodes_for_append"]


@dataclass(frozen=True, order=True, slots=True)
class NodeId:
    """The address of a complete perfect subtree: its level and index on that level."""

    level: int
    index: int

    def __str__(self) -> str:
        return f"{self.level}/{self.index}"

    @classmethod
    def parse(cls, text: str) -> NodeId:
        """Parse ``"<level>/<index>"`` as written by ``str()``."""
        level, sep, index = text.partition("/")
        if not sep or not level.isdigit() or not index.isdigit():
            raise ValueError(f"not a node id: {text!r}")
        node = cls(int(level), int(index))
        if str(node) != text:
            raise ValueError(f"not a canonical node id: {text!r}")
        return node


class HashReader(Protocol):
    """Anything that can hand back stored node hashes, in one batch per proof."""

    def get_nodes(self, ids: Sequence[NodeId]) -> Sequence[bytes]:
        """Return the 32-byte hash of each node in ``ids``, in the same order.

        Must raise ``KeyError`` (or ``LookupError``) for a node not stored.
        """
        ...


def nodes_for_append(reader: HashReader, size: int, leaf: bytes) -> list[tuple[NodeId, bytes]]:
    """Return the nodes that appending ``leaf`` at index ``size`` completes.

    The first is the leaf itself at ``(0, size)``; then one parent per trailing one
    bit of ``size`` (amortised one). It reads the left siblings from ``reader`` in one
    batch; a database store inserts the returned rows in the append's transaction.
    """
    if len(leaf) != HASH_SIZE:
        raise ValueError("a leaf hash is 32 bytes")
    if size < 0:
        raise ValueError("the size of a log is not negative")
    carries = (~size & (size + 1)).bit_length() - 1  # trailing one bits of size
    siblings = reader.get_nodes([NodeId(lvl, (size >> lvl) - 1) for lvl in range(carries)])
    out = [(NodeId(0, size), leaf)]
    current = leaf
    for lvl, left in enumerate(siblings):
        current = node_hash(left, current)
        out.append((NodeId(lvl + 1, size >> (lvl + 1)), current))
    return out
