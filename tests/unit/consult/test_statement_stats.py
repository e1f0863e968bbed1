"""Counts per group, Pol.is' smoothed probabilities and z-tests, group-aware consensus."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from astana.core.consult import (
    OpinionMatrix,
    group_aware_consensus,
    group_counts,
    one_proportion_z,
    smoothed_probability,
    two_proportion_z,
)


def test_smoothed_probability_adds_one_and_two() -> None:
    assert smoothed_probability(np.array([0.0, 3.0]), np.array([0.0, 4.0])).tolist() == [
        0.5,
        4 / 6,
    ]


def test_one_proportion_z_by_hand() -> None:
    # 8 agree of 10: 2·√11·(9/11 − ½)
    assert one_proportion_z(np.array([8.0]), np.array([10.0]))[0] == pytest.approx(
        2.1105794120443457, rel=1e-12
    )
    assert one_proportion_z(np.array([0.0]), np.array([0.0]))[0] == pytest.approx(1.0)


def test_two_proportion_z_by_hand_and_the_degenerate_case() -> None:
    z = two_proportion_z(np.array([8.0]), np.array([2.0]), np.array([10.0]), np.array([10.0]))
    assert z[0] == pytest.approx(2.5690465157330262, rel=1e-12)
    everyone = two_proportion_z(np.array([5.0]), np.array([3.0]), np.array([5.0]), np.array([3.0]))
    assert everyone[0] == 0.0  # p̂ = 1: no spread, Pol.is says 0


def test_group_counts_and_group_aware_consensus_by_hand() -> None:
    # participants 0, 1 in group 0; 2 in group 1; 3 not counted
    matrix = OpinionMatrix.from_votes(
        np.array([0, 0, 1, 1, 2, 2, 3]),
        np.array([0, 1, 0, 1, 0, 1, 0]),
        np.array([1, 0, 1, -1, -1, 1, 1]),
    )
    counts = group_counts(matrix, np.array([0, 1, 2]), np.array([0, 0, 1]), 2)
    assert counts.na.tolist() == [[2, 0], [0, 1]]
    assert counts.nd.tolist() == [[0, 1], [1, 0]]
    assert counts.ns.tolist() == [[2, 2], [1, 1]]
    agree, disagree = group_aware_consensus(counts)
    np.testing.assert_allclose(agree, [(3 / 4) * (1 / 3), (1 / 4) * (2 / 3)])
    np.testing.assert_allclose(disagree, [(1 / 4) * (2 / 3), (2 / 4) * (1 / 3)])


def test_same_figures_as_red_dwarf_on_a_random_matrix() -> None:
    from reddwarf.utils.stats import calculate_comment_statistics

    rng = np.random.default_rng(8)
    table = rng.choice([-1.0, 0.0, 1.0], size=(80, 12))
    table[rng.random(table.shape) < 0.5] = np.nan
    labels = rng.integers(0, 3, 80)
    r, c = np.nonzero(~np.isnan(table))
    matrix = OpinionMatrix.from_votes(r, c, table[r, c].astype(np.int8))
    counts = group_counts(matrix, np.arange(80), labels.astype(np.int64), 3)
    n_g, n_v, p_v, _, p_test, _, gac = calculate_comment_statistics(pd.DataFrame(table), labels)
    assert counts.ns.tolist() == n_g.tolist()
    assert counts.na.tolist() == n_v[0].tolist()
    assert counts.nd.tolist() == n_v[1].tolist()
    np.testing.assert_allclose(counts.pa, p_v[0])
    np.testing.assert_allclose(one_proportion_z(counts.na, counts.ns), p_test[0])
    np.testing.assert_allclose(group_aware_consensus(counts)[0], gac[0])
