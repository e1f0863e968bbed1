"""The negotiation room's live event stream (server-sent events): each stream follows its round
through its worker's hub (``live``), which learns of new events once for every stream of the
process. An idle stream asks the database only, about once a minute, whether its reader may
still read the round (``Checks``): it lasts ten minutes, not one, since every reopening
is a whole request (the session, the access check, the stream's row written and deleted, a
catch-up read), and a room's streams opened together came back together every minute."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import random
import weakref
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, cast

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user
from django.db import close_old_connections, connection
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import get_language

from astana.web.accounts.loading import read_sessions
from astana.web.accounts.models import User
from astana.web.accounts.sessions import ended
from astana.web.common import changes
from astana.web.common.cursor import EventCursor
from astana.web.common.errors import ActionError, is_overload
from astana.web.negotiation import live, selectors, streams
from astana.web.negotiation.access import access_round

#: How long a stream lasts (each one a little less, drawn at random, so that the streams of a
#: room opened together do not all come back at once); the browser then opens it again.
EVENT_STREAM_SECONDS = 600
#: How often a stream checks that its reader may still read the round: a reader logged out,
#: whose session ended, or who lost the round (or moved to another delegation) is cut off
#: within this time, as when every stream lasted this long.
EVENT_RECHECK_SECONDS = 55
#: Checks asked within this long of each other are answered together (``Checks``).
CHECK_BATCH_SECONDS = 0.5
#: How soon a check the database was too busy to answer is asked again.
CHECK_RETRY_SECONDS = 5
#: How long a stream waits for news before it sends a keep-alive comment.
EVENT_KEEPALIVE_SECONDS = 10


def _catch_up(actor: Any, after: EventCursor) -> list[Any]:
    """The events after ``after`` read from the database (a stream's first look, or one that
    fell behind what the hub keeps); the connection is given back at once."""
    try:
        return selectors.events_since(actor, after)
    finally:
        streams.release_connection()


@dataclass(frozen=True)
class Question:
    """What a stream asks at its check: may the user of this session still read this round,
    for this delegation? ``seen`` is the change stamp at its last answer."""

    session_key: str | None
    user_id: int
    round_id: int
    delegation: int | None
    seen: Any


def _answer(question: Question, stamp: Any, sessions: dict[str, Any]) -> bool:
    """One question, the stamp and the live sessions read: the reader's session still holds
    them (not logged out, not ended by time or by a new password, the account active) and,
    unless nothing was written since the last answer, the round still grants them reading,
    for the same delegation (a stream's events are filtered by it), as a new request of
    theirs would find."""
    store = sessions.get(question.session_key or "")
    if store is None:  # logged out, expired, or none
        return False
    reader = SimpleNamespace(session=store)
    user = get_user(reader)  # type: ignore[arg-type]  # (it reads only the session)
    if user.pk != question.user_id or ended(reader):  # type: ignore[arg-type]
        return False
    if stamp is None or stamp != question.seen:
        try:
            actor = access_round(user, question.round_id)
        except ActionError:
            return False
        if (actor.delegation.pk if actor.delegation else None) != question.delegation:
            return False
    return True


def still_reading(questions: list[Question]) -> tuple[list[bool], Any]:
    """The answers to the checks of several streams, made together, and the change stamp they
    were answered at: the stamp and every session in one statement each, then each user (the
    access besides where the stamp moved since that stream's last answer). On the thread
    Django keeps for synchronous work, whose one connection the hub uses too."""
    if not connection.in_atomic_block:
        close_old_connections()
    stamp = changes.stamp()
    sessions = read_sessions({q.session_key for q in questions if q.session_key})
    return [_answer(question, stamp, sessions) for question in questions], stamp


class Checks:
    """The checks of one event loop's streams: those asked within ``CHECK_BATCH_SECONDS`` of
    each other are answered together, by one call on the thread Django keeps for synchronous
    work, so that a thousand idle streams cost some calls a minute, not a thousand."""

    def __init__(self) -> None:
        self.asked: list[tuple[Question, asyncio.Future[tuple[bool, Any]]]] = []
        self.answering: asyncio.Task[None] | None = None

    async def ask(self, question: Question) -> tuple[bool, Any]:
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[tuple[bool, Any]] = loop.create_future()
        self.asked.append((question, answer))
        if self.answering is None:
            # (a context of its own: not the asking stream's request's, which ends before it)
            self.answering = loop.create_task(self._answer(), context=contextvars.Context())
        return await answer

    async def _answer(self) -> None:
        await asyncio.sleep(CHECK_BATCH_SECONDS)
        asked, self.asked, self.answering = self.asked, [], None
        try:
            answers, stamp = await sync_to_async(still_reading)([q for q, _ in asked])
        except Exception as error:  # (each stream sees it: an overload is asked again later)
            for _, answer in asked:
                if not answer.done():
                    answer.set_exception(error)
            return
        for (_, answer), allowed in zip(asked, answers, strict=True):
            if not answer.done():  # (its stream may have ended meanwhile)
                answer.set_result((allowed, stamp))


_CHECKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Checks] = weakref.WeakKeyDictionary()


def checks() -> Checks:
    """This event loop's checks (one per worker process, as its hub)."""
    loop = asyncio.get_running_loop()
    if loop not in _CHECKS:
        _CHECKS[loop] = Checks()
    return _CHECKS[loop]


def _access(user: Any, round_id: int) -> tuple[Any, Any]:
    """The change stamp, then the reader's access to the round (as of that stamp or later)."""
    return changes.stamp(), access_round(user, round_id)


def _message(item: Any, after: EventCursor, language: str) -> str:
    data = json.dumps(
        {
            "ref": item.reference,
            "kind": item.kind,
            "summary": item.said(language),
            "version": item.version,
            "text": item.text_id,
        },
        ensure_ascii=False,
    )
    return f"id: {after}\nevent: {item.kind}\ndata: {data}\n\n"


async def events(request: HttpRequest, round_id: int) -> HttpResponseBase:
    """Server-sent events: the round's live changes, read from the database (so a change made
    through any worker process reaches every page), for some minutes, the reader's right to
    them checked again every minute; the browser's EventSource reconnects by itself, sending
    Last-Event-ID. A user may hold a few streams and a worker a few hundred (``streams``):
    beyond, 429 or 503 with Retry-After."""
    user = await request.auser()
    language = get_language() or "en"  # the page's: each event is said in it
    try:
        # The stamp first: the stream's first check reads the access again only if anything
        # was written after this one.
        allowed_at, actor = await sync_to_async(_access)(user, round_id)
    except ActionError as error:
        return HttpResponse(
            str(error), status=error.status, content_type="text/plain; charset=utf-8"
        )
    start = request.headers.get("Last-Event-ID") or request.GET.get("after", "")
    try:
        after = EventCursor.parse(start[:40])
    except ValueError:
        after = EventCursor()  # none yet (or from an older page): everything, from the start
    # Only someone with a role in the round gets here (never the anonymous public).
    member = cast(User, user)
    opened = await sync_to_async(streams.stream_open)(user=member, round_id=actor.round.pk)
    if isinstance(opened, streams.Refusal):
        refused_stream = HttpResponse(
            opened.message, status=opened.status, content_type="text/plain; charset=utf-8"
        )
        refused_stream["Retry-After"] = str(streams.RETRY_SECONDS)
        return refused_stream
    stream_id = opened
    await sync_to_async(streams.release_connection)()

    async def stream() -> AsyncIterator[str]:
        try:
            # Closed with the stream: the subscription inside ends at once, not when collected.
            async with contextlib.aclosing(follow()) as messages:
                async for message in messages:
                    yield message
        except Exception as error:
            # The database too busy to follow the round now (its pool empty): the stream ends
            # and the browser's EventSource comes back in a second with Last-Event-ID, losing
            # nothing; any other failure is the server's error.
            if not is_overload(error):
                raise
        finally:
            # The stream ended, or its reader left (the task is cancelled): free the slot.
            await sync_to_async(streams.stream_close)(stream_id)

    session = getattr(request, "session", None)  # (none: the reader then fails its first check)
    session_key = session.session_key if session is not None else None

    async def follow() -> AsyncGenerator[str]:
        nonlocal after
        yield "retry: 1000\n\n"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + EVENT_STREAM_SECONDS * random.uniform(0.8, 1.0)
        check_at = loop.time() + EVENT_RECHECK_SECONDS * random.uniform(0.8, 1.0)
        delegation = actor.delegation.pk if actor.delegation else None
        seen = allowed_at
        checked_at = loop.time()  # (its access was read as it opened)
        async with live.hub().subscribe(actor.round.pk, delegation, stream_id) as feed:
            # Subscribed first, then the catch-up: nothing written in between is lost,
            # and the cursor keeps anything from being sent twice.
            found = await sync_to_async(_catch_up)(actor, after)
            while True:
                for item, after in found:
                    yield _message(item, after, language)
                if not found:
                    yield ": keep-alive\n\n"
                now = loop.time()
                if now >= deadline:
                    break
                if now >= check_at:
                    asked = Question(session_key, member.pk, actor.round.pk, delegation, seen)
                    try:
                        allowed, seen = await checks().ask(asked)
                    except Exception as error:
                        # The database too busy to answer now: asked again shortly, and the
                        # stream ends (to be opened again) only if no answer came for two
                        # periods, rather than all the streams asking together at once.
                        if not is_overload(error) or now - checked_at > 2 * EVENT_RECHECK_SECONDS:
                            raise
                        check_at = now + CHECK_RETRY_SECONDS
                    else:
                        if not allowed:
                            break  # reopened, the stream is refused as the page would be
                        checked_at, check_at = now, now + EVENT_RECHECK_SECONDS
                await feed.wait(min(deadline - now, check_at - now, EVENT_KEEPALIVE_SECONDS))
                if feed.covers(after):
                    found = feed.since(after)
                else:  # fell behind what the hub keeps: read the database once
                    found = await sync_to_async(_catch_up)(actor, after)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
