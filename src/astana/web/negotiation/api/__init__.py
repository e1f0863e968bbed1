"""The negotiation room's API: one router per part of the room (``ROUTERS``). Their inputs
and outputs are in ``astana.web.negotiation.schemas``; the API's plumbing (authentication,
errors, tokens) is in ``astana.web.api``."""

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

__all__ = ["ROUTERS"]

# Mounted one by one on the API (``astana.web.api.urls``), in this order, so that every
# operation is on a router the API itself lists.
ROUTERS: tuple[Router, ...] = (
    texts.router,
    proposals.router,
    positions.router,
    room.router,
    rounds.router,
    sessions.router,
    comments.router,
)
