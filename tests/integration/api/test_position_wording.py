"""Issue 12, item 7: agreement on old wording does not count for new wording.

The Syrian National Coalition (party1) supports "[unimpeded] access" at Rev.1. Rev.3
rewords the provision; the other parties support the new wording. The mediator's check
must list party1 as missing, the positions list and the API must say "given on Rev.1
wording", and party1's one click to confirm on the current wording must fix it.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client

from astana.core.text import Document, wording_fingerprint
from astana.web.common.models import AuditEntry
from astana.web.demo import DEMO_PASSWORD
from astana.web.negotiation.models import NegotiationText

from .conftest import Api, Room

pytestmark = pytest.mark.django_db

AID = "art_1__para_1"
SNC = "syrian-national-coalition"
NOTATION = """@lang en

Humanitarian access

Article 1: Access
1. The parties shall allow [unimpeded] access for humanitarian convoys.

Article 2: Follow-up
1. The parties shall meet again in Astana.
"""
NEW_WORDING = "The parties shall allow rapid and safe access for humanitarian convoys."


class Table:
    def __init__(self, api: Api, room: Room) -> None:
        self.api = api
        made = self.call(
            "mediator",
            "POST",
            f"/api/rounds/{room.round_id}/texts",
            {"slug": "access", "titles": {"en": "Humanitarian access"}, "notation": NOTATION},
            status=201,
        )
        self.text: int = made["id"]

    def call(self, role: str, method: str, path: str, body: Any = None, status: int = 200) -> Any:
        response = self.api.call(role, method, path, body)
        assert response.status_code == status, response.content.decode()[:400]
        return response.json()

    def read(self) -> Any:
        return self.call("mediator", "GET", f"/api/texts/{self.text}")

    @property
    def version(self) -> int:
        return int(self.read()["text"]["version"])

    def position(self, party: str, provision: str = AID) -> Any:
        body = {"based_on": self.version, "provision": provision, "stance": "support"}
        return self.call(party, "POST", f"/api/texts/{self.text}/positions", body)

    def issue(self, fold: list[str]) -> Any:
        body = {"based_on": self.version, "fold": fold}
        return self.call("mediator", "POST", f"/api/texts/{self.text}/revisions", body, 201)

    def agree(self, status: int = 200) -> Any:
        path = f"/api/texts/{self.text}/provisions/{AID}/agree-ad-referendum"
        return self.call("mediator", "POST", path, {"based_on": self.version}, status)

    def reword(self) -> None:
        """Rev.2 changes article 2 only; Rev.3 rewords article 1."""
        change = {"kind": "replace_text", "provision": "art_2__para_1", "language": "en"}
        self.issue([self.table("party2", {**change, "text": "They shall meet in Geneva."})])
        rev2 = self.read()["positions"]["positions"]
        assert all(p["current"] for p in rev2 if p["provision"] == AID), "same wording counts"
        change = {"kind": "replace_text", "provision": AID, "language": "en", "text": NEW_WORDING}
        self.issue([self.table("party2", change)])

    def table(self, party: str, change: dict[str, Any]) -> str:
        draft = self.call(
            party, "POST", f"/api/texts/{self.text}/proposals", {"change": change}, 201
        )
        path = f"/api/proposals/{draft['id']}/table"
        return str(self.call(party, "POST", path, {"based_on": draft["version"]})["reference"])


def page(username: str, text: int) -> str:
    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client.get(f"/en/texts/{text}/").content.decode()


def test_support_on_rev1_wording_does_not_count_at_rev3_until_renewed(api: Api, room: Room) -> None:
    table = Table(api, room)
    table.position("party1")  # on "[unimpeded]", Rev.1
    table.reword()
    for party in ("party2", "party3"):
        table.position(party)

    refused = table.agree(status=400)
    # In words: the delegation's name, and the wording its position was given on.
    assert "by: Syrian National Coalition (given on Rev.1 wording)." in refused["error"]
    assert SNC not in refused["error"]
    state = table.read()
    assert state["revision"] == 3
    (mine,) = [p for p in state["positions"]["positions"] if p["party"] == SNC]
    assert (mine["revision"], mine["current"]) == (1, False)
    (aid,) = [s for s in state["standing"] if s["provision"] == AID]
    assert aid["must_confirm"] == [SNC]
    assert [(p["party"], p["revision"]) for p in aid["stale"]] == [(SNC, 1)]

    for username in ("mediator", "observer", "party1"):
        html = page(username, table.text)
        recorded = html.split('id="positions-recorded"')[1].split("</ul>")[0]
        assert "given on Rev.1 wording" in recorded, username
        blockers = html.split('id="blockers"')[1].split("</details>")[0]
        assert "must confirm on the current wording:" in blockers
        assert "(given on Rev.1 wording)" in blockers
        assert "stale-wording" in html  # the provision itself is marked
    assert "Confirm on the current wording" in page("party1", table.text)
    assert "Confirm on the current wording" not in page("party2", table.text)

    # party1 confirms on the current wording: the same position.set, through the page.
    client = Client()
    assert client.login(username="party1", password=DEMO_PASSWORD)
    renewed = client.post(
        f"/en/texts/{table.text}/positions/",
        {"based_on": table.version, "provision": AID, "stance": "support", "reservation": ""},
    )
    assert renewed.status_code == 302
    agreed = table.agree()
    assert all(p["current"] for p in agreed["positions"]["positions"] if p["provision"] == AID)
    assert agreed["positions"]["agreements"][AID]["revision"] == 3
    assert "given on Rev.1 wording" not in page("mediator", table.text)


def test_existing_positions_are_bound_to_the_wording_of_their_time(api: Api, room: Room) -> None:
    table = Table(api, room)
    table.position("party1")
    table.position("party3")
    table.reword()
    table.position("party2")
    text = NegotiationText.objects.get(pk=table.text)
    bound = text.positions
    # As stored before positions were bound to a wording; party3's audit entry is lost.
    text.positions = {
        "parties": bound["parties"],
        "positions": [
            {k: v for k, v in p.items() if k not in ("revision", "wording")}
            for p in bound["positions"]
        ],
        "states": {},
    }
    text.save(update_fields=["positions"])
    AuditEntry.objects.filter(action="position.set", organisation__slug="kurdish-parties").delete()

    migration = importlib.import_module("astana.web.negotiation.migrations.0008_position_wording")
    # The models as the migration sees them (the audit trail was still the room's then).
    apps = MigrationLoader(connection).project_state(("negotiation", "0008_position_wording")).apps
    migration.bind_existing(apps, None)
    text.refresh_from_db()

    by_party = {p["party"]: p for p in text.positions["positions"]}
    rev1 = Document.from_dict(text.revisions.get(number=1).document)
    assert by_party[SNC]["revision"] == 1
    assert by_party[SNC]["wording"] == wording_fingerprint(rev1[AID])
    assert by_party["syriac-national-council"]["revision"] == 3
    assert by_party["kurdish-parties"]["revision"] is None  # unknown: stale
    state = table.read()
    assert {p["party"]: p["current"] for p in state["positions"]["positions"]} == {
        SNC: False,
        "syriac-national-council": True,
        "kurdish-parties": False,
    }
    migration.unbind(apps, None)
    text.refresh_from_db()
    assert text.positions["states"] == {} and "wording" not in text.positions["positions"][0]
