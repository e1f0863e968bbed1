"""Principal components on the sparse matrix agree with dense PCA of the imputed votes."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import PCA

from astana.core.consult import (
    OpinionMatrix,
    centred_votes,
    principal_components,
    project_participants,
    statement_means,
)

NAN = np.nan


def from_dense(rows: list[list[float]]) -> OpinionMatrix:
    table = np.array(rows, dtype=float)
    r, c = np.nonzero(~np.isnan(table))
    return OpinionMatrix.from_votes(r, c, table[r, c].astype(np.int8))


SMALL = [
    [1, 1, NAN, -1],
    [1, NAN, 0, -1],
    [-1, -1, 1, NAN],
    [NAN, -1, 1, 1],
    [1, 1, -1, -1],
    [0, NAN, NAN, 1],
]


def imputed(rows: list[list[float]]) -> np.ndarray:
    table = np.array(rows, dtype=float)
    means = np.nanmean(table, axis=0)
    return np.where(np.isnan(table), means, table)


def test_means_count_a_pass_as_zero() -> None:
    assert statement_means(from_dense(SMALL)).tolist() == [0.4, 0.0, 0.25, -0.2]


def test_centred_votes_are_the_imputed_centred_matrix_and_stay_sparse() -> None:
    matrix = from_dense(SMALL)
    centred = centred_votes(matrix, statement_means(matrix))
    assert isinstance(centred, sp.csr_matrix)
    assert centred.nnz == matrix.n_votes
    full = imputed(SMALL)
    np.testing.assert_allclose(centred.toarray(), full - full.mean(axis=0), atol=1e-12)


def test_axes_and_signs_match_scikit_learn_pca() -> None:
    matrix = from_dense(SMALL)
    axes, variances, _ = principal_components(centred_votes(matrix, statement_means(matrix)))
    reference = PCA(n_components=2, svd_solver="full").fit(imputed(SMALL))
    np.testing.assert_allclose(axes, reference.components_, atol=1e-7)
    np.testing.assert_allclose(variances, reference.explained_variance_, rtol=1e-7)


def test_places_are_spread_by_root_of_statements_over_votes() -> None:
    matrix = from_dense(SMALL)
    places, components = project_participants(matrix)
    reference = PCA(n_components=2, svd_solver="full").fit(imputed(SMALL))
    plain = reference.transform(imputed(SMALL))
    cast = np.array([3, 3, 3, 3, 4, 2])
    np.testing.assert_allclose(places, plain * np.sqrt(4 / cast)[:, None], atol=1e-7)
    np.testing.assert_allclose(components.means, reference.mean_)


def test_larger_random_matrix_against_dense_svd() -> None:
    rng = np.random.default_rng(3)
    table = rng.choice([-1.0, 0.0, 1.0], size=(300, 40))
    table[rng.random(table.shape) < 0.7] = NAN
    table[:, 0] = 1.0  # every column has votes
    rows = table.tolist()
    matrix = from_dense(rows)
    places, _ = project_participants(matrix, seed=11)
    full = imputed(rows)
    reference = PCA(n_components=2, svd_solver="full").fit(full)
    cast = (~np.isnan(table)).sum(axis=1)
    expected = reference.transform(full) * np.sqrt(40 / cast)[:, None]
    np.testing.assert_allclose(places, expected, atol=1e-6)


def test_seeds_change_the_start_not_the_answer() -> None:
    matrix = from_dense(SMALL)
    a, _ = project_participants(matrix, seed=1)
    b, _ = project_participants(matrix, seed=2)
    np.testing.assert_allclose(a, b, atol=1e-8)


def test_single_statement_gives_one_axis_and_a_zero_one() -> None:
    matrix = from_dense([[1], [-1], [0]])
    places, components = project_participants(matrix)
    assert components.axes.shape == (2, 1)
    assert components.axes[0].tolist() == [1.0]
    assert places[:, 1].tolist() == [0.0, 0.0, 0.0]
