"""Several worker processes on one port, each listening on a socket of its own
(``astana serve --workers N``).

uvicorn's supervisor binds one socket and every worker accepts from it; which worker takes a new
connection is a race, and on Linux the busiest tends to win it: measured with 100 kept-alive
clients on two workers, the connections split 68/32, 74/26, even 97/3, and those of the loaded
worker waited two to ten times as long (the room page's p99 0.4-2.6 s). Here every worker
listens on a socket of its own with ``SO_REUSEPORT``, and the kernel deals the connections out
over them by their addresses' hash, evenly (41/59 to 50/50 in the same measurement, p99
0.34-0.61 s, a fifth to a quarter more pages per second; docs/deploy.md).

The supervisor stays uvicorn's (it restarts a worker that dies or hangs and stops them all on
SIGINT/SIGTERM); only what it hands each worker differs: instead of the socket, a
``ListenHere`` that, unpickled in the new worker, binds that worker's own socket.
"""

from __future__ import annotations

import socket
import sys
from typing import Any, cast

__all__ = [
    "ListenHere",
    "PortBusyError",
    "bound_socket",
    "claim_port",
    "reuse_port_supported",
    "run_workers",
]


class PortBusyError(OSError):
    """Another program listens on the port: nothing was started."""


def reuse_port_supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT") and sys.platform.startswith("linux")


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def bound_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` with ``SO_REUSEPORT`` (not listening yet: uvicorn's
    server listens on it in the worker)."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except BaseException:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def _bind_in_worker(host: str, port: int) -> socket.socket:
    """What a ``ListenHere`` becomes in the worker that unpickles it; a worker that cannot bind
    exits as uvicorn's do when they fail to start (the supervisor then stops, not retrying)."""
    from uvicorn.config import STARTUP_FAILURE

    try:
        return bound_socket(host, port)
    except OSError as error:
        print(f"astana serve: worker cannot listen on {host}:{port}: {error}", file=sys.stderr)
        raise SystemExit(STARTUP_FAILURE) from error


class ListenHere:
    """Handed to each worker in place of a socket: the worker binds one of its own to
    ``host:port`` (with ``SO_REUSEPORT``) when it unpickles this."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return (_bind_in_worker, (self.host, self.port))


def claim_port(host: str, port: int) -> socket.socket:
    """The supervisor's claim on ``host:port``: refused (``PortBusyError``) where any program
    listens there already, another ``astana serve`` included, whose reuse-port group this one
    would otherwise join silently and share its connections with. The socket returned is
    bound, never listened on (the kernel deals connections to listening sockets only); it
    keeps the port while workers start and restart."""
    probe = socket.socket(_family(host), socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # (TIME_WAIT is no claim)
        probe.bind((host, port))
    except OSError as error:
        raise PortBusyError(error.errno, f"{host}:{port} is in use ({error.strerror})") from error
    finally:
        probe.close()
    return bound_socket(host, port)


def run_workers(claim: socket.socket, app: str, workers: int, **options: Any) -> None:
    """Serve ``app`` (an import string) on the port ``claim`` holds (``claim_port``) with
    ``workers`` processes under uvicorn's supervisor, each on its own reuse-port socket, until
    SIGINT or SIGTERM; the claim is let go at the end."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    host, port = claim.getsockname()[:2]
    config = uvicorn.Config(app, host=host, port=port, workers=workers, **options)
    try:
        handed = [cast(socket.socket, ListenHere(host, port))]
        Multiprocess(config, sockets=handed).run()
    except KeyboardInterrupt:  # (as uvicorn.run: Ctrl+C before the signal handlers are set)
        pass
    finally:
        claim.close()
