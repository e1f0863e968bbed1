"""The whole analysis: determinism with a seed, the JSON shape, the sparse path at scale."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.metrics import adjusted_rand_score

from astana.core.consult import ANALYSIS_STEPS, OpinionMatrix, analyze, centred_votes


def synthetic(n: int, m: int, density: float, seed: int) -> OpinionMatrix:
    """Two camps with opposite leanings on half the statements, votes at ``density``."""
    rng = np.random.default_rng(seed)
    per_row = rng.binomial(m, density, n).clip(1, m)
    rows = np.repeat(np.arange(n), per_row)
    cols = (rng.random(rows.shape[0]) * m).astype(np.int64)
    camp = rows % 2
    lean = np.where((cols % 2 == 0) & (camp == 1), 0.85, np.where(cols % 2 == 0, 0.15, 0.6))
    votes = np.where(rng.random(rows.shape[0]) < lean, 1, -1).astype(np.int8)
    votes[rng.random(rows.shape[0]) < 0.1] = 0
    return OpinionMatrix.from_votes(rows, cols, votes)


def test_same_seed_same_result_and_steps_reported() -> None:
    matrix = synthetic(600, 50, 0.3, seed=1)
    heard: list[str] = []
    first = analyze(matrix, seed=7, on_step=heard.append)
    second = analyze(matrix, seed=7)
    assert heard == list(ANALYSIS_STEPS)
    assert json.dumps(first.to_json()) == json.dumps(second.to_json())
    assert first.k == 2
    # the two camps are the two groups
    camp = (np.arange(600) % 2)[first.counted]
    assert adjusted_rand_score(camp, first.groups[first.counted]) > 0.85
    assert sum(first.group_sizes()) == int(first.counted.sum()) > 550


def test_json_object_has_the_promised_keys() -> None:
    matrix = synthetic(200, 30, 0.4, seed=2)
    result = analyze(matrix, seed=0)
    document = json.loads(json.dumps(result.to_json()))
    assert {"k", "groups", "repness", "consensus", "group_aware_consensus"} <= set(document)
    counted = matrix.participant_ids[result.counted].tolist()
    assert sorted(map(int, document["groups"])) == counted
    assert set(document["groups"].values()) == set(range(result.k))
    assert set(document["repness"]) == {str(g) for g in range(result.k)}
    assert set(document["consensus"]) == {"agree", "disagree"}
    values = [v["agree"] for v in document["group_aware_consensus"].values()]
    assert values == sorted(values, reverse=True)


def test_few_votes_are_not_counted_but_still_placed() -> None:
    matrix = OpinionMatrix.from_votes(
        np.array([0] * 8 + [1] * 8 + [2] * 8 + [3]),
        np.array(list(range(8)) * 3 + [0]),
        np.array([1, 1, 1, 1, -1, -1, 0, 1] * 2 + [-1] * 8 + [1]),
    )
    result = analyze(matrix)
    assert result.counted.tolist() == [True, True, True, False]
    assert result.groups[3] == -1
    assert np.isfinite(result.places).all()


def test_two_opposed_camps_of_six_are_two_groups() -> None:
    """12 participants, two camps voting against each other on 6 of 7 statements."""
    rows, cols, values = [], [], []
    for person in range(12):
        camp = 1 if person < 6 else -1
        for statement in range(7):
            rows.append(person)
            cols.append(statement)
            values.append(camp if statement < 6 else 1)
    result = analyze(OpinionMatrix.from_votes(np.array(rows), np.array(cols), np.array(values)))
    assert result.k == 2
    assert result.group_sizes() == [6, 6]
    assert len(set(result.groups[:6].tolist())) == len(set(result.groups[6:].tolist())) == 1
    assert result.groups[0] != result.groups[6]
    assert result.to_json()["grouping_reason"] == ""


def test_five_participants_are_too_few_for_groups() -> None:
    matrix = OpinionMatrix.from_votes(
        np.repeat(np.arange(5), 3), np.tile(np.arange(3), 5), np.array([1, -1, 1] * 5)
    )
    result = analyze(matrix)
    assert (result.k, result.grouping_reason) == (0, "too-few-participants")
    assert result.counted.all() and (result.groups == -1).all()
    assert result.to_json()["groups"] == {}


def test_no_one_counted_gives_no_groups() -> None:
    matrix = OpinionMatrix.from_votes(np.array([0, 1]), np.array([0, 1]), np.array([1, -1]))
    result = analyze(matrix, min_votes=7)  # 2 statements: min(7, 2) = 2 votes needed
    assert result.k == 0
    assert result.to_json()["groups"] == {}


CHILD = """
import resource, sys
sys.path.insert(0, {here!r})
from test_analysis import synthetic
from astana.core.consult import analyze
matrix = synthetic(200_000, 2_000, 0.01, seed=3)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = analyze(matrix, seed=0)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(result.k, before * 1024, after * 1024)
"""


def test_sparse_path_never_densifies_200k_by_2k() -> None:
    """200,000 × 2,000 at 1% (4M votes): a dense float matrix alone would take 3.2 GB.

    Run in a child process so that its peak resident memory is the analysis's own.
    """
    matrix = synthetic(2_000, 200, 0.05, seed=3)
    assert isinstance(matrix.votes, sp.csr_matrix)
    assert isinstance(centred_votes(matrix, np.zeros(200)), sp.csr_matrix)
    here = str(Path(__file__).parent)
    found = subprocess.run(
        [sys.executable, "-c", CHILD.format(here=here)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    k, before, after = (int(x) for x in found.stdout.split())
    assert k >= 2
    assert after < 900 * 2**20, f"peak {after / 2**20:.0f} MB"
    assert after - before < 400 * 2**20, f"analysis added {(after - before) / 2**20:.0f} MB"
