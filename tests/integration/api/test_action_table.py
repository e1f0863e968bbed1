"""The API's operation ids come from the action table (astana.core.actions): every action the
table says the API offers is served under its name, and every served operation named like an
action is one the table says the API offers."""

from __future__ import annotations

import json

from astana.core.actions import ACTIONS, Action
from astana.web.api.urls import api as ninja_api


def _served() -> dict[str, str]:
    """Each served operation id, with its method."""
    schema = json.loads(json.dumps(ninja_api.get_openapi_schema()))
    return {
        operation["operationId"]: method
        for operations in schema["paths"].values()
        for method, operation in operations.items()
    }


def test_the_served_operation_ids_are_the_tables() -> None:
    served = _served()
    offered = {action.value for action, spec in ACTIONS.items() if spec.api}
    assert offered <= set(served), offered - set(served)
    names = {action.value for action in Action}
    assert set(served) & names == offered
    # Every write the API serves is an action of the table (reads are not actions).
    writes = {name for name, method in served.items() if method != "get"}
    assert writes <= offered, writes - offered
