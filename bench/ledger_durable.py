"""Durable appends through the platform (``astana.web.signing.log.append``): each append is a
committed transaction (entry, tree nodes, a signed checkpoint), on the database the environment
names. Run by ``bench/ledger.py`` once on SQLite and once on a throw-away PostgreSQL; prints one
JSON object: sequential appends/s, appends/s with 8 concurrent writers, and the baseline:
committed one-row updates/s on the same database (``vs_bare_commit`` is the ratio)."""

from __future__ import annotations

import json
import os
import sys
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana.web.config.settings.local")
import django

django.setup()
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from astana.web.signing import log  # noqa: E402

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
    each = n // writers

    def work() -> None:
        for _ in range(each):
            log.append("document.published", "bench", ATTRIBUTES)
        connection.close()

    threads = [threading.Thread(target=work) for _ in range(writers)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return each * writers / (time.perf_counter() - start)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    call_command("migrate", verbosity=0)
    log.append("document.published", "bench", ATTRIBUTES)  # warm up (key, tables)
    seq = sequential(n)
    par = concurrent(n, 8)
    bare = bare_commits(n)
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "sequential_per_s": round(seq),
                "concurrent8_per_s": round(par),
                "bare_commit_per_s": round(bare),
                "vs_bare_commit": round(seq / bare, 2),
                "entries": log.tree_size(),
            }
        )
    )


if __name__ == "__main__":
    main()
