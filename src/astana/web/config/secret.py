"""Is a secret key good enough for production? Length, known values, an entropy estimate.

Django signs sessions, CSRF tokens and password-reset links with ``SECRET_KEY``: a short,
published or low-entropy key lets anyone forge them. Production refuses such a key at start
(``settings.production``) with a message that says how to make a good one.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Final

__all__ = ["GENERATE", "KNOWN_KEYS", "MIN_DISTINCT", "MIN_ENTROPY_BITS", "MIN_LENGTH", "problem"]

MIN_LENGTH: Final = 50
MIN_DISTINCT: Final = 20
MIN_ENTROPY_BITS: Final = 200
GENERATE: Final = 'python -c "import secrets; print(secrets.token_urlsafe(64))"'
# Keys printed in this repository (the development settings, the docs' placeholder).
KNOWN_KEYS: Final = frozenset(
    {
        "astana-local-development-key-not-for-production",
        "change-me",
        "replace-with-the-output-of-token-urlsafe",
    }
)


def entropy_bits(key: str) -> float:
    """Shannon entropy of the key's characters times its length: an upper estimate of the
    bits an attacker must guess, low for repetitive keys (``"a" * 54`` has 0)."""
    counts = Counter(key)
    total = len(key)
    return sum(n * math.log2(total / n) for n in counts.values())


def problem(key: str, *, name: str = "ASTANA_SECRET_KEY") -> str | None:
    """Why ``key`` will not do in production, with how to make one; ``None`` if it will."""
    how = f"Generate one with: {GENERATE}"
    if not key:
        return f"{name} is not set. {how}"
    if key in KNOWN_KEYS or key.startswith("django-insecure-"):
        return f"{name} is a published example or development key. {how}"
    if len(key) < MIN_LENGTH:
        return f"{name} has {len(key)} characters; at least {MIN_LENGTH} are needed. {how}"
    distinct = len(set(key))
    bits = entropy_bits(key)
    if distinct < MIN_DISTINCT or bits < MIN_ENTROPY_BITS:
        return (
            f"{name} is not random enough ({distinct} distinct characters, about {bits:.0f}"
            f" bits; at least {MIN_DISTINCT} and {MIN_ENTROPY_BITS} are needed). {how}"
        )
    return None
