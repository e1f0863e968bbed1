"""How an app's API declares an operation.

``api = Operations(router)`` once in an app's ``api.py``, then above each view
``@api.post("/proposals/{proposal_id}/table", Action.PROPOSAL_TABLE)``: the operation takes its
id from the action table (an action's dotted name is written once; a read that is no action
names its own id, ``"proposal.list"``), documents every error answer (``ERRORS``) and, as its
success answer, what the view's return annotation says: ``-> ProposalOut`` answers 200,
``-> Status[ProposalOut]`` answers ``status`` (201 unless given), so the schema a client reads
and the type the view returns cannot disagree. Other options (``auth``, ``url_name``...) go to
django-ninja as they are; ``answer`` names the success answer's schema where the view
returns a response of its own (a signed note as ``text/plain``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

from ninja import Router, Status

from astana.core.actions import Action
from astana.web.api.schemas import ERRORS

__all__ = ["Operations"]

_View = TypeVar("_View", bound=Callable[..., Any])


def answer_of(view: Callable[..., Any]) -> tuple[Any, bool]:
    """The success answer's schema from the view's return annotation, and whether the view
    names its own status (``Status[...]``)."""
    returned = get_type_hints(view)["return"]
    if get_origin(returned) is Status:
        return get_args(returned)[0], True
    return returned, False


class Operations:
    """The operations of one router, added by method (``get``, ``post``, ``put``...)."""

    def __init__(self, router: Router) -> None:
        self.router = router

    def add(
        self, method: str, path: str, action: Action | str, status: int | None, options: Any
    ) -> Callable[[_View], _View]:
        operation_id = action.operation_id if isinstance(action, Action) else action
        answer = options.pop("answer", None)

        def decorate(view: _View) -> _View:
            out, own_status = answer_of(view)
            out = answer or out
            code = status or (201 if own_status else 200)
            self.router.api_operation(
                [method], path, response={code: out, **ERRORS}, operation_id=operation_id, **options
            )(view)
            return view

        return decorate

    def get(self, path: str, action: Action | str, **options: Any) -> Callable[[_View], _View]:
        return self.add("GET", path, action, None, options)

    def post(
        self, path: str, action: Action | str, status: int | None = None, **options: Any
    ) -> Callable[[_View], _View]:
        return self.add("POST", path, action, status, options)

    def patch(self, path: str, action: Action | str, **options: Any) -> Callable[[_View], _View]:
        return self.add("PATCH", path, action, None, options)

    def put(self, path: str, action: Action | str, **options: Any) -> Callable[[_View], _View]:
        return self.add("PUT", path, action, None, options)

    def delete(self, path: str, action: Action | str, **options: Any) -> Callable[[_View], _View]:
        return self.add("DELETE", path, action, None, options)
