"""Forming a committee through the HTTP API, as the story goes: the convener defines a small
constitutional committee (three blocs of three, a small body of one per bloc, two co-chairs,
at least 30% women overall and in each bloc, approval by Russia and the UN); the UN names the
civil-society third and the convener records the other two; the check names the one failing
quota exactly; a nomination beyond the seats is refused; the government replaces a member;
Russia and the UN approve; the committee is formed and the public can read it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from astana.web.accounts.models import User
from astana.web.api.tokens import token_create

pytestmark = pytest.mark.django_db

DEFINITION = {
    "blocs": [
        {
            "name": "government",
            "seats": 3,
            "small_body_seats": 1,
            "nominated_by": "government-of-syria",
            "convener_nominates": True,
        },
        {
            "name": "opposition",
            "seats": 3,
            "small_body_seats": 1,
            "nominated_by": "syrian-negotiation-commission",
            "convener_nominates": True,
        },
        {
            "name": "civil society",
            "seats": 3,
            "small_body_seats": 1,
            "nominated_by": "united-nations",
        },
    ],
    "co_chairs": 2,
    "co_chair_blocs": ["government", "opposition"],
    "quotas": ["at least 30% women overall", "at least 30% women in each bloc"],
    "approvers": ["government-of-russia", "united-nations"],
    "rule": "consensus else 75% of members",
}
NOMINATIONS = [
    ("convener", "Hadi Ghazal", "government", "man", True, True),
    ("convener", "Kamal Aswad", "government", "man", False, False),
    ("convener", "Yusuf Haddad", "government", "man", False, False),
    ("convener", "Rana Khalil", "opposition", "woman", True, True),
    ("convener", "Omar Nasser", "opposition", "man", False, False),
    ("convener", "Samir Barakat", "opposition", "man", False, False),
    ("observer", "Lina Mansour", "civil society", "woman", True, False),
    ("observer", "Huda Saleh", "civil society", "woman", False, False),
    ("observer", "Tarek Fares", "civil society", "man", False, False),
]


class Caller:
    def __init__(self) -> None:
        self.client = Client()
        self.tokens: dict[str, str] = {}

    def __call__(self, who: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        headers = {}
        if who != "anonymous":
            if who not in self.tokens:
                self.tokens[who] = token_create(user=User.objects.get(username=who))[1]
            headers["Authorization"] = f"Bearer {self.tokens[who]}"
        if method == "GET":
            response = self.client.get(path, headers=headers)
        else:
            response = self.client.generic(
                method,
                path,
                json.dumps(body or {}),
                content_type="application/json",
                headers=headers,
            )
        return response.status_code, response.json()


def test_forming_a_committee_through_the_api() -> None:
    api = Caller()
    status, committee = api(
        "convener",
        "POST",
        "/api/processes/astana-platform/committees",
        {
            "slug": "small-constitutional",
            "names": {"en": "Small constitutional committee"},
            "definition": DEFINITION,
        },
    )
    assert status == 201, committee
    url = f"/api/committees/{committee['id']}"
    assert api("anonymous", "GET", url)[0] == 404  # forming: not public yet

    for who, name, bloc, gender, small, chair in NOMINATIONS:
        status, body = api(
            who,
            "POST",
            f"{url}/nominees",
            {
                "name": name,
                "bloc": bloc,
                "gender": gender,
                "in_small_body": small,
                "co_chair": chair,
            },
        )
        assert status == 201, body

    status, committee = api("guarantor", "GET", url)
    assert not committee["valid"] and not committee["formed"]
    quotas = [v for v in committee["violations"] if v["code"] == "quota"]
    assert quotas == [
        {
            "code": "quota",
            "shortfall": 1,
            "message": "women in bloc 'government': 0 of 3 = 0.0%, at least 30% needs 1, 1 more",
        }
    ]
    assert [v["code"] for v in committee["violations"]] == ["approval", "approval", "quota"]

    # A nomination beyond the bloc's seats: refused, said why, nothing changed.
    status, refusal = api(
        "convener",
        "POST",
        f"{url}/nominees",
        {"name": "Nour Hamdan", "bloc": "government", "gender": "woman"},
    )
    assert status == 400
    assert refusal["error"] == (
        "Bloc 'government' has 3 seats and all 3 are filled; withdraw or replace a member first."
    )
    assert api("guarantor", "GET", url)[1]["version"] == committee["version"]
    # The UN does not nominate for the government.
    status, refusal = api(
        "observer",
        "POST",
        f"{url}/nominees",
        {"name": "Nour Hamdan", "bloc": "government", "gender": "woman"},
    )
    assert status == 403 and "nominated by Syrian government" in refusal["error"]

    yusuf = next(m for m in committee["members"] if m["name"] == "Yusuf Haddad")
    status, committee = api(
        "convener",
        "POST",
        f"/api/nominees/{yusuf['id']}/replace",
        {"name": "Nour Hamdan", "gender": "woman"},
    )
    assert status == 201
    assert [v["code"] for v in committee["violations"]] == ["approval", "approval"]
    assert committee["former"][0]["state"] == "replaced"

    status, approved = api("guarantor", "POST", f"{url}/approvals", {})
    assert status == 201 and approved["approver"] == "government-of-russia"
    assert len(approved["nominees"]) == 9
    assert [v["message"] for v in approved["committee"]["violations"]] == [
        "approval by 'united-nations': 0 of 9 members approved, 9 missing: "
        "Hadi Ghazal, Kamal Aswad, Rana Khalil, Omar Nasser, Samir Barakat and 4 more"
    ]
    status, refusal = api("party1", "POST", f"{url}/approvals", {})
    assert status == 403 and "approved by government-of-russia, united-nations" in refusal["error"]
    status, approved = api("observer", "POST", f"{url}/approvals", {})
    assert status == 201
    committee = approved["committee"]
    assert committee["valid"] and committee["formed"] and committee["violations"] == []

    status, public = api("anonymous", "GET", url)
    assert status == 200 and public["formed"] and len(public["members"]) == 9
    listed = api("anonymous", "GET", "/api/processes/astana-platform/committees")[1]
    assert [c["slug"] for c in listed] == ["small-constitutional"]
