"""Signed-note keys: key IDs, verifier keys (vkeys) and signer keys (C2SP signed-note).

A verifier key is written ``<name>+<key ID as 8 hex digits>+<base64(type || key)>``
and a signer key ``PRIVATE+KEY+<name>+<key ID>+<base64(type || seed)>``, where the
key ID is ``SHA-256(name || 0x0A || type || public key)[:4]``. Two types are used:
``0x01`` (Ed25519 note signatures, the log's checkpoints) and ``0x04`` (timestamped
Ed25519 cosignatures, c2sp.org/tlog-cosignature).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from functools import cached_property
from hashlib import sha256

from . import ed25519

__all__ = [
    "SIG_TYPE_COSIGNATURE_V1",
    "SIG_TYPE_ED25519",
    "SignerKey",
    "VerifierKey",
    "check_key_name",
    "decode_base64",
    "fingerprint",
    "key_id",
    "same_fingerprint",
]

SIG_TYPE_ED25519 = 0x01
SIG_TYPE_COSIGNATURE_V1 = 0x04
_SUPPORTED_TYPES = (SIG_TYPE_ED25519, SIG_TYPE_COSIGNATURE_V1)
_HEX8 = re.compile(r"[0-9a-f]{8}")
_PRIVATE_PREFIX = "PRIVATE+KEY+"


def fingerprint(key: bytes) -> str:
    """What two people read to each other to check a key out of band: the first 128 bits of
    SHA-256 of the key's bytes (a delegate's raw public key, or a verifier key's text), in
    eight groups of four hex digits, e.g. ``3f2a 9c01 ...``."""
    digest = sha256(key).hexdigest()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def same_fingerprint(given: str, key: bytes) -> bool:
    """Whether ``given`` is ``fingerprint(key)``, ignoring case, spaces and colons."""
    typed = re.sub(r"[\s:]", "", given).lower()
    return typed == fingerprint(key).replace(" ", "")


def decode_base64(text: str, what: str) -> bytes:
    """Decode canonical standard base64 (RFC 4648 §4, padded); ``ValueError`` otherwise."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"{what} is not base64") from exc
    if base64.b64encode(raw).decode("ascii") != text:
        raise ValueError(f"{what} is not canonical base64")
    return raw


def check_key_name(name: str) -> None:
    """Raise ``ValueError`` unless ``name`` is a valid key name (non-empty, no space, no +)."""
    if not name:
        raise ValueError("a key name is not empty")
    for char in name:
        if char.isspace() or char == "+" or ord(char) < 0x20 or char == "\x7f":
            raise ValueError(f"a key name has no spaces, plus signs or controls: {name!r}")


def key_id(name: str, sig_type: int, public_key: bytes) -> bytes:
    """Return the 4-byte key ID ``SHA-256(name || "\\n" || type || public key)[:4]``."""
    check_key_name(name)
    return sha256(name.encode("utf-8") + b"\n" + bytes([sig_type]) + public_key).digest()[:4]


def _split_key_material(material: str) -> tuple[int, bytes]:
    raw = decode_base64(material, "key material")
    if len(raw) != 1 + ed25519.PUBLIC_KEY_SIZE or raw[0] not in _SUPPORTED_TYPES:
        raise ValueError("key material is not a type 0x01 or 0x04 Ed25519 key")
    return raw[0], raw[1:]


def _check_key(name: str, sig_type: int, key: bytes, size: int, which: str) -> None:
    check_key_name(name)
    if sig_type not in _SUPPORTED_TYPES:
        raise ValueError(f"unsupported signature type {sig_type:#04x}")
    if len(key) != size:
        raise ValueError(f"an Ed25519 {which} key is {size} bytes")


@dataclass(frozen=True)
class VerifierKey:
    """A public key that checks note signatures of one name and type (a "vkey")."""

    name: str
    sig_type: int
    public_key: bytes

    def __post_init__(self) -> None:
        _check_key(self.name, self.sig_type, self.public_key, ed25519.PUBLIC_KEY_SIZE, "public")

    @cached_property
    def key_id(self) -> bytes:
        """The 4-byte key ID that prefixes this key's signatures."""
        return key_id(self.name, self.sig_type, self.public_key)

    @classmethod
    def parse(cls, text: str) -> VerifierKey:
        """Parse ``<name>+<hex key ID>+<base64(type || key)>``."""
        name, _, rest = text.partition("+")
        hex_id, sep, material = rest.partition("+")
        if not sep or not _HEX8.fullmatch(hex_id):
            raise ValueError(f"not a verifier key: {text!r}")
        sig_type, public = _split_key_material(material)
        key = cls(name, sig_type, public)
        if key.key_id.hex() != hex_id:
            raise ValueError("the verifier key's ID does not match its name and key")
        return key

    def __str__(self) -> str:
        material = base64.b64encode(bytes([self.sig_type]) + self.public_key).decode()
        return f"{self.name}+{self.key_id.hex()}+{material}"


@dataclass(frozen=True, repr=False)
class SignerKey:
    """A private key that makes note signatures (type 0x01) or cosignatures (0x04)."""

    name: str
    sig_type: int
    private_key: bytes

    def __post_init__(self) -> None:
        _check_key(self.name, self.sig_type, self.private_key, ed25519.PRIVATE_KEY_SIZE, "private")

    def __repr__(self) -> str:
        return f"SignerKey(name={self.name!r}, sig_type={self.sig_type:#04x}, <private>)"

    @classmethod
    def generate(cls, name: str, sig_type: int = SIG_TYPE_ED25519) -> SignerKey:
        """Return a new random signer key of ``name`` and ``sig_type``."""
        return cls(name, sig_type, ed25519.generate_private_key())

    @cached_property
    def verifier(self) -> VerifierKey:
        """The matching verifier key, to publish."""
        return VerifierKey(self.name, self.sig_type, ed25519.public_key(self.private_key))

    @cached_property
    def key_id(self) -> bytes:
        """The 4-byte key ID that prefixes this key's signatures."""
        return self.verifier.key_id

    @classmethod
    def parse(cls, text: str) -> SignerKey:
        """Parse ``PRIVATE+KEY+<name>+<hex key ID>+<base64(type || seed)>``."""
        if not text.startswith(_PRIVATE_PREFIX):
            raise ValueError("not a signer key")
        name, _, rest = text.removeprefix(_PRIVATE_PREFIX).partition("+")
        hex_id, sep, material = rest.partition("+")
        if not sep or not _HEX8.fullmatch(hex_id):
            raise ValueError("not a signer key")
        sig_type, seed = _split_key_material(material)
        key = cls(name, sig_type, seed)
        if key.key_id.hex() != hex_id:
            raise ValueError("the signer key's ID does not match its name and key")
        return key

    def __str__(self) -> str:
        material = base64.b64encode(bytes([self.sig_type]) + self.private_key).decode()
        return f"{_PRIVATE_PREFIX}{self.name}+{self.key_id.hex()}+{material}"
