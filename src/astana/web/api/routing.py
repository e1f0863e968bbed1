"""How an app's API declares an operation.

``@operation(router, "POST", "/proposals/{proposal_id}/table", Action.PROPOSAL_TABLE,
ProposalOut)`` above a view adds it to the app's router: the operation documents its answer
(200 unless ``status`` says otherwise) and every error answer (``ERRORS``), and takes its id
from the action table, so that an action's dotted name is written once; a read that is no
action names its own id (``"proposal.list"``). Other options (``auth``, ``url_name``...) go
to django-ninja as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ninja import Router

from astana.core.actions import Action
from astana.web.api.schemas import ERRORS

__all__ = ["operation"]

_View = TypeVar("_View", bound=Callable[..., Any])


def operation(
    router: Router,
    method: str,
    path: str,
    action: Action | str,
    out: Any,
    *,
    status: int = 200,
    **options: Any,
) -> Callable[[_View], _View]:
    """The decorator that adds the view below it to ``router`` as ``method path``."""
    operation_id = action.operation_id if isinstance(action, Action) else action
    decorator: Callable[[_View], _View] = router.api_operation(
        [method], path, response={status: out, **ERRORS}, operation_id=operation_id, **options
    )
    return decorator
