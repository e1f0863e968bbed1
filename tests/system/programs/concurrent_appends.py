"""Append to the platform's log from many threads at once (run as a program by the tests).

Usage: python concurrent_appends.py THREADS   (database from DATABASE_URL / ASTANA_VAR_DIR)
Prints one JSON object: the indexes the appends were given, the log's size and audit result.
"""

from __future__ import annotations

import json
import os
import sys
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana.web.config.settings.local")
import django

django.setup()
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from astana.core.ledger import audit_log  # noqa: E402
from astana.web.signing import log  # noqa: E402
from astana.web.signing.models import Checkpoint, LogLeaf  # noqa: E402


def main(threads: int) -> None:
    call_command("migrate", verbosity=0)
    start = threading.Barrier(threads)
    indexes: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def work(number: int) -> None:
        try:
            start.wait()
            leaf = log.append(
                "document.published",
                "astana-platform",
                {"document": f"concurrency/{number}", "revision": "1", "revision-sha256": "0" * 64},
            )
            with lock:
                indexes.append(leaf.index)
        except Exception as error:
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    entries = [
        leaf.encode() for leaf in LogLeaf.objects.order_by("index").values_list("data", flat=True)
    ]
    notes = list(Checkpoint.objects.order_by("size").values_list("note", flat=True))
    report = audit_log(entries, notes, log.log_verifier(), origin=log.log_origin())
    print(
        json.dumps(
            {
                "indexes": sorted(indexes),
                "errors": errors,
                "size": log.tree_size(),
                "audit_ok": report.ok,
                "vendor": connection.vendor,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
