"""``astana consult analyze``: a Pol.is export in, groups and statements out, bad files refused."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from tests.shared_data import shared_data
from typer.testing import CliRunner

from astana.cli.consult import app
from astana.core.consult import PolisVotes, write_votes_csv

runner = CliRunner()
BREXIT = shared_data("polis", "brexit-consensus")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_analyze_prints_groups_and_statements_with_their_text() -> None:
    code, out, _ = run(
        "analyze", str(BREXIT / "votes.csv"), "--comments", str(BREXIT / "comments.csv")
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "participants: 204 (189 counted), statements: 50"
    assert lines[1] == "groups: k = 3, sizes 92, 62, 35"
    assert "group 0: representative statements" in out
    assert "#8 Labour should oppose the Brexit process." in out
    assert "consensus (agree):" in out
    assert "group-aware consensus (agree), top 5:" in out


def test_json_has_k_groups_repness_consensus_and_group_aware_consensus() -> None:
    code, out, _ = run("analyze", str(BREXIT / "votes.csv"), "--json", "--seed", "3")
    assert code == 0
    document = json.loads(out)
    assert document["k"] == 3
    assert len(document["groups"]) == 189
    assert set(document["groups"].values()) == {0, 1, 2}
    assert set(document["repness"]) == {"0", "1", "2"}
    assert set(document["consensus"]) == {"agree", "disagree"}
    first = next(iter(document["group_aware_consensus"].values()))
    assert set(first) == {"agree", "disagree"}
    again = run("analyze", str(BREXIT / "votes.csv"), "--json", "--seed", "3")[1]
    assert again == out  # same seed, same output


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    code, out, _ = run("analyze", str(BREXIT / "votes.csv"), "--json", "--output", str(target))
    assert code == 0
    assert json.loads(target.read_text()) == json.loads(out)
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("1,x,2,3,1\n2,x,2,4\n", "line 3: expected 5 fields, found 4"),
        ("1,x,2,3,yes\n", "line 2: the vote must be -1, 0 or 1"),
    ],
)
def test_malformed_file_exits_2_and_leaves_the_output_alone(
    tmp_path: Path, body: str, message: str
) -> None:
    votes = tmp_path / "votes.csv"
    votes.write_text("timestamp,datetime,comment-id,voter-id,vote\n" + body)
    target = tmp_path / "result.json"
    target.write_text("previous")
    code, out, err = run("analyze", str(votes), "--json", "--output", str(target))
    assert code == 2
    assert out == ""
    assert err.strip() == f"error: {votes}: {message}"
    assert target.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json", "votes.csv"]


def test_missing_file_and_malformed_comments_exit_2(tmp_path: Path) -> None:
    code, _, err = run("analyze", str(tmp_path / "nope.csv"))
    assert code == 2
    assert "cannot read the votes file" in err
    comments = tmp_path / "comments.csv"
    comments.write_text("comment-id,comment-body\nabc,hello\n")
    code, _, err = run("analyze", str(BREXIT / "votes.csv"), "--comments", str(comments))
    assert code == 2
    assert err.strip() == f"error: {comments}: line 2: the comment-id is not a whole number"


def test_large_input_keeps_stdout_clean(tmp_path: Path) -> None:
    """Above 8 MB the progress bar runs (on stderr); stdout stays one JSON object."""
    rng = np.random.default_rng(0)
    n = 260_000
    participants = rng.integers(0, 20_000, n)
    camp = participants % 2
    statements = rng.integers(0, 60, n)
    votes = np.where((statements % 2 == 0) & (camp == 1), 1, -1).astype(np.int8)
    stamps = 1_650_000_000_000 + np.arange(n, dtype=np.int64)
    stream = io.StringIO()
    write_votes_csv(PolisVotes(stamps, statements, participants, votes), stream)
    path = tmp_path / "votes.csv"
    path.write_text(stream.getvalue())
    assert path.stat().st_size > 8 << 20
    code, out, _ = run("analyze", str(path), "--json")
    assert code == 0
    assert json.loads(out)["k"] >= 2


def test_kmeans_plus_plus_seeding_is_offered() -> None:
    code, out, _ = run("analyze", str(BREXIT / "votes.csv"), "--json", "--seeding", "k-means++")
    assert code == 0
    assert json.loads(out)["k"] == 3
