"""The hostile-input suite's world: the confidentiality matrix's world (every confidential
state, a token and a logged-in page client per role), built once per module inside a
transaction rolled back at the end; and the tally ``make fuzz`` prints."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from ..leaks.world import World, build_world
from .tally import Tally, database_name

# make fuzz: the folder where each pytest process writes its tally (tally.py adds them up).
PARTS = Path(os.environ["ASTANA_FUZZ_PARTS"]) if os.environ.get("ASTANA_FUZZ_PARTS") else None


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def tally() -> Tally:
    return Tally()


@pytest.fixture(autouse=True)
def tally_part(tally: Tally) -> Iterator[None]:
    """After each operation, this process's tally so far in its part file (a long run
    stopped early still reports what it did)."""
    yield
    if PARTS is not None:
        PARTS.mkdir(parents=True, exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        (PARTS / f"{database_name()}-{worker}.json").write_text(tally.to_json(), encoding="utf-8")
