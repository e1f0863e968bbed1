"""Verification of RFC 9162 inclusion and consistency proofs, step for step.

``check_*`` raise ``ProofError`` with a reason; ``verify_*`` return a bool and never
raise. Both follow RFC 9162 §2.1.3.2 and §2.1.4.2 literally, plus the edge cases the
RFC leaves to the caller (agreed with transparency-dev/merkle's test vectors):

* a tree of size 0 has no leaves, so no inclusion proof verifies against it;
* between equal sizes the proof must be empty and the roots equal (for size 0,
  both must be the empty-tree hash);
* a consistency proof from size 0 to a larger size is refused (it proves nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from hashlib import sha256

from .errors import ProofError
from .hashing import EMPTY_ROOT, HASH_SIZE

__all__ = [
    "check_consistency",
    "check_inclusion",
    "root_from_inclusion_proof",
    "verify_consistency",
    "verify_inclusion",
]

_NODE = b"\x01"


def _check_path(path: Sequence[bytes]) -> None:
    for element in path:
        if len(element) != HASH_SIZE:
            raise ProofError("malformed-proof", "a proof element is not 32 bytes")


def root_from_inclusion_proof(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes]
) -> bytes:
    """Run RFC 9162 §2.1.3.2 steps 1-5 and return the root the proof leads to."""
    if size <= 0 or index < 0 or index >= size:
        raise ProofError("index-out-of-range", f"leaf {index} is not in a tree of size {size}")
    if len(leaf_hash) != HASH_SIZE:
        raise ProofError("malformed-leaf", "the leaf hash is not 32 bytes")
    _check_path(proof)
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            raise ProofError("proof-too-long", "the proof has more elements than the tree")
        if fn & 1 or fn == sn:
            r = sha256(_NODE + p + r).digest()
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = sha256(_NODE + r + p).digest()
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("proof-too-short", "the proof has fewer elements than the tree")
    return r


def check_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Raise ``ProofError`` unless ``proof`` shows leaf ``index`` in tree ``(size, root)``."""
    if root_from_inclusion_proof(leaf_hash, index, size, proof) != root:
        raise ProofError("root-mismatch", "the proof does not lead to the given root")


def verify_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """Return whether ``proof`` shows leaf ``index`` in tree ``(size, root)``."""
    try:
        check_inclusion(leaf_hash, index, size, proof, root)
    except ProofError:
        return False
    return True


def check_consistency(
    size1: int, size2: int, proof: Sequence[bytes], root1: bytes, root2: bytes
) -> None:
    """Raise ``ProofError`` unless tree ``(size1, root1)`` is a prefix of ``(size2, root2)``."""
    if size1 < 0 or size2 < size1:
        raise ProofError("size-order", f"size {size2} does not extend size {size1}")
    if size1 == size2:
        if proof:
            raise ProofError("proof-not-empty", "equal sizes need an empty proof")
        if size1 == 0 and root1 != EMPTY_ROOT:
            raise ProofError("root-mismatch", "the empty tree has the hash of no bytes")
        if root1 != root2:
            raise ProofError("root-mismatch", "equal sizes with different roots")
        return
    if size1 == 0:
        raise ProofError("empty-first", "a proof from the empty tree proves nothing")
    # §2.1.4.2 step 1.
    if not proof:
        raise ProofError("proof-empty", "different sizes need a non-empty proof")
    _check_path(proof)
    path = list(proof)
    # Step 2.
    if size1 & (size1 - 1) == 0:
        path.insert(0, root1)
    # Steps 3-4.
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    # Step 5.
    fr = sr = path[0]
    # Step 6.
    for c in path[1:]:
        if sn == 0:
            raise ProofError("proof-too-long", "the proof has more elements than the tree")
        if fn & 1 or fn == sn:
            fr = sha256(_NODE + c + fr).digest()
            sr = sha256(_NODE + c + sr).digest()
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = sha256(_NODE + sr + c).digest()
        fn >>= 1
        sn >>= 1
    # Step 7.
    if sn != 0:
        raise ProofError("proof-too-short", "the proof has fewer elements than the tree")
    if fr != root1:
        raise ProofError("root1-mismatch", "the proof does not lead to the first root")
    if sr != root2:
        raise ProofError("root2-mismatch", "the proof does not lead to the second root")


def verify_consistency(
    size1: int, size2: int, proof: Sequence[bytes], root1: bytes, root2: bytes
) -> bool:
    """Return whether tree ``(size1, root1)`` is a prefix of ``(size2, root2)``."""
    try:
        check_consistency(size1, size2, proof, root1, root2)
    except ProofError:
        return False
    return True
