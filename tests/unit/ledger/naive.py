"""A literal, recursive transcription of RFC 9162 §2.1 to test the fast tree against."""

from __future__ import annotations

from hashlib import sha256


def _split(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


class NaiveTree:
    """MTH, PATH and PROOF exactly as RFC 9162 defines them (memoised MTH)."""

    def __init__(self, entries: list[bytes]) -> None:
        self.leaves = [sha256(b"\x00" + e).digest() for e in entries]
        self._memo: dict[tuple[int, int], bytes] = {}

    def mth(self, lo: int, hi: int) -> bytes:
        if hi == lo:
            return sha256(b"").digest()
        if hi - lo == 1:
            return self.leaves[lo]
        key = (lo, hi)
        if key not in self._memo:
            k = _split(hi - lo)
            left, right = self.mth(lo, lo + k), self.mth(lo + k, hi)
            self._memo[key] = sha256(b"\x01" + left + right).digest()
        return self._memo[key]

    def path(self, m: int, lo: int, hi: int) -> list[bytes]:
        n = hi - lo
        if n == 1:
            return []
        k = _split(n)
        if m < k:
            return [*self.path(m, lo, lo + k), self.mth(lo + k, hi)]
        return [*self.path(m - k, lo + k, hi), self.mth(lo, lo + k)]

    def subproof(self, m: int, lo: int, hi: int, whole: bool) -> list[bytes]:
        n = hi - lo
        if m == n:
            return [] if whole else [self.mth(lo, hi)]
        k = _split(n)
        if m <= k:
            return [*self.subproof(m, lo, lo + k, whole), self.mth(lo + k, hi)]
        return [*self.subproof(m - k, lo + k, hi, False), self.mth(lo, lo + k)]

    def proof(self, m: int, n: int) -> list[bytes]:
        return self.subproof(m, 0, n, True)
