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
