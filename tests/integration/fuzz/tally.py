"""What a fuzzing run did: requests sent and server errors met, per operation or form."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["CASES", "Tally"]

# Generated cases per API operation and per page form: a few, derandomized, in `make test`;
# `make fuzz` sets ASTANA_FUZZ_CASES (the target is 10,000).
CASES = int(os.environ.get("ASTANA_FUZZ_CASES", "5"))


@dataclass
class Tally:
    requests: Counter[str] = field(default_factory=Counter)
    statuses: dict[str, Counter[int]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)  # 5xx, wrong shapes, partial writes

    def count(self, target: str, status: int) -> None:
        self.requests[target] += 1
        self.statuses.setdefault(target, Counter())[status] += 1

    def fail(self, target: str) -> None:
        self.errors[target] += 1

    def table(self) -> str:
        database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
        lines = [
            f"\n{database}: {len(self.requests)} targets, {sum(self.requests.values())} requests,"
            f" {sum(self.errors.values())} failures (5xx, non-JSON errors, partial writes)\n",
            f"{'target':50} {'requests':>9} {'failures':>9}  statuses",
        ]
        for target in sorted(self.requests):
            statuses = " ".join(f"{s}:{n}" for s, n in sorted(self.statuses[target].items()))
            lines.append(
                f"{target:50} {self.requests[target]:>9} {self.errors[target]:>9}  {statuses}"
            )
        return "\n".join(lines) + "\n"
