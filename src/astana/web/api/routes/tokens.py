"""``token.create``: a logged-in user mints an API token for their scripts (session only)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from astana.web.accounts.second_factor import is_verified
from astana.web.api.auth import SESSION_AUTH
from astana.web.api.outputs import TokenOut
from astana.web.api.routes.common import ERRORS, caller
from astana.web.api.schemas import TokenCreateIn
from astana.web.api.tokens import token_create

router = Router(auth=SESSION_AUTH, tags=["tokens"])


@router.post("/tokens", response={201: TokenOut, **ERRORS}, operation_id="token.create")
def token_create_route(request: HttpRequest, payload: TokenCreateIn) -> Status[TokenOut]:
    """Mint a token for the logged-in user; the token is in this response only."""
    user = caller(request)
    row, token = token_create(user=user, name=payload.name, verified=is_verified(user))
    return Status(201, TokenOut(id=row.pk, name=row.name, token=token, created_at=row.created_at))
