"""ASGI entry point (uvicorn): ``astana serve`` and production workers; production settings
unless DJANGO_SETTINGS_MODULE names others."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import django
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.apps import apps
from django.core.handlers.asgi import ASGIHandler

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
    """Django's ASGI handler, its synchronous work done as a WSGI server's threads do it.

    - Each request's thread comes from ``RequestThreads`` instead of being started for it,
      and keeps its database connection for the next request: on SQLite, opening the file
      and running the connection's pragmas was a fifth of a served page's CPU.
    - The middleware chain is loaded in its synchronous mode and entered once. Django's
      handler loads it in its async mode: a request then goes from the event loop to a
      thread, back to the loop for the innermost middleware (django-axes can run both
      ways), and to a thread again for each view middleware and for the view. Every
      middleware here can run synchronously. An async view (the event stream) is called as
      under WSGI, through ``async_to_sync``: it runs on the event loop, and its body is
      streamed by the handler there, blocking no thread while it waits (its request's
      thread stays its own until it ends, as under Django's handler)."""

    _middleware_chain: Any  # (Django's, untyped)

    def __init__(self) -> None:
        super().__init__()
        self.threads = RequestThreads()

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)
        self._middleware_chain = sync_to_async(self._middleware_chain, thread_sensitive=True)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        executor = self.threads.lease()
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send)
        finally:
            self.threads.give_back(executor)


if not apps.ready:  # (set up once: again would configure the logging again)
    django.setup(set_prefix=False)
application = Handler()

# ``astana serve`` asks each worker process to analyse consultations in the background.
if os.environ.get("ASTANA_ANALYSIS_LOOP") == "1":
    from astana.web.consultation.background import start_loop

    start_loop()
