"""Principal components of the opinion matrix, computed on the sparse votes.

Pol.is fills a missing vote with the statement's mean vote and centres each column. A
filled cell then becomes exactly 0, and a cast vote v on statement j becomes v − mean_j,
so the centred, imputed matrix is a sparse matrix with the pattern of the votes cast
(:func:`centred_votes`); its columns already sum to zero. Its top principal axes are the
top right singular vectors, found by block Lanczos with Rayleigh–Ritz
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
_TOLERANCE = 1e-8
_VALUE_TOLERANCE = 1e-12
_MAX_STEPS = 60


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

    Block Lanczos on ``centredᵀ·centred`` (statements × statements, never formed): each
    step multiplies one block of ``n_components + 8`` vectors through the sparse matrix
    and its transpose and adds the result, orthonormalised, to a Krylov basis in
    statement space; Rayleigh–Ritz on the whole basis gives the axes. It stops when the
    wanted pairs have relative residual below 1e-8, when their values change by less
    than 1e-12 (relative) in a step (a flat spectrum past the wanted axes, where the
    vectors are ill-defined anyway), when the basis spans every statement (exact), or
    after 60 steps.
    """
    n_rows, n_cols = centred.shape
    width = min(n_cols, n_components + _EXTRA_VECTORS)
    axes = np.zeros((n_components, n_cols))
    variances = np.zeros(n_components)
    if width == 0 or n_rows == 0 or centred.nnz == 0:
        return axes, variances, 0
    transposed = centred.T  # a CSC view: its product streams the block, no copy, no gather
    rng = np.random.default_rng(seed)
    block, _ = np.linalg.qr(rng.standard_normal((n_cols, width)))
    basis = np.zeros((n_cols, 0))
    images = np.zeros((n_cols, 0))
    wanted = min(n_components, width)
    previous = np.full(wanted, np.inf)
    step = 0
    while True:
        step += 1
        image = np.asarray(transposed @ np.asarray(centred @ block))
        basis, images = np.hstack([basis, block]), np.hstack([images, image])
        small = basis.T @ images
        ritz_values, ritz_vectors = np.linalg.eigh((small + small.T) / 2)
        top = np.argsort(ritz_values)[::-1][:wanted]
        scale = max(float(ritz_values[top[0]]), np.finfo(float).tiny)
        residual = images @ ritz_vectors[:, top] - (basis @ ritz_vectors[:, top]) * ritz_values[top]
        converged = float(np.abs(residual).max()) <= _TOLERANCE * scale
        settled = float(np.abs(ritz_values[top] - previous).max()) <= _VALUE_TOLERANCE * scale
        previous = ritz_values[top]
        block = _next_block(basis, image)
        if converged or settled or block.shape[1] == 0 or step >= _MAX_STEPS:
            vectors = basis @ ritz_vectors[:, top]
            axes[:wanted] = _flip_signs(vectors.T)
            variances[:wanted] = np.maximum(ritz_values[top], 0.0) / max(n_rows - 1, 1)
            return axes, variances, step


def _next_block(basis: NDArray[np.float64], image: NDArray[np.float64]) -> NDArray[np.float64]:
    """``image`` made orthonormal to ``basis`` (twice, for stability); no new directions
    once the basis spans the space."""
    room = basis.shape[0] - basis.shape[1]
    if room <= 0:
        return np.zeros((basis.shape[0], 0))
    fresh = image - basis @ (basis.T @ image)
    fresh -= basis @ (basis.T @ fresh)
    q, r = np.linalg.qr(fresh)
    keep = np.abs(np.diag(r)) > 1e-10 * max(float(np.abs(r).max()), np.finfo(float).tiny)
    block: NDArray[np.float64] = q[:, keep][:, :room]
    return block


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
