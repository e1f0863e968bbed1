"""The negotiation room's live event stream (server-sent events): each stream follows its round
through its worker's hub (``live``), which learns of new events once for every stream of the
process; an idle stream costs no query."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, cast

from asgiref.sync import sync_to_async
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import get_language

from astana.web.accounts.models import User
from astana.web.common.cursor import EventCursor
from astana.web.common.errors import ActionError, is_overload
from astana.web.negotiation import live, selectors, streams
from astana.web.negotiation.access import access_round

EVENT_STREAM_SECONDS = 55
#: How long a stream waits for news before it sends a keep-alive comment.
EVENT_KEEPALIVE_SECONDS = 10


def _catch_up(actor: Any, after: EventCursor) -> list[Any]:
    """The events after ``after`` read from the database (a stream's first look, or one that
    fell behind what the hub keeps); the connection is given back at once."""
    try:
        return selectors.events_since(actor, after)
    finally:
        streams.release_connection()


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
    through any worker process reaches every page), for about a minute; the browser's
    EventSource reconnects by itself, sending Last-Event-ID. A user may hold a few streams
    and a worker a few hundred (``streams``): beyond, 429 or 503 with Retry-After."""
    user = await request.auser()
    language = get_language() or "en"  # the page's: each event is said in it
    try:
        actor = await sync_to_async(access_round)(user, round_id)
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

    async def follow() -> AsyncGenerator[str]:
        nonlocal after
        yield "retry: 1000\n\n"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + EVENT_STREAM_SECONDS
        delegation = actor.delegation.pk if actor.delegation else None
        async with live.hub().subscribe(actor.round.pk, delegation, stream_id) as feed:
            # Subscribed first, then the catch-up: nothing written in between is lost,
            # and the cursor keeps anything from being sent twice.
            found = await sync_to_async(_catch_up)(actor, after)
            while True:
                for item, after in found:
                    yield _message(item, after, language)
                if not found:
                    yield ": keep-alive\n\n"
                left = deadline - loop.time()
                if left <= 0:
                    break
                await feed.wait(min(left, EVENT_KEEPALIVE_SECONDS))
                if feed.covers(after):
                    found = feed.since(after)
                else:  # fell behind what the hub keeps: read the database once
                    found = await sync_to_async(_catch_up)(actor, after)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
