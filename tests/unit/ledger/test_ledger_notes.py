"""Signed notes, keys, checkpoints and cosignatures, against published interop vectors."""

from __future__ import annotations

import pytest

from astana.core.ledger import (
    SIG_TYPE_COSIGNATURE_V1,
    Checkpoint,
    MerkleLog,
    NoteError,
    NoteSignature,
    SignedNote,
    SignerKey,
    VerifierKey,
    cosign_checkpoint,
    cosignature_message,
    key_id,
    open_checkpoint,
    open_note,
    sign_checkpoint,
    sign_note,
    verified_cosigners,
)

# golang.org/x/mod/sumdb/note, the package documentation's example.
GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
GO_NOTE = (
    GO_TEXT + "\n— PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)

# A real checkpoint of a CT log, with a tlog-cosignature/v1 from the remora witness
# (published in the tests of a Python checkpoint library).
REMORA_VKEY = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"
REAL_CHECKPOINT = """arche2025h1.staging.ct.transparency.dev
1432088532
U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=

— arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=
— arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=
— remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==
"""  # noqa: E501
REAL_LOG_VKEY = (
    "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f"
)


def test_go_keys_round_trip_and_match() -> None:
    signer = SignerKey.parse(GO_SKEY)
    verifier = VerifierKey.parse(GO_VKEY)
    assert str(signer) == GO_SKEY
    assert str(verifier) == GO_VKEY
    assert signer.verifier == verifier
    assert verifier.key_id.hex() == "c74f20a3"
    assert "AYEK" not in repr(signer)


def test_signing_reproduces_the_go_note_byte_for_byte() -> None:
    note = sign_note(GO_TEXT, [SignerKey.parse(GO_SKEY)])
    assert str(note) == GO_NOTE
    assert str(SignedNote.parse(GO_NOTE)) == GO_NOTE
    assert open_note(SignedNote.parse(GO_NOTE), [VerifierKey.parse(GO_VKEY)]) == [
        VerifierKey.parse(GO_VKEY)
    ]


def test_a_changed_text_fails_and_an_unknown_key_is_not_enough() -> None:
    known = [VerifierKey.parse(GO_VKEY)]
    with pytest.raises(NoteError) as info:
        open_note(SignedNote.parse(GO_NOTE.replace("cryptography", "cryptographY")), known)
    assert info.value.reason == "bad-signature"
    other = SignerKey.generate("PeterNeumann")  # same name, other key ID: ignored
    with pytest.raises(NoteError) as info:
        open_note(SignedNote.parse(GO_NOTE), [other.verifier])
    assert info.value.reason == "unverified-note"


@pytest.mark.parametrize(
    "bad",
    [
        GO_VKEY.replace("c74f20a3", "c74f20a4"),
        GO_VKEY.replace("c74f20a3", "C74F20A3"),
        GO_VKEY.replace("+ARpc", "+AhRpc"),
        GO_VKEY.replace("PeterNeumann", "Peter Neumann"),
        GO_VKEY.replace("PeterNeumann", ""),
        GO_VKEY[:-1],
        GO_VKEY + "=",
        GO_VKEY.replace("+ARpc", "+BRpc"),  # type 0x05 is not supported
        "PeterNeumann+c74f20a3",
    ],
)
def test_malformed_verifier_keys_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - any reason is fine
        VerifierKey.parse(bad)


@pytest.mark.parametrize(
    "bad",
    [
        GO_TEXT,  # no signatures
        GO_TEXT + "\n",  # blank line, no signatures
        GO_NOTE[:-1],  # no final newline
        GO_NOTE.replace("— ", "- "),
        GO_NOTE.replace("x08go", "x08g\to"),
        GO_NOTE.replace("PeterNeumann x08", "PeterNeumann  x08"),
        GO_NOTE.replace("AM=", "AN="),  # non-canonical base64 padding bits
        GO_NOTE.replace(
            "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
            "AAAA",
        ),
    ],
)
def test_malformed_notes_are_refused(bad: str) -> None:
    with pytest.raises(NoteError):
        SignedNote.parse(bad)
    with pytest.raises(NoteError):
        SignedNote.parse(b"\xff" + GO_NOTE.encode())


def test_key_id_is_the_c2sp_derivation() -> None:
    verifier = VerifierKey.parse(GO_VKEY)
    assert key_id("PeterNeumann", 1, verifier.public_key) == bytes.fromhex("c74f20a3")
    assert key_id("PeterNeumann", 4, verifier.public_key) != bytes.fromhex("c74f20a3")


def test_a_real_witness_cosignature_verifies() -> None:
    note = SignedNote.parse(REAL_CHECKPOINT)
    assert str(note) == REAL_CHECKPOINT
    witness = VerifierKey.parse(REMORA_VKEY)
    assert witness.sig_type == SIG_TYPE_COSIGNATURE_V1
    assert verified_cosigners(note, [witness]) == [witness]
    checkpoint = open_checkpoint(note, VerifierKey.parse(REAL_LOG_VKEY))
    assert checkpoint.size == 1432088532
    clobbered = SignedNote(note.text.replace("1432088532", "1432088533"), note.signatures)
    assert verified_cosigners(clobbered, [witness]) == []
    with pytest.raises(NoteError):
        open_note(clobbered, [witness])


def test_checkpoint_round_trip_and_canonical_form() -> None:
    log = MerkleLog([b"a", b"b", b"c"])
    checkpoint = Checkpoint("astana.example/log", 3, log.root(), ("ext one",))
    text = str(checkpoint)
    assert text.splitlines()[:2] == ["astana.example/log", "3"]
    assert Checkpoint.parse(text) == checkpoint
    root_b64 = text.splitlines()[2]
    for bad in (
        text.replace("\n3\n", "\n03\n"),
        text.replace("\n3\n", "\n+3\n"),
        text.replace("\n3\n", "\n\n"),
        text.replace(root_b64, root_b64[:-1]),
        text.replace("ext one\n", "\n"),
        "astana.example/log\n3\n",
        text[:-1],
    ):
        with pytest.raises(ValueError):  # noqa: PT011
            Checkpoint.parse(bad)


def test_sign_open_and_cosign_a_checkpoint() -> None:
    log_key = SignerKey.generate("astana.example/log")
    witness = SignerKey.generate("observer.example/w1", SIG_TYPE_COSIGNATURE_V1)
    checkpoint = Checkpoint("astana.example/log", 5, MerkleLog([b"x"] * 5).root())
    note = sign_checkpoint(checkpoint, [log_key])
    cosigned = cosign_checkpoint(note, witness, 1_700_000_000)
    wire = str(cosigned)
    assert open_checkpoint(wire, log_key.verifier) == checkpoint
    assert verified_cosigners(SignedNote.parse(wire), [witness.verifier]) == [witness.verifier]
    cosig_line = cosigned.signatures[1]
    assert len(cosig_line.signature) == 72
    assert int.from_bytes(cosig_line.signature[:8], "big") == 1_700_000_000
    assert cosignature_message(7, b"o\n1\nr\n") == b"cosignature/v1\ntime 7\no\n1\nr\n"
    with pytest.raises(NoteError) as info:
        open_checkpoint(wire, log_key.verifier, origin="elsewhere.example/log")
    assert info.value.reason == "wrong-origin"
    with pytest.raises(ValueError, match="0x04"):
        cosign_checkpoint(note, log_key, 1)
    forged = NoteSignature(log_key.name, log_key.key_id, bytes(64))
    with pytest.raises(NoteError):
        open_checkpoint(note.with_signatures([forged]), log_key.verifier)
