"""The opinion matrix: participants × statements, one sparse row of votes per participant.

Only cast votes are stored (agree = 1, disagree = -1 and pass = 0 kept as an explicit
entry), in a SciPy CSR matrix with sorted column indices. The matrix is never made dense:
a national consultation of a million participants over two thousand statements has 2·10⁹
cells but only the 10⁸ votes cast. When a participant voted on a statement more than once,
the latest vote (by timestamp; on equal timestamps the later line) is the one kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from astana.core.consult.polis_votes import PolisVotes

__all__ = ["OpinionMatrix"]


def _index(ids: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The sorted distinct ids, and the position of each id among them."""
    if ids.size == 0:
        return ids.copy(), ids.copy()
    low, high = int(ids.min()), int(ids.max())
    if low >= 0 and high <= max(4 * ids.size, 1 << 16):
        present = np.zeros(high + 1, dtype=bool)
        present[ids] = True
        position = np.cumsum(present, dtype=np.int64) - 1
        return np.flatnonzero(present).astype(np.int64), position[ids]
    distinct, inverse = np.unique(ids, return_inverse=True)
    return distinct.astype(np.int64), inverse.astype(np.int64)


@dataclass(frozen=True, eq=False)
class OpinionMatrix:
    """Votes of ``participant_ids[i]`` on ``statement_ids[j]`` in ``votes[i, j]`` (CSR)."""

    votes: sp.csr_matrix
    participant_ids: NDArray[np.int64]
    statement_ids: NDArray[np.int64]

    @property
    def n_participants(self) -> int:
        return int(self.votes.shape[0])

    @property
    def n_statements(self) -> int:
        return int(self.votes.shape[1])

    @property
    def n_votes(self) -> int:
        return int(self.votes.nnz)

    def votes_cast(self) -> NDArray[np.int64]:
        """Number of votes (pass included) cast by each participant."""
        cast: NDArray[np.int64] = np.diff(self.votes.indptr).astype(np.int64)
        return cast

    def indicator(self, value: int | None = None) -> sp.csr_matrix:
        """0/1 CSR matrix of the votes equal to ``value`` (of every vote cast if None)."""
        data = self.votes.data
        ones = np.ones(data.shape[0]) if value is None else (data == value).astype(np.float64)
        return sp.csr_matrix(
            (ones, self.votes.indices, self.votes.indptr), shape=self.votes.shape, copy=False
        )

    @classmethod
    def from_polis(cls, votes: PolisVotes) -> OpinionMatrix:
        """Build the matrix from a parsed ``votes.csv``; the latest repeat vote counts."""
        return cls.from_votes(
            votes.participant_ids, votes.statement_ids, votes.votes, timestamps=votes.timestamps
        )

    @classmethod
    def from_votes(
        cls,
        participant_ids: NDArray[np.integer],
        statement_ids: NDArray[np.integer],
        votes: NDArray[np.integer],
        *,
        timestamps: NDArray[np.integer] | None = None,
    ) -> OpinionMatrix:
        """Build the matrix from parallel arrays, in the order the votes were cast.

        A repeated (participant, statement) pair keeps the vote with the greatest
        timestamp, ties and missing timestamps going to the later position.
        """
        vote_values = np.asarray(votes, dtype=np.int8)
        if vote_values.size and not np.isin(vote_values, (-1, 0, 1)).all():
            raise ValueError("a vote must be -1, 0 or 1")
        participants, rows = _index(np.asarray(participant_ids, dtype=np.int64))
        statements, cols = _index(np.asarray(statement_ids, dtype=np.int64))
        n_cols = max(int(statements.shape[0]), 1)
        key = rows * n_cols + cols
        del rows, cols
        order: NDArray[np.intp] | None = None
        if key.size > 1 and not bool(np.all(key[1:] > key[:-1])):
            order = np.argsort(key, kind="stable")
            key = key[order]
            repeated = key[1:] == key[:-1]
            if repeated.any():
                keep = _latest(key, order, repeated, timestamps)
                key, order = key[keep], order[keep]
        data = vote_values if order is None else vote_values[order]
        row_of = key // n_cols
        indptr = np.zeros(participants.shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(row_of, minlength=participants.shape[0]), out=indptr[1:])
        index_type = np.int32 if key.size < 2**31 and n_cols < 2**31 else np.int64
        matrix = sp.csr_matrix(
            (data, (key % n_cols).astype(index_type), indptr.astype(index_type)),
            shape=(int(participants.shape[0]), int(statements.shape[0])),
            copy=False,
        )
        matrix.has_sorted_indices = True
        return cls(votes=matrix, participant_ids=participants, statement_ids=statements)


def _latest(
    key: NDArray[np.int64],
    order: NDArray[np.intp],
    repeated: NDArray[np.bool_],
    timestamps: NDArray[np.integer] | None,
) -> NDArray[np.bool_]:
    """Mask over the sorted votes keeping one per key: the latest of each repeated key."""
    keep = np.ones(key.shape[0], dtype=bool)
    keep[:-1][repeated] = False  # within a run of equal keys, drop all but the last
    if timestamps is None:
        return keep  # the stable sort leaves the last line of each run at its end
    involved = np.zeros(key.shape[0], dtype=bool)
    involved[:-1] |= repeated
    involved[1:] |= repeated
    positions = np.flatnonzero(involved)
    run_keys = key[positions]  # sorted, so the runs of equal keys stay contiguous
    stamps = np.asarray(timestamps, dtype=np.int64)[order[positions]]
    # Within each run, sort by (timestamp, file position): the last is the latest vote.
    rank = np.lexsort((order[positions], stamps, run_keys))
    run_last = np.ones(positions.shape[0], dtype=bool)
    run_last[:-1] = run_keys[1:] != run_keys[:-1]
    # The latest vote of each run moves into the run's last slot, the one ``keep`` marks.
    order[positions[run_last]] = order[positions[rank[run_last]]]
    return keep
