"""The round's room: ``caucus.list``, ``caucus.note_add``, ``audit.list``, ``event.list``.
Caucus notes reach only their delegation; the audit log only the convener and the host."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from astana.core.actions import Action
from astana.web.api.auth import API_AUTH, caller
from astana.web.api.routing import Operations
from astana.web.api.schemas import Id
from astana.web.common.cursor import EventCursor
from astana.web.common.rendered import shared_read
from astana.web.negotiation import actions, selectors
from astana.web.negotiation.access import access_round
from astana.web.negotiation.schemas import (
    AuditEntryOut,
    AuditQuery,
    CaucusNoteIn,
    CaucusNoteOut,
    EventOut,
    EventQuery,
)

router = Router(auth=API_AUTH, tags=["room"])
api = Operations(router)

MAX_AUDIT = 1000


@api.get("/rounds/{round_id}/caucus", "caucus.list")
def caucus_list(request: HttpRequest, round_id: Id) -> list[CaucusNoteOut]:
    """The caller's delegation's private notes in the round."""
    return [CaucusNoteOut.of(note) for note in selectors.caucus_notes(caller(request), round_id)]


@api.post("/rounds/{round_id}/caucus", Action.CAUCUS_NOTE_ADD)
def caucus_note_add(
    request: HttpRequest, round_id: Id, payload: CaucusNoteIn
) -> Status[CaucusNoteOut]:
    """Add a note to the caller's delegation's caucus."""
    note = actions.caucus_note_add(user=caller(request), round_id=round_id, body=payload.body)
    return Status(201, CaucusNoteOut.of(note))


@api.get("/rounds/{round_id}/audit", "audit.list")
def audit_list(request: HttpRequest, round_id: Id, query: Query[AuditQuery]) -> list[AuditEntryOut]:
    """Who did what in the round, newest first (the latest 1000); convener and host only."""
    entries = selectors.audit_entries(
        caller(request), round_id, action=query.action, organisation=query.organisation
    )
    return [AuditEntryOut.of(entry) for entry in entries[:MAX_AUDIT]]


@api.get("/rounds/{round_id}/events", "event.list")
def event_list(request: HttpRequest, round_id: Id, query: Query[EventQuery]) -> list[EventOut]:
    """The live events after ``after`` that the caller may see (at most 200; ask again, with
    the last one's ``cursor``, for more)."""
    user, after = caller(request), EventCursor.parse(query.after)

    def read() -> list[EventOut]:
        actor = access_round(user, round_id)
        return [
            EventOut.of(event, cursor) for event, cursor in selectors.events_since(actor, after)
        ]

    # Every client of a room asks for the same events after a change: read once per audience.
    return shared_read(user, ("event.list", round_id, str(after)), read)
