"""Ed25519 (RFC 8032) over PyCA ``cryptography``, with raw 32-byte keys.

Private keys are the 32-byte RFC 8032 seed; public keys the 32-byte encoding.
``verify`` returns ``False`` — it never raises — for any malformed key, signature or
message, so callers can feed it untrusted input. Verification is OpenSSL's: it
rejects non-canonical ``S`` (``S >= L``) and wrong lengths; all 151 Wycheproof
vectors give the expected answer (see ``tests/unit/ledger``).
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

__all__ = [
    "PRIVATE_KEY_SIZE",
    "PUBLIC_KEY_SIZE",
    "SIGNATURE_SIZE",
    "generate_private_key",
    "public_key",
    "sign",
    "verify",
]

PRIVATE_KEY_SIZE = 32
PUBLIC_KEY_SIZE = 32
SIGNATURE_SIZE = 64


@lru_cache(maxsize=8)
def _private(private_key: bytes) -> Ed25519PrivateKey:
    """The key object for a seed; the few keys a process signs with are kept (expanding a seed
    costs more than the signature itself)."""
    if len(private_key) != PRIVATE_KEY_SIZE:
        raise ValueError("an Ed25519 private key (seed) is 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(private_key)


def generate_private_key() -> bytes:
    """Return a fresh random 32-byte Ed25519 private key (seed)."""
    return Ed25519PrivateKey.generate().private_bytes_raw()


def public_key(private_key: bytes) -> bytes:
    """Return the raw 32-byte public key of a 32-byte private key."""
    return _private(private_key).public_key().public_bytes_raw()


def sign(private_key: bytes, message: bytes) -> bytes:
    """Return the 64-byte Ed25519 signature of ``message``."""
    return _private(private_key).sign(message)


def verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """Return whether ``signature`` is a valid signature of ``message`` by ``public_key``."""
    if len(public_key) != PUBLIC_KEY_SIZE or len(signature) != SIGNATURE_SIZE:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
