"""Every API operation fuzzed from its own OpenAPI schema (schemathesis generates the cases,
valid and invalid; hypothesis drives them), as every role, against real objects of the
world (a round, texts, drafts, decisions...) as often as against made-up ids.

Whatever is sent: never a 5xx; the status is one the operation documents, and a successful
answer fits the schema documented for it; every error is JSON in the house shape
(``{"error": ..., "changes": [...]}``); and a refused request writes
nothing (every row of every table of the platform is as it was: tests.helpers.unchanged).

``make test`` runs a few derandomized cases per operation; ``make fuzz`` many more
(``ASTANA_FUZZ_CASES``), with a table of what it sent and found (docs/fuzzing.md).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

import jsonschema_rs  # schemathesis's own validator
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core import NOT_SET
from tests.helpers.unchanged import database_state

from astana.web.api.urls import api as ninja_api

from ..leaks.world import ROLES, World
from .tally import CASES, Tally

OPERATION_IDS = sorted(
    operation.operation_id
    for _prefix, router in ninja_api._routers
    for path_view in router.path_operations.values()
    for operation in path_view.operations
)


@cache
def served() -> dict[str, Any]:
    """The OpenAPI schema as the API serves it (JSON: statuses as strings)."""
    return dict(json.loads(json.dumps(ninja_api.get_openapi_schema())))


def conforms(operation: Any, status: int, body: Any) -> None:
    """A successful answer fits the schema its operation documents for that status."""
    answer = operation.definition.raw["responses"][str(status)]
    content = answer.get("content", {}).get("application/json")
    if content:
        schema = {**content["schema"], "components": served()["components"]}
        jsonschema_rs.Draft202012Validator(schema).validate(body)


@cache
def operations() -> dict[str, Any]:
    """operationId → schemathesis's operation, from the schema the API serves."""
    schema = served()
    return {
        result.ok().definition.raw["operationId"]: result.ok()
        for result in schemathesis.openapi.from_dict(schema).get_all_operations()
    }


ERROR_KEYS = {"error", "changes"}


def known_values(world: World) -> dict[str, list[Any]]:
    """Path parameters that name real objects of the world (each confidential state)."""
    return {
        "round_id": [world.round_id],
        "text_id": [world.text_id, world.signed_text_id, world.published_text_id],
        "proposal_id": list(world.proposals.values()),
        "decision_id": list(world.decisions.values()),
        "consultation_id": list(world.consultations.values()),
        "statement_id": list(world.statements.values()),
        "committee_id": [world.committee_id],
        "nominee_id": [world.nominee_id],
        "key_id": [world.key_id],
        "revision": [1, 2],
        "number": [1, 2],
        "size": [1, 2],
        "provision": ["art_1", "art_5"],
        "process_slug": [world.process],
        "slug": [world.document],
    }


def _query(query: Any) -> str:
    if not isinstance(query, dict) or not query:
        return ""

    def text(value: Any) -> str:
        return json.dumps(value) if isinstance(value, bool) or value is None else str(value)

    pairs = [
        (key, text(item))
        for key, value in query.items()
        for item in (value if isinstance(value, list) else [value])
    ]
    return "?" + urlencode(pairs)


def _path(template: str, parameters: dict[str, Any]) -> str:
    path = template
    for name, value in parameters.items():
        path = path.replace("{" + name + "}", quote(str(value), safe=""))
    return path


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_operation(operation_id: str, world: World, tally: Tally, db: None) -> None:
    operation = operations()[operation_id]
    method = operation.method.upper()
    documented = {str(code) for code in operation.definition.raw["responses"]}
    known = known_values(world)
    parameters = [p.name for p in operation.path_parameters]

    @settings(
        max_examples=CASES,
        derandomize=CASES <= 50,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        role = data.draw(st.sampled_from(ROLES), label="role")
        fixed = {
            name: data.draw(st.sampled_from(known[name]), label=name)
            for name in parameters
            if name in known and data.draw(st.booleans(), label=f"{name} known")
        }
        mode = data.draw(st.sampled_from(list(GenerationMode)), label="mode")
        case = data.draw(operation.as_strategy(mode, path_parameters=fixed), label="case")
        url = _path(operation.path, case.path_parameters or {})
        url = "/api" + url if not url.startswith("/api/") else url
        url += _query(case.query)
        headers = {} if role == "anonymous" else {"Authorization": f"Bearer {world.tokens[role]}"}
        client = world.api_client
        client.cookies.clear()
        before = database_state()
        if case.body is NOT_SET:
            body = b""
        elif isinstance(case.body, bytes | str):
            body = case.body
        else:
            body = json.dumps(case.body)
        response = client.generic(
            method, url, body, content_type="application/json", headers=headers
        )
        status = response.status_code
        tally.count(operation_id, status)
        what = f"{role} {method} {url} {body!r:.300} → {status} {response.content[:300]!r}"
        try:
            assert status < 500, what
            assert str(status) in documented, what
            if status < 300 and response["Content-Type"].startswith("application/json"):
                conforms(operation, status, response.json())
            if status >= 400:
                assert response["Content-Type"].startswith("application/json"), what
                assert set(response.json()) >= ERROR_KEYS, what
                assert not database_state().changes_since(before), (
                    "a refused request wrote: " + what
                )
        except (AssertionError, jsonschema_rs.ValidationError):
            tally.fail(operation_id)
            raise

    fuzz()
