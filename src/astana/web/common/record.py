"""The public record (the signed log, kept by ``signing``) as the apps below ``signing`` reach
it: an explicit registry, so that the dependency runs one way only.

A revision issued in the room, and the minutes of a session published or corrected, go on the
log in the same transaction as the change (``docs/ledger.md``); the room (``negotiation``) and
the history loader (``archive``) sit below ``signing`` and must not import it. They call
:func:`log_append` and :func:`log_minutes` here; ``signing`` registers what these do when
Django starts (``SigningConfig.ready``). Likewise, before a session's minutes are published,
the room asks every app above it that registered a check (``decisions``: no decision of the
session may still be open or unpublished) through :func:`check_minutes_publishable`.

Nothing here is optional: without ``signing`` installed, the first write that needs the log
fails loudly (``ImproperlyConfigured``) rather than leaving the record incomplete.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

from astana.web.processes.models import Session

if TYPE_CHECKING:  # the log's rows are signing's; only annotations name them
    from astana.web.signing.models import LogLeaf

__all__ = [
    "PublicLog",
    "check_minutes_publishable",
    "log_append",
    "log_minutes",
    "register_log",
    "register_minutes_check",
]


@dataclass(frozen=True)
class PublicLog:
    """What the log's keeper provides: ``append(event, process, attributes)`` appends one entry
    and returns its row; ``minutes(session)`` records a session's published minutes."""

    append: Callable[[str, str, Mapping[str, str]], LogLeaf]
    minutes: Callable[[Session], object]


_log: PublicLog | None = None
_minutes_checks: list[Callable[[Session], None]] = []


def register_log(log: PublicLog) -> None:
    """Called once, by the app that keeps the log (``signing``), when Django starts."""
    global _log  # noqa: PLW0603 (the registry is this module's state, set once at start-up)
    _log = log


def register_minutes_check(check: Callable[[Session], None]) -> None:
    """``check(session)`` raises an ``ActionError`` when the session's minutes may not be
    published yet; called by an app above the room when Django starts (registered once)."""
    if check not in _minutes_checks:
        _minutes_checks.append(check)


def _registered() -> PublicLog:
    if _log is None:
        raise ImproperlyConfigured("No public log is registered: is astana.web.signing installed?")
    return _log


def log_append(event: str, process: str, attributes: Mapping[str, str]) -> LogLeaf:
    """Append one entry to the public log (in the caller's transaction); its row."""
    return _registered().append(event, process, attributes)


def log_minutes(session: Session) -> None:
    """Put the hash of ``session``'s published minutes on the public log."""
    _registered().minutes(session)


def check_minutes_publishable(session: Session) -> None:
    """Every registered check, in the order registered; the first refusal is raised."""
    for check in _minutes_checks:
        check(session)
