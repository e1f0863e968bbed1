"""Durability for real: the server is killed with SIGKILL while delegates submit signatures
over HTTP; after restarts every acknowledged signature is stored and the log audits. The
same program runs with 1,000 submissions outside the suite (see docs/ledger.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.db

PROGRAM = Path(__file__).with_name("programs") / "signature_crash.py"


def test_no_acknowledged_signature_is_lost_when_the_server_is_killed(demo_env) -> None:
    result = subprocess.run(  # on a copy of the demo (``astana demo --no-serve``)
        [sys.executable, str(PROGRAM), "30", "--kills", "2"],
        env=demo_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["acknowledged"] == 30 and outcome["kills"] == 2
    assert outcome["lost"] == []
    assert outcome["audit_ok"]
