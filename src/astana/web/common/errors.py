"""Why an action was refused. Pages show the message; the API maps each to a status code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["ActionError", "Forbidden", "NotFound", "Stale", "Tampered", "Unreadable"]


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
