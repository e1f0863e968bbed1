"""Positions and agreement: ``position.grid``, ``position.set``,
``provision.agree_ad_referendum``, ``provision.confirm``."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from astana.core.actions import Action
from astana.web.api.auth import API_AUTH, caller
from astana.web.api.routing import Operations
from astana.web.api.schemas import BasedOnIn, Id
from astana.web.negotiation import actions, selectors
from astana.web.negotiation.grid import grid_state
from astana.web.negotiation.schemas import (
    GridOut,
    GridQuery,
    PositionIn,
    ProvisionPath,
    TextPositionsOut,
)

router = Router(auth=API_AUTH, tags=["positions"])
api = Operations(router)


@api.get("/texts/{text_id}/grid", "position.grid")
def position_grid(request: HttpRequest, text_id: Id, query: Query[GridQuery]) -> GridOut:
    """The positions grid of the latest revision: each provision with text against each party,
    each cell the party's position and whether it was given on the present wording; with the
    progress and adoptability computed from the same grid. Read by every reader of the text."""
    state = grid_state(
        caller(request),
        text_id,
        language=query.language,
        which=query.state,
        parties=tuple(dict.fromkeys(query.party)),
    )
    return GridOut.of(state)


@api.post("/texts/{text_id}/positions", Action.POSITION_SET)
def position_set(request: HttpRequest, text_id: Id, payload: PositionIn) -> TextPositionsOut:
    """A party states its position on a provision: support, with a reservation, or cannot accept."""
    text = actions.position_set(
        user=caller(request),
        text_id=text_id,
        based_on=payload.based_on,
        provision=payload.provision,
        stance=payload.stance,
        reservation=payload.reservation,
    )
    return TextPositionsOut.of(text, selectors.current_positions(text))


@api.post(
    "/texts/{text_id}/provisions/{provision}/agree-ad-referendum",
    Action.PROVISION_AGREE_AD_REFERENDUM,
)
def provision_agree_ad_referendum(
    request: HttpRequest, text_id: Id, provision: ProvisionPath, payload: BasedOnIn
) -> TextPositionsOut:
    """The mediator records that every party accepts the provision, pending its leadership."""
    text = actions.provision_agree_ad_referendum(
        user=caller(request), text_id=text_id, based_on=payload.based_on, provision=provision
    )
    return TextPositionsOut.of(text, selectors.current_positions(text))


@api.post("/texts/{text_id}/provisions/{provision}/confirm", Action.PROVISION_CONFIRM)
def provision_confirm(
    request: HttpRequest, text_id: Id, provision: ProvisionPath, payload: BasedOnIn
) -> TextPositionsOut:
    """The mediator records that the leaderships confirmed: the provision is agreed."""
    text = actions.provision_confirm(
        user=caller(request), text_id=text_id, based_on=payload.based_on, provision=provision
    )
    return TextPositionsOut.of(text, selectors.current_positions(text))
