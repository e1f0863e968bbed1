"""How many examples a property test tries.

Each slow property test names its full budget; ``make test`` tries half of it (at least 20),
``make fuzz`` the full budget (``ASTANA_PROPERTY_EXAMPLES=full``). Under ``CI`` the examples
are derandomized (tests/conftest.py), so a landing never depends on luck either way."""

from __future__ import annotations

import os

FULL = os.environ.get("ASTANA_PROPERTY_EXAMPLES", "").lower() == "full"


def examples(full: int) -> int:
    """The number of examples to try, for a test whose full budget is ``full``."""
    return full if FULL else max(20, full // 2)
