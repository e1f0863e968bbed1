"""Pages rendered once per audience and database state, and served again from memory.

When a text changes, every open page of it fetches itself again (``static/js/live.js``): a
round of a thousand delegates asks for a thousand pages at once, nearly all alike. A page that
opts in (:func:`shared_page`) is rendered once per *audience* (what decides what its reader may
see: for the room, the organisations the user belongs to) and per database state (the change
stamp of ``astana.web.common.changes``), and every other reader of that audience gets the same
bytes with their own account name and their own CSRF token put in.

Why a served copy can be neither stale nor someone else's:
- Its key holds the stamp read *before* it was rendered, and it is kept only if the stamp is
  the same *after* (no write committed while it was rendered, so everything it shows is of
  that one state, the reader's audience included). Any later committed write moves the stamp,
  on every server, and the copy is never served again.
- Its key holds the audience, read after the stamp: two readers share a copy only when every
  right they hold comes from the same rows. The view checks the reader's access before it
  looks (a reader who may not see the page gets the refusal, never a copy).
- What is the reader's own is not in the copy: it is rendered with markers (random per process,
  unguessable) where the account name and the CSRF token go, and those are put in per reader.
- Inside a transaction (a test's, or a view that has written) nothing is shared: the stamp
  cannot see uncommitted writes, so :func:`changes.stamp` says None and the page is rendered.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.translation import get_language

from astana.web.common import changes
from astana.web.common.access import audience
from astana.web.common.kept import Kept

T = TypeVar("T")

__all__ = ["MARKERS", "Counts", "audience_in_state", "in_state", "shared_page", "shared_read"]

# Where the copy holds the reader's own values (random per process: no text can forge one).
_ACCOUNT = "astana-account-" + secrets.token_hex(16)
_CSRF = "astana-csrf-" + secrets.token_hex(16)
#: The template context that renders a page as a copy for its whole audience.
MARKERS: dict[str, str] = {"account_name": _ACCOUNT, "csrf_token": _CSRF}

# One copy per (stamp, page, audience, reader's display choices); a page is some tens of kB.
_PAGES: Kept[Hashable, tuple[bytes, str]] = Kept(512)
_LATEST: list[tuple[int, int] | None] = [None]
_RENDERING: dict[Hashable, threading.Lock] = {}
_DECIDED: Kept[Hashable, Any] = Kept(4096)
# The API's read answers, one per (stamp, what was asked, audience).
_ANSWERS: Kept[Hashable, Any] = Kept(128)
_ANSWERED_AT: list[tuple[int, int] | None] = [None]
_GUARD = threading.Lock()


class Counts:
    """How this process answered shared pages (read by tests and the benchmark)."""

    served = 0  # from a copy
    rendered = 0  # rendered and kept
    unshared = 0  # rendered for one reader only (inside a transaction, or the state moved)
    answered = 0  # an API read answered from a kept answer (``shared_read``)
    read = 0  # an API read read and kept


def _fill(request: HttpRequest, content: bytes) -> bytes:
    """The copy with the reader's account name and CSRF token where its markers are."""
    name = escape(request.user.get_username()) if request.user.is_authenticated else ""
    content = content.replace(_ACCOUNT.encode(), name.encode())
    if _CSRF.encode() in content:
        content = content.replace(_CSRF.encode(), get_token(request).encode())
    return content


def _personal(request: HttpRequest, copy: tuple[bytes, str]) -> HttpResponse:
    content, content_type = copy
    return HttpResponse(_fill(request, content), content_type=content_type)


def in_state(stamp: tuple[int, int], key: Hashable, make: Callable[[], Any]) -> Any:
    """``make()``, kept for ``key`` while the database is in the state ``stamp`` (read before):
    for what follows from stamped tables alone, such as whether a user may read a page and
    their audience (rights come from rows: a change to one moves the stamp). What ``make``
    reads is at least as new as ``stamp``, never older."""
    return _DECIDED.get((stamp, key), make)


def audience_in_state(stamp: tuple[int, int], user: Any) -> Hashable:
    """``user``'s audience (``common.access.audience``) in the state ``stamp``, read once per
    user and state for every page and API read that asks."""
    readers: Hashable = in_state(
        stamp, ("audience", getattr(user, "pk", None)), lambda: audience(user)
    )
    return readers


def shared_page(
    request: HttpRequest,
    audience: Callable[[tuple[int, int]], Hashable | None],
    render: Callable[[dict[str, Any]], HttpResponse],
) -> HttpResponse:
    """The page ``render(context)`` makes (its extra template ``context``: :data:`MARKERS` for a
    copy, nothing for one reader), served from a copy kept for ``audience()`` in this state
    of the database. ``audience(stamp)`` checks that the reader may read the page, and says
    None when not: ``render`` then answers them alone (with its refusal); what it decides from
    stamped tables alone it may keep for the stamp (:func:`in_state`). Only a 200 answer is
    kept; any other goes to its reader alone."""
    before = changes.stamp()
    readers = audience(before) if before is not None else None
    if before is None or readers is None:
        Counts.unshared += 1
        return render({})
    if before != _LATEST[0]:  # the database moved on: no kept copy can be served again
        _PAGES.clear()
        _LATEST[0] = before
    key = (
        before,
        readers,
        request.get_full_path(),
        tuple(sorted((k, v) for k, v in request.COOKIES.items() if k.startswith("astana_"))),
    )
    if (copy := _PAGES.peek(key)) is not None:
        Counts.served += 1
        return _personal(request, copy)
    # One reader of an audience renders; the others that asked meanwhile wait for its copy.
    with _GUARD:
        lock = _RENDERING.setdefault(key, threading.Lock())
    with lock:
        if (copy := _PAGES.peek(key)) is not None:
            Counts.served += 1
            return _personal(request, copy)
        try:
            response = render(dict(MARKERS))
            if response.streaming:
                raise TypeError("a shared page cannot be a streaming answer")
            if (
                response.status_code != 200
                or changes.stamp() != before  # written meanwhile: the page may mix two states
            ):
                Counts.unshared += 1
                response.content = _fill(request, response.content)
                return response
            copy = (response.content, response["Content-Type"])
            _PAGES.put(key, copy)
            Counts.rendered += 1
        finally:
            with _GUARD:
                _RENDERING.pop(key, None)
    return _personal(request, copy)


def shared_read(user: Any, asked: Hashable, read: Callable[[], T]) -> T:
    """``read()``'s answer to ``asked`` (the operation and its arguments), kept for the reader's
    audience (``common.access.audience``) in this state of the database and given to every
    reader of that audience while the state lasts: the API's reads, as :func:`shared_page`
    does for pages. ``read`` checks the reader's access itself (what it raises is raised to
    this reader and never kept: the next reader of the audience reads again); it must need no
    second factor (reading does not) and its answer must hold nothing of the reader's own
    and be changed by no one after. Inside a transaction the stamp cannot be read: ``read()``
    answers alone. Kept only if the stamp did not move while it was read (else the answer,
    which may mix two states, goes to its reader alone)."""
    before = changes.stamp()
    if before is None:
        return read()
    if before != _ANSWERED_AT[0]:  # the database moved on: no kept answer is given again
        _ANSWERS.clear()
        _ANSWERED_AT[0] = before
    readers = audience_in_state(before, user)
    key = (before, asked, readers, get_language())  # (messages in the answer are translated)
    kept: T | None = _ANSWERS.peek(key)
    if kept is not None:
        Counts.answered += 1
        return kept
    answer = read()
    if changes.stamp() == before:
        _ANSWERS.put(key, answer)
        Counts.read += 1
    return answer
