"""A user's own API tokens: list them, make one (shown once), revoke one. Every user reaches
only their own tokens; another's id is 404, like a missing one."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from astana.web.accounts.models import User
from astana.web.api.schemas import MAX_ID
from astana.web.api.tokens import token_create, token_revoke, tokens_of
from astana.web.common.errors import ActionError, NotFound

__all__ = ["token_revoke_page", "tokens"]


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """GET: the list and the form; POST: make a token and show it this once."""
    user = cast(User, request.user)
    made, error, status = None, "", 200
    name, days = "", ""
    if request.method == "POST":
        name = request.POST.get("name", "")[:200]
        days = request.POST.get("days", "").strip()[:10]
        try:
            chosen = int(days) if days else None
        except ValueError:
            error, status = f"{days!r} is not a number of days.", 400
        else:
            try:
                made = token_create(user=user, name=name, days=chosen)
                name, days = "", ""
            except ActionError as refused:
                error, status = str(refused), refused.status
    return render(
        request,
        "accounts/tokens.html",
        {
            "tokens": tokens_of(user),
            "made": made,
            "error": error,
            "name": name,
            "days": days,
        },
        status=status,
    )


@login_required
@require_POST
def token_revoke_page(request: HttpRequest, token_id: int) -> HttpResponse:
    if token_id > MAX_ID:
        raise Http404("There is no such token.")
    try:
        token_revoke(user=cast(User, request.user), token_id=token_id)
    except NotFound as missing:
        raise Http404(str(missing)) from missing
    return redirect("accounts:tokens")
