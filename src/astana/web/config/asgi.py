"""ASGI entry point (uvicorn): ``astana serve`` and production workers; production settings
unless DJANGO_SETTINGS_MODULE names others."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import django
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.apps import apps
from django.conf import settings
from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.http import FileResponse, HttpResponseBase
from django.urls import set_script_prefix

from astana.web.common.middleware import WAITED_TOO_LONG

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana.web.config.settings.production")

__all__ = ["Handler", "RequestThreads", "application"]


class RequestThreads:
    """The threads that run requests' synchronous code: each request has one to itself for
    as long as it lasts, as Django's ASGI handler gives it, but a thread whose request
    ended serves a later one instead of a new thread being started for every request.
    A thread keeps its database connection between requests as a WSGI server's threads
    do (SQLite's is opened once per thread instead of once per request; PostgreSQL's goes
    back to the pool when each request ends, as before). At most ``keep`` idle threads are
    kept; the threads of a burst beyond them (a thousand event streams closing) end."""

    def __init__(self, keep: int = 64) -> None:
        self.keep = keep
        self._idle: list[ThreadPoolExecutor] = []
        self._lock = threading.Lock()
        self.started = 0  # how many threads were started (the tests read it)

    def lease(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._idle:
                return self._idle.pop()  # the one used last: its connection is the freshest
            self.started += 1
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="astana-request")

    def give_back(self, executor: ThreadPoolExecutor) -> None:
        with self._lock:
            if len(self._idle) < self.keep:
                self._idle.append(executor)
                return
        executor.shutdown(wait=False)

    def close(self) -> None:
        """End the idle threads (those of requests still running end with them)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for executor in idle:
            executor.shutdown(wait=False)


class Handler(ASGIHandler):
    """Django's ASGI handler, doing a request's synchronous work as a WSGI server does it:
    once, in one thread, which a later request reuses, with at most ``places`` requests of
    the worker doing it at once.

    The body is read on the event loop; then the request waits for a place among the
    worker's running requests (``ASTANA_WORKER_THREADS``); then one call in the request's
    thread sends the ``request_started`` signal, makes the request and runs it through the
    middleware chain in its synchronous mode (Django's ``get_response``, WSGI's path), and,
    for an answer whose body is already made, closes it (``request_finished``: its database
    connection goes back); the place is given up and the event loop sends the bytes. Django's
    own handler crosses between the loop and a thread seven times for one page (the start
    signal, the chain, back to the loop for the innermost middleware, django-axes, which can
    run async, then each view middleware, the view, the closing), with a task listening for
    the client's leaving beside each request, and starts a new thread, with a new database
    connection, for every request; that machinery cost a served page more CPU than the page
    itself. Every middleware here can run synchronously.

    Why a bound: Python runs one thread at a time, and each of a request's system calls
    (a database statement, a read of the random source) lets another running request's
    thread take the interpreter over; with fifty requests running at once a logged-in page
    cost about twice the CPU it costs with two (measured in-process, docs/deploy.md). The
    requests beyond the bound wait on the event loop, in the order they came, costing
    nothing; one that waited ``ASTANA_WORKER_WAIT_SECONDS`` is answered 503 with
    Retry-After (``common.middleware``), as when the database is too busy.

    A streamed answer (the event stream, a file) is sent as Django sends it, watching for
    the client leaving, and closed after; it gives its place up before it is sent. The event
    stream's view is async: the chain calls it as WSGI would, through ``async_to_sync``, so it
    runs on the event loop; its body is streamed from the loop, blocking no thread while it
    waits (the request's thread stays its own until it ends, as under Django's handler)."""

    def __init__(self, places: int | None = None, wait: float | None = None) -> None:
        super().__init__()
        self.threads = RequestThreads()
        self.places = places or settings.ASTANA_WORKER_THREADS
        self.wait = settings.ASTANA_WORKER_WAIT_SECONDS if wait is None else wait
        # one bound per event loop (a worker has one; the tests run several in turn)
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore]
        self._gates = weakref.WeakKeyDictionary()

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)

    def _gate(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = asyncio.Semaphore(self.places)
        return gate

    async def _placed(self, gate: asyncio.Semaphore) -> bool:
        """Wait for a place among the worker's running requests: False after ``wait``."""
        try:
            async with asyncio.timeout(self.wait):
                await gate.acquire()
        except TimeoutError:
            return False
        return True

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        gate, held = self._gate(), [False]

        def give_place_up() -> None:  # once, whatever happens
            if held[0]:
                held[0] = False
                gate.release()

        try:
            held[0] = await self._placed(gate)
            late = not held[0]
            executor = self.threads.lease()
            try:
                async with ThreadSensitiveContext(executor=executor):
                    try:
                        response = await sync_to_async(self._respond, thread_sensitive=True)(
                            scope, body_file, late=late
                        )
                    finally:
                        give_place_up()
                    if not response.streaming:
                        await self.send_response(response, send)  # (closed already)
                    else:
                        await self._stream(response, receive, send)
            finally:
                self.threads.give_back(executor)
        finally:
            give_place_up()
            body_file.close()

    def _respond(self, scope: dict[str, Any], body_file: Any, late: bool) -> HttpResponseBase:
        """The answer, in the request's thread; closed unless it is streamed. A ``late``
        request (it waited too long for a place) goes through the chain to be answered 503
        (``common.middleware.WAITED_TOO_LONG``), reading nothing from the database."""
        set_script_prefix(get_script_prefix(scope))
        signals.request_started.send(sender=self.__class__, scope=scope)
        request, response = self.create_request(scope, body_file)
        if request is None:  # (an undecodable request: Django's 400 answer)
            assert response is not None
        else:
            if late:
                request.META[WAITED_TOO_LONG] = True
            response = self.get_response(request)
            response._handler_class = self.__class__  # type: ignore[attr-defined]
            if isinstance(response, FileResponse):
                response.block_size = self.chunk_size  # (the server chunks it)
        if not response.streaming:
            response.close()
        return response

    async def _stream(self, response: HttpResponseBase, receive: Any, send: Any) -> None:
        """Send a streamed answer while listening for the client's leaving (which stops it),
        then close it: Django's own handling of a response, kept for these."""

        async def sending() -> None:
            with contextlib.suppress(asyncio.CancelledError):  # the client left meanwhile
                await self.send_response(response, send)

        tasks = [
            asyncio.create_task(self.listen_for_disconnect(receive)),
            asyncio.create_task(sending()),
        ]
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in tasks:
            if task.done():
                with contextlib.suppress(RequestAborted):
                    task.result()
            else:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await sync_to_async(response.close, thread_sensitive=True)()


if not apps.ready:  # (set up once: again would configure the logging again)
    django.setup(set_prefix=False)
application = Handler()

# ``astana serve`` asks each worker process to analyse consultations in the background.
if os.environ.get("ASTANA_ANALYSIS_LOOP") == "1":
    from astana.web.consultation.background import start_loop

    start_loop()
