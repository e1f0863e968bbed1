"""The OpenAPI schema names every input and output after exactly one Python class, and each
operation refers to its own classes (issue 13: ``VoteIn``/``VoteOut`` and ``StatementOut`` of
two apps shared one name, so ``vote.cast`` was documented with the consultation's fields)."""

from __future__ import annotations

import functools
import json
import typing
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from pydantic import BaseModel

from astana.web.api.urls import api as ninja_api

ERROR_STATUSES = ("400", "401", "403", "404", "409", "413", "422", "429")


@functools.cache
def _schema() -> dict[str, Any]:
    """The schema as served (JSON: status codes as strings)."""
    return json.loads(json.dumps(ninja_api.get_openapi_schema()))


def _operations() -> Iterator[Any]:
    for _prefix, router in ninja_api._routers:
        for path_view in router.path_operations.values():
            yield from path_view.operations


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    """Every pydantic model inside ``annotation`` (lists, unions, nested fields)."""
    seen: set[Any] = set()
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item in seen:
                continue
            seen.add(item)
            yield item
            stack.extend(field.annotation for field in item.model_fields.values())
        else:
            stack.extend(typing.get_args(item))


def _payload(operation: Any) -> type[BaseModel] | None:
    for params in operation.models:
        if params.__name__ == "BodyParams":
            (field,) = params.model_fields.values()
            found = list(_models(field.annotation))
            return found[0] if found else None
    return None


def _success(operation: Any) -> tuple[int, type[BaseModel] | None]:
    code = min(operation.response_models)
    annotation = operation.response_models[code].model_fields["response"].annotation
    found = [m for m in _models(annotation) if m.__module__.startswith("astana.")]
    return code, found[0] if found else None


def _component(schema: dict[str, Any], ref: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    while "$ref" not in ref:  # a list of them, or one of them or null
        ref = ref["items"] if "items" in ref else ref["anyOf"][0]
    name = ref["$ref"].rsplit("/", 1)[1]
    return name, schema["components"]["schemas"][name]


def test_every_schema_name_is_one_class() -> None:
    classes: dict[str, set[type[BaseModel]]] = defaultdict(set)
    for operation in _operations():
        for params in operation.models:
            for model in _models(params):
                if model is not params:
                    classes[model.__name__].add(model)
        for response in operation.response_models.values():
            for model in _models(response.model_fields["response"].annotation):
                classes[model.__name__].add(model)
    shared = {
        name: sorted(f"{m.__module__}.{m.__qualname__}" for m in found)
        for name, found in classes.items()
        if len(found) > 1
    }
    assert shared == {}
    names = set(ninja_api.get_openapi_schema()["components"]["schemas"])
    assert names <= set(classes)


@pytest.mark.parametrize("operation", list(_operations()), ids=lambda o: o.operation_id)
def test_each_operation_documents_its_own_input_and_output(operation: Any) -> None:
    schema = _schema()
    documented = next(
        entry
        for methods in schema["paths"].values()
        for entry in methods.values()
        if entry["operationId"] == operation.operation_id
    )
    payload = _payload(operation)
    if payload is not None:
        body = documented["requestBody"]["content"]["application/json"]["schema"]
        name, component = _component(schema, body)
        assert name == payload.__name__
        assert set(component.get("properties", {})) == {
            field.alias or key for key, field in payload.model_fields.items()
        }
    code, output = _success(operation)
    answer = documented["responses"][str(code)]
    if output is not None:
        name, component = _component(schema, answer["content"]["application/json"]["schema"])
        assert name == output.__name__
        assert set(component["properties"]) == set(output.model_fields)
    for status in ERROR_STATUSES:
        error = documented["responses"][status]["content"]["application/json"]["schema"]
        assert _component(schema, error)[0] == "ErrorOut"


@pytest.mark.db
def test_vote_cast_is_documented_with_the_decision_vote(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    cast = schema["paths"]["/api/decisions/{decision_id}/votes"]["post"]
    name, body = _component(schema, cast["requestBody"]["content"]["application/json"]["schema"])
    assert name == "VoteIn"
    assert set(body["properties"]) == {"choice"}
    assert body["properties"]["choice"]["enum"] == ["yes", "no", "abstain"]
    name, answer = _component(
        schema, cast["responses"]["201"]["content"]["application/json"]["schema"]
    )
    assert name == "VoteOut"
    assert set(answer["properties"]) == {"decision_id", "voter", "choice"}
    vote = next(
        methods["post"]
        for path, methods in schema["paths"].items()
        if path.endswith("/votes")
        and methods.get("post", {}).get("operationId") == "statement.vote"
    )
    _, body = _component(schema, vote["requestBody"]["content"]["application/json"]["schema"])
    assert set(body["properties"]) == {"statement", "choice", "participant"}


@pytest.mark.db
def test_the_schema_made_once_is_the_schema_made_anew(client: Client) -> None:
    """The schema is made once per process (``astana.web.api.urls``); each read serves the
    same document as one made from the routes again, and no read changes it."""
    from ninja.openapi.schema import get_schema

    first = client.get("/api/openapi.json")
    fresh = get_schema(api=ninja_api, path_prefix=ninja_api.get_root_path({}))
    assert first.json() == json.loads(json.dumps(fresh))
    assert client.get("/api/openapi.json").content == first.content
    assert ninja_api.get_openapi_schema() is ninja_api.get_openapi_schema()
