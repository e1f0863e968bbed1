"""The server's ASGI handler (``config.asgi.Handler``, what ``astana serve`` runs): the same
answers as Django's own handler, for a fraction of the hand-overs between the event loop and
threads, with each request's synchronous work on a thread of its own that later requests
reuse, keeping its database connection. Driven in-process, as uvicorn drives it, with real
commits (its threads have connections of their own)."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.sync import AsyncToSync, SyncToAsync, async_to_sync
from django.core.handlers.asgi import ASGIHandler
from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.backends.signals import connection_created
from django.db.backends.utils import CursorWrapper
from django.test import Client
from tests.helpers.people import token_of, user

from astana.web.config.asgi import Handler, RequestThreads
from astana.web.negotiation import views_events
from astana.web.negotiation.models import EventStream, NegotiationText

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("history_reloaded"),
    # WhiteNoise's file answers are synchronous iterators, under both handlers
    pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume"),
]

LARGE = b'{"change": "' + b"x" * 3_000_000 + b'"}'
#: What differs between two answers to the same request: CSRF tokens and CSP nonces.
VARYING = re.compile(rb'(csrfmiddlewaretoken" value="|nonce="|csrftoken=)[^";]+')


class Answer:
    def __init__(self) -> None:
        self.status = 0
        self.headers: dict[bytes, list[bytes]] = {}
        self.body = b""
        self.started = asyncio.Event()  # the first body chunk has come


async def call(
    app: Any,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    hang_up: asyncio.Event | None = None,
    answer: Answer | None = None,
) -> Answer:
    """One request as uvicorn hands it over; with ``hang_up``, the client leaves when it is
    set (an event stream's reader closing the page)."""
    answer = answer or Answer()
    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"testserver")]
        + [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent = False

    parts = [body[: len(body) // 2], body[len(body) // 2 :]] if body else [b""]

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:  # the body in two messages, as a server passes a large one on
            part = parts.pop(0)
            sent = not parts
            return {"type": "http.request", "body": part, "more_body": bool(parts)}
        await (hang_up.wait() if hang_up else asyncio.Event().wait())
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer.status = message["status"]
            for key, value in message["headers"]:
                answer.headers.setdefault(key.lower(), []).append(value)
        elif message["type"] == "http.response.body":
            answer.body += message.get("body", b"")
            answer.started.set()

    await app(scope, receive, send)
    return answer


def session_of(name: str) -> dict[str, str]:
    client = Client()
    client.force_login(user(name))
    return {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}


async def open_stream(
    app: Any, roadmap: NegotiationText, headers: dict[str, str], hang_up: asyncio.Event
) -> tuple[Answer, asyncio.Future[Answer]]:
    """The round's event stream, opened and held until ``hang_up`` (once its first bytes came)."""
    stream = Answer()
    path = f"/en/rounds/{roadmap.round_id}/events"
    task = asyncio.ensure_future(
        call(app, "GET", path, headers=headers, hang_up=hang_up, answer=stream)
    )
    await asyncio.wait_for(stream.started.wait(), 30)
    return stream, task


@pytest.fixture
def handlers() -> Iterator[tuple[ASGIHandler, Handler]]:
    ours = Handler()
    yield ASGIHandler(), ours
    ours.threads.close()


def test_the_same_answers_as_djangos_handler(
    roadmap: NegotiationText, handlers: tuple[ASGIHandler, Handler]
) -> None:
    party = session_of("party1")
    token = token_of("observer")
    requests: list[tuple[str, str, dict[str, str], bytes]] = [
        ("GET", "/en/", {}, b""),
        ("GET", f"/ar/texts/{roadmap.pk}/", party, b""),
        ("GET", f"/en/texts/{roadmap.pk}/", {}, b""),  # anonymous: to the login page
        ("HEAD", f"/en/texts/{roadmap.pk}/", party, b""),
        ("GET", "/en/no-such-page/", party, b""),
        ("GET", f"/api/texts/{roadmap.pk}", {"Authorization": f"Bearer {token}"}, b""),
        ("GET", f"/api/texts/{roadmap.pk}", {"Authorization": "Bearer not-a-token"}, b""),
        # A form posted without its CSRF token: refused, as by Django's.
        ("POST", f"/en/texts/{roadmap.pk}/proposals/", party, b"kind=delete_provision"),
        # A JSON body over the size limit, with its length declared: refused before any view.
        (
            "POST",
            f"/api/texts/{roadmap.pk}/proposals",
            {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            | {"Content-Length": str(len(LARGE))},
            LARGE,
        ),
        ("GET", "/static/css/astana.css", {}, b""),  # a file, streamed
    ]

    async def both() -> list[tuple[Answer, Answer]]:
        return [
            (
                await call(handlers[0], m, p, headers=h, body=b),
                await call(handlers[1], m, p, headers=h, body=b),
            )
            for m, p, h, b in requests
        ]

    answers = asyncio.run(both())
    for (method, path, _, _), (django, ours) in zip(requests, answers, strict=True):
        assert ours.status == django.status, (method, path)
        assert ours.status != 500, (method, path)
        assert sorted(ours.headers) == sorted(django.headers), (method, path)
        assert VARYING.sub(b"", ours.body) == VARYING.sub(b"", django.body), (method, path)
    statuses = [answer.status for answer, _ in answers]
    assert statuses == [200, 200, 302, 405, 404, 200, 401, 403, 413, 200]


def test_a_page_crosses_from_the_loop_to_its_thread_once(
    roadmap: NegotiationText, handlers: tuple[ASGIHandler, Handler], monkeypatch: Any
) -> None:
    crossings = {"count": 0}
    to_thread, to_loop = SyncToAsync.__call__, AsyncToSync.__call__

    async def counted_to_thread(self: Any, *args: Any, **kwargs: Any) -> Any:
        crossings["count"] += 1
        return await to_thread(self, *args, **kwargs)

    def counted_to_loop(self: Any, *args: Any, **kwargs: Any) -> Any:
        crossings["count"] += 1
        return to_loop(self, *args, **kwargs)

    monkeypatch.setattr(SyncToAsync, "__call__", counted_to_thread)
    monkeypatch.setattr(AsyncToSync, "__call__", counted_to_loop)
    party = session_of("party1")

    def crossings_of(app: Any) -> int:
        asyncio.run(call(app, "GET", f"/en/texts/{roadmap.pk}/", headers=party))  # warmed up
        crossings["count"] = 0
        answer = asyncio.run(call(app, "GET", f"/en/texts/{roadmap.pk}/", headers=party))
        assert answer.status == 200
        return crossings["count"]

    django, ours = (crossings_of(app) for app in handlers)
    # Into the request's thread once: the start signal, the chain (middleware and view) and
    # the closing of the answer. Django's handler goes to a thread for the signal, the chain,
    # each view middleware, the view and the closing, and back to the loop for the
    # innermost, async-capable middleware (seven in all with Django 5.2).
    assert ours == 1, ours
    assert django > ours, django


def test_requests_reuse_threads_each_request_on_one_of_its_own(
    roadmap: NegotiationText, handlers: tuple[ASGIHandler, Handler], monkeypatch: Any
) -> None:
    ours = handlers[1]
    party = session_of("party1")
    monkeypatch.setattr(views_events, "EVENT_STREAM_SECONDS", 60)
    seen: list[int] = []
    finished: list[int] = []
    opened: list[object] = []
    connections_of_five: list[int] = []

    def note(**kwargs: Any) -> None:
        opened.append(kwargs["connection"])

    def thread_of_request(sender: Any, **kwargs: Any) -> None:
        seen.append(threading.get_ident())

    def thread_of_end(sender: Any, **kwargs: Any) -> None:
        finished.append(threading.get_ident())

    connection_created.connect(note)
    request_started.connect(thread_of_request)
    request_finished.connect(thread_of_end)
    try:

        async def scenario() -> None:
            # One after the other: one thread serves them all.
            for _ in range(5):
                answer = await call(ours, "GET", f"/en/texts/{roadmap.pk}/", headers=party)
                assert answer.status == 200
            assert ours.threads.started == 1
            connections_of_five.append(len(opened))
            # Two event streams held at once: each its own thread, neither lent to a page
            # read meanwhile, which gets a third.
            hang_ups = [asyncio.Event(), asyncio.Event()]
            tasks = []
            for hang_up in hang_ups:  # opened one after the other, then held together
                stream, task = await open_stream(ours, roadmap, party, hang_up)
                tasks.append(task)
                assert stream.status == 200, stream.body[:300]
            answer = await call(ours, "GET", f"/en/texts/{roadmap.pk}/", headers=party)
            assert answer.status == 200
            assert ours.threads.started == 3
            # The readers leave one after the other (two writes at once would meet the test
            # database's table lock: SQLite in memory, shared between threads).
            for hang_up, task in zip(hang_ups, tasks, strict=True):
                hang_up.set()
                await asyncio.wait_for(task, 30)
            # Their threads serve what comes next.
            answer = await call(ours, "GET", f"/en/texts/{roadmap.pk}/", headers=party)
            assert answer.status == 200
            assert ours.threads.started == 3

        # Run as the other tests drive the event streams: the process's listener (the hub)
        # then asks the database through the test's own connection.
        async_to_sync(scenario)()
    finally:
        request_started.disconnect(thread_of_request)
        request_finished.disconnect(thread_of_end)
        connection_created.disconnect(note)
    # Five pages, two streams, two pages: the first five on one thread.
    assert len(set(seen[:5])) == 1 and len(seen) == 9
    assert len(set(seen[5:8])) == 3
    # Each request ended once, in its own thread (the streams' when their reader left: their
    # registrations are gone).
    assert sorted(finished) == sorted(seen)
    assert not EventStream.objects.exists()
    if connection.vendor == "sqlite":
        # A thread keeps its connection between requests (PostgreSQL's go back to the pool).
        assert connections_of_five == [1], (connections_of_five, opened)


def test_request_threads_kept_up_to_a_bound() -> None:
    threads = RequestThreads(keep=2)
    leased = [threads.lease() for _ in range(4)]
    assert threads.started == 4 and len({id(e) for e in leased}) == 4
    for executor in leased:
        threads.give_back(executor)
    # The last two given back were not kept: their threads end.
    assert leased[2]._shutdown and leased[3]._shutdown  # type: ignore[attr-defined]
    again = [threads.lease() for _ in range(3)]
    assert threads.started == 5
    assert again[0] is leased[1] and again[1] is leased[0]  # the one used last first
    threads.give_back(again[2])
    threads.close()
    assert again[2]._shutdown  # type: ignore[attr-defined]
    for executor in again[:2]:
        executor.shutdown()


def test_what_is_not_a_request_is_left_as_djangos_handler_leaves_it(
    handlers: tuple[ASGIHandler, Handler],
) -> None:
    async def nothing() -> dict[str, Any]:
        return {"type": "http.disconnect"}  # the client left before its body came

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    for app in handlers:
        with pytest.raises(ValueError, match="lifespan"):
            asyncio.run(app({"type": "lifespan"}, nothing, send))
        scope = {"type": "http", "method": "POST", "path": "/en/", "headers": []}
        asyncio.run(app(scope, nothing, send))
    assert sent == []  # nothing answered to a client that left


class Counted(Handler):
    """The handler, counting its requests' synchronous work running at once (each made to last
    a little, so that those let in together overlap)."""

    def __init__(self, places: int, wait: float = 30.0) -> None:
        super().__init__(places=places, wait=wait)
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def _respond(self, scope: dict[str, Any], body_file: Any, late: bool) -> Any:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(0.02)
            return super()._respond(scope, body_file, late)
        finally:
            with self.lock:
                self.running -= 1


def test_a_worker_runs_at_most_its_threads_at_once() -> None:
    """Twelve requests at once, two places (``ASTANA_WORKER_THREADS``): two run, the others
    wait on the loop, in turn, and every one is answered. Without the bound all twelve ran."""
    app = Counted(places=2)

    async def twelve() -> list[Answer]:
        return list(await asyncio.gather(*(call(app, "GET", "/en/") for _ in range(12))))

    try:
        answers = asyncio.run(twelve())
    finally:
        app.threads.close()
    assert [answer.status for answer in answers] == [200] * 12
    assert app.most == 2, app.most
    assert app.threads.started <= 2  # a thread is leased once the request has its place


def test_a_request_that_waits_too_long_is_answered_busy_reading_nothing(monkeypatch: Any) -> None:
    """One place, held by a slow request: a logged-in reader's page that waited past
    ``ASTANA_WORKER_WAIT_SECONDS`` is answered 503 with Retry-After, in its language, with the
    security headers of every page, its header anonymous: nothing read from the database for
    it (not even the session); the slow request is answered as usual."""
    party = session_of("party1")
    release = threading.Event()
    statements: list[tuple[int, str]] = []
    execute = CursorWrapper.execute

    def noted(self: Any, sql: str, params: Any = None) -> Any:
        statements.append((threading.get_ident(), sql))
        return execute(self, sql, params)

    monkeypatch.setattr(CursorWrapper, "execute", noted)

    class Slow(Handler):
        late_threads: list[int] = []

        def _respond(self, scope: dict[str, Any], body_file: Any, late: bool) -> Any:
            if late:
                self.late_threads.append(threading.get_ident())
            elif scope["path"] == "/en/sources/":
                release.wait(30)  # until the other has been answered
            return super()._respond(scope, body_file, late)

    app = Slow(places=1, wait=0.2)

    async def scenario() -> tuple[Answer, Answer]:
        slow = asyncio.ensure_future(call(app, "GET", "/en/sources/"))
        await asyncio.sleep(0.05)  # the slow one has the place
        late = await call(app, "GET", "/ar/", headers=party)
        release.set()
        return late, await slow

    try:
        late, slow = asyncio.run(scenario())
    finally:
        release.set()
        app.threads.close()
    assert slow.status == 200
    assert late.status == 503
    assert late.headers[b"retry-after"] == [b"5"]
    assert b"default-src 'self'" in late.headers[b"content-security-policy"][0]
    assert b"x-frame-options" in late.headers
    body = late.body.decode()
    assert "المنصة مشغولة جدًا للرد على هذا الآن" in body
    assert "party1" not in body  # the header is the anonymous one: the session was not read
    assert app.late_threads
    assert [sql for thread, sql in statements if thread in app.late_threads] == []


def test_an_event_stream_gives_its_place_up_once_it_is_answered(
    roadmap: NegotiationText, monkeypatch: Any
) -> None:
    """One place: an open event stream (held for a minute) does not keep it; a page read
    meanwhile is answered at once, not after the wait."""
    monkeypatch.setattr(views_events, "EVENT_STREAM_SECONDS", 60)
    party = session_of("party1")
    app = Handler(places=1, wait=2.0)

    async def scenario() -> tuple[Answer, Answer]:
        hang_up = asyncio.Event()
        stream, task = await open_stream(app, roadmap, party, hang_up)
        page = await call(app, "GET", f"/en/texts/{roadmap.pk}/", headers=party)
        hang_up.set()
        await asyncio.wait_for(task, 30)
        return stream, page

    try:
        stream, page = async_to_sync(scenario)()
    finally:
        app.threads.close()
    assert stream.status == 200
    assert page.status == 200, page.body[:300]
