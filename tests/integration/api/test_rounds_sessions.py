"""A round's life through the API: the convener creates it and invites, the host opens and
closes sessions, the secretariat keeps the record (a stale version is refused with 409 and
saves nothing), every participant reads the sessions; the mediator invites an expert, who
comments, and every reader of the text reads the comments."""

from __future__ import annotations

from typing import Any

import pytest
from tests.helpers.unchanged import database_state

from astana.web.processes.models import Round, Session

from .conftest import Api, Room

pytestmark = pytest.mark.django_db

INVITED = [
    ("government-of-kazakhstan", "host"),
    ("kazakhstan-mfa", "mediator"),
    ("syrian-national-coalition", "party"),
    ("astana-platform-secretariat", "secretariat"),
    ("united-nations", "observer"),
]


def ok(api: Api, role: str, method: str, path: str, body: Any = None, status: int = 200) -> Any:
    response = api.call(role, method, path, body)
    assert response.status_code == status, f"{role} {method} {path}: {response.content[:400]!r}"
    return response.json()


def test_a_round_from_creation_to_closed_sessions(api: Api, room: Room) -> None:
    made = ok(
        api,
        "convener",
        "POST",
        "/api/processes/astana-platform/rounds",
        {
            "slug": "round-next",
            "titles": {"en": "The next round", "ar": "الجولة التالية"},
            "venues": {"en": "Astana"},
            "start": "2026-05-25",
            "end": "2026-05-27",
            "invitations": [{"organisation": o, "role": r} for o, r in INVITED],
        },
        201,
    )
    assert made["state"] == "planned" and made["titles"]["ar"] == "الجولة التالية"
    invited = {(i["organisation"], i["role"]) for i in made["invitations"]}
    assert invited == {*INVITED, ("astana-platform", "convener")}
    rounds = f"/api/rounds/{made['id']}"
    sessions = f"{rounds}/sessions"

    # party3 takes no part yet: the round is not found; once invited, it reads the sessions.
    assert api.call("party3", "GET", sessions).status_code == 404
    invitation = {"organisation": "kurdish-parties", "role": "party"}
    assert ok(api, "convener", "POST", f"{rounds}/invitations", invitation, 201) == {
        "round_id": made["id"],
        **invitation,
    }
    assert ok(api, "party3", "GET", sessions) == []

    opened = ok(api, "host", "POST", sessions, {"titles": {"en": "Opening"}}, 201)
    assert (opened["number"], opened["is_open"], opened["version"]) == (1, True, 1)
    assert opened["opened_by"] == "demo-host" and opened["titles"] == {"en": "Opening"}
    assert Round.objects.get(pk=made["id"]).state == "in_session"
    assert "already open" in api.call("host", "POST", sessions, {}).json()["error"]

    record = {
        "based_on": 1,
        "agenda": ["Opening statements", "  ", "The roadmap"],
        "attendance": ["united-nations", "syrian-national-coalition"],
        "minutes": {"en": "The host opened the session.", "ar": "افتتح المضيف الجلسة."},
    }
    recorded = ok(api, "secretariat", "PUT", f"{sessions}/1/record", record)
    assert recorded["version"] == 2
    assert recorded["agenda"] == [
        {"order": 1, "texts": {"en": "Opening statements"}},
        {"order": 2, "texts": {"en": "The roadmap"}},
    ]
    assert recorded["attendance"] == ["syrian-national-coalition", "united-nations"]

    # The host closes on the version it loaded before the record: refused, nothing saved.
    stale = api.call("host", "POST", f"{sessions}/1/close", {"based_on": 1})
    assert stale.status_code == 409
    assert stale.json()["changes"] == ["session 1 is at version 2"]
    assert Session.objects.get(round_id=made["id"], number=1).is_open
    closed = ok(api, "host", "POST", f"{sessions}/1/close", {"based_on": 2})
    assert (closed["is_open"], closed["version"]) == (False, 3)
    assert closed["closed_at"] and closed["minutes"]["ar"] == "افتتح المضيف الجلسة."
    assert (
        "not open"
        in api.call("host", "POST", f"{sessions}/1/close", {"based_on": 3}).json()["error"]
    )

    # A shorter agenda in Arabic replaces the first item's Arabic and drops the second item.
    record = {"based_on": 3, "agenda": ["كلمات الافتتاح"], "agenda_language": "ar"}
    again = ok(api, "secretariat", "PUT", f"{sessions}/1/record", record)
    assert again["agenda"] == [
        {"order": 1, "texts": {"ar": "كلمات الافتتاح", "en": "Opening statements"}}
    ]
    assert again["attendance"] == [] and again["minutes"] == {}

    assert ok(api, "host", "POST", sessions, {}, 201)["number"] == 2
    seen = ok(api, "observer", "GET", sessions)
    assert [(s["number"], s["is_open"], s["version"]) for s in seen] == [
        (1, False, 4),
        (2, True, 1),
    ]
    audit = ok(api, "convener", "GET", f"{rounds}/audit")
    assert {"round.create", "participant.invite", "session.open", "session.record"} <= {
        entry["action"] for entry in audit
    }


def test_two_record_edits_on_the_same_version(api: Api, room: Room) -> None:
    path = f"/api/rounds/{room.round_id}/sessions/1/record"
    loaded = Session.objects.get(round_id=room.round_id, number=1).version
    first = {"based_on": loaded, "agenda": ["Opening"], "minutes": {"en": "First."}}
    assert ok(api, "secretariat", "PUT", path, first)["version"] == loaded + 1
    before = database_state()
    late = api.call("secretariat", "PUT", path, {**first, "minutes": {"en": "Second."}})
    assert late.status_code == 409
    body = late.json()
    assert f"your version {loaded}, now {loaded + 1}" in body["error"]
    assert "Nothing was saved" in body["error"]
    assert body["changes"] == [f"session 1 is at version {loaded + 1}"]
    assert database_state().changes_since(before) == []
    assert Session.objects.get(round_id=room.round_id, number=1).minutes_en == "First."


def test_an_invited_expert_comments_and_every_reader_sees_it(api: Api, room: Room) -> None:
    comments = f"/api/texts/{room.text_id}/comments"
    view = {"provision": "art_1__para_1", "body": "A gradual transition needs a timetable."}
    refused = api.call("expert", "POST", comments, view)
    assert refused.status_code == 403 and "not invited" in refused.json()["error"]
    invited = ok(
        api,
        "mediator",
        "POST",
        f"/api/texts/{room.text_id}/experts",
        {"organisation": "constitutional-experts"},
        201,
    )
    assert invited == {"text_id": room.text_id, "organisation": "constitutional-experts"}
    made = ok(api, "expert", "POST", comments, view, 201)
    assert made["organisation"] == "constitutional-experts" and made["revision"] == 1
    for role in ("observer", "party1", "convener", "mediator"):
        assert [(c["id"], c["body"]) for c in ok(api, role, "GET", comments)] == [
            (made["id"], view["body"])
        ]
    # Invited to this text only: the expert takes no part in the other round.
    assert (
        api.call("expert", "POST", f"/api/texts/{room.other_text_id}/comments", view).status_code
        == 404
    )
    events = ok(api, "observer", "GET", f"/api/rounds/{room.round_id}/events")
    assert any(
        e["summary"].startswith("Panel of constitutional experts commented on Article 1 ¶1 — ")
        for e in events
    )
