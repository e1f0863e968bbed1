"""Two delegates act on the same version: the second write is refused with 409, told what
changed in between, and nothing of theirs is saved. A draft made meanwhile is never among
the changes told (it is confidential to its delegation)."""

from __future__ import annotations

import pytest
from tests.helpers.unchanged import database_state

from astana.web.negotiation.models import TextRevision

from .conftest import Api, Room

pytestmark = pytest.mark.django_db


def test_second_position_on_the_same_version_is_refused(api: Api, room: Room) -> None:
    version = room.text.version
    path = f"/api/texts/{room.text_id}/positions"
    first = api.call(
        "party2",
        "POST",
        path,
        {"based_on": version, "provision": "art_1__para_1", "stance": "support"},
    )
    assert first.status_code == 200 and first.json()["version"] == version + 1
    before = database_state()
    second = api.call(
        "party3",
        "POST",
        path,
        {"based_on": version, "provision": "art_1__para_1", "stance": "cannot_accept"},
    )
    assert second.status_code == 409
    body = second.json()
    assert "changed since you loaded it" in body["error"] and "Nothing was saved" in body["error"]
    assert body["changes"] == [
        "Syriac National Council supports Article 1 ¶1 — The parties agree on Option 1: a…"
    ]
    assert database_state().changes_since(before) == []


def test_revision_on_an_old_version_is_refused_and_names_the_tabled_proposal(
    api: Api, room: Room
) -> None:
    version = room.text.version
    # party1 drafts meanwhile: a confidential change, which the 409 must not mention.
    secret = {"kind": "delete_provision", "provision": "art_3__para_1"}
    assert (
        api.call(
            "party1", "POST", f"/api/texts/{room.text_id}/proposals", {"change": secret}
        ).status_code
        == 201
    )
    draft = api.call(
        "party3",
        "POST",
        f"/api/texts/{room.text_id}/proposals",
        {"change": {"kind": "delete_provision", "provision": "art_2__para_1"}},
    ).json()
    tabled = api.call(
        "party3", "POST", f"/api/proposals/{draft['id']}/table", {"based_on": draft["version"]}
    )
    assert tabled.status_code == 200
    before = database_state()
    stale = api.call(
        "mediator",
        "POST",
        f"/api/texts/{room.text_id}/revisions",
        {"based_on": version, "fold": ["P1"]},
    )
    assert stale.status_code == 409
    # The draft's private reference is replaced by the public one when it is tabled.
    assert stale.json()["changes"] == [f"Kurdish parties tabled {tabled.json()['reference']}"]
    assert not any("drafted" in change for change in stale.json()["changes"])
    assert database_state().changes_since(before) == []
    assert TextRevision.objects.filter(text_id=room.text_id).count() == 1
    fresh = api.call(
        "mediator",
        "POST",
        f"/api/texts/{room.text_id}/revisions",
        {"based_on": version + 1, "fold": ["P1"]},
    )
    assert fresh.status_code == 201 and fresh.json()["number"] == 2


def test_support_and_oppose_on_the_same_proposal_version(api: Api, room: Room) -> None:
    p1 = room.proposals["P1"]
    version = room.proposal_version("P1")
    assert (
        api.call(
            "party2", "POST", f"/api/proposals/{p1}/support", {"based_on": version}
        ).status_code
        == 200
    )
    before = database_state()
    late = api.call("party3", "POST", f"/api/proposals/{p1}/oppose", {"based_on": version})
    assert late.status_code == 409
    assert f"your version {version}, now {version + 1}" in late.json()["error"]
    # In words: the supporter by its name, not its slug.
    assert late.json()["changes"] == ["P1 is tabled", "P1 is supported by Syriac National Council"]
    assert database_state().changes_since(before) == []


def test_agreement_on_an_old_version_is_refused(api: Api, room: Room) -> None:
    version = room.text.version
    path = f"/api/texts/{room.text_id}/positions"
    body = {"based_on": version, "provision": "art_5__para_1", "stance": "cannot_accept"}
    assert api.call("party3", "POST", path, body).status_code == 200
    before = database_state()
    confirm = api.call(
        "mediator",
        "POST",
        f"/api/texts/{room.text_id}/provisions/art_5__para_1/confirm",
        {"based_on": version},
    )
    assert confirm.status_code == 409
    assert confirm.json()["changes"] == [
        "Kurdish parties cannot accept Article 5 ¶1 — The parties agree to return to Astana…"
    ]
    assert database_state().changes_since(before) == []
