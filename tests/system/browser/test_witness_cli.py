"""A witness for real: `astana keys new --witness` makes its key, the convener registers it
through the API, `astana witness --once` fetches the checkpoint from the running server,
checks it (and, the second time, its consistency with the one it saw before), cosigns it and
hands the cosignature back; a wrong log key makes it refuse."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.db

ASTANA = str(Path(sys.executable).with_name("astana"))


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ASTANA, *args], env=env, capture_output=True, text=True, timeout=120)


def api(server: str, token: str, method: str, path: str, body: object) -> dict[str, object]:
    request = urllib.request.Request(
        server + path,
        method=method,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def signatures_on_latest(server: str) -> int:
    with urllib.request.urlopen(server + "/api/log/checkpoint", timeout=30) as response:
        text = response.read().decode()
    return sum(1 for line in text.splitlines() if line.startswith("\u2014 "))


def test_a_witness_cosigns_the_running_log(
    server: str, platform_env: dict[str, str], tmp_path: Path
) -> None:
    key = tmp_path / "witness.key"
    made = run(
        platform_env, "keys", "new", "--witness", "--name", "witness.example/un", "-o", str(key)
    )
    assert made.returncode == 0, made.stderr
    verifier = json.loads(made.stdout)["verifier_key"]
    token = run(platform_env, "token", "create", "convener").stdout.strip().split()[-1]
    registered = api(
        server,
        token,
        "POST",
        "/api/processes/astana-platform/witnesses",
        {"verifier_key": verifier, "organisation": "united-nations"},
    )
    assert registered["accepted"] == ["witness.example/un"]
    log_key = json.loads(run(platform_env, "bundle", "--latest").stdout)["log"]["key"]
    state = tmp_path / "seen.json"
    wrong = run(
        platform_env,
        "witness",
        "--url",
        server,
        "--key",
        str(key),
        "--state",
        str(state),
        "--once",
        "--log-key",
        "astana.local/log+00000000+AQ" + "A" * 42 + "=",
    )
    assert wrong.returncode != 0 and not state.exists()
    before = signatures_on_latest(server)  # the log's, and the demo witness's if still latest
    first = run(
        platform_env,
        "witness",
        "--url",
        server,
        "--key",
        str(key),
        "--state",
        str(state),
        "--once",
        "--log-key",
        log_key,
    )
    assert first.returncode == 0, first.stderr
    assert signatures_on_latest(server) == before + 1  # and now this witness's
    seen = json.loads(state.read_text())["size"]
    # The log grows (a key approval is logged); the witness checks consistency and cosigns again.
    party = run(platform_env, "token", "create", "party2").stdout.strip().split()[-1]
    new_key = json.loads(
        run(platform_env, "keys", "new", "--name", "party2", "-o", str(tmp_path / "p2.key")).stdout
    )
    created = api(
        server,
        party,
        "POST",
        "/api/keys",
        {"process": "astana-platform", "name": "p2", "public_key": new_key["public_key_hex"]},
    )
    api(
        server,
        token,
        "POST",
        f"/api/keys/{created['id']}/approve",
        {"fingerprint": created["fingerprint"]},
    )
    assert signatures_on_latest(server) == 1
    second = run(
        platform_env,
        "witness",
        "--url",
        server,
        "--key",
        str(key),
        "--state",
        str(state),
        "--once",
        "--log-key",
        log_key,
    )
    assert second.returncode == 0, second.stderr
    assert json.loads(state.read_text())["size"] == seen + 1
    assert signatures_on_latest(server) == 2
