"""Benchmark of the room's live event streams through a real server (run by ``make bench``).

Sets up the demo in a throw-away folder (SQLite, or with ``--postgresql`` a throw-away
PostgreSQL server), starts ``astana serve`` on 127.0.0.1 (``--servers N``: N of them on the one
database, standing for N hosts, the streams dealt out over them in turn), and opens N event
streams of the sandbox round as logged-in delegates (raw HTTP/1.1 over asyncio, no client
library), each held as the page's EventSource holds it (opened again with Last-Event-ID when it
ends). With the streams idle it measures the servers' CPU (over 65 s, which holds what an idle
stream does once a minute; ``--idle-seconds``); then another process (standing for
another worker) writes one change to the round, and it measures when the change reaches each
stream, and an ordinary API read's latency while the streams are open. The baseline, in the
same run, is the same change reaching a single stream. Prints one JSON object as its last line;
progress goes to stderr.

``python bench/streams.py`` (300 and 1,000 streams), ``--quick`` (100 streams),
``--postgresql --servers 2`` (the same on PostgreSQL through two servers).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ASTANA = str(Path(sys.executable).parent / "astana")

# Run in a child process with the bench's settings: a session for each of a few delegates
# (as their browsers would hold after logging in), printed as JSON; or one change to the round.
SESSIONS = """
import json, time, django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from astana.web.accounts.sessions import LOGIN_AT, SEEN_AT
from astana.web.api.tokens import token_create
from astana.web.processes.models import Round
out = {"round": Round.objects.order_by("-pk").first().pk, "cookies": []}
out["token"] = token_create(user=get_user_model().objects.get(username="observer"), name="bench")[1]
now = int(time.time())
for name in ("party1", "party2", "party3", "observer", "guarantor"):
    user = get_user_model().objects.get(username=name)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session[LOGIN_AT] = session[SEEN_AT] = now  # as logging in stamps it
    session.create()
    out["cookies"].append(session.session_key)
print(json.dumps(out))
"""
CHANGE = """
import sys, time, django
django.setup()
from django.contrib.auth import get_user_model
from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round
rnd = Round.objects.order_by("-pk").first()
party = get_user_model().objects.get(username="party3")
text = NegotiationText.objects.get(round=rnd, slug="roadmap")
before = time.time()
actions.position_set(
    user=party, text_id=text.pk, based_on=text.version, provision="art_4__para_1",
    stance=sys.argv[1],
)
print(before)
"""


BENCH = "streams bench"  # how progress names the bench (bench/web.py reuses this code)
# How long the servers' CPU is measured while the streams idle: long enough to hold what an idle
# stream does once a minute (its check that the reader may still read; until December 2026 its
# whole reopening, which a window of 5 s missed: 2-13% of a core measured so, 41% over 110 s).
IDLE_SECONDS = 65.0
QUICK_IDLE_SECONDS = 5.0


def progress(message: str) -> None:
    print(f"[{BENCH} {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Stream:
    """One open event stream: when each event kind first arrived."""

    def first(self, kind: str, since: float) -> float | None:
        """When an event of ``kind`` first arrived after ``since``."""
        return next((t for k, t in self.arrived if k == kind and t >= since), None)

    def __init__(self) -> None:
        self.arrived: list[tuple[str, float]] = []
        self.ready = asyncio.Event()
        self.failed = ""
        self.retries = 0
        self.reconnects = 0

    async def run(self, port: int, rnd: int, cookie: str) -> None:
        """Hold the stream as the page's EventSource does: a 503 (the server too busy to
        register it now) is retried a few times after a short wait, and a stream that ends
        (the server's minute is up, or it could not follow the round) is opened again with
        Last-Event-ID, counted in ``reconnects``."""
        last_id = ""
        attempt = 0
        while True:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                resume = f"Last-Event-ID: {last_id}\r\n" if last_id else ""
                writer.write(
                    f"GET /en/rounds/{rnd}/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    f"Cookie: sessionid={cookie}\r\nAccept: text/event-stream\r\n"
                    f"{resume}\r\n".encode()
                )
                await writer.drain()
                status = await reader.readline()
                if b" 503 " in status and attempt < 5:
                    writer.close()
                    self.retries += 1
                    attempt += 1
                    await asyncio.sleep(1 + random.random() * 2)
                    continue
                if b" 200 " not in status:
                    self.failed = status.decode().strip()
                    self.ready.set()
                    return
                attempt = 0
                while True:
                    line = await reader.readline()
                    if not line:
                        break
                    if line.startswith((b": keep-alive", b"retry:")):
                        self.ready.set()
                    elif line.startswith(b"id: "):
                        last_id = line[4:].decode().strip()
                    elif line.startswith(b"event: "):
                        kind = line[7:].decode().strip()
                        self.arrived.append((kind, time.time()))
                        self.ready.set()
                writer.close()
                self.reconnects += 1
                await asyncio.sleep(1)  # the stream's ``retry: 1000``
            except (OSError, asyncio.IncompleteReadError) as error:
                self.failed = str(error)
                self.ready.set()
                return


def cpu_seconds(pid: int) -> float:
    """The CPU time of process ``pid`` and of its live children (``--workers N``: the workers
    are the server's children)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # it ended meanwhile
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            children += [int(c) for c in task.read_text().split()]
    return own + sum(cpu_seconds(child) for child in children)


async def api_latency(port: int, count: int, rnd: int, token: str) -> list[float]:
    took = []
    for _ in range(count):
        start = time.perf_counter()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"GET /api/rounds/{rnd}/events?after=r0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {token}\r\nConnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        await reader.read()
        writer.close()
        took.append((time.perf_counter() - start) * 1000)
    return took


def sessions(env: dict[str, str]) -> dict[str, Any]:
    """The sandbox round's id, logged-in sessions of a few delegates (``cookies``) and an API
    token of the observer's (``token``)."""
    return dict(
        json.loads(
            subprocess.run(
                [sys.executable, "-c", SESSIONS],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    )


async def measure(
    env: dict[str, str],
    servers: list[tuple[int, int]],
    count: int,
    stance: str,
    idle: float = IDLE_SECONDS,
) -> dict[str, Any]:
    """``count`` streams, dealt out in turn over the ``servers`` (each its pid and port; the idle
    CPU is theirs summed over ``idle`` seconds); the change is written by another process, as
    through another server; the API read goes to the first."""
    ports = [port for _, port in servers]
    pids = [pid for pid, _ in servers]
    sessions_ = sessions(env)
    streams = [Stream() for _ in range(count)]
    cookies = sessions_["cookies"]
    tasks = [
        asyncio.ensure_future(
            s.run(ports[i % len(ports)], sessions_["round"], cookies[i % len(cookies)])
        )
        for i, s in enumerate(streams)
    ]
    try:
        async with asyncio.timeout(120):
            for s in streams:
                await s.ready.wait()
        failed = [s.failed for s in streams if s.failed]
        held = count - len(failed)
        retried = sum(s.retries for s in streams)
        opened_again = sum(s.reconnects for s in streams)
        progress(
            f"{held} of {count} streams open ({retried} retries after a 503)"
            + (f"; refused: {failed[0]}" if failed else "")
        )
        await asyncio.sleep(1)
        cpu0, t0 = sum(map(cpu_seconds, pids)), time.time()
        await asyncio.sleep(idle)
        idle_cpu = (sum(map(cpu_seconds, pids)) - cpu0) / (time.time() - t0) * 100
        api = asyncio.ensure_future(
            api_latency(ports[0], 30, sessions_["round"], sessions_["token"])
        )
        changed = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-c", CHANGE, stance],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        written = float(changed.stdout.strip().splitlines()[-1])
        kind = "position.set"
        deadline = time.time() + 15
        while time.time() < deadline and not all(
            s.first(kind, written) for s in streams if not s.failed
        ):
            await asyncio.sleep(0.05)
        api_ms = await api
        arrivals = [s.first(kind, written) for s in streams]
        delays = sorted((t - written) * 1000 for t in arrivals if t is not None)
        missed = held - len(delays)
        return {
            "held": held,
            "retries_after_503": retried,
            "reconnects": sum(s.reconnects for s in streams) - opened_again,
            "idle_cpu_pct": round(idle_cpu, 1),
            "p50_ms": round(statistics.median(delays), 1) if delays else None,
            "p99_ms": round(delays[int(len(delays) * 0.99) - 1 if len(delays) > 1 else 0], 1)
            if delays
            else None,
            "max_ms": round(delays[-1], 1) if delays else None,
            "missed": missed,
            "api_p99_ms": round(sorted(api_ms)[int(len(api_ms) * 0.99) - 1], 1),
        }
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def setup_demo(env: dict[str, str]) -> None:
    """The demo data (``astana demo --no-serve``) in the database ``env`` names."""
    subprocess.run([ASTANA, "demo", "--no-serve"], env=env, check=True, capture_output=True)


@contextlib.contextmanager
def served(
    env: dict[str, str], log: str | None, *, workers: int = 1, dev: bool = True
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """``astana serve`` on a free port of 127.0.0.1 (``--dev`` unless told otherwise), once it
    accepts connections; stopped at the end of the block."""
    port = free_port()
    command = [ASTANA, "serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(
        [*command, "--dev"] if dev else command,
        env=env,
        stdout=open(log, "a") if log else subprocess.DEVNULL,  # noqa: SIM115 - the server's
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"the server stopped (exit {server.returncode})") from None
                time.sleep(0.2)
        yield server, port
    finally:
        server.terminate()
        server.wait(timeout=30)


def streams_figures(
    name: str,
    env: dict[str, str],
    servers: list[tuple[int, int]],
    counts: list[int],
    *,
    baseline: bool = True,
    idle: float = IDLE_SECONDS,
) -> dict[str, Any]:
    """The baseline (one stream, unless told not to) and each count of streams, on the
    ``servers`` (each its pid and port: the streams dealt out over them, the idle CPU summed
    over ``idle`` seconds); keys prefixed with ``name``."""
    # Each run changes party3's position on Article 4 (a new stance each time).
    stances = ["support", "cannot_accept", "support", "cannot_accept"]
    out: dict[str, Any] = {}
    base: dict[str, Any] = {"max_ms": None}
    if baseline:
        progress(f"{name}: baseline, one stream")
        base = asyncio.run(measure(env, servers, 1, stances[0]))
        out[f"{name}_one_stream_ms"] = base["max_ms"]
    for n, stance in zip(counts, stances[1:], strict=False):
        progress(f"{name}: {n} streams")
        figures = asyncio.run(measure(env, servers, n, stance, idle))
        progress(f"{name}: {n} streams: {figures}")
        for key, value in figures.items():
            out[f"{name}_{n}_{key}"] = value
        if figures["p99_ms"] is not None and base["max_ms"]:
            out[f"{name}_{n}_p99_vs_one_stream"] = round(figures["p99_ms"] / base["max_ms"], 2)
    return out


def run_database(
    name: str,
    env: dict[str, str],
    counts: list[int],
    log: str | None,
    servers: int = 1,
    idle: float = IDLE_SECONDS,
) -> dict[str, Any]:
    """The demo on the database of ``env``, then the figures through ``servers`` server
    processes on it (each one worker: standing for as many hosts)."""
    progress(f"{name}: setting up the demo")
    setup_demo(env)
    with contextlib.ExitStack() as running:
        started = [running.enter_context(served(env, log)) for _ in range(servers)]
        held = [(s.pid, port) for s, port in started]
        return streams_figures(name, env, held, counts, idle=idle)


def raise_file_limit() -> None:
    """A thousand streams are a thousand open sockets on each side (the server inherits this)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100 streams only")
    parser.add_argument("--streams", type=int, action="append", help="these counts instead")
    parser.add_argument("--server-log", help="where the server's output goes (default: nowhere)")
    parser.add_argument(
        "--servers", type=int, default=1, help="server processes on the one database (hosts)"
    )
    parser.add_argument(
        "--postgresql", action="store_true", help="on a throw-away PostgreSQL, not SQLite"
    )
    parser.add_argument(
        "--idle-seconds",
        type=float,
        help=f"seconds the idle CPU is measured (default {IDLE_SECONDS:g}; --quick"
        f" {QUICK_IDLE_SECONDS:g})",
    )
    args = parser.parse_args()
    idle = args.idle_seconds or (QUICK_IDLE_SECONDS if args.quick else IDLE_SECONDS)
    if args.postgresql and not os.environ.get("DATABASE_URL"):
        # Again, under a throw-away PostgreSQL server (its URL in DATABASE_URL).
        command = [sys.executable, str(ROOT / "scripts" / "throwaway-postgres"), "--"]
        sys.exit(subprocess.run([*command, sys.executable, *sys.argv], check=False).returncode)
    counts = args.streams or ([100] if args.quick else [300, 1000])
    raise_file_limit()
    name = "postgresql" if args.postgresql else "sqlite"
    result: dict[str, Any] = {"bench": "streams", "servers": args.servers}
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "ASTANA_VAR_DIR": tmp,
            "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.local",
            "ASTANA_EVENT_STREAMS_PER_USER": "5000",
            "ASTANA_EVENT_STREAMS_PER_WORKER": "5000",
        }
        if not args.postgresql:
            env.pop("DATABASE_URL", None)
        result.update(run_database(name, env, counts, args.server_log, args.servers, idle))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
