"""The fast tree against the literal RFC 9162 recursion, and the verifiers' strictness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.helpers.examples import examples

from astana.core.ledger import (
    EMPTY_ROOT,
    MerkleLog,
    NodeId,
    ProofError,
    check_inclusion,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    nodes_for_append,
    root_hash,
    verify_consistency,
    verify_inclusion,
)

from .naive import NaiveTree

MAX = 2000
ENTRIES = [f"entry {i}".encode() for i in range(2 * MAX + 100)]
NAIVE = NaiveTree(ENTRIES)
LOG = MerkleLog(ENTRIES)


def _flip(data: bytes, bit: int) -> bytes:
    out = bytearray(data)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


def test_rfc6962_known_values() -> None:
    assert leaf_hash(b"").hex() == (
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
    )
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert MerkleLog().root() == EMPTY_ROOT


def test_every_size_up_to_2000_matches_the_rfc_recursion() -> None:
    for n in range(1, MAX + 1):
        root = LOG.root(n)
        assert root == NAIVE.mth(0, n), n
        for m in {0, n // 3, n // 2, n - 1}:
            proof = LOG.inclusion_proof(m, n)
            assert proof == NAIVE.path(m, 0, n), (m, n)
            assert verify_inclusion(LOG.leaf_hash(m), m, n, proof, root)
        for m in {1, n // 3, n // 2, n - 1, n}:
            if m:
                proof = LOG.consistency_proof(m, n)
                assert proof == NAIVE.proof(m, n), (m, n)
                assert verify_consistency(m, n, proof, LOG.root(m), root)


def test_every_pair_up_to_64_matches_the_rfc_recursion() -> None:
    for n in range(1, 65):
        for m in range(n):
            assert LOG.inclusion_proof(m, n) == NAIVE.path(m, 0, n)
            if m:
                assert LOG.consistency_proof(m, n) == NAIVE.proof(m, n)


@settings(max_examples=examples(300), deadline=None)
@given(st.data())
def test_inclusion_matches_the_rfc_recursion(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, MAX))
    m = data.draw(st.integers(0, n - 1))
    proof = LOG.inclusion_proof(m, n)
    assert proof == NAIVE.path(m, 0, n)
    check_inclusion(LOG.leaf_hash(m), m, n, proof, NAIVE.mth(0, n))


@settings(max_examples=examples(300), deadline=None)
@given(st.data())
def test_consistency_matches_the_rfc_recursion(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, MAX))
    m = data.draw(st.integers(1, n))
    proof = LOG.consistency_proof(m, n)
    assert proof == NAIVE.proof(m, n)
    assert verify_consistency(m, n, proof, NAIVE.mth(0, m), NAIVE.mth(0, n))


@settings(max_examples=examples(60), deadline=None)
@given(st.data())
def test_flipping_any_bit_of_an_inclusion_proof_fails(data: st.DataObject) -> None:
    n = data.draw(st.integers(2, MAX))
    m = data.draw(st.integers(0, n - 1))
    leaf, root, proof = LOG.leaf_hash(m), LOG.root(n), LOG.inclusion_proof(m, n)
    assert verify_inclusion(leaf, m, n, proof, root)
    for i, element in enumerate(proof):
        for bit in range(256):
            bad = [*proof[:i], _flip(element, bit), *proof[i + 1 :]]
            assert not verify_inclusion(leaf, m, n, bad, root)
    for bit in range(256):
        assert not verify_inclusion(leaf, m, n, proof, _flip(root, bit))
        assert not verify_inclusion(_flip(leaf, bit), m, n, proof, root)
    # The size is bound by the checkpoint's signature, so a relabelled size is
    # checked against the root the log really has at that size.
    for bit in range(n.bit_length() + 1):
        other = n ^ (1 << bit)
        if m < other != n and other <= LOG.size:
            assert not verify_inclusion(leaf, m, other, proof, LOG.root(other)), other
    for other in range(max(m + 1, 1), min(n + 40, LOG.size)):
        if other != n:
            assert not verify_inclusion(leaf, m, other, proof, LOG.root(other)), other


@settings(max_examples=examples(60), deadline=None)
@given(st.data())
def test_flipping_any_bit_of_a_consistency_proof_fails(data: st.DataObject) -> None:
    n = data.draw(st.integers(2, MAX))
    m = data.draw(st.integers(1, n - 1))
    root1, root2, proof = LOG.root(m), LOG.root(n), LOG.consistency_proof(m, n)
    assert verify_consistency(m, n, proof, root1, root2)
    for i, element in enumerate(proof):
        for bit in range(256):
            bad = [*proof[:i], _flip(element, bit), *proof[i + 1 :]]
            assert not verify_consistency(m, n, bad, root1, root2)
    for bit in range(256):
        assert not verify_consistency(m, n, proof, _flip(root1, bit), root2)
        assert not verify_consistency(m, n, proof, root1, _flip(root2, bit))
    for bit in range(n.bit_length() + 1):
        for m2, n2 in ((m ^ (1 << bit), n), (m, n ^ (1 << bit))):
            if 0 < m2 < n2 <= LOG.size:
                r1, r2 = LOG.root(m2), LOG.root(n2)
                assert not verify_consistency(m2, n2, proof, r1, r2), (m2, n2)


def test_inclusion_proof_alone_does_not_bind_the_size() -> None:
    """Why checkpoints are signed: a path for (0, 3) also folds to root(3) as (0, 4)."""
    proof = LOG.inclusion_proof(0, 3)
    assert verify_inclusion(LOG.leaf_hash(0), 0, 4, proof, LOG.root(3))
    assert not verify_inclusion(LOG.leaf_hash(0), 0, 4, proof, LOG.root(4))


def test_proof_errors_name_their_reason() -> None:
    with pytest.raises(ProofError) as info:
        check_inclusion(LOG.leaf_hash(0), 5, 3, [], LOG.root(3))
    assert info.value.reason == "index-out-of-range"
    assert isinstance(info.value, ValueError)
    with pytest.raises(ProofError, match="32 bytes"):
        check_inclusion(LOG.leaf_hash(0), 0, 2, [b"short"], LOG.root(2))


class DictStore:
    """A stand-in for a database table of nodes: the ``HashReader`` protocol."""

    def __init__(self) -> None:
        self.rows: dict[NodeId, bytes] = {}
        self.reads = 0

    def get_nodes(self, ids: list[NodeId]) -> list[bytes]:
        self.reads += 1
        return [self.rows[node] for node in ids]


def test_a_row_store_built_with_nodes_for_append_serves_the_same_proofs() -> None:
    store = DictStore()
    for size, entry in enumerate(ENTRIES[:300]):
        for node, digest in nodes_for_append(store, size, leaf_hash(entry)):
            assert node not in store.rows
            store.rows[node] = digest
    assert len(store.rows) == 2 * 300 - bin(300).count("1")
    for n in (1, 7, 64, 255, 300):
        assert root_hash(store, n) == LOG.root(n)
        store.reads = 0
        assert inclusion_proof(store, n // 2, n) == LOG.inclusion_proof(n // 2, n)
        assert store.reads == 1
        assert consistency_proof(store, 1 + n // 3, n) == LOG.consistency_proof(1 + n // 3, n)


def test_memory_log_appends_and_refuses_what_it_does_not_have() -> None:
    log = MerkleLog()
    assert log.append(b"a") == 0
    assert log.append_leaf_hash(leaf_hash(b"b")) == 1
    assert log.root() == node_hash(leaf_hash(b"a"), leaf_hash(b"b"))
    assert log.get_node(1, 0) == log.root()
    with pytest.raises(KeyError):
        log.get_node(1, 1)
    with pytest.raises(ValueError, match="outside"):
        log.root(3)
    with pytest.raises(ValueError, match="32 bytes"):
        log.append_leaf_hash(b"x")


def test_node_id_round_trips() -> None:
    node = NodeId(3, 17)
    assert str(node) == "3/17"
    assert NodeId.parse("3/17") == node
    for bad in ("3/", "/1", "03/1", "a/b", "3/17/1"):
        with pytest.raises(ValueError, match="node id"):
            NodeId.parse(bad)
