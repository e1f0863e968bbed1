"""A worker's PostgreSQL connection pool, when empty past its timeout, is an overload: the page
and the API answer 503 with Retry-After, never a 500, and the refused write wrote nothing
(issue 15: a bounded pool instead of a connection per thread). A real pool of one connection
on the test database, held by another thread; once that thread gives it back, the same
requests succeed."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import get_user
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError, connection, connections
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils.functional import SimpleLazyObject
from psycopg_pool import PoolTimeout
from tests.helpers.people import bearer, client_of, token_of

from astana.web.accounts import loading
from astana.web.accounts.middleware import SessionExpiryMiddleware
from astana.web.archive import selectors as archive_selectors
from astana.web.common.errors import OVERLOAD_RETRY_SECONDS, is_overload
from astana.web.negotiation import actions, live
from astana.web.negotiation.models import CaucusNote, EventStream
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db

ALIAS = "pool_of_one"


class PoolOfOne:
    """A pool of one connection (0.3 s timeout) on the test database, its connection held by
    another thread until :meth:`give_back`. Each :meth:`wrapper` is a database connection of
    Django's drawing from it (a connection made here, not a configured alias: they all share the
    pool of their alias)."""

    def __init__(self) -> None:
        self.settings = copy.deepcopy(connections["default"].settings_dict)
        self.settings["OPTIONS"]["pool"] = {"min_size": 1, "max_size": 1, "timeout": 0.3}
        self.settings["CONN_MAX_AGE"] = 0
        self.held, self.release = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def wrapper(self) -> Any:
        return type(connections["default"])(self.settings, ALIAS)

    def _hold(self) -> None:
        holder = self.wrapper()
        holder.ensure_connection()
        self.held.set()
        self.release.wait(30)
        holder.close()  # back to the pool

    def give_back(self) -> None:
        self.release.set()
        self.thread.join(30)


@pytest.fixture
def pool_of_one(db: None) -> Iterator[PoolOfOne]:
    if connection.vendor != "postgresql":
        pytest.skip("the connection pool is PostgreSQL's (run through scripts/throwaway-postgres)")
    pool = PoolOfOne()
    pool.thread.start()
    assert pool.held.wait(30)
    try:
        yield pool
    finally:
        pool.give_back()
        pool.wrapper().close_pool()


def _through_the_pool(pool: PoolOfOne, call: Any) -> Any:
    """``call``, after a query on a connection of the pool of one (as every query of a request
    would be, were the worker's pool exhausted)."""

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        borrowed = pool.wrapper()
        try:
            with borrowed.cursor() as cursor:
                cursor.execute("SELECT 1")
        finally:
            borrowed.close()
        return call(*args, **kwargs)

    return wrapped


def test_an_empty_pool_is_an_overload(pool_of_one: PoolOfOne) -> None:
    waiting = pool_of_one.wrapper()
    with pytest.raises(OperationalError) as caught:
        waiting.ensure_connection()
    assert isinstance(caught.value.__cause__, PoolTimeout)
    assert is_overload(caught.value)
    assert is_overload(caught.value.__cause__)
    pool_of_one.give_back()
    waiting.ensure_connection()  # given back: the pool answers again
    assert waiting.is_usable()
    waiting.close()


def test_a_page_waiting_for_the_pool_is_a_503_then_answers(
    pool_of_one: PoolOfOne, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        archive_selectors, "processes", _through_the_pool(pool_of_one, archive_selectors.processes)
    )
    response = Client().get("/en/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(OVERLOAD_RETRY_SECONDS)
    assert "too busy" in response.content.decode()
    pool_of_one.give_back()
    assert Client().get("/en/").status_code == 200


def test_a_write_waiting_for_the_pool_is_a_503_and_writes_nothing(
    sandbox: Round, pool_of_one: PoolOfOne, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        actions, "caucus_note_add", _through_the_pool(pool_of_one, actions.caucus_note_add)
    )
    before = CaucusNote.objects.count()

    def post() -> Any:
        return Client().post(
            f"/api/rounds/{sandbox.pk}/caucus",
            {"body": "a note"},
            "application/json",
            headers=bearer(token_of("party1")),
        )

    response = post()
    assert response.status_code == 503
    assert response["Retry-After"] == str(OVERLOAD_RETRY_SECONDS)
    assert response.json()["changes"] == []
    assert CaucusNote.objects.count() == before
    pool_of_one.give_back()
    assert post().status_code in (200, 201)
    assert CaucusNote.objects.count() == before + 1


def test_the_pool_empty_outside_the_view_is_a_503_too(
    sandbox: Round, pool_of_one: PoolOfOne, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a middleware meets the empty pool (here the session's expiry check, before any
    view), the answer is the same 503, for a page and for the API (issue 15's bench found
    these as 500s)."""
    monkeypatch.setattr(
        SessionExpiryMiddleware,
        "__call__",
        _through_the_pool(pool_of_one, SessionExpiryMiddleware.__call__),
    )
    browser = client_of("party1")
    browser.raise_request_exception = False
    for path, language_words in (("/en/", "too busy"), ("/ar/", "مشغولة")):
        response = browser.get(path)
        assert response.status_code == 503, path
        assert response["Retry-After"] == str(OVERLOAD_RETRY_SECONDS)
        assert language_words in response.content.decode(), path
    api = Client(raise_request_exception=False)
    response = api.get(
        f"/api/rounds/{sandbox.pk}/events?after=r0", headers=bearer(token_of("party1"))
    )
    assert response.status_code == 503
    assert response["Retry-After"] == str(OVERLOAD_RETRY_SECONDS)
    assert "too busy" in response.json()["error"]
    pool_of_one.give_back()
    assert browser.get("/en/").status_code == 200


def test_the_session_check_answers_the_503_itself(
    sandbox: Round, pool_of_one: PoolOfOne, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session's check answers an empty pool with the 503 itself instead of leaving it to
    Django's 500 handler: under uvicorn, for the room's event stream (an async view), that
    handler did not see the overload, and 400 of 1,000 streams opened at once over two servers
    were answered 500 (``bench/streams.py --postgresql --servers 2``)."""
    monkeypatch.setattr(
        SessionExpiryMiddleware,
        "_ended",
        staticmethod(_through_the_pool(pool_of_one, SessionExpiryMiddleware._ended)),
    )
    request = RequestFactory().get(f"/en/rounds/{sandbox.pk}/events")
    request.session = SessionStore(client_of("party1").cookies["sessionid"].value)
    request.user = SimpleLazyObject(lambda: get_user(request))
    reached = []
    check = SessionExpiryMiddleware(lambda r: reached.append(r) or HttpResponse())  # type: ignore[func-returns-value]
    response = check(request)
    assert response.status_code == 503 and not reached
    assert response["Retry-After"] == str(OVERLOAD_RETRY_SECONDS)
    pool_of_one.give_back()
    assert check(request).status_code == 200 and reached == [request]


def test_a_session_the_pool_cannot_read_is_read_once_and_answered_503(
    sandbox: Round, pool_of_one: PoolOfOne, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    """Where the empty pool strikes the session's own read, the 503 page is made without it:
    its header does not ask again who the reader is, which waited for the pool a second time
    and, with DEBUG on (``astana serve --dev``), answered 500: 1,000 event streams opened at
    once on one worker got 500s that way."""
    settings.DEBUG = True  # (Django's debug page, not ours, answers an exception then)
    browser = client_of("party1")
    browser.raise_request_exception = False
    reads: list[str] = []

    def load(store: Any) -> Any:
        reads.append(store.session_key)
        return read(store)

    read = _through_the_pool(pool_of_one, loading.SessionStore.load)
    monkeypatch.setattr(loading.SessionStore, "load", load)
    for path in ("/en/", f"/en/rounds/{sandbox.pk}/events", f"/ar/rounds/{sandbox.pk}/room/"):
        reads.clear()
        response = browser.get(path)
        assert response.status_code == 503, (path, response.status_code)
        assert response["Retry-After"] == str(OVERLOAD_RETRY_SECONDS)
        assert len(reads) == 1, path
    pool_of_one.give_back()
    page = browser.get("/en/")
    assert page.status_code == 200 and "<span>party1</span>" in page.content.decode()


def test_a_stream_the_pool_cannot_follow_ends_for_its_browser_to_come_back(
    sandbox: Round, pool_of_one: PoolOfOne, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once its answer has begun, a stream that meets the empty pool (following the round)
    ends cleanly, so that the browser's EventSource comes back a second later with
    Last-Event-ID; before, it broke mid-answer (an ASGI error, and a page that waited)."""
    monkeypatch.setattr(live, "_round_state", _through_the_pool(pool_of_one, live._round_state))
    response = client_of("party1").get(f"/en/rounds/{sandbox.pk}/events")
    assert response.status_code == 200

    async def body() -> bytes:
        return b"".join([chunk async for chunk in response.streaming_content])  # type: ignore[attr-defined]

    assert async_to_sync(body)() == b"retry: 1000\n\n"
    assert not EventStream.objects.exists()  # its slot freed
    pool_of_one.give_back()
