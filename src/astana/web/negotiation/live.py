"""One listener per worker process for the rounds' live events, fanned out in memory.

Every open page of a round holds an event stream (``views_events``). Before this module each
stream polled the database twice a second on its own, so a thousand idle pages were two
thousand queries a second and a thousand connections. Now each worker process has one
:class:`Hub` (per event loop) that learns of new events once for all of its streams:

- **PostgreSQL**: the writer of an event calls ``pg_notify`` in its own transaction
  (``common.events.notify``), delivered when it commits; the hub listens on one connection of
  its own (``LISTEN``), so a change made through any worker reaches every worker at once. It
  also looks every :data:`SAFETY_SECONDS`, in case a notification was lost while it
  reconnected.
- **SQLite** (one machine): the hub looks at the newest event's id every
  :data:`POLL_SECONDS`, one query for the whole process.

When a round has news, the hub reads that round's new events in **one query** (by the numbers
each scope gives its events: consecutive, in the order their transactions committed, so
nothing committed late is skipped) and wakes the streams of that round; each stream takes from
the round's recent events those its reader may see (the round's shared events, and its own
delegation's private ones: the same rule as ``selectors.events_since``). An idle stream costs
no query. A stream that reconnects with a Last-Event-ID older than what the hub holds reads
its catch-up from the database once. The streams' rows (``streams``: the caps) are refreshed
by the hub in one update for all of the process's streams.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from asgiref.sync import sync_to_async
from django.db import close_old_connections, connection
from django.db.models import Max, Q
from django.utils import timezone

from astana.web.common.cursor import EventCursor
from astana.web.common.events import CHANNEL, notify
from astana.web.common.models import RoundEvent
from astana.web.negotiation.models import EventStream

__all__ = ["CHANNEL", "Hub", "Subscription", "hub", "notify"]

log = logging.getLogger(__name__)

#: How often the SQLite hub looks for new events (one query per process).
POLL_SECONDS = 0.5
#: How often the PostgreSQL hub looks anyway (a notification lost while reconnecting).
SAFETY_SECONDS = 5.0
#: How often the hub refreshes the rows of its open streams (``streams.STALE_SECONDS``).
BEAT_SECONDS = 10.0
#: How many recent events of a round the hub keeps for its streams.
KEPT = 1000


@dataclass
class _Round:
    """What the hub holds of one round: the last number of each scope it has read, the recent
    events, and the streams waiting for news."""

    shared: int
    private: dict[int, int]
    #: The oldest numbers the kept events cover: a stream behind them reads the database.
    shared_base: int
    private_base: dict[int, int]
    events: list[RoundEvent] = field(default_factory=list)
    woken: asyncio.Event = field(default_factory=asyncio.Event)
    streams: int = 0


def _round_state(round_id: int) -> tuple[int, dict[int, int]]:
    rows = RoundEvent.objects.filter(round_id=round_id)
    shared = rows.filter(audience__isnull=True).aggregate(last=Max("number"))["last"] or 0
    latest = rows.filter(audience__isnull=False).values("audience").annotate(last=Max("number"))
    private = {
        int(audience): int(last) for audience, last in latest.values_list("audience", "last")
    }
    return int(shared), private


def _new_events(round_id: int, shared: int, private: dict[int, int]) -> list[RoundEvent]:
    """One query: the round's events after ``shared`` in its shared scope and after each known
    delegation's number in that delegation's scope, and every event of a delegation not yet
    known, in the order they were written."""
    wanted = Q(audience__isnull=True, number__gt=shared)
    for audience, last in private.items():
        wanted |= Q(audience_id=audience, number__gt=last)
    wanted |= Q(audience__isnull=False) & ~Q(audience_id__in=list(private))
    found = RoundEvent.objects.filter(round_id=round_id).filter(wanted).order_by("id")
    return list(found[:KEPT])


def _newest_id() -> int:
    return int(RoundEvent.objects.aggregate(last=Max("id"))["last"] or 0)


def _rounds_after(last_id: int) -> tuple[int, set[int]]:
    newest = RoundEvent.objects.aggregate(last=Max("id"))["last"] or 0
    if newest <= last_id:
        return last_id, set()
    rounds = set(
        RoundEvent.objects.filter(id__gt=last_id).values_list("round_id", flat=True).distinct()
    )
    return int(newest), rounds


def _beat(stream_ids: list[int]) -> None:
    EventStream.objects.filter(pk__in=stream_ids).update(seen=timezone.now())


class Subscription:
    """A stream's view of its round: wait for news, then take what the reader may see."""

    def __init__(self, owner: Hub, round_id: int, delegation: int | None) -> None:
        self.hub = owner
        self.round_id = round_id
        self.delegation = delegation

    async def wait(self, timeout: float) -> None:
        """Until the round has news, or ``timeout`` seconds."""
        state = self.hub.rounds[self.round_id]
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(state.woken.wait(), timeout)

    def covers(self, cursor: EventCursor) -> bool:
        """Whether the hub's kept events reach back to ``cursor`` (else read the database)."""
        state = self.hub.rounds[self.round_id]
        if cursor.shared < state.shared_base:
            return False
        if self.delegation is None:
            return True
        base = state.private_base.get(self.delegation, 0)
        return cursor.private >= base

    def since(self, cursor: EventCursor) -> list[tuple[RoundEvent, EventCursor]]:
        """The kept events after ``cursor`` that this stream's reader may see, each with the
        cursor once it is read (as ``selectors.events_since`` gives them)."""
        found = []
        for row in self.hub.rounds[self.round_id].events:
            if row.audience_id is None:
                if row.number <= cursor.shared:
                    continue
            elif row.audience_id != self.delegation or row.number <= cursor.private:
                continue
            cursor = cursor.advanced(row.number, private=row.audience_id is not None)
            found.append((row, cursor))
        return found


class Hub:
    """The live events of one worker process (one per event loop)."""

    def __init__(self) -> None:
        self.rounds: dict[int, _Round] = {}
        self.open_streams: set[int] = set()
        self.task: asyncio.Task[None] | None = None
        self.last_id = 0
        self.pending: set[int] = set()  # rounds to read again after a failed look
        self.queries = 0  # what the hub asked the database (the tests count it)

    async def _ask(self, call: Any, *args: Any) -> Any:
        """Run a query of the hub's on the thread Django keeps for synchronous work (one
        connection for the hub, kept between queries, replaced if it broke)."""

        def work() -> Any:
            if not connection.in_atomic_block:
                close_old_connections()
            self.queries += 1
            return call(*args)

        return await sync_to_async(work)()

    @contextlib.asynccontextmanager
    async def subscribe(
        self, round_id: int, delegation: int | None, stream_id: int
    ) -> AsyncIterator[Subscription]:
        """Follow ``round_id`` for the duration of the block."""
        if round_id not in self.rounds:
            shared, private = await self._ask(_round_state, round_id)
            if round_id not in self.rounds:
                self.rounds[round_id] = _Round(shared, private, shared, dict(private))
        state = self.rounds[round_id]
        state.streams += 1
        self.open_streams.add(stream_id)
        self._start()
        try:
            yield Subscription(self, round_id, delegation)
        finally:
            self.open_streams.discard(stream_id)
            state.streams -= 1
            if state.streams == 0:
                del self.rounds[round_id]
            if not self.rounds and self.task is not None:
                self.task.cancel()  # the last stream left: nothing to listen for
                self.task = None

    def _start(self) -> None:
        if self.task is None or self.task.done():
            # In a context of its own: a task inherits the context it is created in, and the
            # hub outlives the stream that starts it (whose request thread is then another's).
            self.task = asyncio.get_running_loop().create_task(
                self._run(), context=contextvars.Context()
            )

    async def _run(self) -> None:
        """Until no stream is left: learn of news, read it, wake the streams; beat."""
        loop = asyncio.get_running_loop()
        self.last_id = -1  # not read yet
        next_beat = loop.time() + BEAT_SECONDS
        listener = await self._listen()
        try:
            while self.rounds:
                try:
                    if self.last_id < 0:
                        self.last_id = await self._ask(_newest_id)
                        # What was written between a stream's subscribing and this: read it.
                        self.pending |= set(self.rounds)
                    rounds = await self._news(listener) | self.pending
                    self.pending = set()
                    for round_id in rounds & set(self.rounds):
                        await self.refresh(round_id)
                    if loop.time() >= next_beat and self.open_streams:
                        next_beat = loop.time() + BEAT_SECONDS
                        await self._ask(_beat, sorted(self.open_streams))
                except asyncio.CancelledError:
                    raise
                except Exception:  # a busy or lost database: look again shortly, never stop
                    log.exception("live events: the hub's look failed; trying again")
                    self.pending = set(self.rounds)  # what it may have missed: read them all
                    await asyncio.sleep(POLL_SECONDS)
                    if listener is not None and listener.closed:
                        listener = await self._listen()
        finally:
            if listener is not None:
                await listener.close()

    async def _listen(self) -> Any:
        """A connection of the hub's own listening on :data:`CHANNEL` (PostgreSQL), else
        ``None``; ``None`` too when it cannot connect (the hub then looks as on SQLite)."""
        if connection.vendor != "postgresql":
            return None
        import psycopg

        settings = connection.settings_dict
        try:
            listener = await psycopg.AsyncConnection.connect(
                dbname=settings["NAME"],
                user=settings.get("USER") or None,
                password=settings.get("PASSWORD") or None,
                host=settings.get("HOST") or None,
                port=settings.get("PORT") or None,
                autocommit=True,
            )
            await listener.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as error:
            log.warning("live events: cannot listen on PostgreSQL (%s); polling", error)
            return None
        return listener

    async def _news(self, listener: Any) -> set[int]:
        """The rounds with news: from notifications (PostgreSQL, looking anyway every
        :data:`SAFETY_SECONDS`) or from the newest event's id (SQLite)."""
        if listener is None:
            await asyncio.sleep(POLL_SECONDS)
            self.last_id, changed = await self._ask(_rounds_after, self.last_id)
            return set(changed)
        rounds: set[int] = set()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(min(SAFETY_SECONDS, BEAT_SECONDS)):
                async for note in listener.notifies():
                    with contextlib.suppress(ValueError):
                        rounds.add(int(note.payload))
                    break
        if rounds:
            return rounds
        return set(self.rounds)  # the safety look: every followed round, one query each

    async def refresh(self, round_id: int) -> None:
        """Read the round's new events (one query) and wake its streams if there are any."""
        state = self.rounds.get(round_id)
        if state is None:
            return
        found = await self._ask(_new_events, round_id, state.shared, dict(state.private))
        if not found or round_id not in self.rounds:
            return
        for row in found:
            if row.audience_id is None:
                state.shared = max(state.shared, row.number)
            else:
                last = state.private.get(row.audience_id)
                if last is None:  # a delegation's first private event the hub sees
                    state.private_base[row.audience_id] = row.number - 1
                state.private[row.audience_id] = max(last or 0, row.number)
        state.events.extend(found)
        if len(state.events) > KEPT:
            dropped, state.events = state.events[:-KEPT], state.events[-KEPT:]
            for row in dropped:
                if row.audience_id is None:
                    state.shared_base = max(state.shared_base, row.number)
                else:
                    base = state.private_base.get(row.audience_id, 0)
                    state.private_base[row.audience_id] = max(base, row.number)
        woken, state.woken = state.woken, asyncio.Event()
        woken.set()


_hubs: dict[asyncio.AbstractEventLoop, Hub] = {}


def hub() -> Hub:
    """This process's hub for the running event loop."""
    loop = asyncio.get_running_loop()
    for other in [other for other in _hubs if other.is_closed()]:
        del _hubs[other]
    if loop not in _hubs:
        _hubs[loop] = Hub()
    return _hubs[loop]
