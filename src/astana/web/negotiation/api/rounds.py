"""Rounds: ``round.create`` and ``participant.invite`` (the convener)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from astana.core.actions import Action
from astana.web.api.auth import API_AUTH, caller
from astana.web.api.routing import Operations
from astana.web.api.schemas import Id
from astana.web.negotiation import actions
from astana.web.negotiation.schemas import (
    InvitationIn,
    InvitationOut,
    ProcessSlug,
    RoundCreateIn,
    RoundOut,
)

router = Router(auth=API_AUTH, tags=["rounds"])
api = Operations(router)


@api.post("/processes/{process_slug}/rounds", Action.ROUND_CREATE)
def round_create(
    request: HttpRequest, process_slug: ProcessSlug, payload: RoundCreateIn
) -> Status[RoundOut]:
    """The convener creates a planned round of the process and invites organisations by role."""
    row = actions.round_create(
        user=caller(request),
        process_slug=process_slug,
        slug=payload.slug,
        titles=payload.titles.model_dump(),
        venues=payload.venues.model_dump(),
        start=payload.start,
        end=payload.end,
        invitations=[(i.organisation, i.role) for i in payload.invitations],
    )
    return Status(201, RoundOut.of(row))


@api.post("/rounds/{round_id}/invitations", Action.PARTICIPANT_INVITE)
def participant_invite(
    request: HttpRequest, round_id: Id, payload: InvitationIn
) -> Status[InvitationOut]:
    """The convener invites an organisation to the round in a role (again: no change)."""
    row = actions.participant_invite(
        user=caller(request),
        round_id=round_id,
        organisation=payload.organisation,
        role=payload.role,
    )
    return Status(201, InvitationOut.of(row))
