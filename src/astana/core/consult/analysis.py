"""The whole analysis of a consultation, Pol.is' method on a sparse opinion matrix.

``analyze(matrix, seed=...)`` projects every participant on the two principal axes of
the mean-imputed votes (spread by √(statements ÷ votes cast)), clusters those counted
(at least min(7, statements) votes) into 2–5 groups chosen by silhouette, and reports
each group's representative statements, the consensus statements, and the group-aware
consensus of every statement. The same matrix and seed give the same result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from astana.core.consult.groups import (
    MIN_GROUP_SIZE,
    MIN_VOTES,
    GroupingReason,
    Seeding,
    counted_participants,
    find_groups,
)
from astana.core.consult.opinion_matrix import OpinionMatrix
from astana.core.consult.projection import PrincipalComponents, project_participants
from astana.core.consult.representative import (
    ConsensusStatement,
    RepresentativeStatement,
    consensus_statements,
    representative_statements,
)
from astana.core.consult.statement_stats import group_aware_consensus, group_counts

__all__ = ["ANALYSIS_STEPS", "ConsultationAnalysis", "analyze"]

ANALYSIS_STEPS = ("principal components", "groups", "statements")


@dataclass(frozen=True, eq=False)
class ConsultationAnalysis:
    """Result of :func:`analyze`; arrays are aligned with the matrix's rows and columns.

    ``groups[i]`` is participant ``participant_ids[i]``'s group, -1 when not counted (or
    when too few are counted to form groups: ``grouping_reason`` then says so).
    ``group_aware_consensus[j]`` (and ``..._disagree``) belongs to ``statement_ids[j]``.
    """

    participant_ids: NDArray[np.int64]
    statement_ids: NDArray[np.int64]
    places: NDArray[np.float64]
    counted: NDArray[np.bool_]
    groups: NDArray[np.int64]
    k: int
    silhouettes: dict[int, float]
    components: PrincipalComponents
    repness: dict[int, list[RepresentativeStatement]]
    consensus: dict[str, list[ConsensusStatement]]
    group_aware_consensus: NDArray[np.float64]
    group_aware_consensus_disagree: NDArray[np.float64]
    grouping_reason: GroupingReason = ""

    def group_sizes(self) -> list[int]:
        """Number of participants in each group, group 0 first."""
        grouped = self.groups[self.groups >= 0]
        return [int(n) for n in np.bincount(grouped, minlength=self.k)] if self.k else []

    def top_group_aware_consensus(self, n: int = 5) -> list[tuple[int, float]]:
        """The ``n`` statements with the highest group-aware consensus (ties: lower id)."""
        order = np.lexsort((self.statement_ids, -self.group_aware_consensus))[:n]
        return [(int(self.statement_ids[j]), float(self.group_aware_consensus[j])) for j in order]

    def to_json(self) -> dict[str, Any]:
        """One JSON-ready object: k, groups, repness, consensus, group-aware consensus."""
        counted = np.flatnonzero(self.counted & (self.groups >= 0))
        order = np.lexsort((self.statement_ids, -self.group_aware_consensus))
        return {
            "k": self.k,
            "grouping_reason": self.grouping_reason,
            "group_sizes": self.group_sizes(),
            "silhouettes": {str(k): s for k, s in self.silhouettes.items()},
            "groups": {
                str(p): g
                for p, g in zip(
                    self.participant_ids[counted].tolist(),
                    self.groups[counted].tolist(),
                    strict=True,
                )
            },
            "repness": {str(g): [asdict(s) for s in sts] for g, sts in self.repness.items()},
            "consensus": {d: [asdict(s) for s in sts] for d, sts in self.consensus.items()},
            "group_aware_consensus": {
                str(int(self.statement_ids[j])): {
                    "agree": float(self.group_aware_consensus[j]),
                    "disagree": float(self.group_aware_consensus_disagree[j]),
                }
                for j in order
            },
        }


def analyze(
    matrix: OpinionMatrix,
    *,
    seed: int = 0,
    min_votes: int = MIN_VOTES,
    k_range: tuple[int, int] = (2, 5),
    confidence: float = 0.9,
    pick_max: int = 5,
    seeding: Seeding = "first-distinct",
    min_group_size: int = MIN_GROUP_SIZE,
    on_step: Callable[[str], None] | None = None,
) -> ConsultationAnalysis:
    """Run Pol.is' analysis on ``matrix``; ``on_step`` hears each of ``ANALYSIS_STEPS`` done."""

    def done(step: str) -> None:
        if on_step is not None:
            on_step(step)

    places, components = project_participants(matrix, seed=seed)
    done(ANALYSIS_STEPS[0])
    counted = counted_participants(matrix.votes_cast(), matrix.n_statements, min_votes=min_votes)
    rows = np.flatnonzero(counted)
    grouping = find_groups(
        places[rows], seed=seed, k_range=k_range, seeding=seeding, min_group_size=min_group_size
    )
    groups = np.full(matrix.n_participants, -1, dtype=np.int64)
    groups[rows] = grouping.labels
    done(ANALYSIS_STEPS[1])
    grouped = grouping.labels >= 0
    counts = group_counts(matrix, rows[grouped], grouping.labels[grouped], grouping.k)
    everyone = group_counts(
        matrix, np.arange(matrix.n_participants), np.zeros(matrix.n_participants, np.int64), 1
    )
    agree, disagree = group_aware_consensus(counts)
    result = ConsultationAnalysis(
        participant_ids=matrix.participant_ids,
        statement_ids=matrix.statement_ids,
        places=places,
        counted=counted,
        groups=groups,
        k=grouping.k,
        silhouettes=grouping.silhouettes,
        components=components,
        repness=representative_statements(
            counts, matrix.statement_ids, confidence=confidence, pick_max=pick_max
        ),
        consensus=consensus_statements(
            everyone, matrix.statement_ids, confidence=confidence, pick_max=pick_max
        ),
        group_aware_consensus=agree,
        group_aware_consensus_disagree=disagree,
        grouping_reason=grouping.reason,
    )
    done(ANALYSIS_STEPS[2])
    return result
