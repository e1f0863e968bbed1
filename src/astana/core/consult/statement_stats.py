"""Vote counts per group and statement, and Pol.is' tests on them.

For group g and statement j: ``na``, ``nd`` agree and disagree votes, ``ns`` votes cast
(pass included), all counted by one sparse product of the group indicator with the
vote indicators. Pol.is smooths the probabilities, pa = (na + 1) / (ns + 2), and tests
them with

* the one-proportion test ``2·√(ns+1)·((na+1)/(ns+1) − ½)`` (is pa above one half?), and
* the two-proportion test of the group against everyone else, with one added to each
  count: (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)), 0 when p̂ = 1.

The group-aware consensus of a statement is the product over groups of pa (and of pd for
disagreement): high only if every group tends to agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from astana.core.consult.opinion_matrix import OpinionMatrix

__all__ = [
    "GroupCounts",
    "group_aware_consensus",
    "group_counts",
    "one_proportion_z",
    "smoothed_probability",
    "two_proportion_z",
]

Floats = NDArray[np.float64]


def smoothed_probability(successes: Floats, trials: Floats) -> Floats:
    """(successes + 1) / (trials + 2): Laplace's rule, as Pol.is uses it."""
    return (np.asarray(successes, dtype=np.float64) + 1.0) / (np.asarray(trials) + 2.0)


def one_proportion_z(successes: Floats, trials: Floats) -> Floats:
    """Pol.is' test that a proportion exceeds ½: 2·√(n+1)·((s+1)/(n+1) − ½)."""
    s = np.asarray(successes, dtype=np.float64) + 1.0
    n = np.asarray(trials, dtype=np.float64) + 1.0
    return 2.0 * np.sqrt(n) * (s / n - 0.5)


def two_proportion_z(
    successes_in: Floats, successes_out: Floats, trials_in: Floats, trials_out: Floats
) -> Floats:
    """Pol.is' two-proportion z (group against the rest), each count plus one."""
    s1 = np.asarray(successes_in, dtype=np.float64) + 1.0
    s2 = np.asarray(successes_out, dtype=np.float64) + 1.0
    n1 = np.asarray(trials_in, dtype=np.float64) + 1.0
    n2 = np.asarray(trials_out, dtype=np.float64) + 1.0
    pooled = (s1 + s2) / (n1 + n2)
    spread = np.sqrt(np.maximum(pooled * (1.0 - pooled), 0.0) * (1.0 / n1 + 1.0 / n2))
    difference = s1 / n1 - s2 / n2
    return np.divide(difference, spread, out=np.zeros_like(difference), where=spread > 0)


@dataclass(frozen=True, eq=False)
class GroupCounts:
    """Counts (groups × statements): agree ``na``, disagree ``nd``, votes cast ``ns``."""

    na: Floats
    nd: Floats
    ns: Floats

    @property
    def pa(self) -> Floats:
        return smoothed_probability(self.na, self.ns)

    @property
    def pd(self) -> Floats:
        return smoothed_probability(self.nd, self.ns)

    def total(self) -> GroupCounts:
        """The counts of everyone in these groups together (1 × statements)."""
        return GroupCounts(
            na=self.na.sum(axis=0, keepdims=True),
            nd=self.nd.sum(axis=0, keepdims=True),
            ns=self.ns.sum(axis=0, keepdims=True),
        )


def group_counts(
    matrix: OpinionMatrix, rows: NDArray[np.intp], labels: NDArray[np.int64], k: int
) -> GroupCounts:
    """Count the votes of participants ``rows`` (matrix rows), in groups ``labels``."""
    membership = sp.csr_matrix(
        (np.ones(rows.shape[0]), (labels, rows)), shape=(k, matrix.n_participants)
    )

    def count(value: int | None) -> Floats:
        return np.asarray((membership @ matrix.indicator(value)).toarray(), dtype=np.float64)

    return GroupCounts(na=count(1), nd=count(-1), ns=count(None))


def group_aware_consensus(counts: GroupCounts) -> tuple[Floats, Floats]:
    """Per statement, the product over groups of pa, and of pd."""
    return np.prod(counts.pa, axis=0), np.prod(counts.pd, axis=0)
