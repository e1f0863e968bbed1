"""The API tests' room: sandbox round 3 with a confidential draft of party1, caucus notes of
party1 and party2, art_5 agreed ad referendum, a token per demo user and an outsider, and a
second round (with its own text and draft) that party1 takes no part in."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from tests.helpers.people import ANONYMOUS, ROLES, bearer, token_of, user

from astana.web.negotiation import actions
from astana.web.negotiation.models import NegotiationText, RoundInvitation, TextProposal
from astana.web.processes.models import Organisation, Round

ROOT = Path(__file__).resolve().parents[3]
ROADMAP = ROOT / "data" / "sandbox" / "round-3-roadmap.txt"

# What must never reach anyone but its owner: words in party1's draft and each caucus.
DRAFT_SECRET = "SECRETDRAFTWORD"
CAUCUS_SECRET = {"party1": "SECRET-CAUCUS-party1", "party2": "SECRET-CAUCUS-party2"}


@dataclass
class Room:
    round_id: int
    text_id: int
    proposals: dict[str, str]  # reference → public id
    draft_id: str  # party1's draft (its public id)
    other_round_id: int
    other_text_id: int
    other_draft_id: str  # party2's draft in the other round (its public id)
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> NegotiationText:
        return NegotiationText.objects.get(pk=self.text_id)

    def proposal_version(self, reference: str) -> int:
        return TextProposal.objects.get(text_id=self.text_id, reference=reference).version


def _other_round(rnd: Round) -> tuple[Round, NegotiationText, TextProposal]:
    other = Round.objects.create(
        process=rnd.process,
        slug="api-test-other-round",
        number=99,
        start=date.today().isoformat(),
        end=date.today().isoformat(),
        state=Round.State.IN_SESSION,
        is_sandbox=True,
        title_en="Another round",
    )
    for org in ("kazakhstan-mfa", "syriac-national-council", "kurdish-parties"):
        role = "mediator" if org == "kazakhstan-mfa" else "party"
        RoundInvitation.objects.create(
            round=other, organisation=Organisation.objects.get(slug=org), role=role
        )
    text = actions.text_create(
        user=user("mediator"),
        round_id=other.pk,
        slug="elsewhere",
        titles={"en": "Elsewhere"},
        notation=ROADMAP.read_text(encoding="utf-8"),
    )
    draft = actions.proposal_draft(
        user=user("party2"),
        text_id=text.pk,
        change={"kind": "delete_provision", "provision": "art_5__para_1"},
        justification="elsewhere",
    )
    return other, text, draft


def _build_room(rnd: Round) -> Room:
    text = NegotiationText.objects.get(round=rnd, slug="roadmap")
    draft = actions.proposal_draft(
        user=user("party1"),
        text_id=text.pk,
        change={
            "kind": "insert_words",
            "provision": "art_4__para_1",
            "language": "en",
            "after": "Free",
            "words": f" {DRAFT_SECRET}",
        },
        justification=f"{DRAFT_SECRET} in the justification too",
    )
    for name, secret in CAUCUS_SECRET.items():
        actions.caucus_note_add(user=user(name), round_id=rnd.pk, body=secret)
    text.refresh_from_db()
    actions.provision_agree_ad_referendum(
        user=user("mediator"), text_id=text.pk, based_on=text.version, provision="art_5__para_1"
    )
    other, other_text, other_draft = _other_round(rnd)
    room = Room(
        round_id=rnd.pk,
        text_id=text.pk,
        proposals=dict(
            TextProposal.objects.filter(text=text).values_list("reference", "public_id")
        ),
        draft_id=draft.public_id,
        other_round_id=other.pk,
        other_text_id=other_text.pk,
        other_draft_id=other_draft.public_id,
    )
    for name in ROLES[1:]:
        room.tokens[name] = token_of(name)
    return room


@pytest.fixture(scope="module")
def _room_built(_sandbox_built: int | None) -> Room | None:
    """The room, built once per module on the module's sandbox (see ``module_db``)."""
    if _sandbox_built is None:
        return None
    return _build_room(Round.objects.get(pk=_sandbox_built))


@pytest.fixture
def room(sandbox: Round, _room_built: Room | None) -> Room:
    if _room_built is None:
        return _build_room(sandbox)
    return copy.deepcopy(_room_built)


class Api:
    """A client that speaks JSON to /api/ with a role's bearer token (none for anonymous)."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.client = Client()

    def call(
        self, role: str, method: str, path: str, body: Any = None, *, raw: bytes | None = None
    ) -> Any:
        headers = bearer(None if role == ANONYMOUS else self.room.tokens[role])
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        if method == "GET":
            return self.client.get(path, headers=headers)
        return self.client.generic(
            method, path, data or b"", content_type="application/json", headers=headers
        )


@pytest.fixture
def api(room: Room) -> Api:
    return Api(room)
