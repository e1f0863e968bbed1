"""The live-event streams are capped, per user and per worker process, counted in the database
so that every worker over it shares the count (issue 13: 300 open streams of one account
pushed an ordinary API call to 18 s). A refused stream gets 429 (the user's cap) or 503 (the
worker's) with Retry-After; a stream that ends or whose reader leaves frees its slot; a row
of a dead worker stops counting once stale; and with fifty streams open an ordinary read
still answers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient
from django.utils import timezone

from astana.web.accounts.models import User
from astana.web.negotiation import live, streams
from astana.web.negotiation import views_events as room_views
from astana.web.negotiation.models import EventStream
from astana.web.processes.models import Round

pytestmark = pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume")


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(room_views, "EVENT_STREAM_SECONDS", 60)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.02)
    monkeypatch.setattr(live, "SAFETY_SECONDS", 0.05)


class Streams:
    """Open streams of the round, each read by a task until it is cancelled (the reader left)."""

    def __init__(self, rnd: Round) -> None:
        self.url = f"/en/rounds/{rnd.pk}/events"
        self.clients: dict[str, AsyncClient] = {}
        self.readers: list[asyncio.Task[None]] = []

    async def client(self, name: str) -> AsyncClient:
        if name not in self.clients:
            client = AsyncClient()
            await client.aforce_login(await User.objects.aget(username=name))
            self.clients[name] = client
        return self.clients[name]

    async def open(self, name: str) -> Any:
        response = await (await self.client(name)).get(self.url)
        if response.status_code == 200:
            chunks = aiter(response.streaming_content)
            assert (await anext(chunks)).startswith(b"retry:")

            async def read() -> None:
                async for _chunk in chunks:
                    pass

            self.readers.append(asyncio.ensure_future(read()))
        return response

    async def leave(self, count: int = 1) -> None:
        """The readers of the ``count`` oldest streams leave (their tasks are cancelled)."""
        gone, self.readers = self.readers[:count], self.readers[count:]
        for task in gone:
            task.cancel()
        await asyncio.gather(*gone, return_exceptions=True)

    async def close(self) -> None:
        await self.leave(len(self.readers))


def run(rnd: Round, scenario: Callable[[Streams], Awaitable[None]]) -> None:
    async def main() -> None:
        opened = Streams(rnd)
        try:
            await scenario(opened)
        finally:
            await opened.close()

    async_to_sync(main)()


def test_the_sixth_stream_of_a_user_is_refused_until_one_closes(sandbox: Round) -> None:
    async def scenario(opened: Streams) -> None:
        for _ in range(5):
            assert (await opened.open("party1")).status_code == 200
        refused = await opened.open("party1")
        assert refused.status_code == 429
        assert refused["Retry-After"] == str(streams.RETRY_SECONDS)
        assert "at most 5" in refused.content.decode()
        assert (await opened.open("party2")).status_code == 200  # another user's own count
        await opened.leave(1)  # one of party1's readers closes its tab
        assert (await opened.open("party1")).status_code == 200
        assert await EventStream.objects.filter(user__username="party1").acount() == 5

    run(sandbox, scenario)
    assert not EventStream.objects.exists()  # every stream freed its slot


def test_a_stream_that_ends_frees_its_slot(sandbox: Round, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(room_views, "EVENT_STREAM_SECONDS", 0.05)

    async def scenario(opened: Streams) -> None:
        for _ in range(12):  # more than the cap, one after another: each ends by itself
            assert (await opened.open("party1")).status_code == 200
            await asyncio.gather(*opened.readers)
            opened.readers.clear()

    run(sandbox, scenario)
    assert not EventStream.objects.exists()


def test_the_worker_cap_and_other_workers_rows(sandbox: Round, settings: Any) -> None:
    settings.EVENT_STREAMS_PER_WORKER = 3
    now = timezone.now()
    party2 = User.objects.get(username="party2")
    # Five streams of party2's served by another worker over the same database: they count
    # for party2, not for this worker.
    for _ in range(5):
        EventStream.objects.create(user=party2, round=sandbox, worker="elsewhere:1", seen=now)

    async def scenario(opened: Streams) -> None:
        assert (await opened.open("party2")).status_code == 429
        for name in ("party1", "party3", "mediator"):
            assert (await opened.open(name)).status_code == 200
        refused = await opened.open("observer")
        assert refused.status_code == 503
        assert refused["Retry-After"] == str(streams.RETRY_SECONDS)
        # The other worker died: its rows, no longer refreshed, stop counting.
        await EventStream.objects.filter(worker="elsewhere:1").aupdate(
            seen=now - timedelta(seconds=streams.STALE_SECONDS + 1)
        )
        await opened.leave(1)
        assert (await opened.open("party2")).status_code == 200
        assert not await EventStream.objects.filter(worker="elsewhere:1").aexists()

    run(sandbox, scenario)


def test_ordinary_reads_answer_while_fifty_streams_are_open(sandbox: Round, settings: Any) -> None:
    settings.EVENT_STREAMS_PER_USER = 60

    async def scenario(opened: Streams) -> None:
        for _ in range(50):
            assert (await opened.open("party1")).status_code == 200
        await asyncio.sleep(0.1)  # every stream polls a few times
        reader = await opened.client("mediator")
        api = await reader.get(f"/api/rounds/{sandbox.pk}/texts")
        assert api.status_code == 200, api.content
        assert api.json()
        assert await EventStream.objects.acount() == 50
        assert all(not task.done() for task in opened.readers)  # still streaming

    run(sandbox, scenario)
    assert not EventStream.objects.exists()
