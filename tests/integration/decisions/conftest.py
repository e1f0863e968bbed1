"""Decisions and committees on the sandbox round (round 3 of the Astana Platform): its open
session 1 with the three demo parties attending, and a small committee of the process built
like the Syrian Constitutional Committee (three blocs, a small body, two co-chairs, a 30%
women quota overall and per bloc, approval by Russia and the UN). Its rules let the convener
record the government's and the opposition's nominations (no demo login acts for them); the
civil-society bloc is the UN's alone (the observer acts for it)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from tests.helpers.people import user

from astana.web.decisions import actions
from astana.web.decisions.models import Committee, Decision
from astana.web.demo import DEMO_PROCESS
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round

ROADMAP = Path(__file__).resolve().parents[3] / "data" / "sandbox" / "round-3-roadmap.txt"
PARTIES = ("party1", "party2", "party3")

SMALL_COMMITTEE: dict[str, Any] = {
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


def call(rnd: Round, text: NegotiationText | None = None, **extra: Any) -> Decision:
    """The mediator calls a decision on art_1 of the roadmap (or a procedural one)."""
    if text is None:
        return actions.decision_call(
            user=user("mediator"),
            round_id=rnd.pk,
            subject="procedure",
            questions={"en": "Adjourn until tomorrow?"},
            **extra,
        )
    return actions.decision_call(
        user=user("mediator"),
        round_id=rnd.pk,
        subject="provision",
        text_id=text.pk,
        provision="art_1",
        questions={"en": "Adopt article 1?", "ar": "هل يُعتمد البند 1؟"},
        **extra,
    )


@pytest.fixture
def decision(sandbox: Round, roadmap: NegotiationText) -> Decision:
    return call(sandbox, roadmap)


@pytest.fixture
def committee(sandbox: Round) -> Committee:
    return actions.committee_create(
        user=user("convener"),
        process_slug=DEMO_PROCESS,
        slug="small-committee",
        names={"en": "A small constitutional committee"},
        definition=SMALL_COMMITTEE,
    )


@pytest.fixture(scope="module")
def _world_built(_sandbox_built: int | None) -> Any:
    """The role matrices' world (world.py), built once per module on the module's sandbox
    (see ``module_db``); None where it cannot be."""
    from .world import build_world

    if _sandbox_built is None:
        return None
    rnd = Round.objects.get(pk=_sandbox_built)
    return build_world(rnd, NegotiationText.objects.get(round=rnd, slug="roadmap"))


@pytest.fixture
def world(sandbox: Round, _world_built: Any) -> Any:
    """The role matrices' world (a copy per test, each test in a savepoint of the module's)."""
    from .world import build_world

    if _world_built is None:
        return build_world(sandbox, NegotiationText.objects.get(round=sandbox, slug="roadmap"))
    return copy.deepcopy(_world_built)
