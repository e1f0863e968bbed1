"""Every public test vector: RFC 9162 proofs (transparency-dev) and Ed25519 (Wycheproof)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from tests.shared_data import shared_data

from astana.core.ledger import ed25519
from astana.core.ledger.verify import verify_consistency, verify_inclusion

TESTDATA = shared_data()
RFC9162 = sorted((TESTDATA / "rfc9162").rglob("*.json"))
WYCHEPROOF = json.loads((TESTDATA / "wycheproof" / "ed25519_test.json").read_text())
WYCHEPROOF_CASES = [
    (group["publicKey"]["pk"], test)
    for group in WYCHEPROOF["testGroups"]
    for test in group["tests"]
]


def _b64(text: str) -> bytes:
    return base64.b64decode(text)


def test_all_vector_files_are_found() -> None:
    assert len(RFC9162) == 196  # the README says 184; the folder holds 196
    assert len(WYCHEPROOF_CASES) == WYCHEPROOF["numberOfTests"] == 151


@pytest.mark.parametrize(
    "path", RFC9162, ids=[str(p.relative_to(TESTDATA / "rfc9162")) for p in RFC9162]
)
def test_rfc9162_vector(path: Path) -> None:
    case: dict[str, Any] = json.loads(path.read_text())
    proof = [_b64(element) for element in case["proof"] or []]
    if "leafIdx" in case:
        ok = verify_inclusion(
            _b64(case["leafHash"]), case["leafIdx"], case["treeSize"], proof, _b64(case["root"])
        )
    else:
        ok = verify_consistency(
            case["size1"], case["size2"], proof, _b64(case["root1"]), _b64(case["root2"])
        )
    assert ok is not case["wantErr"], case["desc"]


@pytest.mark.parametrize(
    ("public_key", "case"), WYCHEPROOF_CASES, ids=[f"tc{c['tcId']}" for _, c in WYCHEPROOF_CASES]
)
def test_wycheproof_ed25519(public_key: str, case: dict[str, Any]) -> None:
    assert case["result"] in ("valid", "invalid")  # the file has no "acceptable" cases
    ok = ed25519.verify(
        bytes.fromhex(public_key), bytes.fromhex(case["msg"]), bytes.fromhex(case["sig"])
    )
    assert ok is (case["result"] == "valid"), case["comment"]


def test_ed25519_round_trip_and_garbage_never_raises() -> None:
    private = ed25519.generate_private_key()
    public = ed25519.public_key(private)
    signature = ed25519.sign(private, b"text")
    assert ed25519.verify(public, b"text", signature)
    assert not ed25519.verify(public, b"texT", signature)
    assert not ed25519.verify(b"", b"text", signature)
    assert not ed25519.verify(public, b"text", signature + b"\x00")
    assert not ed25519.verify(b"\xff" * 32, b"text", signature)
    with pytest.raises(ValueError, match="32 bytes"):
        ed25519.sign(b"short", b"text")
