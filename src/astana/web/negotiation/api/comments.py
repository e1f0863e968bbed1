"""Experts' comments on a text: ``expert.invite`` (the mediator), ``comment.add`` (an invited
expert), ``comment.list`` (every reader of the text)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from astana.core.actions import Action
from astana.web.api.auth import API_AUTH, caller
from astana.web.api.routing import Operations
from astana.web.api.schemas import Id
from astana.web.negotiation import actions
from astana.web.negotiation.access import access_text
from astana.web.negotiation.schemas import (
    CommentIn,
    CommentOut,
    ExpertInvitationOut,
    ExpertInviteIn,
)

router = Router(auth=API_AUTH, tags=["comments"])
api = Operations(router)


@api.post("/texts/{text_id}/experts", Action.EXPERT_INVITE)
def expert_invite(
    request: HttpRequest, text_id: Id, payload: ExpertInviteIn
) -> Status[ExpertInvitationOut]:
    """The mediator invites an expert organisation of the round to comment on the text."""
    row = actions.expert_invite(
        user=caller(request), text_id=text_id, organisation=payload.organisation
    )
    return Status(201, ExpertInvitationOut.of(row))


@api.get("/texts/{text_id}/comments", "comment.list")
def comment_list(request: HttpRequest, text_id: Id) -> list[CommentOut]:
    """The experts' comments on the text, oldest first."""
    _, text = access_text(caller(request), text_id)
    rows = text.comments.select_related("organisation", "author").order_by("created_at", "pk")
    return [CommentOut.of(row) for row in rows]


@api.post("/texts/{text_id}/comments", Action.COMMENT_ADD)
def comment_add(request: HttpRequest, text_id: Id, payload: CommentIn) -> Status[CommentOut]:
    """An invited expert comments on a provision of the latest revision."""
    row = actions.comment_add(
        user=caller(request), text_id=text_id, provision=payload.provision, body=payload.body
    )
    return Status(201, CommentOut.of(row))
