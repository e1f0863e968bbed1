"""Benchmark of the ledger core: appends, proofs at 1M and 10M leaves, a 1M-entry audit.

Run ``python bench/ledger.py`` (``--quick`` for a smoke run). Progress goes to
stderr; the last line of stdout is one JSON object with every measurement, so the
lead can add the database measurements as more functions feeding the same object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable
from hashlib import sha256
from typing import Any

from astana.core.ledger import (
    Checkpoint,
    LogEntry,
    MerkleLog,
    SignatureStatement,
    SignerKey,
    audit_log,
    ed25519,
    sign_checkpoint,
    verify_consistency,
    verify_inclusion,
)

ORIGIN = "astana.example/log"


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"ledger bench: check failed: {what}")


def progress(message: str) -> None:
    print(f"[ledger bench] {message}", file=sys.stderr, flush=True)


def _entry_bytes(i: int) -> bytes:
    # About the size of a real revision.issued entry.
    return (
        b"astana/log-entry/v1\nseq %d\nevent revision.issued\nprocess astana-2017\n"
        b"time 2017-05-03T09:00:00Z\ndocument memo\nrevision %d\nrevision-sha256 %s\n"
        % (i, i % 9, sha256(b"%d" % i).hexdigest().encode())
    )


def bench_append(n: int) -> dict[str, Any]:
    """Appends per second into MerkleLog against a bare list of leaf hashes."""
    data = [_entry_bytes(i) for i in range(n)]
    progress(f"append: {n:,} entries of ~{len(data[-1])} bytes")

    plain: list[bytes] = []
    start = time.perf_counter()
    for entry in data:
        plain.append(sha256(b"\x00" + entry).digest())
    baseline = n / (time.perf_counter() - start)

    log = MerkleLog()
    append = log.append
    start = time.perf_counter()
    for entry in data:
        append(entry)
    per_append = n / (time.perf_counter() - start)

    batch = MerkleLog()
    start = time.perf_counter()
    batch.extend(data)
    per_extend = n / (time.perf_counter() - start)
    _require(log.root() == batch.root(), "append and extend agree")
    _require(log.leaf_hash(n - 1) == plain[-1], "leaf hashes agree with the baseline")
    progress(f"append: {per_append:,.0f}/s (baseline list {baseline:,.0f}/s)")
    return {
        "append_per_s": round(per_append),
        "extend_per_s": round(per_extend),
        "baseline_list_append_per_s": round(baseline),
        "append_vs_baseline": round(per_append / baseline, 3),
    }


def _timed(calls: int, call: Callable[[int], object]) -> tuple[float, float]:
    samples = []
    for i in range(calls):
        start = time.perf_counter()
        call(i)
        samples.append(time.perf_counter() - start)
    samples.sort()
    return sum(samples) / calls * 1e3, samples[int(calls * 0.99)] * 1e3


def bench_proofs(n: int, calls: int = 2000) -> dict[str, Any]:
    """Build a log of ``n`` leaves, then time inclusion and consistency proofs."""
    progress(f"proofs: building {n:,} leaves")
    log = MerkleLog()
    start = time.perf_counter()
    step = 1_000_000
    for lo in range(0, n, step):
        log.extend(i.to_bytes(8, "big") for i in range(lo, min(n, lo + step)))
        progress(f"proofs: {log.size:,} / {n:,} leaves")
    build_s = time.perf_counter() - start
    rng = random.Random(7)
    indexes = [rng.randrange(n) for _ in range(calls)]
    smaller = [rng.randrange(1, n) for _ in range(calls)]
    root = log.root()
    inclusion_ms, inclusion_p99 = _timed(calls, lambda i: log.inclusion_proof(indexes[i]))
    consistency_ms, consistency_p99 = _timed(calls, lambda i: log.consistency_proof(smaller[i]))
    for i in range(20):
        index = indexes[i]
        proof = log.inclusion_proof(index)
        _require(verify_inclusion(log.leaf_hash(index), index, n, proof, root), "inclusion")
        m = smaller[i]
        proof = log.consistency_proof(m)
        _require(verify_consistency(m, n, proof, log.root(m), root), "consistency")
    progress(f"proofs at {n:,}: inclusion {inclusion_ms:.4f} ms mean")
    return {
        f"build_{n}_s": round(build_s, 2),
        f"inclusion_proof_{n}_ms": round(inclusion_ms, 4),
        f"inclusion_proof_{n}_p99_ms": round(inclusion_p99, 4),
        f"consistency_proof_{n}_ms": round(consistency_ms, 4),
        f"consistency_proof_{n}_p99_ms": round(consistency_p99, 4),
    }


def _audit_entries(n: int, signature_share: int) -> list[bytes]:
    """A mixed log: one entry in ``signature_share`` is a real signature.added."""
    delegates = [ed25519.generate_private_key() for _ in range(16)]
    signed = []
    for k in range(256):
        key = delegates[k % 16]
        statement = SignatureStatement(
            "astana-2017", f"doc-{k}", k % 7, sha256(b"%d" % k).hexdigest(),
            f"delegate-{k % 16}", "party", "2017-05-04T12:00:00Z", "With a reservation.",
        )  # fmt: skip
        signed.append((statement, ed25519.public_key(key), statement.sign(key)))
    entries = []
    for i in range(n):
        if i % signature_share == 0:
            statement, public, signature = signed[i % 256]
            entry = LogEntry.signature_added(
                seq=i, statement=statement, public_key=public, signature=signature
            )
            entries.append(entry.to_bytes())
        else:
            entries.append(_entry_bytes(i))
        if (i + 1) % 250_000 == 0:
            progress(f"audit: generated {i + 1:,} entries")
    return entries


def bench_audit(n: int, checkpoint_every: int = 1000, signature_share: int = 10) -> dict[str, Any]:
    """Audit ``n`` entries with a signed checkpoint every ``checkpoint_every`` entries."""
    entries = _audit_entries(n, signature_share)
    key = SignerKey.generate(ORIGIN)
    log = MerkleLog(entries)
    sizes = [*range(checkpoint_every, n, checkpoint_every), n]
    checkpoints = [
        str(sign_checkpoint(Checkpoint(ORIGIN, size, log.root(size)), [key])) for size in sizes
    ]
    del log

    def report(stage: str, done: int, total: int) -> None:
        if done == total or done % 100_000 == 0:
            progress(f"audit: {stage} {done:,} / {total:,}")

    # The baseline: one process, as every audit ran before workers came (the same code path).
    start = time.perf_counter()
    result = audit_log(entries, checkpoints, key.verifier, progress=report)
    audit_s = time.perf_counter() - start
    _require(result.ok, f"the audit passes: {result.failures[:3]}")
    progress(f"audit of {n:,} entries in one process: {audit_s:.1f} s")
    workers = os.cpu_count() or 1
    start = time.perf_counter()
    together = audit_log(entries, checkpoints, key.verifier, progress=report, workers=workers)
    parallel_s = time.perf_counter() - start
    _require(together == result, "the audit in several processes finds what one finds")
    progress(f"audit of {n:,} entries in {workers} processes: {parallel_s:.1f} s")
    return {
        f"audit_{n}_s": round(audit_s, 2),
        f"audit_{n}_workers_s": round(parallel_s, 2),
        "audit_workers": workers,
        "audit_workers_vs_one": round(parallel_s / audit_s, 3),
        "audit_checkpoints": len(checkpoints),
        "audit_signature_entries": len(range(0, n, signature_share)),
    }


def bench_durable(n: int) -> dict[str, Any]:
    """Durable appends through the platform on SQLite and on a throw-away PostgreSQL server
    (bench/ledger_durable.py in a child process each, on a fresh database)."""
    import subprocess
    import tempfile
    from pathlib import Path

    here = Path(__file__).resolve().parent
    program = [sys.executable, str(here / "ledger_durable.py"), str(n)]
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ASTANA_VAR_DIR": tmp}
        env.pop("DATABASE_URL", None)
        runs = {
            "sqlite": program,
            "postgresql": [
                sys.executable,
                str(here.parent / "scripts" / "throwaway-postgres"),
                "--durable",  # fsync and synchronous commit on: the figures are durable writes
                "--",
                *program,
            ],
        }
        for name, command in runs.items():
            progress(
                f"durable appends through the platform on {name} ({n:,}, {n:,} from 8 threads,"
                f" {n:,} from 8 processes)"
            )
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                out[f"durable_{name}"] = f"failed: {done.stderr.strip()[-300:]}"
                continue
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            out[f"durable_{name}_per_s"] = figures["sequential_per_s"]
            out[f"durable_{name}_8_writers_per_s"] = figures["concurrent8_per_s"]
            out[f"durable_{name}_baseline_bare_commit_per_s"] = figures["bare_commit_per_s"]
            out[f"durable_{name}_vs_bare_commit"] = figures["vs_bare_commit"]
            out[f"durable_{name}_8_writers_vs_bare_commit"] = figures["concurrent8_vs_bare_commit"]
            out[f"durable_{name}_8_processes_per_s"] = figures["processes8_per_s"]
            out[f"durable_{name}_8_processes_vs_bare_commit"] = figures["processes8_vs_bare_commit"]
            out[f"durable_{name}_baseline_8_bare_committers_per_s"] = figures["bare_commit8_per_s"]
            out[f"durable_{name}_checkpoints_per_entry"] = round(
                figures["checkpoints"] / figures["entries"], 2
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, a smoke run")
    args = parser.parse_args()
    big = [10_000, 100_000] if args.quick else [1_000_000, 10_000_000]
    result: dict[str, Any] = {"bench": "ledger", "python": sys.version.split()[0]}
    result.update(bench_append(100_000 if args.quick else 1_000_000))
    for n in big:
        result.update(bench_proofs(n))
    result.update(bench_audit(20_000 if args.quick else 1_000_000))
    result.update(bench_durable(200 if args.quick else 2000))
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
