"""How many live-event streams may be open at once: a few per user, a few hundred per worker
process, counted in the database so that every ``astana serve`` process over the same
database sees the same count (issue 13: 300 open streams of one account slowed every
ordinary request to 18 s).

A stream registers itself before it answers (``stream_open``: refused beyond a cap, with a
time to retry), refreshes its row each time it polls (``stream_seen``) and removes it when it
ends (``stream_close``). A worker that dies leaves rows that nobody refreshes: after
``STALE_SECONDS`` they no longer count, and the next open removes them.

The caps are settings: ``EVENT_STREAMS_PER_USER`` (default 5) and
``EVENT_STREAMS_PER_WORKER`` (default 500), or the environment variables
``ASTANA_EVENT_STREAMS_PER_USER`` and ``ASTANA_EVENT_STREAMS_PER_WORKER``.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from astana.web.accounts.models import User
from astana.web.common.errors import is_overload
from astana.web.negotiation.models import EventStream

__all__ = [
    "RETRY_SECONDS",
    "STALE_SECONDS",
    "WORKER",
    "Refusal",
    "release_connection",
    "stream_close",
    "stream_open",
    "stream_seen",
]

STALE_SECONDS = 30  # an open stream refreshes its row every few seconds
RETRY_SECONDS = 30  # what a refused stream is told to wait
WORKER = f"{socket.gethostname()}:{os.getpid()}"


def _cap(name: str, default: int) -> int:
    configured = getattr(settings, name, None)
    if configured is None:
        configured = os.environ.get(f"ASTANA_{name}") or default
    return int(configured)


def per_user() -> int:
    return _cap("EVENT_STREAMS_PER_USER", 5)


def per_worker() -> int:
    return _cap("EVENT_STREAMS_PER_WORKER", 500)


@dataclass(frozen=True)
class Refusal:
    """Why a stream was not opened: the HTTP status (429 for the user's own cap, 503 for the
    worker's), and the message."""

    status: int
    message: str


def stream_open(*, user: User, round_id: int) -> int | Refusal:
    """Register a stream of ``user``'s on this worker: its row's id, or why it is refused (the
    caps; or the database too busy to register it now: 503, retry)."""
    try:
        return _register(user, round_id)
    except OperationalError as error:
        if not is_overload(error):
            raise
        return Refusal(503, gettext("The server is busy: the live updates will retry shortly."))


def _register(user: User, round_id: int) -> int | Refusal:
    now = timezone.now()
    with transaction.atomic():
        # One opening at a time per user (the row lock), so two cannot both take the last slot.
        User.objects.select_for_update().filter(pk=user.pk).first()
        EventStream.objects.filter(seen__lt=now - timedelta(seconds=STALE_SECONDS)).delete()
        if EventStream.objects.filter(user=user).count() >= per_user():
            return Refusal(
                429,
                gettext(
                    "Too many live-event streams are open for this account (at most "
                    "%(count)d): close a tab of the round, or retry later."
                )
                % {"count": per_user()},
            )
        if EventStream.objects.filter(worker=WORKER).count() >= per_worker():
            return Refusal(
                503, gettext("The server has too many live-event streams open: retry later.")
            )
        return EventStream.objects.create(user=user, round_id=round_id, worker=WORKER, seen=now).pk


def stream_seen(stream_id: int) -> None:
    """The stream is still open: its row counts for another ``STALE_SECONDS``."""
    EventStream.objects.filter(pk=stream_id).update(seen=timezone.now())


def stream_close(stream_id: int) -> None:
    """Free the stream's slot; when the database is too busy to delete its row now, the row
    stops counting once stale (``STALE_SECONDS``) and the next opening removes it."""
    try:
        EventStream.objects.filter(pk=stream_id).delete()
    except OperationalError as error:
        if not is_overload(error):
            raise
    finally:
        release_connection()


def release_connection() -> None:
    """Give the database connection back between two polls of a stream, so that idle streams
    hold none (outside a transaction: a test's own transaction is left alone)."""
    if not connection.in_atomic_block:
        connection.close()
