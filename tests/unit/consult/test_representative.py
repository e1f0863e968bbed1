"""Representative statements per group and consensus statements (Pol.is' repness)."""

from __future__ import annotations

import numpy as np

from astana.core.consult import (
    OpinionMatrix,
    consensus_statements,
    group_counts,
    representative_statements,
)


def two_camps() -> tuple[OpinionMatrix, np.ndarray]:
    """20 participants: 0–9 agree with 10, 10–19 disagree; all agree with 20; 30 splits."""
    rows, cols, votes = [], [], []
    for p in range(20):
        camp = p < 10
        for statement, vote in ((10, 1 if camp else -1), (20, 1), (30, 1 if p % 2 else 0)):
            rows.append(p)
            cols.append(statement)
            votes.append(vote)
    matrix = OpinionMatrix.from_votes(np.array(rows), np.array(cols), np.array(votes))
    return matrix, np.array([0] * 10 + [1] * 10, dtype=np.int64)


def test_each_camp_is_represented_by_its_side_of_the_divisive_statement() -> None:
    matrix, labels = two_camps()
    counts = group_counts(matrix, np.arange(20), labels, 2)
    chosen = representative_statements(counts, matrix.statement_ids)
    first, second = chosen[0], chosen[1]
    assert [(s.statement_id, s.direction) for s in first] == [(10, "agree")]
    assert first[0].best_agree
    assert first[0].n_success == 10 and first[0].n_trials == 10
    assert first[0].p_success == 11 / 12
    assert first[0].repness == (11 / 12) / (1 / 12)
    # Pol.is' "best agree" of the second camp is what it agrees with most, statement 20
    # (everyone agrees: its repness tests are 0 and 0, so it is labelled "disagree"),
    # followed by its own side of statement 10.
    assert [(s.statement_id, s.direction, s.best_agree) for s in second] == [
        (20, "disagree", True),
        (10, "disagree", False),
    ]
    assert second[1].repness_test > 1.2816


def test_nothing_significant_still_gives_one_statement() -> None:
    matrix = OpinionMatrix.from_votes(
        np.array([0, 1, 2, 3]), np.array([5, 5, 5, 5]), np.array([1, -1, 1, -1])
    )
    counts = group_counts(matrix, np.arange(4), np.array([0, 0, 1, 1]), 2)
    chosen = representative_statements(counts, matrix.statement_ids)
    assert [len(chosen[0]), len(chosen[1])] == [1, 1]
    assert chosen[0][0].statement_id == 5


def test_at_most_pick_max_and_agreements_first() -> None:
    rng = np.random.default_rng(0)
    n, m = 200, 40
    labels = (np.arange(n) < 100).astype(np.int64)
    lean = np.where(labels[:, None] == 1, 0.8, 0.2) * (np.arange(m) % 2 == 0) + 0.5 * (
        np.arange(m) % 2 == 1
    )
    votes = np.where(rng.random((n, m)) < lean, 1, -1)
    r, c = np.nonzero(np.ones((n, m), bool))
    matrix = OpinionMatrix.from_votes(r, c, votes[r, c])
    chosen = representative_statements(
        group_counts(matrix, np.arange(n), labels, 2), matrix.statement_ids
    )
    for statements in chosen.values():
        assert len(statements) == 5
        directions = [s.direction for s in statements]
        assert directions == sorted(directions)
        # all but Pol.is' "best agree" head are the divisive (even) statements
        assert all(s.statement_id % 2 == 0 for s in statements if not s.best_agree)


def test_consensus_needs_a_majority_and_significance() -> None:
    matrix, _ = two_camps()
    everyone = group_counts(matrix, np.arange(20), np.zeros(20, np.int64), 1)
    found = consensus_statements(everyone, matrix.statement_ids)
    assert [s.statement_id for s in found["agree"]] == [20]
    assert found["agree"][0].p_success == 21 / 22
    assert found["disagree"] == []  # 10 disagree of 20 is not a majority
