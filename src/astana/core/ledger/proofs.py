"""Root hashes and RFC 9162 proofs generated from any ``HashReader``.

Every hash a proof needs is either a stored node (a complete perfect subtree) or
the hash of a subtree at the right edge of the tree, which is folded from at most
``log2(n)`` stored nodes. A proof therefore costs one batched read of O(log n)
nodes and O(log n) hashing, whatever the size of the log.
"""

from __future__ import annotations

from collections.abc import Sequence

from .hashing import EMPTY_ROOT, largest_power_of_two_below, node_hash
from .store import HashReader, NodeId

__all__ = [
    "consistency_proof",
    "consistency_proof_plan",
    "inclusion_proof",
    "inclusion_proof_plan",
    "root_hash",
    "subtree_plan",
]

Plan = list[list[NodeId]]


def subtree_plan(start: int, end: int) -> list[NodeId]:
    """Return the stored nodes whose right fold is ``MTH(D[start:end])``.

    ``start`` must be aligned so that the range is a subtree of RFC 9162's
    recursion (true of every range a root or proof asks for).
    """
    if not 0 <= start < end:
        raise ValueError(f"empty or negative range [{start}, {end})")
    parts: list[NodeId] = []
    while start < end:
        width = 1 << ((end - start).bit_length() - 1)
        if start:
            width = min(width, start & -start)
        level = width.bit_length() - 1
        parts.append(NodeId(level, start >> level))
        start += width
    return parts


def inclusion_proof_plan(index: int, size: int) -> Plan:
    """Return, per proof element (leaf upwards), the nodes that make it up."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of size {size}")
    elements: Plan = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = largest_power_of_two_below(hi - lo)
        if index < lo + k:
            elements.append(subtree_plan(lo + k, hi))
            hi = lo + k
        else:
            elements.append(subtree_plan(lo, lo + k))
            lo += k
    elements.reverse()
    return elements


def consistency_proof_plan(size1: int, size2: int) -> Plan:
    """Return, per proof element, the nodes of RFC 9162 §2.1.4.1 SUBPROOF."""
    if not 0 < size1 <= size2:
        raise ValueError(f"no consistency proof from size {size1} to {size2}")
    elements: Plan = []
    lo, hi, m, whole = 0, size2, size1, True
    while True:
        if m == hi - lo:
            if not whole:
                elements.append(subtree_plan(lo, hi))
            break
        k = largest_power_of_two_below(hi - lo)
        if m <= k:
            elements.append(subtree_plan(lo + k, hi))
            hi = lo + k
        else:
            elements.append(subtree_plan(lo, lo + k))
            lo += k
            m -= k
            whole = False
    elements.reverse()
    return elements


def _fold(hashes: Sequence[bytes]) -> bytes:
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def _resolve(reader: HashReader, plan: Plan) -> list[bytes]:
    wanted = sorted({node for element in plan for node in element})
    found = dict(zip(wanted, reader.get_nodes(wanted), strict=True))
    return [_fold([found[node] for node in element]) for element in plan]


def root_hash(reader: HashReader, size: int) -> bytes:
    """Return the Merkle Tree Hash of the first ``size`` leaves."""
    if size < 0:
        raise ValueError("the size of a log is not negative")
    if size == 0:
        return EMPTY_ROOT
    return _resolve(reader, [subtree_plan(0, size)])[0]


def inclusion_proof(reader: HashReader, index: int, size: int) -> list[bytes]:
    """Return the RFC 9162 §2.1.3.1 inclusion path of leaf ``index`` in tree ``size``."""
    return _resolve(reader, inclusion_proof_plan(index, size))


def consistency_proof(reader: HashReader, size1: int, size2: int) -> list[bytes]:
    """Return the RFC 9162 §2.1.4.1 consistency path from ``size1`` to ``size2``."""
    return _resolve(reader, consistency_proof_plan(size1, size2))
