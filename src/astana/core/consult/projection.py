"""Principal components of the opinion matrix, computed on the sparse votes.

Pol.is fills a missing vote with the statement's mean vote and centres each column. A
filled cell then becomes exactly 0, and a cast vote v on statement j becomes v − mean_j,
so the centred, imputed matrix is a sparse matrix with the pattern of the votes cast
(:func:`centred_votes`); its columns already sum to zero. Its top principal axes are the
top right singular vectors, found by block subspace iteration with Rayleigh–Ritz
(:func:`principal_components`): each step multiplies the sparse matrix and its transpose
by a thin block, so time and memory grow with the number of votes, never with
participants × statements. Signs follow scikit-learn's PCA (the entry of largest
magnitude of each axis is positive). Participants are projected and then spread by
Pol.is' factor √(statements ÷ votes cast), so that those who voted little are not
pulled to the centre (:func:`project_participants`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from astana.core.consult.opinion_matrix import OpinionMatrix

__all__ = [
    "PrincipalComponents",
    "centred_votes",
    "principal_components",
    "project_participants",
    "statement_means",
]

_EXTRA_VECTORS = 8
_TOLERANCE = 1e-9
_MAX_STEPS = 300


@dataclass(frozen=True, eq=False)
class PrincipalComponents:
    """``axes`` (components × statements), their ``variances``, the column ``means``."""

    axes: NDArray[np.float64]
    variances: NDArray[np.float64]
    means: NDArray[np.float64]
    steps: int


def statement_means(matrix: OpinionMatrix) -> NDArray[np.float64]:
    """Mean of the votes cast on each statement (pass counts as 0)."""
    votes = matrix.votes
    counts = np.bincount(votes.indices, minlength=matrix.n_statements)
    sums = np.bincount(
        votes.indices, weights=votes.data.astype(np.float64), minlength=matrix.n_statements
    )
    return np.divide(sums, counts, out=np.zeros(matrix.n_statements), where=counts > 0)


def centred_votes(matrix: OpinionMatrix, means: NDArray[np.float64]) -> sp.csr_matrix:
    """The mean-imputed, centred matrix: v − mean_j where a vote was cast, 0 elsewhere."""
    votes = matrix.votes
    data = votes.data.astype(np.float64) - means[votes.indices]
    return sp.csr_matrix((data, votes.indices, votes.indptr), shape=votes.shape, copy=False)


def _flip_signs(axes: NDArray[np.float64]) -> NDArray[np.float64]:
    largest = np.argmax(np.abs(axes), axis=1)
    signs = np.sign(axes[np.arange(axes.shape[0]), largest])
    signs[signs == 0] = 1.0
    flipped: NDArray[np.float64] = axes * signs[:, None]
    return flipped


def principal_components(
    centred: sp.csr_matrix, *, n_components: int = 2, seed: int = 0
) -> tuple[NDArray[np.float64], NDArray[np.float64], int]:
    """Top right singular vectors of ``centred`` (rows), their variances, and the steps.

    Block subspace iteration on ``centredᵀ·centred``, never formed: a block of
    ``n_components + 8`` vectors is multiplied through the sparse matrix and its
    transpose, re-orthonormalised, and its Rayleigh–Ritz pairs checked until the wanted
    pairs have relative residual below 1e-9 (or 300 steps).
    """
    n_rows, n_cols = centred.shape
    width = min(n_cols, n_components + _EXTRA_VECTORS)
    axes = np.zeros((n_components, n_cols))
    variances = np.zeros(n_components)
    if width == 0 or n_rows == 0 or centred.nnz == 0:
        return axes, variances, 0
    transposed = centred.T.tocsr()
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.standard_normal((n_cols, width)))
    wanted = min(n_components, width)
    step = 0
    while True:
        step += 1
        image = np.asarray(transposed @ np.asarray(centred @ basis))
        ritz_values, ritz_vectors = np.linalg.eigh(basis.T @ image)
        top = np.argsort(ritz_values)[::-1][:wanted]
        scale = max(float(ritz_values[top[0]]), np.finfo(float).tiny)
        residual = image @ ritz_vectors[:, top] - (basis @ ritz_vectors[:, top]) * ritz_values[top]
        converged = float(np.abs(residual).max()) <= _TOLERANCE * scale
        if converged or step >= _MAX_STEPS:
            vectors = basis @ ritz_vectors[:, top]
            axes[:wanted] = _flip_signs(vectors.T)
            variances[:wanted] = np.maximum(ritz_values[top], 0.0) / max(n_rows - 1, 1)
            return axes, variances, step
        basis, _ = np.linalg.qr(image)


def project_participants(
    matrix: OpinionMatrix, *, n_components: int = 2, seed: int = 0
) -> tuple[NDArray[np.float64], PrincipalComponents]:
    """Each participant's place on the principal axes, spread by √(statements ÷ votes)."""
    means = statement_means(matrix)
    centred = centred_votes(matrix, means)
    axes, variances, steps = principal_components(centred, n_components=n_components, seed=seed)
    places = np.asarray(centred @ axes.T)
    cast = np.maximum(matrix.votes_cast(), 1)
    places *= np.sqrt(matrix.n_statements / cast)[:, None]
    return places, PrincipalComponents(axes=axes, variances=variances, means=means, steps=steps)
