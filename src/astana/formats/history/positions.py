"""Where each mapping key and sequence item of a parsed history file is: the path to it, its
line and column, and the nearest known position of any path (pydantic's error locations go
deeper than the YAML does)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from astana.formats.history.errors import HistoryDataError
from astana.formats.history.schema import HistoryFile

__all__ = ["LoadedFile", "Path", "Position", "nearest"]

Path = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass(frozen=True)
class LoadedFile:
    filename: str
    history: HistoryFile
    positions: dict[Path, Position]

    def error(self, path: Path, reason: str) -> HistoryDataError:
        return HistoryDataError(self.filename, *nearest(self.positions, path)[1], reason)


def nearest(positions: dict[Path, Position], loc: Sequence[str | int]) -> tuple[Path, Position]:
    """The deepest YAML path along ``loc`` that has a position (pydantic adds extra steps)."""
    path: Path = ()
    for step in loc:
        if (*path, step) in positions:
            path = (*path, step)
    return path, positions[path]
