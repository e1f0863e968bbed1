"""Durable appends through the platform (``astana.web.signing.log.append``): each append is a
committed transaction (entry, tree nodes, a signed checkpoint), on the database the environment
names. Run by ``bench/ledger.py`` once on SQLite and once on a throw-away PostgreSQL; prints one
JSON object: sequential appends/s, appends/s with 8 concurrent writers, and the baseline:
committed one-row updates/s on the same database (``vs_bare_commit`` and
``concurrent8_vs_bare_commit`` are the ratios); ``checkpoints`` is how many were signed (fewer
than entries where concurrent writers were integrated in batches)."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana.web.config.settings.local")
import django

django.setup()
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from astana.web.signing import log  # noqa: E402
from astana.web.signing.models import Checkpoint  # noqa: E402

ATTRIBUTES = {"document": "bench/text", "revision": "1", "revision-sha256": "0" * 64}


def sequential(n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        log.append("document.published", "bench", ATTRIBUTES)
    return n / (time.perf_counter() - start)


def bare_commits(n: int) -> float:
    """The baseline: the cheapest durable write on this database, a transaction that updates
    one row and commits (what any durable append must pay at least once)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_counter (id integer PRIMARY KEY, n integer)"
        )
        cursor.execute("INSERT INTO bench_counter (id, n) VALUES (1, 0)")
        start = time.perf_counter()
        for _ in range(n):
            with transaction.atomic():
                cursor.execute("UPDATE bench_counter SET n = n + 1 WHERE id = 1")
        return n / (time.perf_counter() - start)


def concurrent(n: int, writers: int) -> float:
    """Appends/s from ``writers`` threads of this process."""
    each = n // writers

    def work() -> None:
        for _ in range(each):
            log.append("document.published", "bench", ATTRIBUTES)
        connection.close()

    return each * writers / _together([threading.Thread(target=work) for _ in range(writers)])


def _append_in_a_process(count: int, start: Any, ended: Any) -> None:
    connection.ensure_connection()  # connected and the log key checked before the clock starts
    log._check_key()
    start.wait()
    for _ in range(count):
        log.append("document.published", "bench", ATTRIBUTES)
    ended.put(time.perf_counter())  # the system's monotonic clock: the parent's too (Linux)
    connection.close()


def in_processes(n: int, writers: int) -> float:
    """Appends/s from ``writers`` processes (as several server processes append): no process
    shares an interpreter lock with another."""
    each = n // writers
    context = multiprocessing.get_context("spawn")  # a fork would share the pool
    start = context.Barrier(writers + 1)
    ended = context.Queue()
    connection.close()
    children = [
        context.Process(target=_append_in_a_process, args=(each, start, ended))
        for _ in range(writers)
    ]
    for child in children:
        child.start()
    start.wait()
    began = time.perf_counter()
    for child in children:
        child.join()
    if any(child.exitcode for child in children):
        raise SystemExit("a writer process failed")
    last = max(ended.get() for _ in children)  # not the processes' exits: the last append's end
    return each * writers / (last - began)


def bare_commits_together(n: int, writers: int) -> float:
    """What ``writers`` threads committing one-row updates reach together (each its own row):
    the ceiling concurrent writers of this process could reach on this machine."""
    each = n // writers
    with connection.cursor() as cursor:
        for i in range(2, writers + 2):
            cursor.execute("INSERT INTO bench_counter (id, n) VALUES (%s, 0)", [i])
    connection.close()

    def work(row: int) -> None:
        with connection.cursor() as cursor:
            for _ in range(each):
                with transaction.atomic():
                    cursor.execute("UPDATE bench_counter SET n = n + 1 WHERE id = %s", [row])
        connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2, writers + 2)]
    return each * writers / _together(threads)


def _together(threads: list[threading.Thread]) -> float:
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    call_command("migrate", verbosity=0)
    log.append("document.published", "bench", ATTRIBUTES)  # warm up (key, tables)
    seq = sequential(n)
    par = concurrent(n, 8)
    processes = in_processes(n, 8)
    bare = bare_commits(n)
    bare8 = bare_commits_together(n, 8)
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "sequential_per_s": round(seq),
                "concurrent8_per_s": round(par),
                "bare_commit_per_s": round(bare),
                "vs_bare_commit": round(seq / bare, 2),
                "concurrent8_vs_bare_commit": round(par / bare, 2),
                "processes8_per_s": round(processes),
                "processes8_vs_bare_commit": round(processes / bare, 2),
                "bare_commit8_per_s": round(bare8),
                "entries": log.tree_size(),
                "checkpoints": Checkpoint.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    main()
