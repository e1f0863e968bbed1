"""Public references say nothing about private work (issue 12, item 5).

party1 writes three drafts and two caucus notes between two public events. Every other
reader (party2, the observer, the mediator) sees consecutive event numbers, proposal URLs
and ids that are random, caucus notes numbered within their own caucus, and an audit log
without row ids; reconnecting to the event stream with Last-Event-ID loses nothing and
shows nothing of party1's caucus. party1 sees its own private events numbered on their own.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.test import Client
from tests.helpers.people import login, user

from astana.web.common.cursor import EventCursor
from astana.web.common.models import RoundEvent
from astana.web.negotiation import actions, live, views_events
from astana.web.negotiation.models import NegotiationText, TextProposal
from astana.web.processes.models import Round

pytestmark = pytest.mark.django_db

READERS = ("party2", "observer", "mediator")
ORGANISATIONS = {"party2": "syriac-national-council", "party3": "kurdish-parties"}
DELETE_5 = {"kind": "delete_provision", "provision": "art_5__para_1"}


def events(client: Client, rnd: Round, after: str = "r0") -> list[dict[str, Any]]:
    """Every live event after ``after`` through the API, following the cursors."""
    found: list[dict[str, Any]] = []
    while True:
        response = client.get(f"/api/rounds/{rnd.pk}/events", {"after": after})
        assert response.status_code == 200, response.content
        page = response.json()
        if not page:
            return found
        found += page
        after = page[-1]["cursor"]


def stream(client: Client, rnd: Round, last_event_id: str, monkeypatch: Any) -> list[str]:
    """One short connection to the event stream: the ``id:`` of every event it sends."""
    monkeypatch.setattr(views_events, "EVENT_STREAM_SECONDS", 0.2)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.05)
    headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
    response = client.get(f"/en/rounds/{rnd.pk}/events", headers=headers)
    assert response.status_code == 200

    async def read() -> bytes:
        return b"".join([chunk async for chunk in response.streaming_content])  # type: ignore[attr-defined]

    body = async_to_sync(read)().decode()
    return re.findall(r"^id: (\S+)$", body, flags=re.MULTILINE)


def party1_works_in_its_caucus(rnd: Round, text: NegotiationText) -> None:
    for n in range(3):
        actions.proposal_draft(
            user=user("party1"), text_id=text.pk, change=DELETE_5, justification=f"draft {n}"
        )
        actions.caucus_note_add(user=user("party1"), round_id=rnd.pk, body=f"note {n}")


def shared_numbers(listed: list[dict[str, Any]]) -> list[int]:
    assert all(re.fullmatch(r"[rd][1-9][0-9]*", e["id"]) for e in listed), listed
    return [int(e["id"][1:]) for e in listed if e["id"].startswith("r")]


def test_events_between_two_public_ones_count_nothing_private(
    sandbox: Round, roadmap: NegotiationText, monkeypatch: Any
) -> None:
    clients = {name: login(name) for name in (*READERS, "party1")}
    before = {name: events(client, sandbox) for name, client in clients.items()}
    actions.provision_agree_ad_referendum(
        user=user("mediator"),
        text_id=roadmap.pk,
        based_on=roadmap.version,
        provision="art_5__para_1",
    )
    party1_works_in_its_caucus(sandbox, roadmap)
    roadmap.refresh_from_db()
    draft = actions.proposal_draft(
        user=user("party2"), text_id=roadmap.pk, change=DELETE_5, justification="ours"
    )
    actions.proposal_table(user=user("party2"), proposal_id=draft.public_id, based_on=draft.version)
    assert RoundEvent.objects.filter(round=sandbox, audience__slug="syrian-national-coalition")
    for name in READERS:
        seen = events(clients[name], sandbox)
        numbers = shared_numbers(seen)
        assert numbers == list(range(1, len(numbers) + 1)), (name, numbers)
        new = seen[len(before[name]) :]
        assert [e["kind"] for e in new if e["id"].startswith("r")] == [
            "provision.agree_ad_referendum",
            "proposal.table",
        ], name
        # What the two public events are called is the same for every reader: nothing of
        # party1's caucus work (nor of party2's own draft) comes between them.
        first, second = (int(e["id"][1:]) for e in new if e["id"].startswith("r"))
        assert second == first + 1
        assert not any("Syrian National Coalition drafted" in e["summary"] for e in seen)
        # Reconnecting anywhere with Last-Event-ID gives exactly the rest, nothing else.
        cursors = [e["cursor"] for e in seen]
        assert stream(clients[name], sandbox, "", monkeypatch) == cursors
        middle = len(before[name])
        assert stream(clients[name], sandbox, cursors[middle - 1], monkeypatch) == cursors[middle:]
        assert [e["cursor"] for e in events(clients[name], sandbox, cursors[middle - 1])] == (
            cursors[middle:]
        )
    # Each delegation's own drafts are its private events, numbered on their own: the sandbox
    # drafted one for each, then party1 three more and party2 one.
    mine = [e["id"] for e in events(clients["party2"], sandbox) if e["id"][0] == "d"]
    assert mine == ["d1", "d2"]
    own = [e for e in events(clients["party1"], sandbox) if e["id"][0] == "d"]
    assert [e["id"] for e in own] == ["d1", "d2", "d3", "d4"]
    assert [e["cursor"].split(".")[1] for e in own] == ["d1", "d2", "d3", "d4"]
    observer_cursor = events(clients["observer"], sandbox)[-1]["cursor"]
    assert events(clients["party2"], sandbox)[-1]["cursor"] == f"{observer_cursor}.d2"


def test_room_page_cursor_and_feed_do_not_move_for_private_work(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    def page_refs(client: Client) -> tuple[str, list[str]]:
        html = client.get(f"/en/rounds/{sandbox.pk}/room/").content.decode()
        after = re.search(r'data-after="([^"]*)"', html)
        assert after is not None
        return after[1], re.findall(r'<li data-id="([^"]*)"', html)

    clients = {name: login(name) for name in READERS}
    before = {name: page_refs(client) for name, client in clients.items()}
    text_before = {
        name: re.search(r'data-after="([^"]*)"', c.get(f"/en/texts/{roadmap.pk}/").content.decode())
        for name, c in clients.items()
    }
    party1_works_in_its_caucus(sandbox, roadmap)
    for name, client in clients.items():
        assert page_refs(client) == before[name], name
        html = client.get(f"/en/texts/{roadmap.pk}/").content.decode()
        after = re.search(r'data-after="([^"]*)"', html)
        assert after is not None and text_before[name] is not None
        assert after[1] == text_before[name][1], name  # type: ignore[index]
    shared = RoundEvent.objects.filter(round=sandbox, audience__isnull=True).count()
    cursor, feed = before["observer"]
    assert cursor == f"r{shared}"
    assert feed == [f"r{n}" for n in range(shared, max(shared - 15, 0), -1)]


def test_proposals_are_named_by_random_public_ids_and_tabling_order(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    party1_works_in_its_caucus(sandbox, roadmap)
    draft = actions.proposal_draft(
        user=user("party2"), text_id=roadmap.pk, change=DELETE_5, justification="ours"
    )
    tabled = actions.proposal_table(
        user=user("party2"), proposal_id=draft.public_id, based_on=draft.version
    )
    assert tabled.reference == "P4"  # the sandbox tabled P1-P3; party1's drafts count nowhere
    pks = set(TextProposal.objects.values_list("pk", flat=True))
    for name in ("party2", "party3", "observer", "mediator"):
        client = login(name)
        html = client.get(f"/en/texts/{roadmap.pk}/").content.decode()
        in_urls = re.findall(r"/proposals/([^/\"]+)/", html)
        assert not any(ref.isdigit() for ref in in_urls), (name, in_urls)
        listed = client.get(f"/api/texts/{roadmap.pk}/proposals").json()
        assert [p["reference"] for p in listed if p["state"] != "draft"] == [
            "P1",
            "P2",
            "P3",
            "P4",
        ]
        for p in listed:
            assert isinstance(p["id"], str) and len(p["id"]) >= 20
            assert not p["id"].isdigit() and p["id"] not in {str(pk) for pk in pks}
            # When a delegation began a proposal is its own business.
            own = p["author"] == ORGANISATIONS.get(name)
            assert (p["created_at"] is not None) == own, (name, p["reference"])
    # The old integer URLs are gone: a row id names nothing.
    party2 = login("party2")
    p3 = TextProposal.objects.get(text=roadmap, reference="P3")
    response = party2.post(
        f"/en/texts/{roadmap.pk}/proposals/{p3.pk}/support", {"based_on": p3.version}
    )
    assert response.status_code == 404
    answer = party2.post(
        f"/api/proposals/{p3.pk}/support",
        {"based_on": p3.version},
        content_type="application/json",
    )
    assert answer.status_code in (403, 404)  # the session's CSRF check, or no such proposal


def test_caucus_notes_are_numbered_within_their_caucus(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    party2 = login("party2")
    actions.caucus_note_add(user=user("party2"), round_id=sandbox.pk, body="first")
    party1_works_in_its_caucus(sandbox, roadmap)
    actions.caucus_note_add(user=user("party2"), round_id=sandbox.pk, body="second")
    notes = party2.get(f"/api/rounds/{sandbox.pk}/caucus").json()
    assert sorted((n["number"], n["body"]) for n in notes) == [(1, "first"), (2, "second")]
    assert all("id" not in n for n in notes)
    mine = login("party1").get(f"/api/rounds/{sandbox.pk}/caucus").json()
    assert sorted(n["number"] for n in mine) == [1, 2, 3]


def test_the_audit_log_shows_no_row_ids_and_no_confidential_action_names(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    party1_works_in_its_caucus(sandbox, roadmap)
    convener = login("convener")
    entries = convener.get(f"/api/rounds/{sandbox.pk}/audit").json()
    assert entries and all("id" not in e for e in entries)
    assert not {"proposal.draft", "caucus.note_add"} & {e["action"] for e in entries}
    html = convener.get(f"/en/rounds/{sandbox.pk}/audit/").content.decode()
    assert '<option value="proposal.table">Proposal tabled</option>' in html
    assert "proposal.draft" not in html and "caucus.note_add" not in html


@pytest.mark.parametrize(
    ("text", "cursor"),
    [("r0", EventCursor()), ("r41", EventCursor(41)), ("r41.d7", EventCursor(41, 7))],
)
def test_a_cursor_parses_and_prints_back(text: str, cursor: EventCursor) -> None:
    assert EventCursor.parse(text) == cursor and str(cursor) == text
    assert cursor.advanced(50, private=False).shared == 50
    assert cursor.advanced(3, private=True) == EventCursor(cursor.shared, 3)


@pytest.mark.parametrize("text", ["", "41", "r-1", "r01", "r4.d0", "r4;d7", "d7", "r99999999999"])
def test_anything_else_is_no_cursor(text: str) -> None:
    with pytest.raises(ValueError, match=r"event cursor|between 0"):
        EventCursor.parse(text)
