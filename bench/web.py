"""Load benchmark of the web tier through a real server, on SQLite and PostgreSQL (``make bench``).

For each database it sets up the demo in a throw-away folder (PostgreSQL: a throw-away server,
``scripts/throwaway-postgres``; both set up at once, then measured one after the other) and
starts ``astana serve --workers N`` with the production settings on 127.0.0.1. Clients are
raw HTTP/1.1 over asyncio, kept alive (``bench/streams.py``'s code does the event streams):

- the public archive page, the room text page of five logged-in readers of five delegations
  and roles (``room``: after its first request each is served its audience's rendered copy,
  ``common.rendered``), the same page rendered for every request (``room_rendered``: a query
  string never asked before, as every page is right after a change), an API read (the round's
  events, with a token), at 20 and 100 concurrent clients, each level bounded in time and in
  requests; and, as the ceiling, the room page's own bytes served as a static file by the same
  server (WhiteNoise), in the same run: ``page_static_ratio`` is the page's rate over it;
- concurrent consultation votes through the API (anonymous voters, each voting once on each
  statement, so that every 2xx answer is one stored vote: ``votes_exact``);
- event streams (``bench/streams.py``): a change's delay to every stream, an API read's
  latency meanwhile, the server's CPU while they idle (full run: 100 / 300 / 1,000 streams,
  the CPU over 65 s, which holds each stream's check of its reader; ``--quick``: 100, on
  PostgreSQL only, over 5 s).

``--quick`` runs each level for 3 seconds instead of 15, and on SQLite only the room pages and
their static ceiling at 100 clients (``page_rps_sqlite``, ``page_rendered_rps_sqlite``).

Progress goes to stderr; the last line of stdout is one JSON object: per database and target
``<db>_<target>_<clients>_{rps,p50_ms,p99_ms,errors}``, and the summary keys of issue 15
(PostgreSQL unless named): ``page_rps``, ``page_p99_ms``, ``static_rps``,
``page_static_ratio``, ``static_p99_ms``, ``page_rps_sqlite``, ``page_rendered_rps`` (and its
p99 and SQLite figures), ``streams``, ``stream_p99_ms``, ``stream_max_ms``, ``stream_missed``,
``api_p99_ms_during_streams``, ``idle_stream_cpu_pct``, ``votes_per_s``, ``votes_exact``.

``python bench/web.py`` (about 10 minutes), ``--quick`` (under 3 minutes). The machine's
other load shows in every figure: ``load_before`` is its load average at the start.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import streams
from streams import (
    ROOT,
    progress,
    raise_file_limit,
    served,
    sessions,
    setup_demo,
    streams_figures,
)

# Run in a child process with the bench's settings: the room text, and a consultation open to
# anonymous voters with STATEMENTS accepted statements (the convener moderates: accepted at once).
WORLD = """
import json, sys, django
django.setup()
from django.contrib.auth import get_user_model
from astana.web.consultation import actions
from astana.web.demo import DEMO_PROCESS
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round
rnd = Round.objects.order_by("-pk").first()
convener = get_user_model().objects.get(username="convener")
consultation = actions.consultation_create(
    user=convener, process_slug=DEMO_PROCESS, titles={"en": "Benchmark consultation"},
    questions={"en": "What should come first?"}, allow_anonymous=True, open_now=True,
)
statements = [
    actions.statement_submit(
        user=convener, consultation_id=consultation.pk, language="en",
        text=f"Statement {i} of the benchmark: the parties should meet again in month {i}.",
    ).pk
    for i in range(int(sys.argv[1]))
]
print(json.dumps({
    "text": NegotiationText.objects.get(round=rnd, slug="roadmap").pk,
    "consultation": consultation.pk, "statements": statements,
}))
"""
STORED_VOTES = """
import sys, django
django.setup()
from astana.web.consultation.models import Vote
print(Vote.objects.filter(statement__consultation_id=int(sys.argv[1])).count())
"""
# The room page as the delegate's browser gets it (Django's test client, in a child process).
PAGE = """
import sys, django
django.setup()
from django.test import Client
client = Client(SERVER_NAME="127.0.0.1")
client.cookies["sessionid"] = sys.argv[2]
answer = client.get(sys.argv[1])
assert answer.status_code == 200, answer.status_code
sys.stdout.buffer.write(answer.content)
"""
CONNECTIONS = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND pid <> pg_backend_pid()"
    )
    print(cursor.fetchone()[0])
"""
STATEMENTS = 40
CLIENTS = (20, 100)
STATIC = "bench/room.html"  # under STATIC_ROOT, served at /static/<this>


class Client:
    """One kept-alive HTTP/1.1 connection (reopened when the server closes it)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> tuple[int, bytes]:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        answer: dict[str, str] = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            answer[name.strip().lower()] = value.strip()
        if "content-length" in answer:
            content = await self.reader.readexactly(int(answer["content-length"]))
        elif answer.get("transfer-encoding") == "chunked":
            parts = []
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
            await self.reader.readline()
            content = b"".join(parts)
        else:
            content = await self.reader.read()
            answer["connection"] = "close"
        if answer.get("connection", "").lower() == "close":
            self.close()
        return status, content

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))], 1)


async def load(
    port: int,
    path: str,
    headers: dict[str, str] | list[dict[str, str]],
    clients: int,
    seconds: float,
    most: int,
) -> dict[str, Any]:
    """``clients`` clients asking for ``path`` one request after another, until ``seconds``
    have passed or ``most`` requests were sent; requests under way then are waited for. With
    a list of ``headers`` (several readers' sessions), the clients are dealt out over them; a
    ``{n}`` in ``path`` is each request's own number (a page never asked for before)."""
    dealt = headers if isinstance(headers, list) else [headers]
    took: list[float] = []
    statuses: Counter[str] = Counter()
    sent = 0
    start = time.perf_counter()
    deadline = start + seconds

    async def one_client(mine: dict[str, str]) -> None:
        nonlocal sent
        client = Client(port)
        try:
            while time.perf_counter() < deadline and sent < most:
                sent += 1
                began = time.perf_counter()
                try:
                    async with asyncio.timeout(60):
                        asked = path.replace("{n}", str(sent))
                        status, _ = await client.request("GET", asked, mine)
                except (OSError, ValueError, IndexError, TimeoutError, asyncio.IncompleteReadError):
                    statuses["failed"] += 1
                    client.close()
                    continue
                statuses[str(status)] += 1
                if 200 <= status < 300:
                    took.append((time.perf_counter() - began) * 1000)
        finally:
            client.close()

    await asyncio.gather(*(one_client(dealt[i % len(dealt)]) for i in range(clients)))
    elapsed = time.perf_counter() - start
    return {
        "rps": round(len(took) / elapsed, 1),
        "p50_ms": round(statistics.median(took), 1) if took else None,
        "p99_ms": percentile(took, 0.99),
        "errors": {k: v for k, v in statuses.items() if not k.startswith("2")},
    }


async def vote(
    port: int, world: dict[str, Any], voters: int, seconds: float, tag: str
) -> dict[str, Any]:
    """``voters`` anonymous voters, each voting once on each statement in turn, until
    ``seconds`` have passed (votes under way then are waited for)."""
    path = f"/api/consultations/{world['consultation']}/votes"
    took: list[float] = []
    statuses: Counter[str] = Counter()
    start = time.perf_counter()
    deadline = start + seconds

    async def one_voter(n: int) -> None:
        client = Client(port)
        key = f"bench-{tag}-voter-{n:05d}"
        try:
            for i, statement in enumerate(world["statements"]):
                if time.perf_counter() >= deadline:
                    return
                choice = ("agree", "disagree", "pass")[(n + i) % 3]
                body = json.dumps({"statement": statement, "choice": choice, "participant": key})
                began = time.perf_counter()
                try:
                    status, _ = await client.request(
                        "POST", path, {"Content-Type": "application/json"}, body.encode()
                    )
                except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
                    statuses["failed"] += 1
                    client.close()
                    continue
                statuses[str(status)] += 1
                if 200 <= status < 300:
                    took.append((time.perf_counter() - began) * 1000)
        finally:
            client.close()

    await asyncio.gather(*(one_voter(n) for n in range(voters)))
    elapsed = time.perf_counter() - start
    return {
        "ok": len(took),
        "per_s": round(len(took) / elapsed, 1),
        "p99_ms": percentile(took, 0.99),
        "errors": {k: v for k, v in statuses.items() if not k.startswith("2")},
    }


def child(env: dict[str, str], script: str, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def environment(tmp: str, database_url: str | None) -> dict[str, str]:
    """A server's environment: the production settings on 127.0.0.1 (plain HTTP) with a fresh
    secret, the data in ``tmp``, and the database given (SQLite in ``tmp`` when none)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "ASTANA_VAR_DIR": tmp,
        "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.production",
        "ASTANA_SECRET_KEY": secrets.token_urlsafe(50),
        "ASTANA_ALLOWED_HOSTS": "127.0.0.1",
        "ASTANA_SSL_REDIRECT": "0",
        "ASTANA_EVENT_STREAMS_PER_USER": "5000",
        "ASTANA_EVENT_STREAMS_PER_WORKER": "5000",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def prepare(name: str, env: dict[str, str]) -> dict[str, Any]:
    """The demo, the consultation and the sessions of ``env``'s database."""
    began = time.time()
    progress(f"{name}: setting up the demo")
    setup_demo({**env, "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.local"})
    world: dict[str, Any] = json.loads(child(env, WORLD, str(STATEMENTS)).splitlines()[-1])
    world.update(sessions(env))
    # The room page's own bytes, as the static file the same server serves (WhiteNoise indexes
    # the static folder when it starts).
    room = f"/en/texts/{world['text']}/"
    page = subprocess.run(
        [sys.executable, "-c", PAGE, room, world["cookies"][0]],
        env=env,
        capture_output=True,
        check=False,
    )
    if page.returncode:
        raise SystemExit(f"{name}: the room page could not be read: {page.stderr.decode()}")
    static = Path(env["ASTANA_VAR_DIR"]) / "static" / STATIC
    static.parent.mkdir(parents=True, exist_ok=True)
    static.write_bytes(page.stdout)
    world["page_bytes"] = len(page.stdout)
    progress(f"{name}: demo ready in {time.time() - began:.0f} s")
    return world


def measure_database(
    name: str, env: dict[str, str], world: dict[str, Any], args: argparse.Namespace
) -> dict[str, Any]:
    seconds, most = (3.0, 2_000) if args.quick else (15.0, 20_000)
    short = args.quick and name == "sqlite"  # --quick: SQLite's room page and ceiling only
    cookie = {"Cookie": f"sessionid={world['cookies'][0]}"}
    readers = [{"Cookie": f"sessionid={c}"} for c in world["cookies"]]
    token = {"Authorization": f"Bearer {world['token']}"}
    room = f"/en/texts/{world['text']}/"
    targets: dict[str, tuple[str, dict[str, str] | list[dict[str, str]]]] = {
        "archive": ("/en/", {}),
        # Five readers of five delegations and roles (five audiences), asking again and again:
        # after the first, each is served its audience's copy (``common.rendered``).
        "room": (room, readers),
        # Every request a page never rendered (its own query string, which the page ignores):
        # the cost of rendering it, as after each change of the text.
        "room_rendered": (room + "?n={n}", cookie),
        "api": (f"/api/rounds/{world['round']}/events?after=r0", token),
        "static": (f"/static/{STATIC}", {}),
    }
    out: dict[str, Any] = {}
    out[f"{name}_page_bytes"] = world["page_bytes"]
    with served(env, args.server_log, workers=args.workers, dev=False) as (server, port):
        # Warm: each worker's templates loaded and its first connections open, so that a cold
        # start does not count in the first figures.
        if short:
            targets = {k: v for k, v in targets.items() if k in ("room", "room_rendered", "static")}
        for path, headers in targets.values():
            asyncio.run(load(port, path, headers, 8, 1.0, 40))
        for target, (path, headers) in targets.items():
            for clients in CLIENTS[-1:] if short else CLIENTS:
                figures = asyncio.run(load(port, path, headers, clients, seconds, most))
                progress(f"{name}: {target}, {clients} clients: {figures}")
                for key, value in figures.items():
                    out[f"{name}_{target}_{clients}_{key}"] = value
        for voters in [] if short else args.voters:
            figures = asyncio.run(vote(port, world, voters, seconds, f"{name}{voters}"))
            progress(f"{name}: {voters} voters: {figures}")
            for key, value in figures.items():
                out[f"{name}_votes_{voters}_{key}"] = value
        if not short:
            stored = int(child(env, STORED_VOTES, str(world["consultation"])).splitlines()[-1])
            answered = sum(out[f"{name}_votes_{v}_ok"] for v in args.voters)
            progress(f"{name}: {stored} votes stored, {answered} answered 2xx")
            out[f"{name}_votes_stored"] = stored
            out[f"{name}_votes_exact"] = stored == answered
        if name == "postgresql":
            # The server's sessions on PostgreSQL after the load: bounded by the workers' pools
            # (issue 15 found a session per request thread, piling up).
            alone = {**env, "ASTANA_DB_POOL_MAX_SIZE": "0"}  # one connection, excluded
            out[f"{name}_server_connections"] = int(child(alone, CONNECTIONS).splitlines()[-1])
            progress(f"{name}: {out[f'{name}_server_connections']} connections of the server's")
        if name == "postgresql" or not args.quick:
            counts = [100] if args.quick else [100, 300, 1000]
            out.update(
                streams_figures(
                    name,
                    env,
                    [(server.pid, port)],
                    counts,
                    baseline=not args.quick,
                    idle=streams.QUICK_IDLE_SECONDS if args.quick else streams.IDLE_SECONDS,
                )
            )
    return out


def summary(out: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """Issue 15's keys (PostgreSQL unless named)."""
    top = max(CLIENTS)
    page = out.get(f"postgresql_room_{top}_rps")
    static = out.get(f"postgresql_static_{top}_rps")
    counts = [int(k.split("_")[1]) for k in out if k.endswith("_held") and "postgresql_" in k]
    largest = max(counts, default=0)
    most_voters = max(args.voters)

    def at_most_streams(key: str) -> Any:
        return out.get(f"postgresql_{largest}_{key}")

    return {
        "page_rps": page,
        "page_p99_ms": out.get(f"postgresql_room_{top}_p99_ms"),
        "static_rps": static,
        "page_static_ratio": round(page / static, 3) if page and static else None,
        # The ceiling's own tail in the same run: the machine's (the clients share its cores).
        "static_p99_ms": out.get(f"postgresql_static_{top}_p99_ms"),
        "page_rps_sqlite": out.get(f"sqlite_room_{top}_rps"),
        # Every page rendered anew (as right after a change), not served from its copy.
        "page_rendered_rps": out.get(f"postgresql_room_rendered_{top}_rps"),
        "page_rendered_p99_ms": out.get(f"postgresql_room_rendered_{top}_p99_ms"),
        "page_rendered_rps_sqlite": out.get(f"sqlite_room_rendered_{top}_rps"),
        "static_rps_sqlite": out.get(f"sqlite_static_{top}_rps"),
        "streams": at_most_streams("held"),
        "stream_p99_ms": at_most_streams("p99_ms"),
        "stream_max_ms": at_most_streams("max_ms"),
        "stream_missed": at_most_streams("missed"),
        "api_p99_ms_during_streams": at_most_streams("api_p99_ms"),
        "idle_stream_cpu_pct": at_most_streams("idle_cpu_pct"),
        "votes_per_s": out.get(f"postgresql_votes_{most_voters}_per_s"),
        "votes_exact": out.get("postgresql_votes_exact"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the short run (under 3 minutes)")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--server-log", help="where the servers' output goes (default: nowhere)")
    parser.add_argument(
        "--no-postgresql", action="store_true", help="SQLite only (no throw-away PostgreSQL)"
    )
    args = parser.parse_args()
    streams.BENCH = "web bench"
    args.voters = [20] if args.quick else [20, 100]
    if not args.no_postgresql and not os.environ.get("DATABASE_URL"):
        # Again, under a throw-away PostgreSQL server (its URL in DATABASE_URL).
        command = [sys.executable, str(ROOT / "scripts" / "throwaway-postgres"), "--"]
        sys.exit(subprocess.run([*command, sys.executable, *sys.argv], check=False).returncode)
    raise_file_limit()
    began = time.time()
    result: dict[str, Any] = {
        "bench": "web",
        "quick": args.quick,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "load_before": round(os.getloadavg()[0], 2),
    }
    with tempfile.TemporaryDirectory() as lite, tempfile.TemporaryDirectory() as pg:
        envs = {"sqlite": environment(lite, None)}
        if not args.no_postgresql:
            envs["postgresql"] = environment(pg, os.environ["DATABASE_URL"])
        with ThreadPoolExecutor(len(envs)) as pool:
            worlds = dict(zip(envs, pool.map(prepare, envs, envs.values()), strict=True))
        for name, env in envs.items():
            result.update(measure_database(name, env, worlds[name], args))
    result.update(summary(result, args))
    result["seconds"] = round(time.time() - began)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
