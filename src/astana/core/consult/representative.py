"""Representative statements of each group and consensus statements (Pol.is' repness).

For a group, a statement is *representative* for agreement when both the group's
agreement is significant (one-proportion z of pa > z₉₀) and it differs from the rest
(two-proportion z of the group against the others > z₉₀); likewise for disagreement.
Its direction is agree when the agree repness test beats the disagree one, and it ranks
by repness × repness test × probability × probability test, where repness is the
ratio of the group's smoothed probability to the others'. Pol.is puts first the
statement the group agrees on best (scanned in statement order, as in repness.clj),
keeps at most five, and lists agreements before disagreements. When nothing is
significant, the one with the largest repness test stands in alone.

Consensus statements look at everyone: those with pa > ½ and a significant one-proportion
test, ranked by pa × its test (five at most), and the same for disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

from astana.core.consult.statement_stats import GroupCounts, one_proportion_z, two_proportion_z

__all__ = [
    "ConsensusStatement",
    "RepresentativeStatement",
    "consensus_statements",
    "representative_statements",
]

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class RepresentativeStatement:
    """A statement that sets a group apart, with the figures behind the choice."""

    statement_id: int
    direction: str  # "agree" or "disagree"
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    repness: float
    repness_test: float
    best_agree: bool = False


@dataclass(frozen=True)
class ConsensusStatement:
    """A statement most participants agree (or disagree) with."""

    statement_id: int
    direction: str
    n_success: int
    n_trials: int
    p_success: float
    p_test: float


@dataclass(frozen=True)
class _Stats:
    na: Floats
    nd: Floats
    ns: Floats
    pa: Floats
    pd: Floats
    pat: Floats
    pdt: Floats
    ra: Floats
    rd: Floats
    rat: Floats
    rdt: Floats


def _group_stats(counts: GroupCounts, group: int) -> _Stats:
    total = counts.total()
    out = GroupCounts(
        na=total.na[0] - counts.na[group],
        nd=total.nd[0] - counts.nd[group],
        ns=total.ns[0] - counts.ns[group],
    )
    na, nd, ns = counts.na[group], counts.nd[group], counts.ns[group]
    pa, pd = counts.pa[group], counts.pd[group]
    return _Stats(
        na=na,
        nd=nd,
        ns=ns,
        pa=pa,
        pd=pd,
        pat=one_proportion_z(na, ns),
        pdt=one_proportion_z(nd, ns),
        ra=pa / out.pa,
        rd=pd / out.pd,
        rat=two_proportion_z(na, out.na, ns, out.ns),
        rdt=two_proportion_z(nd, out.nd, ns, out.ns),
    )


def _statement(stats: _Stats, j: int, statement_ids: NDArray[np.int64]) -> RepresentativeStatement:
    agree = bool(stats.rat[j] > stats.rdt[j])
    success, p, pt, r, rt = (
        (stats.na, stats.pa, stats.pat, stats.ra, stats.rat)
        if agree
        else (stats.nd, stats.pd, stats.pdt, stats.rd, stats.rdt)
    )
    return RepresentativeStatement(
        statement_id=int(statement_ids[j]),
        direction="agree" if agree else "disagree",
        n_success=int(success[j]),
        n_trials=int(stats.ns[j]),
        p_success=float(p[j]),
        p_test=float(pt[j]),
        repness=float(r[j]),
        repness_test=float(rt[j]),
    )


def _best_agree(stats: _Stats, z: float) -> int | None:
    """Pol.is' scan for the statement the group agrees with best (repness.clj)."""
    best: int | None = None
    for j in range(stats.na.shape[0]):
        if stats.na[j] == 0 and stats.nd[j] == 0:
            continue
        if best is not None and stats.ra[best] > 1.0:
            better = stats.ra[j] * stats.rat[j] * stats.pa[j] * stats.pat[j] > (
                stats.ra[best] * stats.rat[best] * stats.pa[best] * stats.pat[best]
            )
        elif best is not None:
            better = stats.pa[j] * stats.pat[j] > stats.pa[best] * stats.pat[best]
        else:
            better = stats.pat[j] > z or (stats.ra[j] > 1.0 and stats.pa[j] > 0.5)
        if better:
            best = j
    return best


def representative_statements(
    counts: GroupCounts,
    statement_ids: NDArray[np.int64],
    *,
    confidence: float = 0.9,
    pick_max: int = 5,
) -> dict[int, list[RepresentativeStatement]]:
    """The representative statements of each group (groups numbered as in ``counts``)."""
    z = NormalDist().inv_cdf(confidence)
    chosen: dict[int, list[RepresentativeStatement]] = {}
    for group in range(counts.na.shape[0]):
        stats = _group_stats(counts, group)
        significant = ((stats.pat > z) & (stats.rat > z)) | ((stats.pdt > z) & (stats.rdt > z))
        agree = stats.rat > stats.rdt
        metric = np.where(
            agree,
            stats.ra * stats.rat * stats.pa * stats.pat,
            stats.rd * stats.rdt * stats.pd * stats.pdt,
        )
        candidates = np.flatnonzero(significant)
        ranked = candidates[np.lexsort((statement_ids[candidates], -metric[candidates]))]
        best_agree = _best_agree(stats, z)
        head: list[int] = []
        if best_agree is not None:
            head = [best_agree]
        elif ranked.size == 0:
            head = [int(np.argmax(np.maximum(stats.rat, stats.rdt)))]
        picked = head + [int(j) for j in ranked if int(j) not in head]
        statements = [_statement(stats, j, statement_ids) for j in picked[:pick_max]]
        if best_agree is not None:
            first = statements[0]
            statements[0] = RepresentativeStatement(**{**first.__dict__, "best_agree": True})
        chosen[group] = sorted(statements, key=lambda s: s.direction)
    return chosen


def consensus_statements(
    everyone: GroupCounts,
    statement_ids: NDArray[np.int64],
    *,
    confidence: float = 0.9,
    pick_max: int = 5,
) -> dict[str, list[ConsensusStatement]]:
    """Statements most agree with, and most disagree with (``everyone`` is 1 × statements)."""
    z = NormalDist().inv_cdf(confidence)
    result: dict[str, list[ConsensusStatement]] = {}
    ns = everyone.ns[0]
    for direction, successes, p in (
        ("agree", everyone.na[0], everyone.pa[0]),
        ("disagree", everyone.nd[0], everyone.pd[0]),
    ):
        test = one_proportion_z(successes, ns)
        candidates = np.flatnonzero((p > 0.5) & (test > z))
        ranked = candidates[np.lexsort((statement_ids[candidates], -(p * test)[candidates]))]
        result[direction] = [
            ConsensusStatement(
                statement_id=int(statement_ids[j]),
                direction=direction,
                n_success=int(successes[j]),
                n_trials=int(ns[j]),
                p_success=float(p[j]),
                p_test=float(test[j]),
            )
            for j in ranked[:pick_max]
        ]
    return result
