"""The negotiation room's API: one router (``router``) made of one module per part of the
room. Their inputs and outputs are in ``astana.web.negotiation.schemas``; the API's
plumbing (authentication, errors, tokens) is in ``astana.web.api``."""

from ninja import Router

from astana.web.negotiation.api import (
    comments,
    positions,
    proposals,
    room,
    rounds,
    sessions,
    texts,
)

__all__ = ["router"]

router = Router()
for part in (texts, proposals, positions, room, rounds, sessions, comments):
    router.add_router("", part.router)
