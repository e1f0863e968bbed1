"""Opinion groups: who is counted, and k-means on the projected participants.

A participant is counted once they have cast at least min(7, statements) votes (Pol.is'
rule). The counted participants' places on the two principal axes are clustered by
k-means (Lloyd's algorithm, 2-D) for each k from 2 to 5 (at most the number of distinct
places: two camps that vote as one block each are two points, and two groups); a k that
leaves a group smaller than ``min_group_size`` (3) is not chosen (where every k does,
from the first-distinct start, all are refitted from k-means++ starts); the k with the highest
mean silhouette wins, ties going to the smaller k. Small or uniform consultations are
handled explicitly and say so in ``Grouping.reason``: fewer than 2 × ``min_group_size``
counted participants form no groups (``"too-few-participants"``), participants who all
stand in one place form one (``"one-opinion"``), and where every k of the range would
leave a group too small, one group (``"no-split"``). The silhouette is measured on at most
``silhouette_sample`` participants drawn with the seed, never on every pair of a large
consultation; below that size it is exact. k-means starts either as red-dwarf does, from
the k smallest distinct points (``"first-distinct"``, the default: same groups as the
reference), or from the best of several seeded k-means++ draws (``"k-means++"``: tighter
groups where the deterministic start ends in a poor local optimum). Groups are numbered
by size, largest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "MIN_GROUP_SIZE",
    "Grouping",
    "GroupingReason",
    "Seeding",
    "counted_participants",
    "find_groups",
    "silhouettes",
]

MIN_VOTES = 7
MIN_GROUP_SIZE = 3
GroupingReason = Literal["", "too-few-participants", "one-opinion", "no-split"]
Seeding = Literal["k-means++", "first-distinct"]


@dataclass(frozen=True, eq=False)
class Grouping:
    """``labels`` (group of each clustered point), ``k``, the silhouette of each k tried,
    and ``reason`` why there is no choice by silhouette ("" when there is one)."""

    labels: NDArray[np.int64]
    k: int
    centres: NDArray[np.float64]
    silhouettes: dict[int, float]
    reason: GroupingReason = ""


def counted_participants(
    votes_cast: NDArray[np.int64], n_statements: int, *, min_votes: int = MIN_VOTES
) -> NDArray[np.bool_]:
    """Mask of the participants counted: at least min(``min_votes``, statements) votes."""
    return votes_cast >= min(min_votes, n_statements)


def _assign(points: NDArray[np.float64], centres: NDArray[np.float64]) -> NDArray[np.int64]:
    """Index of the nearest centre of each point (the first one on a tie)."""
    x, y = points[:, 0], points[:, 1]
    labels = np.zeros(points.shape[0], dtype=np.int64)
    best = np.full(points.shape[0], -np.inf)
    for c, (cx, cy) in enumerate(centres):
        closeness = x * (2.0 * cx) + y * (2.0 * cy) - (cx * cx + cy * cy)
        nearer = closeness > best
        labels[nearer] = c
        np.maximum(best, closeness, out=best)
    return labels


def _lloyd(
    points: NDArray[np.float64],
    centres: NDArray[np.float64],
    *,
    relative_tolerance: float = 1e-4,
    max_steps: int = 300,
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Lloyd's iterations from ``centres``, stopping as scikit-learn's KMeans does.

    That is: when no point changes group, or when the centres moved (sum of squares)
    by at most ``relative_tolerance`` (10⁻⁴) × the mean variance of the coordinates; the
    points are then assigned to the final centres. With 0, until no point changes.
    """
    k = centres.shape[0]
    tolerance = relative_tolerance * float(points.var(axis=0).mean())
    labels = np.full(points.shape[0], -1, dtype=np.int64)
    for _ in range(max_steps):
        new = _assign(points, centres)
        sizes = np.bincount(new, minlength=k).astype(np.float64)
        for empty in np.flatnonzero(sizes == 0):  # take the worst-served point of a big group
            spread = ((points - centres[new]) ** 2).sum(axis=1)
            spread[sizes[new] < 2] = -1.0
            taken = int(np.argmax(spread))
            sizes[new[taken]] -= 1
            new[taken], sizes[empty] = empty, 1
        sums = np.stack(
            [np.bincount(new, weights=points[:, d], minlength=k) for d in range(2)], axis=1
        )
        moved = np.divide(sums, sizes[:, None], out=centres.copy(), where=sizes[:, None] > 0)
        shift = float(((moved - centres) ** 2).sum())
        centres = moved
        if np.array_equal(new, labels):
            return new, centres
        labels = new
        if shift <= tolerance:
            break
    return _assign(points, centres), centres


def _spread(points: NDArray[np.float64], centres: NDArray[np.float64]) -> float:
    """Sum of squared distances of the points to their nearest centre."""
    labels = _assign(points, centres)
    return float(((points - centres[labels]) ** 2).sum())


def _plus_plus(
    points: NDArray[np.float64], k: int, rng: np.random.Generator
) -> NDArray[np.float64]:
    """Greedy k-means++: each next centre is the best of 2 + ⌊ln k⌋ draws ∝ squared distance."""
    trials = 2 + int(np.log(k))
    centres = [points[int(rng.integers(points.shape[0]))]]
    nearest = ((points - centres[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        total = float(nearest.sum())
        if total <= 0.0:
            candidates = rng.integers(points.shape[0], size=trials)
        else:
            candidates = np.searchsorted(np.cumsum(nearest), rng.random(trials) * total, "right")
            candidates = np.minimum(candidates, points.shape[0] - 1)
        options = [np.minimum(nearest, ((points - points[c]) ** 2).sum(axis=1)) for c in candidates]
        pick = int(np.argmin([float(option.sum()) for option in options]))
        centres.append(points[int(candidates[pick])])
        nearest = options[pick]
    return np.array(centres, dtype=np.float64)


def _kmeans(
    points: NDArray[np.float64],
    k: int,
    seed: int,
    fit_sample: int,
    starts: int,
    seeding: Seeding,
    distinct: NDArray[np.float64],
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    if seeding == "first-distinct":  # the k smallest distinct points, by x then y
        return _lloyd(points, distinct[:k].astype(np.float64))
    rng = np.random.default_rng([seed, k])
    sample = points
    if points.shape[0] > fit_sample:
        sample = points[np.sort(rng.choice(points.shape[0], fit_sample, replace=False))]
    best: NDArray[np.float64] | None = None
    best_spread = np.inf
    for _ in range(starts):
        _, centres = _lloyd(sample, _plus_plus(sample, k, rng), relative_tolerance=0.0)
        spread = _spread(sample, centres)
        if spread < best_spread:
            best, best_spread = centres, spread
    assert best is not None
    return _lloyd(points, best, relative_tolerance=0.0)


def silhouettes(
    points: NDArray[np.float64], labelings: list[NDArray[np.int64]], *, chunk: int = 512
) -> list[float]:
    """Mean silhouette of each labeling of the same points (distances computed once).

    s(i) = (b − a) / max(a, b), a the mean distance to the others of i's group, b the
    smallest mean distance to another group; 0 for a group of one.
    """
    n = points.shape[0]
    ks = [int(labels.max()) + 1 for labels in labelings]
    offsets = np.concatenate([[0], np.cumsum(ks)])
    members = np.zeros((n, int(offsets[-1])))
    for labels, offset in zip(labelings, offsets[:-1], strict=True):
        members[np.arange(n), offset + labels] = 1.0
    sums = np.empty_like(members)
    plane = points[:, 0] + 1j * points[:, 1]  # |a − b| of complex numbers is the distance
    for begin in range(0, n, chunk):
        block = plane[begin : begin + chunk]
        gaps = np.abs(block[:, None] - plane[None, :])
        sums[begin : begin + chunk] = gaps @ members
    scores = []
    for labels, offset, k in zip(labelings, offsets[:-1], ks, strict=True):
        part = sums[:, offset : offset + k]
        sizes = np.bincount(labels, minlength=k).astype(np.float64)
        own = sizes[labels]
        inside = np.divide(part[np.arange(n), labels], own - 1, out=np.zeros(n), where=own > 1)
        outside = np.where(np.arange(k)[None, :] == labels[:, None], np.inf, part / sizes)
        nearest = outside.min(axis=1)
        widest = np.maximum(inside, nearest)
        score = np.divide(nearest - inside, widest, out=np.zeros(n), where=widest > 0)
        scores.append(float(np.where(own > 1, score, 0.0).mean()))
    return scores


def _by_size(labels: NDArray[np.int64], centres: NDArray[np.float64], k: int) -> Grouping:
    sizes = np.bincount(labels, minlength=k)
    order = np.lexsort((centres[:, 0], -sizes))  # largest first, then leftmost centre
    renumber = np.empty(k, dtype=np.int64)
    renumber[order] = np.arange(k)
    return Grouping(labels=renumber[labels], k=k, centres=centres[order], silhouettes={})


def _smallest(labels: NDArray[np.int64], k: int) -> int:
    return int(np.bincount(labels, minlength=k).min())


def _dense(labels: NDArray[np.int64]) -> NDArray[np.int64]:
    """Labels renumbered 0..g-1 (a sample may miss a group)."""
    return np.unique(labels, return_inverse=True)[1].astype(np.int64).reshape(-1)


def _best_by_silhouette(
    points: NDArray[np.float64],
    probe: NDArray[np.int64],
    fits: dict[int, tuple[NDArray[np.int64], NDArray[np.float64]]],
    min_group_size: int,
) -> tuple[Grouping | None, dict[int, float]]:
    """The fit of best silhouette whose groups all reach ``min_group_size``; the scores."""
    usable = {k: fit for k, fit in fits.items() if np.unique(fit[0][probe]).shape[0] >= 2}
    scores = silhouettes(points[probe], [_dense(fit[0][probe]) for fit in usable.values()])
    silhouette_of = dict(zip(usable, scores, strict=True))
    best: Grouping | None = None
    for k, score in silhouette_of.items():
        if _smallest(usable[k][0], k) < min_group_size:
            continue
        if best is None or score > silhouette_of[best.k]:
            best = _by_size(*usable[k], k)
    return best, silhouette_of


def find_groups(
    points: NDArray[np.float64],
    *,
    seed: int = 0,
    k_range: tuple[int, int] = (2, 5),
    silhouette_sample: int = 4000,
    fit_sample: int = 20000,
    starts: int = 10,
    seeding: Seeding = "first-distinct",
    min_group_size: int = MIN_GROUP_SIZE,
) -> Grouping:
    """Cluster ``points`` (participants × 2) into the k of ``k_range`` with best silhouette.

    ``seeding="k-means++"`` keeps the best of ``starts`` seeded k-means++ runs (the lowest
    within-group sum of squares), fitted on at most ``fit_sample`` points and then refined
    on all. ``"first-distinct"`` starts one Lloyd run from the k
    lexicographically smallest distinct points, as red-dwarf does (its reading of
    Pol.is' "first k distinct points"); it reproduces red-dwarf's groups, local optima
    included. k never exceeds the number of distinct points; a k whose smallest group
    has fewer than ``min_group_size`` points is not chosen, and where the first-distinct
    start leaves such a group for every k, all are refitted from k-means++ starts.
    Below 2 × ``min_group_size`` points no groups are formed (k = 0, every label -1);
    the ``reason`` says why.
    """
    n = int(points.shape[0])
    if n == 0:
        return Grouping(np.zeros(0, np.int64), 0, np.zeros((0, 2)), {})
    if n < 2 * min_group_size:
        return Grouping(
            np.full(n, -1, np.int64), 0, np.zeros((0, 2)), {}, reason="too-few-participants"
        )
    distinct = np.unique(points, axis=0)
    low, high = k_range
    high = min(high, distinct.shape[0])
    if distinct.shape[0] < 2:
        return Grouping(
            np.zeros(n, np.int64), 1, points.mean(axis=0, keepdims=True), {}, "one-opinion"
        )
    rng = np.random.default_rng(seed)
    probe = np.arange(n)
    if n > silhouette_sample:
        probe = np.sort(rng.choice(n, silhouette_sample, replace=False))
    fits = {
        k: _kmeans(points, k, seed, fit_sample, starts, seeding, distinct)
        for k in range(low, high + 1)
    }
    best, silhouette_of = _best_by_silhouette(points, probe, fits, min_group_size)
    if best is None and seeding == "first-distinct":  # every start was poor: k-means++ ones
        fits = {
            k: _kmeans(points, k, seed, fit_sample, starts, "k-means++", distinct) for k in fits
        }
        best, silhouette_of = _best_by_silhouette(points, probe, fits, min_group_size)
    if best is None:
        return Grouping(
            np.zeros(n, np.int64), 1, points.mean(axis=0, keepdims=True), silhouette_of, "no-split"
        )
    return Grouping(best.labels, best.k, best.centres, silhouette_of)
