"""Reading Pol.is ``comments.csv`` in its several layouts."""

from __future__ import annotations

import io

import pytest
from tests.shared_data import shared_data

from astana.core.consult import MalformedPolisFile, Statement, read_comments_csv
from astana.core.consult.polis_comments import write_comments_csv

POLIS = shared_data("polis")


def test_old_layout_with_a_multiline_body() -> None:
    text = (
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        '1,Wed,3,4,5,6,-1,"two\nlines, with a comma"\n'
        "2,Thu,7,8,0,0,1,plain\n"
    )
    statements = read_comments_csv(text.encode())
    assert statements[3] == Statement(3, "two\nlines, with a comma", 4, 1, -1)
    assert statements[7].text == "plain"
    assert statements[7].moderated == 1


def test_newer_layout_on_real_export() -> None:
    statements = read_comments_csv((POLIS / "bg2050-volunteers" / "comments.csv").read_bytes())
    assert statements[2].text == "I hope it can retain its southern hospitality"
    assert statements[2].moderated == 1


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("comment-id,comment-body\nx,hello\n", 2, "the comment-id is not a whole number"),
        ("comment-id,comment-body\n1,a\n1,b\n", 3, "comment-id 1 appears twice"),
        ("comment-id,comment-body\n1,a,b\n", 2, "expected 2 fields, found 3"),
        ("comment-id,text\n1,a\n", 1, "the header lacks the column(s) comment-body"),
    ],
)
def test_malformed(text: str, line: int, reason: str) -> None:
    with pytest.raises(MalformedPolisFile) as caught:
        read_comments_csv(text)
    assert (caught.value.line, caught.value.reason) == (line, reason)


def test_write_then_read() -> None:
    statements = [Statement(2, 'say "yes", twice\nplease', 1, 5, 0), Statement(1, "no")]
    stream = io.StringIO()
    write_comments_csv(statements, stream)
    again = read_comments_csv(stream.getvalue())
    assert again == {s.statement_id: s for s in statements}
