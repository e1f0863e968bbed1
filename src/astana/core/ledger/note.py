"""C2SP signed notes: a text, a blank line, then ``— <name> <base64>`` signature lines.

The text is UTF-8 with no ASCII control characters but newline, and ends with a
newline; the last blank line of the note separates it from the signatures. Each
signature is ``base64(key ID (4) || signature bytes)``. Opening a note with a set of
known verifier keys ignores signatures of unknown keys, rejects the note if a known
key's signature fails, and requires at least one known key to have signed.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import ed25519
from .cosignature import Cosignature
from .errors import NoteError
from .keys import (
    SIG_TYPE_COSIGNATURE_V1,
    SignerKey,
    VerifierKey,
    check_key_name,
    decode_base64,
)

__all__ = ["MAX_SIGNATURES", "NoteSignature", "SignedNote", "open_note", "sign_note"]

MAX_SIGNATURES = 100
_DASH = "\u2014 "


def _check_text(text: str) -> None:
    if not text.endswith("\n"):
        raise NoteError("malformed-note", "a note text ends with a newline")
    for char in text:
        if ord(char) < 0x20 and char != "\n":
            raise NoteError("malformed-note", "a note has no control characters but newline")


@dataclass(frozen=True)
class NoteSignature:
    """One signature line: the key name, the 4-byte key ID and the signature bytes."""

    name: str
    key_id: bytes
    signature: bytes

    def __post_init__(self) -> None:
        check_key_name(self.name)
        if len(self.key_id) != 4:
            raise ValueError("a key ID is 4 bytes")

    @classmethod
    def parse(cls, line: str) -> NoteSignature:
        """Parse ``— <name> <base64(key ID || signature)>`` (without the newline)."""
        if not line.startswith(_DASH):
            raise NoteError("malformed-signature", "a signature line starts with an em dash")
        name, sep, encoded = line.removeprefix(_DASH).partition(" ")
        try:
            raw = decode_base64(encoded, "a signature")
            if not sep or len(raw) < 5:
                raise ValueError("a signature line has a name and at least 5 bytes")
            return cls(name, raw[:4], raw[4:])
        except ValueError as exc:
            raise NoteError("malformed-signature", str(exc)) from exc

    def __str__(self) -> str:
        encoded = base64.b64encode(self.key_id + self.signature).decode("ascii")
        return f"{_DASH}{self.name} {encoded}"

    def is_by(self, key: VerifierKey) -> bool:
        """Whether this line names ``key`` (same name and key ID)."""
        return self.name == key.name and self.key_id == key.key_id

    def verify(self, key: VerifierKey, text: str) -> bool:
        """Whether this line is ``key``'s valid signature of ``text`` (by its type)."""
        if not self.is_by(key):
            return False
        message = text.encode("utf-8")
        if key.sig_type == SIG_TYPE_COSIGNATURE_V1:
            try:
                cosignature = Cosignature.from_bytes(self.signature)
            except ValueError:
                return False
            return cosignature.verify(key.public_key, message)
        return ed25519.verify(key.public_key, message, self.signature)


@dataclass(frozen=True)
class SignedNote:
    """A note text with one or more signature lines; ``str()`` is the wire form."""

    text: str
    signatures: tuple[NoteSignature, ...]

    def __post_init__(self) -> None:
        _check_text(self.text)
        if not self.signatures:
            raise NoteError("unsigned-note", "a signed note has at least one signature")
        if len(self.signatures) > MAX_SIGNATURES:
            raise NoteError("too-many-signatures", f"more than {MAX_SIGNATURES} signatures")

    @classmethod
    def parse(cls, note: str | bytes) -> SignedNote:
        """Parse a signed note exactly; ``NoteError`` (a ``ValueError``) if malformed."""
        if isinstance(note, bytes):
            try:
                note = note.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise NoteError("malformed-note", "a note is UTF-8") from exc
        _check_text(note)
        split = note.rfind("\n\n")
        if split < 0:
            raise NoteError("malformed-note", "no blank line before the signatures")
        lines = note[split + 2 :].split("\n")[:-1]
        if len(lines) > MAX_SIGNATURES:
            raise NoteError("too-many-signatures", f"more than {MAX_SIGNATURES} signatures")
        return cls(note[: split + 1], tuple(NoteSignature.parse(line) for line in lines))

    def __str__(self) -> str:
        return self.text + "\n" + "".join(f"{sig}\n" for sig in self.signatures)

    def with_signatures(self, extra: Iterable[NoteSignature]) -> SignedNote:
        """Return this note with ``extra`` signature lines appended (e.g. cosignatures)."""
        return SignedNote(self.text, (*self.signatures, *extra))


def _signature(text: str, signer: SignerKey, timestamp: int | None) -> NoteSignature:
    message = text.encode("utf-8")
    if signer.sig_type == SIG_TYPE_COSIGNATURE_V1:
        if timestamp is None:
            raise ValueError("a cosignature needs a timestamp")
        payload = Cosignature.create(signer.private_key, timestamp, message).to_bytes()
    else:
        payload = ed25519.sign(signer.private_key, message)
    return NoteSignature(signer.name, signer.key_id, payload)


def sign_note(
    text: str, signers: Sequence[SignerKey], *, timestamp: int | None = None
) -> SignedNote:
    """Sign ``text`` with each signer; cosigner keys (type 0x04) need ``timestamp``."""
    _check_text(text)
    return SignedNote(text, tuple(_signature(text, s, timestamp) for s in signers))


def open_note(note: SignedNote, known: Sequence[VerifierKey]) -> list[VerifierKey]:
    """Verify ``note`` against ``known`` keys; return the keys whose signature verified.

    Raises ``NoteError`` if a known key's signature fails ("bad-signature") or if no
    known key signed ("unverified-note"). Unknown signatures are ignored.
    """
    verified: list[VerifierKey] = []
    for signature in note.signatures:
        for key in known:
            if signature.is_by(key):
                if not signature.verify(key, note.text):
                    raise NoteError("bad-signature", f"the signature of {key.name} fails")
                if key not in verified:
                    verified.append(key)
    if not verified:
        raise NoteError("unverified-note", "no known key signed the note")
    return verified
