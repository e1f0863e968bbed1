"""Benchmark of the consultation core against red-dwarf (Pol.is' method in Python).

Run ``python bench/consult.py`` (``--no-huge`` leaves out 1M participants × 2,000
statements, 100M votes, about a minute and a half and 5.5 GB; ``--quick`` for a smoke
run). On the largest real conversation in
``testdata/polis`` and on synthetic conversations grown from it (participants resampled,
statements resampled where more are wanted, 10% of the votes re-randomised, votes thinned
to the wanted count), it times red-dwarf's ``run_pipeline`` and ours (matrix + analysis)
and takes each one's peak memory in a separate child process (``ru_maxrss``, which
includes the interpreter and the input arrays; ours is the best time of three runs). It also
times reading a ``votes.csv`` of the 100k conversation. Progress goes to stderr; the last
line of stdout is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from astana.core.consult import (
    OpinionMatrix,
    PolisVotes,
    analyze,
    read_votes_csv,
    write_votes_csv,
)

# The shared test data beside the checkout (../shared/testdata), or ASTANA_TESTDATA.
TESTDATA = Path(
    os.environ.get("ASTANA_TESTDATA") or Path(__file__).resolve().parents[2] / "shared" / "testdata"
)
POLIS = TESTDATA / "polis"
REDDWARF_SKIP_ABOVE = 40_000  # participants; red-dwarf took 178 s and 7.8 GB at 100k


def progress(message: str) -> None:
    print(f"[consult bench] {message}", file=sys.stderr, flush=True)


def largest_conversation() -> Path:
    if not POLIS.is_dir():
        sys.exit(
            f"shared test data not found: {POLIS} (expected ../shared/testdata beside the "
            "checkout, or a folder named by ASTANA_TESTDATA)"
        )
    return max(POLIS.iterdir(), key=lambda folder: (folder / "votes.csv").stat().st_size)


def grow(
    source: OpinionMatrix, participants: int, statements: int, votes: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A synthetic conversation: (participant, statement, vote) arrays, rows in order."""
    rng = np.random.default_rng(seed)
    n_source = source.n_statements
    columns = np.arange(statements) % n_source
    if statements > n_source:
        columns[n_source:] = rng.integers(0, n_source, statements - n_source)
    shifted = source.votes.copy()  # votes as 1, 2, 3 so that no pass looks like a gap
    shifted.data = shifted.data.astype(np.float64) + 2.0
    expanded = sp.csr_matrix(shifted[:, columns])
    expected = expanded.nnz / expanded.shape[0] * participants
    keep_probability = min(1.0, votes / expected)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    chunk = 100_000
    for begin in range(0, participants, chunk):
        count = min(chunk, participants - begin)
        rows = expanded[rng.integers(0, expanded.shape[0], count)]
        keep = rng.random(rows.nnz) < keep_probability
        row_of = np.repeat(np.arange(count), np.diff(rows.indptr))[keep] + begin
        values = (rows.data[keep] - 2.0).astype(np.int8)
        redo = rng.random(values.shape[0]) < 0.10
        values[redo] = rng.integers(-1, 2, int(redo.sum()), dtype=np.int8)
        parts.append((row_of.astype(np.int64), rows.indices[keep].astype(np.int64), values))
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
    )


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child(which: str, data: Path, out: Path, seed: int) -> None:
    """Run one side on the votes in ``data``; write timing, memory and labels to ``out``."""
    arrays = np.load(data)
    participants, statements, votes = arrays["p"], arrays["s"], arrays["v"]
    baseline = peak_rss_bytes()
    if which == "ours":
        runs = []  # best of three below 10M votes: the machine is shared, timings are noisy
        for _ in range(3 if votes.shape[0] < 10_000_000 else 1):
            start = time.perf_counter()
            matrix = OpinionMatrix.from_votes(participants, statements, votes)
            result = analyze(matrix, seed=seed)
            runs.append(time.perf_counter() - start)
        seconds = min(runs)
        ids, labels = result.participant_ids[result.counted], result.groups[result.counted]
        top = [s for s, _ in result.top_group_aware_consensus(5)]
        k = result.k
    else:
        warnings.filterwarnings("ignore")
        from reddwarf.implementations.polis import run_pipeline

        records = [
            {"participant_id": p, "statement_id": s, "vote": v, "modified": 0}
            for p, s, v in zip(
                participants.tolist(), statements.tolist(), votes.tolist(), strict=True
            )
        ]
        start = time.perf_counter()
        found = run_pipeline(votes=records, min_user_vote_threshold=7, random_state=seed)
        seconds = time.perf_counter() - start
        frame = found.participants_df[found.participants_df["to_cluster"]]
        ids = frame.index.to_numpy(np.int64)
        labels = frame["cluster_id"].to_numpy(np.int64)
        agree = found.group_aware_consensus["agree"]
        top = [s for s, _ in sorted(agree.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]
        k = int(np.unique(labels).shape[0])
    np.savez(out, ids=ids, labels=labels, top=np.asarray(top, np.int64))
    summary = {"seconds": seconds, "peak_bytes": peak_rss_bytes(), "baseline_bytes": baseline}
    summary["k"] = k
    out.with_suffix(".json").write_text(json.dumps(summary))


def run_side(which: str, data: Path, seed: int, limit: int) -> dict[str, Any]:
    out = data.with_name(f"{data.stem}-{which}.npz")
    command = [sys.executable, __file__, "--child", which, str(data), str(out), str(seed)]
    subprocess.run(command, check=True, timeout=limit)
    summary: dict[str, Any] = json.loads(out.with_suffix(".json").read_text())
    found = np.load(out)
    summary["labels"] = dict(zip(found["ids"].tolist(), found["labels"].tolist(), strict=True))
    summary["top"] = found["top"].tolist()
    return summary


def compare(name: str, arrays: tuple[np.ndarray, ...], folder: Path, seed: int) -> dict[str, Any]:
    from sklearn.metrics import adjusted_rand_score

    participants, statements, votes = arrays
    data = folder / f"{name}.npz"
    np.savez(data, p=participants, s=statements, v=votes)
    n = int(np.unique(participants).shape[0])
    m = int(np.unique(statements).shape[0])
    progress(f"{name}: {n:,} participants × {m:,} statements, {votes.shape[0]:,} votes")
    ours = run_side("ours", data, seed, 3600)
    row: dict[str, Any] = {
        "participants": n,
        "statements": m,
        "votes": int(votes.shape[0]),
        "ours_s": round(ours["seconds"], 3),
        "ours_peak_mb": round(ours["peak_bytes"] / 2**20),
        "ours_k": ours["k"],
    }
    progress(f"  ours: {ours['seconds']:.2f} s, peak {row['ours_peak_mb']} MB, k={ours['k']}")
    if n > REDDWARF_SKIP_ABOVE:
        row["reddwarf"] = "skipped: measured elsewhere at 178 s and 7.8 GB at 100k"
        progress(f"  red-dwarf skipped above {REDDWARF_SKIP_ABOVE:,} participants (minutes)")
        return row
    theirs = run_side("reddwarf", data, seed, 3600)
    shared = sorted(set(ours["labels"]) & set(theirs["labels"]))
    ari = adjusted_rand_score(
        [ours["labels"][p] for p in shared], [theirs["labels"][p] for p in shared]
    )
    row.update(
        reddwarf_s=round(theirs["seconds"], 3),
        reddwarf_peak_mb=round(theirs["peak_bytes"] / 2**20),
        reddwarf_k=theirs["k"],
        speedup=round(theirs["seconds"] / ours["seconds"], 1),
        ari=round(float(ari), 4),
        same_top5_gac=ours["top"] == theirs["top"],
    )
    progress(
        f"  red-dwarf: {theirs['seconds']:.2f} s, peak {row['reddwarf_peak_mb']} MB, "
        f"k={theirs['k']}; speed-up {row['speedup']}×, ARI {row['ari']}"
    )
    return row


def csv_load(arrays: tuple[np.ndarray, ...]) -> dict[str, Any]:
    participants, statements, votes = arrays
    stamps = 1_650_000_000_000 + np.arange(votes.shape[0], dtype=np.int64) * 1000
    text = io.StringIO()
    write_votes_csv(PolisVotes(stamps, statements, participants, votes), text)
    content = text.getvalue().encode()
    start = time.perf_counter()
    parsed = read_votes_csv(content)
    parse_seconds = time.perf_counter() - start
    OpinionMatrix.from_polis(parsed)
    total = time.perf_counter() - start
    rate = votes.shape[0] / total
    progress(f"votes.csv of {len(content) / 2**20:.0f} MB: {rate / 1e6:.1f}M votes/s")
    return {
        "votes": int(votes.shape[0]),
        "mb": round(len(content) / 2**20),
        "parse_s": round(parse_seconds, 3),
        "parse_and_matrix_s": round(total, 3),
        "votes_per_s": round(rate),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--no-huge", dest="huge", action="store_false", help="skip 1M × 2,000 (100M votes)"
    )
    parser.add_argument("--huge", action="store_true", help="(the default) keep 1M × 2,000")
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        which, data, out, seed = options.child
        child(which, Path(data), Path(out), int(seed))
        return
    folder = largest_conversation()
    parsed = read_votes_csv((folder / "votes.csv").read_bytes())
    source = OpinionMatrix.from_polis(parsed)
    density = source.n_votes / source.n_participants / source.n_statements
    figures: dict[str, Any] = {"conversation": folder.name, "cpus": os.cpu_count()}
    sizes: list[tuple[str, int, int, int]] = [
        ("10k", 10_000, source.n_statements, round(10_000 * source.n_statements * density)),
        ("31k", 31_000, 783, round(31_000 * 783 * density)),
        ("100k", 100_000, source.n_statements, round(100_000 * source.n_statements * density)),
    ]
    if options.quick:
        sizes = [("5k", 5_000, source.n_statements, round(5_000 * source.n_statements * density))]
    if options.huge and not options.quick:
        sizes.append(("1M", 1_000_000, 2_000, 100_000_000))
    with tempfile.TemporaryDirectory(prefix="consult-bench-") as temporary:
        work = Path(temporary)
        real = source.votes.tocoo()
        arrays = (
            source.participant_ids[real.row],
            source.statement_ids[real.col],
            real.data.astype(np.int8),
        )
        figures["real"] = compare("real", arrays, work, options.seed)
        for name, n, m, votes in sizes:
            progress(f"growing {name}")
            grown = grow(source, n, m, votes, options.seed)
            figures[name] = compare(name, grown, work, options.seed)
            if name in ("100k", "5k"):
                figures["csv_load"] = csv_load(grown)
            del grown
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
