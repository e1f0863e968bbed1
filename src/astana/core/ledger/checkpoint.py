"""C2SP tlog-checkpoint: the signed statement of the log's size and root hash.

The note text is, each line ending in a newline::

    <origin>              the log's identity, e.g. "astana.example/log"
    <tree size>           ASCII decimal, no leading zeroes ("0" for the empty tree)
    <root hash>           base64 of the 32-byte RFC 6962 root at that size
    [<extension line>]*   optional, non-empty, opaque

The log signs it as a signed note with its Ed25519 key (type 0x01) named after the
origin; witnesses may add cosignatures (type 0x04).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import NoteError
from .hashing import HASH_SIZE
from .keys import SIG_TYPE_COSIGNATURE_V1, SignerKey, VerifierKey, decode_base64
from .note import SignedNote, open_note, sign_note

__all__ = [
    "Checkpoint",
    "cosign_checkpoint",
    "open_checkpoint",
    "sign_checkpoint",
    "verified_cosigners",
]

MAX_TREE_SIZE = 2**64 - 1


def _check_line(line: str, what: str) -> None:
    if not line:
        raise ValueError(f"the {what} line is not empty")
    if any(ord(char) < 0x20 for char in line):
        raise ValueError(f"the {what} line has no control characters")


@dataclass(frozen=True)
class Checkpoint:
    """The body of a checkpoint: origin, tree size, root hash, extension lines."""

    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_line(self.origin, "origin")
        if not 0 <= self.size <= MAX_TREE_SIZE:
            raise ValueError("a tree size is between 0 and 2^64 - 1")
        if len(self.root) != HASH_SIZE:
            raise ValueError("a root hash is 32 bytes")
        for line in self.extensions:
            _check_line(line, "extension")

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        """Parse a checkpoint note text (final newline included); ``ValueError`` if not exact."""
        if not text.endswith("\n"):
            raise ValueError("a checkpoint ends with a newline")
        lines = text[:-1].split("\n")
        if len(lines) < 3:
            raise ValueError("a checkpoint has at least three lines")
        origin, size_text, root_text, *extensions = lines
        if not size_text.isascii() or not size_text.isdigit():
            raise ValueError("the tree size is ASCII decimal")
        if size_text != str(int(size_text)):
            raise ValueError("the tree size has no leading zeroes")
        root = decode_base64(root_text, "the root hash")
        return cls(origin, int(size_text), root, tuple(extensions))

    def __str__(self) -> str:
        root = base64.b64encode(self.root).decode("ascii")
        return "".join(
            f"{line}\n" for line in (self.origin, str(self.size), root, *self.extensions)
        )


def sign_checkpoint(checkpoint: Checkpoint, signers: Sequence[SignerKey]) -> SignedNote:
    """Return the checkpoint as a signed note, signed by each of ``signers`` (type 0x01)."""
    return sign_note(str(checkpoint), signers)


def open_checkpoint(
    note: SignedNote | str | bytes, log_key: VerifierKey, *, origin: str | None = None
) -> Checkpoint:
    """Verify a signed checkpoint with the log's key and return its body.

    ``origin`` defaults to the key's name; a checkpoint of another origin is refused.
    Raises ``NoteError`` (a ``ValueError``) on any failure.
    """
    signed = note if isinstance(note, SignedNote) else SignedNote.parse(note)
    open_note(signed, [log_key])
    try:
        checkpoint = Checkpoint.parse(signed.text)
    except ValueError as exc:
        raise NoteError("malformed-checkpoint", str(exc)) from exc
    expected = log_key.name if origin is None else origin
    if checkpoint.origin != expected:
        raise NoteError("wrong-origin", f"checkpoint of {checkpoint.origin!r}, not {expected!r}")
    return checkpoint


def cosign_checkpoint(note: SignedNote, cosigner: SignerKey, timestamp: int) -> SignedNote:
    """Return ``note`` with a cosignature/v1 line by ``cosigner`` (a type 0x04 key) added.

    The cosigner is expected to have checked the checkpoint first (signature of the
    log, consistency with the largest checkpoint it has seen); this only signs.
    """
    if cosigner.sig_type != SIG_TYPE_COSIGNATURE_V1:
        raise ValueError("a cosigner key has signature type 0x04")
    Checkpoint.parse(note.text)
    return note.with_signatures(sign_note(note.text, [cosigner], timestamp=timestamp).signatures)


def verified_cosigners(note: SignedNote, witnesses: Sequence[VerifierKey]) -> list[VerifierKey]:
    """Return the ``witnesses`` whose cosignature on ``note`` verifies (never raises).

    A quorum policy ("two of these three parties") counts this list.
    """
    return [
        key
        for key in witnesses
        if any(sig.verify(key, note.text) for sig in note.signatures if sig.is_by(key))
    ]
