"""The sandbox round (round 3 of the Astana Platform), built through the actions, for the
integration tests of every app."""

from __future__ import annotations

from pathlib import Path

import pytest

from astana.web.demo import load_sandbox
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round

ROADMAP = Path(__file__).resolve().parents[2] / "data" / "sandbox" / "round-3-roadmap.txt"


@pytest.fixture
def sandbox(db: None) -> Round:
    return load_sandbox(ROADMAP)


@pytest.fixture
def roadmap(sandbox: Round) -> NegotiationText:
    return NegotiationText.objects.get(round=sandbox, slug="roadmap")
