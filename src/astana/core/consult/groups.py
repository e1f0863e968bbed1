"""Opinion groups: who is counted, and k-means on the projected participants.

A participant is counted once they have cast at least min(7, statements) votes (Pol.is'
rule). The counted participants' places on the two principal axes are clustered by
k-means for each k from 2 to 5 (k-means++ seeding, several starts, a fixed seed); the k
with the highest mean silhouette wins, ties going to the smaller k. The silhouette is
measured on at most ``silhouette_sample`` participants drawn with the seed, never on every
pair of a large consultation; below that size it is exact. On more than ``fit_sample``
participants k-means is first fitted on a seeded sample and then refined on everyone
from those centres. Groups are numbered by size, largest first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

__all__ = ["Grouping", "counted_participants", "find_groups"]

MIN_VOTES = 7


@dataclass(frozen=True, eq=False)
class Grouping:
    """``labels`` (group of each clustered point), ``k``, the silhouette of each k tried."""

    labels: NDArray[np.int64]
    k: int
    centres: NDArray[np.float64]
    silhouettes: dict[int, float]


def counted_participants(
    votes_cast: NDArray[np.int64], n_statements: int, *, min_votes: int = MIN_VOTES
) -> NDArray[np.bool_]:
    """Mask of the participants counted: at least min(``min_votes``, statements) votes."""
    return votes_cast >= min(min_votes, n_statements)


def _kmeans(
    points: NDArray[np.float64], k: int, seed: int, fit_sample: int, starts: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    rng = np.random.default_rng([seed, k])
    sample = points
    if points.shape[0] > fit_sample:
        sample = points[np.sort(rng.choice(points.shape[0], fit_sample, replace=False))]
    model = KMeans(n_clusters=k, n_init=starts, random_state=seed).fit(sample)
    centres = np.asarray(model.cluster_centers_, dtype=np.float64)
    if sample is not points:
        refined = KMeans(n_clusters=k, init=centres, n_init=1, random_state=seed).fit(points)
        centres = np.asarray(refined.cluster_centers_, dtype=np.float64)
        return np.asarray(refined.labels_, dtype=np.int64), centres
    return np.asarray(model.labels_, dtype=np.int64), centres


def _by_size(labels: NDArray[np.int64], centres: NDArray[np.float64], k: int) -> Grouping:
    sizes = np.bincount(labels, minlength=k)
    order = np.lexsort((centres[:, 0], -sizes))  # largest first, then leftmost centre
    renumber = np.empty(k, dtype=np.int64)
    renumber[order] = np.arange(k)
    return Grouping(labels=renumber[labels], k=k, centres=centres[order], silhouettes={})


def find_groups(
    points: NDArray[np.float64],
    *,
    seed: int = 0,
    k_range: tuple[int, int] = (2, 5),
    silhouette_sample: int = 4000,
    fit_sample: int = 20000,
    starts: int = 10,
) -> Grouping:
    """Cluster ``points`` (participants × 2) into the k of ``k_range`` with best silhouette.

    With fewer than three distinct points there is nothing to compare: one group.
    """
    n = int(points.shape[0])
    distinct = int(np.unique(points, axis=0).shape[0]) if n else 0
    low, high = k_range
    high = min(high, distinct - 1)
    if n == 0:
        return Grouping(np.zeros(0, np.int64), 0, np.zeros((0, 2)), {})
    if high < low:
        return Grouping(np.zeros(n, np.int64), 1, points.mean(axis=0, keepdims=True), {})
    rng = np.random.default_rng(seed)
    probe = np.arange(n)
    if n > silhouette_sample:
        probe = np.sort(rng.choice(n, silhouette_sample, replace=False))
    best: Grouping | None = None
    silhouettes: dict[int, float] = {}
    for k in range(low, high + 1):
        labels, centres = _kmeans(points, k, seed, fit_sample, starts)
        probed = labels[probe]
        if np.unique(probed).shape[0] < 2:
            continue
        silhouettes[k] = float(silhouette_score(points[probe], probed))
        if best is None or silhouettes[k] > silhouettes[best.k]:
            best = _by_size(labels, centres, k)
    if best is None:
        return Grouping(np.zeros(n, np.int64), 1, points.mean(axis=0, keepdims=True), {})
    return Grouping(best.labels, best.k, best.centres, silhouettes)
