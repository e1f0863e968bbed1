"""The negotiation room's live event stream (server-sent events): each stream follows its round
through its worker's hub (``live``), which learns of new events once for every stream of the
process. An idle stream asks the database only, about once a minute, whether its reader may
still read the round (``_still_reading``): it lasts ten minutes, not one, since every reopening
is a whole request (the session, the access check, the stream's row written and deleted, a
catch-up read), and a room's streams opened together came back together every minute."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections.abc import AsyncGenerator, AsyncIterator
from importlib import import_module
from types import SimpleNamespace
from typing import Any, cast

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import get_user
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import get_language

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
#: How long a stream waits for news before it sends a keep-alive comment.
EVENT_KEEPALIVE_SECONDS = 10


def _catch_up(actor: Any, after: EventCursor) -> list[Any]:
    """The events after ``after`` read from the database (a stream's first look, or one that
    fell behind what the hub keeps); the connection is given back at once."""
    try:
        return selectors.events_since(actor, after)
    finally:
        streams.release_connection()


def _still_reading(
    session_key: str | None, user_id: int, round_id: int, delegation: int | None, seen: Any
) -> tuple[bool, Any]:
    """Whether a stream's reader may still read its round, as a new request of theirs would
    find (in the stream's thread; the connection is given back): their session still holds
    them (not logged out, not ended by time or by a new password, the account active) and,
    unless nothing was written since the last check (the change stamp ``seen``), the round
    still grants them reading, for the same delegation (a stream's events are filtered by it).
    Two statements when nothing changed (the session, the user) and the stamp; the access
    check's besides when something did. Also what the stamp now is."""
    try:
        stamp = changes.stamp()
        store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
        reader = SimpleNamespace(session=store)
        user = get_user(reader)  # type: ignore[arg-type]  # (it reads only the session)
        if user.pk != user_id or ended(reader):  # type: ignore[arg-type]
            return False, stamp
        if stamp is None or stamp != seen:
            actor = access_round(user, round_id)
            if (actor.delegation.pk if actor.delegation else None) != delegation:
                return False, stamp
        return True, stamp
    except ActionError:
        return False, None
    finally:
        streams.release_connection()


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
                    allowed, seen = await sync_to_async(_still_reading)(
                        session_key, member.pk, actor.round.pk, delegation, seen
                    )
                    if not allowed:
                        break  # reopened, the stream is refused as the page would be
                    check_at = now + EVENT_RECHECK_SECONDS
                await feed.wait(min(deadline - now, check_at - now, EVENT_KEEPALIVE_SECONDS))
                if feed.covers(after):
                    found = feed.since(after)
                else:  # fell behind what the hub keeps: read the database once
                    found = await sync_to_async(_catch_up)(actor, after)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
