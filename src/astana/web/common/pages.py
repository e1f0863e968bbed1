"""What every page of the platform that acts for a logged-in user shares: the user, the
refusal page (a role, a state or a stale version said no) and the rights a template asks
about. Every app's pages use these."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from astana.core.roles import Right
from astana.web.common.cursor import MAX_NUMBER
from astana.web.common.errors import ActionError, NotFound

if TYPE_CHECKING:  # the login model is the accounts app's, which builds on this one
    from astana.web.accounts.models import User

__all__ = ["acting_user", "form_number", "refused", "rights_of", "shown_on_page", "shows_refusals"]

P = ParamSpec("P")


def form_number(value: str) -> int | None:
    """A number typed in a form or a query (an id, a revision, a version), or None unless it
    is plain digits no larger than any database stores (a larger one names nothing)."""
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_NUMBER:
        return None
    return int(value)


def acting_user(request: HttpRequest) -> User:
    """The logged-in user (every write view is behind ``login_required``)."""
    user = request.user
    assert isinstance(user, get_user_model())
    return user


def refused(request: HttpRequest, error: ActionError) -> HttpResponse:
    """The page that says why an action was refused, with the error's status; an unknown or
    confidential object is a plain 404 in the reader's language."""
    if isinstance(error, NotFound):
        return render(
            request, "404.html", {"path": request.path, "message": str(error)}, status=404
        )
    return render(request, "common/refused.html", {"error": error}, status=error.status)


def shows_refusals(
    view: Callable[Concatenate[HttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """A page view that answers an action or an access refused on its way (``ActionError``:
    not found, forbidden, a state or a version that said no) with :func:`refused`'s page."""

    @wraps(view)
    def page(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ActionError as refusal:
            return refused(request, refusal)

    return page


def shown_on_page(refusal: ActionError) -> tuple[ActionError, int]:
    """A form's refusal to show on its page, with the page's status; an unknown or
    confidential object is raised again, for :func:`shows_refusals` to answer with a plain
    404 (there is no page to show the form on)."""
    if isinstance(refusal, NotFound):
        raise refusal
    return refusal, refusal.status


def rights_of(actor: Any) -> dict[str, bool]:
    """``{"proposal_table": True, ...}``: what the actor may do, for the templates."""
    return {right.name.lower(): actor.can(right) for right in Right}
