"""The API's routers, one module per part of the negotiation room; urls.py registers them."""

from ninja import Router

from astana.web.api.routes import (
    comments,
    positions,
    proposals,
    room,
    rounds,
    sessions,
    texts,
    tokens,
)

__all__ = ["ROUTERS"]

ROUTERS: list[Router] = [
    texts.router,
    proposals.router,
    positions.router,
    room.router,
    rounds.router,
    sessions.router,
    comments.router,
    tokens.router,
]
