"""Reading and writing Pol.is ``votes.csv``: fields by name, clear errors, round trips."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from astana.core.consult import MalformedPolisFile, PolisVotes, read_votes_csv, write_votes_csv

HEADER = "timestamp,datetime,comment-id,voter-id,vote\n"


def test_reads_the_columns_by_name() -> None:
    text = HEADER + "1403054214196,Wed Jun 18 08:16:54 WIB 2014,0,7,-1\n20,x,3,2,0\n30,x,12,2,1\n"
    votes = read_votes_csv(text.encode())
    assert votes.timestamps.tolist() == [1403054214196, 20, 30]
    assert votes.statement_ids.tolist() == [0, 3, 12]
    assert votes.participant_ids.tolist() == [7, 2, 2]
    assert votes.votes.tolist() == [-1, 0, 1]
    assert votes.votes.dtype == np.int8


def test_other_column_order_crlf_bom_and_no_final_newline() -> None:
    text = "\ufeffvote,voter-id,comment-id,timestamp\r\n1,5,6,7\r\n-1,8,9,10"
    votes = read_votes_csv(text.encode())
    assert votes.votes.tolist() == [1, -1]
    assert votes.participant_ids.tolist() == [5, 8]
    assert votes.statement_ids.tolist() == [6, 9]
    assert votes.timestamps.tolist() == [7, 10]


def test_text_and_streams_are_accepted() -> None:
    text = HEADER + "1,x,2,3,1\n"
    for source in (text, io.StringIO(text), io.BytesIO(text.encode())):
        assert len(read_votes_csv(source)) == 1


def test_header_only_gives_no_votes() -> None:
    assert len(read_votes_csv(HEADER)) == 0


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        ("1,x,2,3,1\n1,x,2,3\n", 3, "expected 5 fields, found 4"),
        ("1,x,2,3,1\n1,x,2,3,1,9\n", 3, "expected 5 fields, found 6"),
        ("1,x,2,3,2\n", 2, "the vote must be -1, 0 or 1"),
        ("1,x,2,3,+1\n", 2, "the vote must be -1, 0 or 1"),
        ("1,x,2,3,1\n1,x,2,3,1\n1,x,a,3,1\n", 4, "the comment-id is not a whole number"),
        ("1,x,2,-3,1\n", 2, "the voter-id is not a whole number"),
        ("1,x,2,,1\n", 2, "the voter-id is empty"),
        ("1.5,x,2,3,1\n", 2, "the timestamp is not a whole number"),
        ("1,x,2,3,1\n\n1,x,2,3,1\n", 3, "empty line"),
    ],
)
def test_malformed_lines_name_the_line_and_reason(body: str, line: int, reason: str) -> None:
    for text in (HEADER + body, HEADER + body.replace("x", '"x"')):  # fast and csv paths
        with pytest.raises(MalformedPolisFile) as caught:
            read_votes_csv(text)
        assert (caught.value.line, caught.value.reason) == (line, reason)
        assert str(caught.value) == f"line {line}: {reason}"
        assert isinstance(caught.value, ValueError)


def test_missing_columns_and_empty_file() -> None:
    with pytest.raises(MalformedPolisFile, match="line 1: the header lacks the column"):
        read_votes_csv("timestamp,comment-id,vote\n1,2,1\n")
    with pytest.raises(MalformedPolisFile, match="line 1: the file is empty"):
        read_votes_csv(b"")


def test_quoted_fields_take_the_csv_path_with_the_same_result() -> None:
    plain = HEADER + "1,Wed Jun 18,2,3,1\n4,Thu,5,6,-1\n"
    quoted = HEADER + '1,"Wed, Jun 18",2,3,1\n4,"Thu",5,6,-1\n'
    a, b = read_votes_csv(plain), read_votes_csv(quoted)
    for name in ("timestamps", "statement_ids", "participant_ids", "votes"):
        assert getattr(a, name).tolist() == getattr(b, name).tolist()


def test_written_file_has_polis_columns_and_utc_dates() -> None:
    votes = PolisVotes(
        np.array([1403054214196], np.int64),
        np.array([4], np.int64),
        np.array([9], np.int64),
        np.array([-1], np.int8),
    )
    stream = io.StringIO()
    write_votes_csv(votes, stream)
    assert stream.getvalue() == HEADER + "1403054214196,Wed Jun 18 01:16:54 UTC 2014,4,9,-1\n"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2**45),
            st.integers(0, 10**9),
            st.integers(0, 10**12),
            st.sampled_from([-1, 0, 1]),
        ),
        max_size=50,
    )
)
def test_write_then_read_gives_the_votes_back(rows: list[tuple[int, int, int, int]]) -> None:
    columns = list(zip(*rows, strict=True)) if rows else [[], [], [], []]
    votes = PolisVotes(
        np.array(columns[0], np.int64),
        np.array(columns[1], np.int64),
        np.array(columns[2], np.int64),
        np.array(columns[3], np.int8),
    )
    stream = io.StringIO()
    write_votes_csv(votes, stream, chunk=7)
    again = read_votes_csv(stream.getvalue())
    for name in ("timestamps", "statement_ids", "participant_ids", "votes"):
        assert getattr(again, name).tolist() == getattr(votes, name).tolist()
