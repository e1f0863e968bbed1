"""``token.create``: a logged-in user mints an API token for their scripts (session only);
``token.list`` and ``token.revoke``: the caller's own tokens (session or token)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from astana.core.actions import Action
from astana.web.accounts.second_factor import is_verified
from astana.web.api.auth import API_AUTH, SESSION_AUTH, caller
from astana.web.api.routing import Operations
from astana.web.api.schemas import Id, TokenCreateIn, TokenInfoOut, TokenOut
from astana.web.api.tokens import token_create, token_revoke, tokens_of

router = Router(tags=["tokens"])
api = Operations(router)


@api.post("/tokens", Action.TOKEN_CREATE, auth=SESSION_AUTH)
def token_create_route(request: HttpRequest, payload: TokenCreateIn) -> Status[TokenOut]:
    """Mint a token for the logged-in user, valid for ``days``; the token is in this response
    only."""
    user = caller(request)
    row, token = token_create(
        user=user, name=payload.name, days=payload.days, verified=is_verified(user)
    )
    return Status(
        201,
        TokenOut(
            id=row.pk,
            name=row.name,
            token=token,
            created_at=row.created_at,
            expires_at=row.expires_at,
        ),
    )


@api.get("/tokens", "token.list", auth=API_AUTH)
def token_list_route(request: HttpRequest) -> list[TokenInfoOut]:
    """The caller's tokens (live, expired and revoked), newest first."""
    return [TokenInfoOut.of(row) for row in tokens_of(caller(request))]


@api.delete("/tokens/{token_id}", Action.TOKEN_REVOKE, auth=API_AUTH)
def token_revoke_route(request: HttpRequest, token_id: Id) -> TokenInfoOut:
    """Revoke one of the caller's tokens (another's is 404, like a missing one)."""
    return TokenInfoOut.of(token_revoke(user=caller(request), token_id=token_id))
