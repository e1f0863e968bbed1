"""The sparse opinion matrix: ids, the latest repeat vote, passes kept as entries."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from astana.core.consult import OpinionMatrix, read_votes_csv

HEADER = "timestamp,datetime,comment-id,voter-id,vote\n"


def dense(matrix: OpinionMatrix) -> dict[tuple[int, int], int]:
    coo = matrix.votes.tocoo()
    return {
        (int(matrix.participant_ids[r]), int(matrix.statement_ids[c])): int(v)
        for r, c, v in zip(coo.row, coo.col, coo.data, strict=True)
    }


def test_ids_become_sorted_rows_and_columns_and_passes_stay() -> None:
    matrix = OpinionMatrix.from_votes(
        np.array([40, 10, 40, 10_000_000]), np.array([5, 5, 2, 2]), np.array([0, 1, -1, 1])
    )
    assert matrix.participant_ids.tolist() == [10, 40, 10_000_000]
    assert matrix.statement_ids.tolist() == [2, 5]
    assert isinstance(matrix.votes, sp.csr_matrix)
    assert matrix.votes.has_sorted_indices
    assert matrix.n_votes == 4  # the pass is an entry, not a gap
    assert dense(matrix) == {(10, 5): 1, (40, 5): 0, (40, 2): -1, (10_000_000, 2): 1}
    assert matrix.votes_cast().tolist() == [1, 2, 1]


def test_latest_vote_by_timestamp_counts_not_the_last_line() -> None:
    text = HEADER + "300,x,1,7,1\n100,x,1,7,-1\n200,x,1,7,0\n50,x,2,7,1\n"
    matrix = OpinionMatrix.from_polis(read_votes_csv(text))
    assert dense(matrix) == {(7, 1): 1, (7, 2): 1}


def test_equal_timestamps_go_to_the_later_line() -> None:
    text = HEADER + "5,x,1,7,1\n5,x,1,7,-1\n"
    assert dense(OpinionMatrix.from_polis(read_votes_csv(text))) == {(7, 1): -1}


def test_indicators_share_the_pattern() -> None:
    matrix = OpinionMatrix.from_votes(
        np.array([0, 0, 1]), np.array([0, 1, 1]), np.array([1, 0, -1])
    )
    assert matrix.indicator(1).toarray().tolist() == [[1, 0], [0, 0]]
    assert matrix.indicator(-1).toarray().tolist() == [[0, 0], [0, 1]]
    assert matrix.indicator(None).toarray().tolist() == [[1, 1], [0, 1]]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 6), st.integers(0, 4), st.sampled_from([-1, 0, 1]), st.integers(0, 9)
        ),
        min_size=1,
        max_size=60,
    )
)
def test_matches_a_dictionary_of_latest_votes(rows: list[tuple[int, int, int, int]]) -> None:
    expected: dict[tuple[int, int], tuple[int, int, int]] = {}
    for position, (p, s, v, t) in enumerate(rows):
        if (p, s) not in expected or (t, position) >= expected[(p, s)][:2]:
            expected[(p, s)] = (t, position, v)
    p, s, v, t = (np.array(column) for column in zip(*rows, strict=True))
    matrix = OpinionMatrix.from_votes(p, s, v, timestamps=t)
    assert dense(matrix) == {key: vote for key, (_, _, vote) in expected.items()}
