"""How the matrix reads the platform: the requests of a row (``probes``), the text of an
answer (body, headers, the files inside a .docx, the event stream) and the checks on it
(``leaks``: canaries a role may not read; ``existence``: an object a role may not know
of answers exactly like a missing one)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from asgiref.sync import async_to_sync
from django.contrib import admin
from django.http import HttpResponseBase
from django.urls import URLPattern, URLResolver, get_resolver

from astana.web.api.urls import api as ninja_api

from .table import API, EXISTENCE, FORBIDDEN, PAGES, SUBJECTS, UNPUBLISHED_RECORD, subject_values
from .world import AUDIENCE, CANARIES, ROUND_MEMBERS, World

__all__ = ["Probe", "answer_text", "api_operations", "existence", "leaks", "probes", "url_names"]

# The API's path parameters, by the table's placeholder names.
API_PARAMETERS = {
    "round_id": "round",
    "text_id": "text",
    "proposal_id": "proposal",
    "number": "number",
    "provision": "provision",
    "process_slug": "process",
    "key_id": "key",
    "revision": "revision",
    "size": "size",
    "decision_id": "decision",
    "slug": "document",
    "committee_id": "committee",
    "nominee_id": "nominee",
    "consultation_id": "consultation",
    "statement_id": "statement",
    "token_id": "token",
}


@dataclass(frozen=True)
class Probe:
    """One request of a row: for object ``label`` of the row's subject, in one variant."""

    method: str
    url: str
    label: str = ""
    variant: str = ""
    body: Any = None  # JSON for the API, form data for pages
    api: bool = False
    stream: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.variant)


def url_names() -> dict[str, str]:
    """Every named URL pattern (namespace:name → route), the i18n-prefixed ones included."""

    def walk(patterns: list[Any], namespace: str, prefix: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern)

    return dict(walk(get_resolver().url_patterns, "", "/"))


@cache
def _schema() -> dict[str, Any]:
    return ninja_api.get_openapi_schema()


def api_operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId → (method, path, the operation) from the OpenAPI schema."""
    return {
        op["operationId"]: (method.upper(), path, op)
        for path, ops in _schema()["paths"].items()
        for method, op in ops.items()
    }


def _junk(schema: dict[str, Any]) -> Any:
    """A value of the right shape that hardly any action accepts (a stale version, "x")."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _junk(_schema()["components"]["schemas"][name])
    if "anyOf" in schema:
        return _junk(schema["anyOf"][0])
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {name: _junk(props[name]) for name in schema.get("required", [])}
    return {"integer": 1, "number": 1, "string": "x", "boolean": False, "array": []}.get(str(kind))


def _api_body(operation: dict[str, Any]) -> Any:
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    return _junk(content["application/json"]["schema"])


def probes(world: World, row: str, role: str = "") -> list[Probe]:
    """The requests of ``row``: one per object of its subject (and per variant)."""
    if row == "admin":
        return _admin_probes(world)
    if row in API:
        spec = API[row]
        method, path, operation = api_operations()[row]
        for name, placeholder in API_PARAMETERS.items():
            path = path.replace("{" + name + "}", "{" + placeholder + "}")
        labels = SUBJECTS[spec.subject] if spec.subject else ("",)
        body = _api_body(operation) if method != "GET" else None
        query = f"?{spec.query}" if spec.query else ""
        return [
            Probe(
                method,
                path.format(**subject_values(world, spec.subject, label)) + query,
                label,
                body=body,
                api=True,
            )
            for label in labels
        ]
    page = PAGES[row]
    labels = SUBJECTS[page.subject] if page.subject else ("",)
    found = []
    for label in labels:
        values = subject_values(world, page.subject, label)
        for variant in page.variants:
            only = dict(page.variant_roles).get(variant)
            if role and only and role not in only:
                continue
            url = page.prefix + page.path.format(**values, variant=variant)
            if page.query:
                url += "?" + page.query.format(variant=variant)
            found.append(Probe("GET", url, label, variant, stream=page.stream))
            if page.post:
                found.append(Probe("POST", url, label, variant, body={}))
    return found


def _admin_probes(world: World) -> list[Probe]:
    found = [Probe("GET", "/admin/")]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        base = f"/admin/{meta.app_label}/{meta.model_name}/"
        found.append(Probe("GET", base, variant=base))
        if model_admin.get_search_fields(None):  # type: ignore[arg-type]
            found.append(Probe("GET", base + "?q=swfind", variant=base + "q"))
        rows = model._default_manager.all()
        if any(f.name == "round" for f in meta.get_fields()):
            rows = rows.filter(round_id=world.round_id)
        elif meta.model_name == "round":
            rows = rows.filter(pk=world.round_id)
        for pk in rows.order_by("-pk").values_list("pk", flat=True)[:2]:
            found.append(Probe("GET", f"{base}{pk}/change/", variant=f"{base}{pk}"))
    return found


def send(world: World, role: str, probe: Probe) -> HttpResponseBase:
    if probe.api:
        headers = {}
        if role != "anonymous":
            headers["Authorization"] = f"Bearer {world.tokens[role]}"
        client = world.api_client  # one client: each new one loads the middleware again
        client.cookies.clear()
        if probe.method == "GET":
            return client.get(probe.url, headers=headers)
        data = b"" if probe.body is None else json.dumps(probe.body)
        return client.generic(
            probe.method, probe.url, data, content_type="application/json", headers=headers
        )
    client = world.clients[role]
    if probe.method == "GET":
        return client.get(probe.url)
    return client.post(probe.url, probe.body or {})


async def _chunks(response: Any) -> list[bytes]:
    return [chunk async for chunk in response.streaming_content]


def answer_text(response: HttpResponseBase) -> str:
    """Everything the answer says: headers, body, the XML inside a .docx, the stream."""
    if getattr(response, "is_async", False):
        body = b"".join(async_to_sync(_chunks)(response))
    elif getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        body = response.content  # type: ignore[attr-defined]
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist())
    headers = "\n".join(
        f"{name}: {value}" for name, value in response.items() if name != "Content-Length"
    )
    return headers + "\n" + body.decode("utf-8", errors="replace")


def leaks(world: World, row: str, role: str, text: str, label: str = "") -> list[str]:
    """The canaries, draft references (and the row's forbidden strings) in ``text`` that
    ``role`` may not read."""
    folded = text.lower()
    found = [
        f"canary {key!r}"
        for key, canary in CANARIES.items()
        if role not in AUDIENCE[key] and canary in folded
    ]
    found += [
        f"reference of {key!r}"
        for key, reference in world.references.items()
        if role not in AUDIENCE[key] and reference.lower() in folded
    ]
    found += [f"{word!r}" for word in FORBIDDEN.get(row, ()) if word in text]
    if role not in ROUND_MEMBERS:
        record = UNPUBLISHED_RECORD.get((row, label), {})
        found += [what for what, tell in record.items() if tell in text]
    return found


_CSRF = re.compile(r'(csrfmiddlewaretoken" value="|csrf-token" content="|csrftoken=)[^";]+')


def _normalised(text: str, probe: Probe, values: tuple[str, ...]) -> str:
    path = probe.url.split("?")[0].removeprefix("/en")  # in every language's links
    text = _CSRF.sub(r"\1-", text).replace(probe.url, "<url>").replace(path, "<path>")
    for value in values:  # the id in paths ("/texts/1/") and in messages ("decision 1.")
        text = re.sub(rf"(?<=[/ ]){re.escape(value)}(?=[/. ,?\"'<])", "<id>", text)
    return text


def existence(
    row: str,
    subject: str,
    public: bool,
    role: str,
    probe: Probe,
    answer: tuple[int, str],
    missing: tuple[Probe, int, str],
    values: tuple[str, str],
) -> str | None:
    """Why ``probe``'s answer tells ``role`` that an object exists that it may not know of."""
    if public or probe.label in ("", "missing"):
        return None
    if role in EXISTENCE.get((subject, probe.label), frozenset(ROLE_ALL)):
        return None
    status, text = answer
    other, other_status, other_text = missing
    if status != other_status:
        return f"existence of {probe.label}: {status}, a missing one {other_status}"
    if _normalised(text, probe, values[:1]) != _normalised(other_text, other, values[1:]):
        return f"existence of {probe.label}: the answer differs from a missing one's"
    return None


ROLE_ALL = frozenset(
    {"anonymous", "outsider"} | {r for audience in AUDIENCE.values() for r in audience}
)
