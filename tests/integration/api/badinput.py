"""How the bad-input tests describe a case and check it: a clear 4xx with ``{"error": ...}``
naming the problem, and nothing changed (every row of the platform compared before and after,
see tests.helpers.unchanged)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.helpers.unchanged import database_state

from astana.web.negotiation.models import TextProposal
from astana.web.processes.models import Session

from .conftest import Api, Room

HUGE = "x" * 200_001
NOTE = "n" * 20_001


@dataclass(frozen=True)
class Bad:
    role: str
    method: str
    path: str  # formatted with the room's ids (see _ids)
    body: Callable[[dict[str, int]], Any] | bytes | None
    status: int
    says: str  # a fragment the error message must contain


def ids_of(room: Room) -> dict[str, int]:
    draft = TextProposal.objects.get(public_id=room.draft_id)
    return {
        "round": room.round_id,
        "text": room.text_id,
        "other_round": room.other_round_id,
        "other_text": room.other_text_id,
        "other_draft": room.other_draft_id,
        "draft": room.draft_id,
        "draftv": draft.version,
        "P1": room.proposals["P1"],
        "p1v": room.proposal_version("P1"),
        "P2": room.proposals["P2"],
        "p2v": room.proposal_version("P2"),
        "v": room.text.version,
        "sv": Session.objects.get(round_id=room.round_id, number=1).version,  # the open session
    }


def change(**change: Any) -> Callable[[dict[str, int]], Any]:
    return lambda ids: {"change": change}


TEXTS, TEXT = "/api/rounds/{round}/texts", "/api/texts/{text}"
REVISIONS, PROPOSALS = "/api/texts/{text}/revisions", "/api/texts/{text}/proposals"
POSITIONS, CAUCUS = "/api/texts/{text}/positions", "/api/rounds/{round}/caucus"
AGREE = "/api/texts/{text}/provisions/{provision}/agree-ad-referendum"


def check(api: Api, room: Room, bad: Bad) -> None:
    ids = ids_of(room)
    before = database_state()
    path = bad.path.format(**ids)
    if isinstance(bad.body, bytes):
        response = api.call(bad.role, bad.method, path, raw=bad.body)
    else:
        response = api.call(bad.role, bad.method, path, bad.body(ids) if bad.body else None)
    assert response.status_code == bad.status, response.content.decode()[:500]
    error = response.json()["error"]
    assert bad.says in error, error
    assert database_state().changes_since(before) == []
