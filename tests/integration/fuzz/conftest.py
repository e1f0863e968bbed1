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
from .tally import Tally

REPORT = (
    Path(os.environ.get("ASTANA_FUZZ_REPORT", "")) if os.environ.get("ASTANA_FUZZ_REPORT") else None
)


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def tally() -> Iterator[Tally]:
    found = Tally()
    yield found
    if REPORT is not None:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        with REPORT.open("a", encoding="utf-8") as out:
            out.write(found.table())
        REPORT.with_suffix(".partial").unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def partial_report(tally: Tally) -> Iterator[None]:
    """After each operation, the table so far (a long run stopped early still reports)."""
    yield
    if REPORT is not None:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.with_suffix(".partial").write_text(tally.table(), encoding="utf-8")
