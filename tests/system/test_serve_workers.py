"""``astana serve --workers N``: each worker listens on a socket of its own (``SO_REUSEPORT``),
so that the kernel deals connections out over all of them, not to whichever worker wins the race
for one shared socket (``astana.cli.workers``). Read from ``/proc``: which process holds which
listening and which connected socket of the server's port (Linux, as the feature)."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.system.conftest import Demo
from tests.system.servers import ASTANA, ROOT, free_port, refused_to_serve, serve, stop

from astana.cli.workers import reuse_port_supported

pytestmark = pytest.mark.skipif(not reuse_port_supported(), reason="SO_REUSEPORT is Linux's")

WAIT = 30  # seconds: how long a check waits before it fails (liveness, never a time target)
LISTEN, ESTABLISHED = "0A", "01"


def _sockets(port: int, state: str) -> set[str]:
    """The inodes of the TCP sockets whose local port is ``port``, in ``state``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state:
                found.add(fields[9])
    return found


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # (a process gone meanwhile)
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def _holders(pids: list[int], inodes: set[str]) -> dict[int, int]:
    """How many of the sockets ``inodes`` each of ``pids`` holds."""
    held: dict[int, int] = {}
    for pid in pids:
        try:
            links = [os.readlink(f) for f in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:
            continue
        count = sum(link.startswith("socket:[") and link[8:-1] in inodes for link in links)
        if count:
            held[pid] = count
    return held


def _listeners(server: subprocess.Popen[bytes], port: int) -> dict[int, int]:
    """The processes that listen on ``port``, each with its number of listening sockets."""
    return _holders([server.pid, *_children(server.pid)], _sockets(port, LISTEN))


def _until(check: object, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


@pytest.fixture(scope="module")
def served_env(demo: Demo) -> Iterator[dict[str, str]]:
    """A copy of the demo for this module's servers."""
    tmp = Path(tempfile.mkdtemp(prefix="astana-workers-"))
    extra, drop = demo.copy(tmp)
    yield {
        **demo.env,
        **extra,
        "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.local",
        "ASTANA_DEBUG": "0",
    }
    drop()  # type: ignore[operator]
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def two_workers(served_env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """One ``astana serve --workers 2`` for the module's tests (one kills a worker: it is
    replaced, and the next test finds two again)."""
    server, base = serve(served_env, "--workers", "2")
    port = int(base.rsplit(":", 1)[1])
    try:
        _until(lambda: len(_listeners(server, port)) == 2, "two workers listening")
        yield server, port
    finally:
        stop(server)


def test_each_worker_listens_on_its_own_socket_and_connections_reach_both(
    two_workers: tuple[subprocess.Popen[bytes], int],
) -> None:
    server, port = two_workers
    listeners = _listeners(server, port)
    # Two worker processes with one listening socket each; the supervisor listens on none.
    assert sorted(listeners.values()) == [1, 1]
    assert server.pid not in listeners
    # Forty kept-alive connections, each answered, held open meanwhile: both workers hold some.
    connections = []
    for _ in range(40):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
        connection.request("GET", "/en/")
        answer = connection.getresponse()
        answer.read()
        assert answer.status == 200
        connections.append(connection)
    try:
        held = _holders(list(listeners), _sockets(port, ESTABLISHED))
        # Each worker holds some (all to one: a chance of 2 in 2**40 under an even deal).
        assert sorted(held) == sorted(listeners), held
        assert sum(held.values()) == 40
    finally:
        for connection in connections:
            connection.close()


def test_a_worker_killed_is_replaced_on_a_socket_of_its_own(
    two_workers: tuple[subprocess.Popen[bytes], int],
) -> None:
    server, port = two_workers
    killed = min(_listeners(server, port))
    os.kill(killed, signal.SIGKILL)
    _until(
        lambda: len(listening := _listeners(server, port)) == 2 and killed not in listening,
        "the supervisor starts a worker in place of the one killed",
    )
    for _ in range(10):  # fresh connections, whichever worker they reach
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
        connection.request("GET", "/en/")
        assert connection.getresponse().status == 200
        connection.close()


def _refused(env: dict[str, str], port: int) -> str:
    result = subprocess.run(
        [ASTANA, "serve", "--port", str(port), "--workers", "2"],
        env={**env, "DJANGO_SETTINGS_MODULE": "astana.web.config.settings.local"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, (result.stdout, result.stderr)
    return " ".join(result.stderr.split())


def test_a_port_in_use_is_refused_another_astana_serve_included(
    two_workers: tuple[subprocess.Popen[bytes], int], served_env: dict[str, str]
) -> None:
    server, port = two_workers
    # Another `astana serve` on the same port would join its reuse-port group and take a share
    # of its connections silently: refused.
    said = _refused(served_env, port)
    assert f"127.0.0.1:{port} is in use" in said and "not serving" in said
    assert sorted(_listeners(server, port).values()) == [1, 1]  # the first one untouched
    # Any other program listening there: refused as well.
    with socket.socket() as other:
        other.bind(("127.0.0.1", free_port()))
        other.listen()
        taken = other.getsockname()[1]
        assert f"127.0.0.1:{taken} is in use" in _refused(served_env, taken)


def test_a_server_asked_to_stop_ends_its_open_event_streams(served_env: dict[str, str]) -> None:
    """Streams last minutes; a worker asked to stop (SIGTERM, as a restart does) finishes its
    requests for ``ASTANA_SHUTDOWN_SECONDS``, then ends the streams still open, whose pages
    open them again on another worker: it does not wait for them to end by themselves."""
    from tests.system.test_several_servers import _hold_stream, _login, _round_and_text

    server, base = serve({**served_env, "ASTANA_SHUTDOWN_SECONDS": "1"}, "--workers", "2")
    try:
        party = _login(base, "party1")
        round_id, _ = _round_and_text(party, base)
        stream = _hold_stream(party, base, round_id)
        _until(lambda: stream.messages, "the stream's first message")
        stream.closed = True  # (the server ending it under its reader raises there: expected)
        server.send_signal(signal.SIGTERM)
        # (TimeoutExpired otherwise: the open stream kept it running, for minutes)
        assert server.wait(timeout=WAIT) == 0
    finally:
        stop(server)


def test_a_shutdown_time_that_is_not_a_number_is_refused(served_env: dict[str, str]) -> None:
    refusal = refused_to_serve({**served_env, "ASTANA_SHUTDOWN_SECONDS": "-5"}, "a bad time")
    assert "ASTANA_SHUTDOWN_SECONDS is '-5'" in refusal
