"""What a fuzzing run did: requests sent and server errors met, per operation or form.

Each pytest process (each xdist worker of ``make fuzz``) keeps its own tally and writes it, after
every operation, to a part file ``<database>-<worker>.json`` (a run stopped early still
reports); run as a script, this module adds the parts up into one table per database::

    python tests/integration/fuzz/tally.py var/fuzz-parts
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

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

    def to_json(self) -> str:
        return json.dumps(
            {
                "requests": self.requests,
                "statuses": {target: dict(found) for target, found in self.statuses.items()},
                "errors": self.errors,
            },
            sort_keys=True,
        )

    def add(self, part: str) -> None:
        """Add a part written by :meth:`to_json` (another worker's tally) to this one."""
        data = json.loads(part)
        self.requests.update(data["requests"])
        self.errors.update(data["errors"])
        for target, found in data["statuses"].items():
            self.statuses.setdefault(target, Counter()).update(
                {int(status): n for status, n in found.items()}
            )

    def table(self, database: str = "") -> str:
        database = database or ("PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite")
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


def database_name() -> str:
    return "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"


def merged_tables(parts: Path) -> str:
    """One table per database, adding up the part files in ``parts``."""
    tables = []
    for database in ("SQLite", "PostgreSQL"):
        total = Tally()
        for part in sorted(parts.glob(f"{database}-*.json")):
            total.add(part.read_text(encoding="utf-8"))
        if total.requests:
            tables.append(total.table(database))
    return "".join(tables)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: tally.py FOLDER-OF-PARTS (the folder make fuzz writes, var/fuzz-parts)")
    print(merged_tables(Path(sys.argv[1])), end="")
