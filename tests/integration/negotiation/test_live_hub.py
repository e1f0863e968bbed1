"""The live events of a round reach every open stream through one hub per worker process
(issue 15: each stream polled the database on its own, so idle pages cost queries and
connections). A change reaches every stream of the round; a delegation's caucus activity
reaches only that delegation's streams; idle streams ask the database nothing between their
once-a-minute checks of their reader (``test_stream_recheck.py``): every query while they wait
is the hub's, however many streams there are; on PostgreSQL the hub is woken by the writer's
notification, not by looking."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connection
from django.test import AsyncClient
from django.test.utils import CaptureQueriesContext

from astana.core.actions import Action, event_kind
from astana.web.accounts.models import User
from astana.web.negotiation import actions, live
from astana.web.negotiation import views_events as room_views
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume"),
]

#: The kind of event a draft proposal gives (its delegation's own).
DRAFTED = event_kind(Action.PROPOSAL_DRAFT)
DELETE_5 = {"kind": "delete_provision", "provision": "art_5__para_1"}
#: How long a test waits for what must happen (a deadline, not a measurement).
PATIENCE = 20.0


@pytest.fixture(autouse=True)
def many_streams(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.EVENT_STREAMS_PER_USER = 40
    monkeypatch.setattr(room_views, "EVENT_STREAM_SECONDS", 60)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.05)


class Reader:
    """One open stream and everything it has sent so far."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.received: list[str] = []
        self.start = 0  # what it sent before the test acted (its catch-up)
        self.task: asyncio.Task[None] | None = None

    async def open(self, client: AsyncClient, rnd: Round) -> None:
        response = await client.get(f"/en/rounds/{rnd.pk}/events")
        assert response.status_code == 200, response.content
        chunks = aiter(response.streaming_content)

        async def read() -> None:
            async for chunk in chunks:
                self.received.append(chunk.decode())

        self.task = asyncio.ensure_future(read())

    def saw(self, kind: str) -> bool:
        """Whether an event of ``kind`` came after the stream's catch-up."""
        return any(f"event: {kind}\n" in chunk for chunk in self.received[self.start :])


async def _open(rnd: Round, names: dict[str, int]) -> list[Reader]:
    readers = []
    for name, count in names.items():
        client = AsyncClient()
        await client.aforce_login(await User.objects.aget(username=name))
        for _ in range(count):
            reader = Reader(name)
            await reader.open(client, rnd)
            readers.append(reader)
    # Every stream has sent its first look (the catch-up) and waits.
    await _until(lambda: all(len(r.received) >= 2 for r in readers))
    for reader in readers:
        reader.start = len(reader.received)
    return readers


async def _until(condition: Any) -> None:
    async with asyncio.timeout(PATIENCE):
        while not condition():
            await asyncio.sleep(0.02)


async def _close(readers: list[Reader]) -> None:
    for reader in readers:
        if reader.task is not None:
            reader.task.cancel()
    await asyncio.gather(*(r.task for r in readers if r.task), return_exceptions=True)


def test_a_change_reaches_every_stream_and_caucus_work_only_its_delegation(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    async def main() -> None:
        readers = await _open(sandbox, {"party1": 10, "party2": 10, "observer": 10})
        try:
            await sync_to_async(actions.proposal_draft)(
                user=await User.objects.aget(username="party1"),
                text_id=roadmap.pk,
                change=DELETE_5,
                justification="ours",
            )
            await sync_to_async(actions.provision_agree_ad_referendum)(
                user=await User.objects.aget(username="mediator"),
                text_id=roadmap.pk,
                based_on=roadmap.version,
                provision="art_5__para_1",
            )
            await _until(lambda: all(r.saw("provision.agree_ad_referendum") for r in readers))
            own = [r for r in readers if r.name == "party1"]
            others = [r for r in readers if r.name != "party1"]
            assert all(r.saw(DRAFTED) for r in own)
            assert not any(r.saw(DRAFTED) for r in others)
        finally:
            await _close(readers)

    async_to_sync(main)()


@pytest.mark.parametrize("count", [1, 30])
def test_idle_streams_ask_the_database_nothing(
    sandbox: Round, count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every query made while the streams wait is the hub's: one look per interval for the
    whole process, whether one stream waits or thirty (on PostgreSQL the hub's safety look,
    made frequent here so that it looks at all)."""
    monkeypatch.setattr(live, "SAFETY_SECONDS", 0.1)
    looks: dict[str, int] = {}

    async def main(queries: CaptureQueriesContext) -> None:
        readers = await _open(sandbox, {"party1": count})
        try:
            owner = live.hub()

            def now() -> tuple[int, int]:
                return len(queries.captured_queries), owner.queries

            before = await sync_to_async(now)()
            await asyncio.sleep(1.0)
            after = await sync_to_async(now)()
            looks["database"] = after[0] - before[0]
            looks["hub"] = after[1] - before[1]
        finally:
            await _close(readers)

    with CaptureQueriesContext(connection) as queries:
        async_to_sync(main)(queries)
    assert looks["hub"] > 0  # the hub looked while they waited
    assert looks["database"] == looks["hub"], looks  # and nothing else did


def test_on_postgresql_the_writer_wakes_the_hub(
    sandbox: Round, roadmap: NegotiationText, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hub is woken by a notification (LISTEN/NOTIFY), not by looking: with its safety
    look a minute away, an event still arrives as soon as the notification does."""
    if connection.vendor != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    import psycopg

    monkeypatch.setattr(live, "SAFETY_SECONDS", 60.0)
    monkeypatch.setattr(live, "POLL_SECONDS", 60.0)  # were it not listening, it would look late
    monkeypatch.setattr(live, "BEAT_SECONDS", 60.0)
    settings = connection.settings_dict

    def notify_from_elsewhere() -> None:
        # The writer's own notification is sent when its transaction commits; the test's
        # transaction never does, so another connection sends the same one.
        with psycopg.connect(
            dbname=settings["NAME"],
            user=settings.get("USER") or None,
            password=settings.get("PASSWORD") or None,
            host=settings.get("HOST") or None,
            port=settings.get("PORT") or None,
            autocommit=True,
        ) as other:
            other.execute("SELECT pg_notify(%s, %s)", [live.CHANNEL, str(sandbox.pk)])

    async def main() -> None:
        readers = await _open(sandbox, {"party1": 3})
        try:
            owner = live.hub()
            await _until(lambda: owner.task is not None)
            await asyncio.sleep(0.3)  # the hub listens
            await sync_to_async(actions.proposal_draft)(
                user=await User.objects.aget(username="party1"),
                text_id=roadmap.pk,
                change=DELETE_5,
                justification="ours",
            )
            await asyncio.to_thread(notify_from_elsewhere)
            await _until(lambda: all(r.saw(DRAFTED) for r in readers))
        finally:
            with contextlib.suppress(Exception):
                await _close(readers)

    async_to_sync(main)()


def test_the_hub_keeps_going_when_a_look_fails(
    sandbox: Round, roadmap: NegotiationText, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A look that fails (the database busy for a moment) is tried again: the hub never stops,
    so the streams still get the change."""
    from django.db import OperationalError

    real = live._new_events
    failures = [OperationalError("database is locked")]

    def flaky(*args: Any) -> Any:
        if failures:
            raise failures.pop()
        return real(*args)

    monkeypatch.setattr(live, "_new_events", flaky)
    monkeypatch.setattr(live, "SAFETY_SECONDS", 0.1)

    async def main() -> None:
        readers = await _open(sandbox, {"observer": 2})
        try:
            await sync_to_async(actions.provision_agree_ad_referendum)(
                user=await User.objects.aget(username="mediator"),
                text_id=roadmap.pk,
                based_on=roadmap.version,
                provision="art_5__para_1",
            )
            await _until(lambda: all(r.saw("provision.agree_ad_referendum") for r in readers))
            assert not failures  # the failing look happened, and the hub looked again
        finally:
            await _close(readers)

    async_to_sync(main)()
