"""The sandbox round (round 3 of the Astana Platform), built through the actions, for the
integration tests of every app."""

from __future__ import annotations

from pathlib import Path

import pytest

from astana.web.demo import load_sandbox
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round

ROADMAP = Path(__file__).resolve().parents[2] / "data" / "sandbox" / "round-3-roadmap.txt"


@pytest.fixture(scope="module")
def _sandbox_built(module_db: bool) -> int | None:
    """The sandbox round, built once per module (see ``module_db``); None where it cannot be."""
    return load_sandbox(ROADMAP).pk if module_db else None


@pytest.fixture
def sandbox(db: None, _sandbox_built: int | None) -> Round:
    if _sandbox_built is None:
        return load_sandbox(ROADMAP)
    return Round.objects.get(pk=_sandbox_built)


@pytest.fixture
def roadmap(sandbox: Round) -> NegotiationText:
    return NegotiationText.objects.get(round=sandbox, slug="roadmap")
