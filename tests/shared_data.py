"""Where the shared public test data lives: ``../shared/testdata`` beside the checkout, or the
folder named by ``ASTANA_TESTDATA``. A test that needs it fails clearly when it is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
VARIABLE = "ASTANA_TESTDATA"


def shared_data_root() -> Path:
    """The shared test-data folder (the variable wins over the checkout's neighbour)."""
    named = os.environ.get(VARIABLE)
    return Path(named) if named else CHECKOUT.parent / "shared" / "testdata"


def shared_data(*parts: str) -> Path:
    """A path inside the shared test data; fails the test run with the places tried if absent."""
    path = shared_data_root().joinpath(*parts)
    if not path.exists():
        pytest.fail(
            f"shared test data not found: {path} (expected ../shared/testdata beside the checkout "
            f"{CHECKOUT}, or a folder named by {VARIABLE})",
            pytrace=False,
        )
    return path
