"""A shortest edit script between two sequences (Myers' O(ND) algorithm).

The redline compares provisions word by word, and the order of provisions by identity;
both need the *minimal* list of insertions and deletions. Common prefixes and suffixes are
trimmed first, so a provision with one changed word costs little more than reading it.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from enum import StrEnum

__all__ = ["Op", "edit_script"]


class Op(StrEnum):
    """What a stretch of the edit script does."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


def edit_script(
    old: Sequence[Hashable], new: Sequence[Hashable]
) -> list[tuple[Op, int, int, int, int]]:
    """The minimal edit script from ``old`` to ``new``.

    Returns ``(op, old_start, old_end, new_start, new_end)`` stretches in order; equal
    stretches cover both sides, deletions only ``old``, insertions only ``new``.
    """
    n, m = len(old), len(new)
    head = 0
    while head < n and head < m and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and old[n - 1 - tail] == new[m - 1 - tail]:
        tail += 1
    script: list[tuple[Op, int, int, int, int]] = []
    if head:
        script.append((Op.EQUAL, 0, head, 0, head))
    middle = _middle(old[head : n - tail], new[head : m - tail])
    for op, a0, a1, b0, b1 in middle:
        script.append((op, a0 + head, a1 + head, b0 + head, b1 + head))
    if tail:
        script.append((Op.EQUAL, n - tail, n, m - tail, m))
    return _merge(script)


def _middle(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[Op, int, int, int, int]]:
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        out: list[tuple[Op, int, int, int, int]] = []
        if n:
            out.append((Op.DELETE, 0, n, 0, 0))
        if m:
            out.append((Op.INSERT, 0, 0, 0, m))
        return out
    offset = n + m + 1
    v = [0] * (2 * offset + 1)
    trace: list[list[int]] = []
    found = False
    for d in range(n + m + 1):
        trace.append(v[:])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            v[offset + k] = x
            if x >= n and y >= m:
                found = True
                break
        if found:
            break
    return _backtrack(trace, offset, n, m)


def _backtrack(
    trace: list[list[int]], offset: int, n: int, m: int
) -> list[tuple[Op, int, int, int, int]]:
    steps: list[tuple[Op, int, int, int, int]] = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        if d == 0:
            if x > 0:
                steps.append((Op.EQUAL, 0, x, 0, y))
            break
        v = trace[d]
        k = x - y
        down = k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1])
        prev_k = k + 1 if down else k - 1
        prev_x = v[offset + prev_k]
        prev_y = prev_x - prev_k
        mid_x, mid_y = (prev_x, prev_y + 1) if down else (prev_x + 1, prev_y)
        if x > mid_x:
            steps.append((Op.EQUAL, mid_x, x, mid_y, y))
        if down:
            steps.append((Op.INSERT, prev_x, prev_x, prev_y, mid_y))
        else:
            steps.append((Op.DELETE, prev_x, mid_x, prev_y, prev_y))
        x, y = prev_x, prev_y
    steps.reverse()
    return steps


def _merge(script: list[tuple[Op, int, int, int, int]]) -> list[tuple[Op, int, int, int, int]]:
    """Join neighbouring stretches: each change becomes one deletion, then one insertion."""
    steps = [s for s in script if s[1] != s[2] or s[3] != s[4]]
    out: list[tuple[Op, int, int, int, int]] = []
    i = 0
    while i < len(steps):
        op, a0, a1, b0, b1 = steps[i]
        if op is Op.EQUAL:
            if out and out[-1][0] is Op.EQUAL:
                out[-1] = (Op.EQUAL, out[-1][1], a1, out[-1][3], b1)
            else:
                out.append(steps[i])
            i += 1
            continue
        j = i
        while j < len(steps) and steps[j][0] is not Op.EQUAL:
            j += 1
        a1, b1 = steps[j - 1][2], steps[j - 1][4]
        if a1 > a0:
            out.append((Op.DELETE, a0, a1, b0, b0))
        if b1 > b0:
            out.append((Op.INSERT, a1, a1, b0, b1))
        i = j
    return out
