"""Real ``astana serve`` processes for the system tests: started on a free port of 127.0.0.1
with the environment given (a copy of the demo's database), waited for, and stopped."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

__all__ = ["ASTANA", "ROOT", "free_port", "refused_to_serve", "serve", "stop"]

ROOT = Path(__file__).resolve().parents[2]
ASTANA = str(Path(sys.executable).with_name("astana"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(env: dict[str, str], *options: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``astana serve [OPTIONS]`` on a free port; its base URL once it answers. Its output
    goes to a file (a pipe nobody reads fills up with the access log and blocks the server
    mid-session)."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix=f"astana-serve-{port}-", suffix=".log")[1])
    with log.open("wb") as output:
        process = subprocess.Popen(
            [ASTANA, "serve", "--port", str(port), *options],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/en/", timeout=2)
            return process, base
        except OSError as error:
            if process.poll() is not None or time.monotonic() > deadline:
                said = log.read_text(encoding="utf-8", errors="replace")[-4000:]
                raise RuntimeError(f"server did not start: {said}") from error
            time.sleep(0.3)


def refused_to_serve(env: dict[str, str], why: str) -> str:
    """Run ``astana serve`` where it must refuse to start: what it said (its standard error,
    one line); the test fails, saying ``why``, if it served instead (stopped after 60 s) or
    exited otherwise than with status 2."""
    try:
        result = subprocess.run(
            [ASTANA, "serve", "--port", str(free_port())],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired as error:
        raise AssertionError(f"astana serve started: {why}") from error
    said = " ".join(result.stderr.split())
    assert result.returncode == 2, said
    return said


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server: it is asked to, then (after 20 s: streams still open keep it
    waiting) made to."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)
