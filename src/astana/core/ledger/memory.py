"""An in-memory append-only Merkle log: fast appends, roots and proofs at any size.

Each level keeps its complete nodes packed in one ``bytearray`` (32 bytes a node), so
node ``(L, i)`` is a slice at ``32·i`` and ten million leaves cost about 640 MB in
all. The last node of every level with an odd count is the "compact range"
(frontier) of the tree; appending hashes the leaf and then one parent per carry,
which is one node hash amortised.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from hashlib import sha256

from .hashing import HASH_SIZE
from .proofs import consistency_proof, inclusion_proof, root_hash
from .store import NodeId

__all__ = ["MerkleLog"]

_LEAF = b"\x00"
_NODE = b"\x01"


class MerkleLog:
    """An append-only RFC 9162 Merkle tree held in memory; a ``HashReader``."""

    __slots__ = ("_levels", "_size")

    def __init__(self, entries: Iterable[bytes] = ()) -> None:
        self._levels: list[bytearray] = [bytearray()]
        self._size = 0
        self.extend(entries)

    @property
    def size(self) -> int:
        """The number of leaves appended so far."""
        return self._size

    def __len__(self) -> int:
        return self._size

    def append(self, entry: bytes) -> int:
        """Append one entry (its bytes, hashed as a leaf); return its index."""
        return self.append_leaf_hash(sha256(_LEAF + entry).digest())

    def append_leaf_hash(self, leaf: bytes) -> int:
        """Append an already computed 32-byte leaf hash; return its index."""
        if len(leaf) != HASH_SIZE:
            raise ValueError("a leaf hash is 32 bytes")
        index = self._size
        self._push(leaf, index)
        self._size = index + 1
        return index

    def extend(self, entries: Iterable[bytes]) -> int:
        """Append every entry in order; return the new size."""
        push = self._push
        index = self._size
        for entry in entries:
            push(sha256(_LEAF + entry).digest(), index)
            index += 1
            self._size = index
        return index

    def _push(self, leaf: bytes, index: int) -> None:
        """Add leaf ``index`` and the parent of every pair it completes, one per carry."""
        levels = self._levels
        row = levels[0]
        row += leaf
        level = 0
        carry = index
        while carry & 1:
            digest = sha256(_NODE + row[-64:]).digest()
            level += 1
            carry >>= 1
            if level == len(levels):
                levels.append(bytearray())
            row = levels[level]
            row += digest

    def get_node(self, level: int, index: int) -> bytes:
        """Return the hash of complete node ``(level, index)``; ``KeyError`` if absent."""
        if level < 0 or index < 0 or level >= len(self._levels):
            raise KeyError(NodeId(level, index))
        row = self._levels[level]
        start = index * HASH_SIZE
        if start + HASH_SIZE > len(row):
            raise KeyError(NodeId(level, index))
        return bytes(row[start : start + HASH_SIZE])

    def get_nodes(self, ids: Sequence[NodeId]) -> list[bytes]:
        """Return the hashes of ``ids`` in order (the ``HashReader`` protocol)."""
        return [self.get_node(node.level, node.index) for node in ids]

    def leaf_hash(self, index: int) -> bytes:
        """Return the leaf hash at ``index``."""
        return self.get_node(0, index)

    def _size_or_current(self, size: int | None) -> int:
        if size is None:
            return self._size
        if not 0 <= size <= self._size:
            raise ValueError(f"size {size} is outside the log's 0..{self._size}")
        return size

    def root(self, size: int | None = None) -> bytes:
        """Return the root hash at ``size`` (default: the current size)."""
        return root_hash(self, self._size_or_current(size))

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """Return the inclusion path of leaf ``index`` in the tree of ``size`` leaves."""
        return inclusion_proof(self, index, self._size_or_current(size))

    def consistency_proof(self, size1: int, size2: int | None = None) -> list[bytes]:
        """Return the consistency path from ``size1`` to ``size2`` (default: current)."""
        return consistency_proof(self, size1, self._size_or_current(size2))
