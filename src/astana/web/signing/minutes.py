"""Published minutes on the public record: when the convener publishes a session's minutes
(and after each later correction) the log gets a ``minutes.published`` entry with the SHA-256
of their content, so that ``astana audit`` notices an edit made in the database afterwards."""

from __future__ import annotations

import hashlib
import json

from astana.core.language import LANGUAGES
from astana.core.ledger import LogEntry
from astana.web.processes.models import Session
from astana.web.signing import log
from astana.web.signing.models import LogLeaf

__all__ = ["log_minutes", "logged_minutes", "minutes_sha256", "session_ref"]


def session_ref(session: Session) -> str:
    """The session's id in the log: ``<round slug>/<number>``."""
    return f"{session.round.slug}/{session.number}"


def minutes_sha256(session: Session) -> str:
    """SHA-256 of what publication makes public: the title and minutes in each language, the
    agenda and the attendance (canonical JSON, keys sorted, UTF-8)."""
    content = {
        "title": {lang: getattr(session, f"title_{lang}") for lang in LANGUAGES},
        "minutes": {lang: getattr(session, f"minutes_{lang}") for lang in LANGUAGES},
        "agenda": [
            {lang: getattr(item, f"text_{lang}") for lang in LANGUAGES}
            for item in session.agenda.order_by("order")
        ],
        "attendance": sorted(session.attendance.values_list("slug", flat=True)),
    }
    raw = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def logged_minutes(session: Session) -> LogLeaf | None:
    """The latest ``minutes.published`` entry of ``session``, if any."""
    return (
        LogLeaf.objects.filter(
            event="minutes.published",
            data__contains=f"\nsession {session_ref(session)}\n",
        )
        .filter(data__contains=f"\nprocess {session.round.process.slug}\n")
        .order_by("-index")
        .first()
    )


def log_minutes(session: Session) -> LogLeaf | None:
    """Record the published minutes' hash in the log (in the caller's transaction), unless the
    latest entry already has it; ``None`` if nothing had to be written."""
    digest = minutes_sha256(session)
    latest = logged_minutes(session)
    if latest is not None and LogEntry.parse(latest.data).attribute("minutes-sha256") == digest:
        return None
    return log.append(
        "minutes.published",
        session.round.process.slug,
        {"minutes-sha256": digest, "session": session_ref(session)},
    )
