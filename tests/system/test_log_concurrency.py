"""Appends to the log are strictly sequential under concurrency, on SQLite and PostgreSQL:
50 threads appending at once get the indexes 0..49, each once, and the log audits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.db

PROGRAM = Path(__file__).with_name("programs") / "concurrent_appends.py"


def test_fifty_concurrent_appends_are_contiguous(astana_env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, str(PROGRAM), "50"],
        env=astana_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["indexes"] == list(range(50))
    assert outcome["size"] == 50 and outcome["audit_ok"]


def test_a_sqlite_file_named_by_database_url_gets_the_same_guarantees(
    astana_env: dict[str, str], tmp_path: Path
) -> None:
    """``DATABASE_URL=sqlite:///...`` is a supported way to place the database; it once came
    without WAL, synchronous=FULL and IMMEDIATE transactions, and concurrent appends then
    failed with "database is locked"."""
    env = {**astana_env, "DATABASE_URL": f"sqlite:///{tmp_path / 'named.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, str(PROGRAM), "50"], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == [] and outcome["indexes"] == list(range(50))
    pragmas = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.db import connection;"
            "c = connection.cursor();"
            "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
            " c.execute('PRAGMA synchronous').fetchone()[0])",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert pragmas.stdout.split() == ["wal", "2"], pragmas.stderr[-2000:]  # 2 is FULL
