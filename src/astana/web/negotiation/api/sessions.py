"""Sessions of a round: ``session.list`` (every participant), ``session.open`` and
``session.close`` (the host), ``session.record`` (the secretariat), ``session.publish_minutes``
(the convener)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from astana.core.actions import Action
from astana.web.api.auth import API_AUTH, caller
from astana.web.api.routing import Operations
from astana.web.api.schemas import BasedOnIn, Id
from astana.web.negotiation import actions
from astana.web.negotiation.access import access_round
from astana.web.negotiation.schemas import SessionOpenIn, SessionOut, SessionRecordIn
from astana.web.processes.models import Session

router = Router(auth=API_AUTH, tags=["sessions"])
api = Operations(router)


def _out(session: Session) -> SessionOut:
    """The session as saved, with its agenda and attendance read afresh."""
    fresh = (
        Session.objects.select_related("opened_by")
        .prefetch_related("agenda", "attendance")
        .get(pk=session.pk)
    )
    return SessionOut.of(fresh)


@api.get("/rounds/{round_id}/sessions", "session.list")
def session_list(request: HttpRequest, round_id: Id) -> list[SessionOut]:
    """The round's sessions in order, with agenda, attendance and minutes."""
    actor = access_round(caller(request), round_id)
    sessions = (
        Session.objects.filter(round=actor.round)
        .select_related("opened_by")
        .prefetch_related("agenda", "attendance")
        .order_by("number")
    )
    return [SessionOut.of(session) for session in sessions]


@api.post("/rounds/{round_id}/sessions", Action.SESSION_OPEN)
def session_open(request: HttpRequest, round_id: Id, payload: SessionOpenIn) -> Status[SessionOut]:
    """The host opens the round's next session (only one is open at a time)."""
    session = actions.session_open(
        user=caller(request), round_id=round_id, titles=payload.titles.model_dump()
    )
    return Status(201, _out(session))


@api.post("/rounds/{round_id}/sessions/{number}/close", Action.SESSION_CLOSE)
def session_close(request: HttpRequest, round_id: Id, number: Id, payload: BasedOnIn) -> SessionOut:
    """The host closes an open session, based on its ``version``."""
    session = actions.session_close(
        user=caller(request), round_id=round_id, number=number, based_on=payload.based_on
    )
    return _out(session)


@api.put("/rounds/{round_id}/sessions/{number}/record", Action.SESSION_RECORD)
def session_record(
    request: HttpRequest, round_id: Id, number: Id, payload: SessionRecordIn
) -> SessionOut:
    """The secretariat replaces the session's agenda, attendance and minutes."""
    session = actions.session_record(
        user=caller(request),
        round_id=round_id,
        number=number,
        based_on=payload.based_on,
        agenda=payload.agenda,
        agenda_language=payload.agenda_language,
        attendance=payload.attendance,
        minutes=payload.minutes.model_dump(),
    )
    return _out(session)


@api.post("/rounds/{round_id}/sessions/{number}/publish-minutes", Action.SESSION_PUBLISH_MINUTES)
def session_publish_minutes(
    request: HttpRequest, round_id: Id, number: Id, payload: BasedOnIn
) -> SessionOut:
    """The convener publishes a closed session's minutes to the public archive, based on its
    ``version``; refused while one of its decisions is open or unpublished."""
    session = actions.session_publish_minutes(
        user=caller(request), round_id=round_id, number=number, based_on=payload.based_on
    )
    return _out(session)
