"""The error of a history file: where it is (file, line, column) and why."""

from __future__ import annotations

__all__ = ["HistoryDataError"]


class HistoryDataError(ValueError):
    """A problem in a history file, at a 1-based line and column."""

    def __init__(self, filename: str, line: int, column: int, reason: str) -> None:
        self.filename = filename
        self.line = line
        self.column = column
        self.reason = reason
        super().__init__(f"{filename}:{line}:{column}: {reason}")
