"""Why an action was refused. Pages show the message; the API maps each to a status code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "OVERLOAD_RETRY_SECONDS",
    "ActionError",
    "Busy",
    "Forbidden",
    "NotFound",
    "Stale",
    "Tampered",
    "Unreadable",
    "is_overload",
]

#: What an overloaded request is told to wait before trying again (``Retry-After``).
OVERLOAD_RETRY_SECONDS = 5
# How the databases say they are too busy for this request now: SQLite's write lock held past
# its busy timeout, PostgreSQL out of connection slots, the worker's connection pool empty past
# its timeout (the request may simply be retried).
_OVERLOAD_SIGNS = (
    "database is locked",
    "database table is locked",
    "too many clients",
    "remaining connection slots",
    "couldn't get a connection",
)


def _pool_timeout(error: BaseException | None) -> bool:
    """Whether ``error`` is psycopg's pool timing out (Django raises it as its own
    ``OperationalError``, from the pool's ``PoolTimeout``)."""
    try:
        from psycopg_pool import PoolTimeout
    except ImportError:  # pragma: no cover - psycopg[pool] is a dependency
        return False
    return isinstance(error, PoolTimeout)


def is_overload(error: BaseException) -> bool:
    """Whether ``error`` is the database saying it is too busy now (a 503 to retry, never a 500:
    the request wrote nothing, its transaction was not committed)."""
    from django.db import OperationalError

    if _pool_timeout(error) or _pool_timeout(error.__cause__):
        return True
    if not isinstance(error, OperationalError):
        return False
    message = str(error).lower()
    return any(sign in message for sign in _OVERLOAD_SIGNS)


class ActionError(ValueError):
    """Bad input: the action was refused and nothing changed (HTTP 400/422)."""

    status = 400


class Forbidden(ActionError):
    """The actor's role does not allow this action here (HTTP 403)."""

    status = 403


class NotFound(ActionError):
    """No such object, or none the actor may see (HTTP 404: existence is not leaked)."""

    status = 404


class Stale(ActionError):
    """The request was based on an older version; ``changes`` says what happened since (409)."""

    status = 409

    def __init__(self, message: str, changes: list[str]) -> None:
        super().__init__(message)
        self.changes = changes


class Unreadable(ActionError):
    """A text that does not read. ``problems`` holds every problem found in it, each with
    its ``line``, ``column``, ``reason`` and ``hint``; ``changes`` lists them as
    ``line:column: reason (hint)``, as the API answers them (HTTP 400)."""

    status = 400

    def __init__(self, message: str, problems: Sequence[Mapping[str, Any]]) -> None:
        super().__init__(message)
        self.problems = [dict(problem) for problem in problems]
        self.changes = [
            f"{p['line']}:{p['column']}: {p['reason']}" + (f" ({p['hint']})" if p["hint"] else "")
            for p in self.problems
        ]


class Tampered(ActionError):
    """A stored record no longer matches what the log recorded (its text was changed in the
    database): it is not shown, downloaded or bundled, and ``astana audit`` names it (409)."""

    status = 409


class Busy(ActionError):
    """The platform is too busy for this request now; nothing was written (HTTP 503, with
    ``Retry-After``)."""

    status = 503
