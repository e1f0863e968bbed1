"""The positions grid: every provision that carries text against every party, each cell the
party's position as it stands on the provision's present wording.

One computation gives the grid, the standing of each provision (what keeps it from agreed),
the progress figures and whether the text is adoptable, so that the grid, the progress bar
and "what blocks adoption" can never disagree.

A cell is *empty* (no position), *current* (given on the present wording) or *stale* (given
on an earlier wording: the party must confirm it). Its :attr:`Cell.token` names exactly what
the cell held; a form that sets many cells at once sends each cell's token back, so that a
cell changed meanwhile (by a colleague, or by a revision) is refused instead of overwritten.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, replace
from enum import StrEnum

from astana.core.text.brackets import Bracket, Inline, Note, OptionGroup, ProvisionText
from astana.core.text.document import Document
from astana.core.text.positions import (
    Positions,
    Progress,
    ProvisionStanding,
    ProvisionState,
    Stance,
    adoptable,
    progress,
    standing,
)

__all__ = [
    "Cell",
    "Grid",
    "GridFilter",
    "GridRow",
    "cell_token",
    "opening_words",
    "position_grid",
]


class GridFilter(StrEnum):
    """Which rows a reader asks for."""

    ALL = ""
    BRACKETED = "bracketed"  # its text still carries brackets, in some language
    NOT_AGREED = "not_agreed"  # open or agreed ad referendum only, on its present wording
    BLOCKED = "blocked"  # some party cannot accept its present wording


def cell_token(stance: str | None, reservation: str, revision: int | None, fingerprint: str) -> str:
    """A short name for what a cell holds (empty for no position)."""
    if stance is None:
        return ""
    seen = repr((stance, reservation, revision, fingerprint)).encode()
    return hashlib.blake2b(seen, digest_size=8).hexdigest()


@dataclass(frozen=True)
class Cell:
    """``party``'s position on ``provision``: ``stance`` is ``None`` where it gave none."""

    party: str
    provision: str
    stance: Stance | None
    reservation: str
    revision: int | None  # the revision whose wording the position was given on
    current: bool  # given on the provision's present wording
    token: str

    @property
    def stale(self) -> bool:
        """A position given on an earlier wording: it does not count until confirmed."""
        return self.stance is not None and not self.current

    @property
    def blocks(self) -> bool:
        """The party cannot accept the present wording."""
        return self.current and self.stance is Stance.CANNOT_ACCEPT


@dataclass(frozen=True)
class GridRow:
    """One provision: its standing and one cell per party (in the order of the parties)."""

    standing: ProvisionStanding
    cells: tuple[Cell, ...]

    @property
    def provision(self) -> str:
        return self.standing.provision

    @property
    def blocked(self) -> bool:
        return any(cell.blocks for cell in self.cells)

    def shown(self, which: GridFilter) -> bool:
        if which is GridFilter.BRACKETED:
            return self.standing.bracketed
        if which is GridFilter.NOT_AGREED:
            return self.standing.state is not ProvisionState.AGREED
        if which is GridFilter.BLOCKED:
            return self.blocked
        return True


@dataclass(frozen=True)
class Grid:
    """The grid of a document (every row, whatever a filter shows), with the progress and
    adoptability computed from the same standing."""

    parties: tuple[str, ...]
    rows: tuple[GridRow, ...]
    progress: Progress
    adoptable: bool

    @property
    def standing(self) -> tuple[ProvisionStanding, ...]:
        return tuple(row.standing for row in self.rows)

    def blockers(self) -> tuple[GridRow, ...]:
        """The rows that keep the text from adoption (not agreed, or still bracketed)."""
        return tuple(row for row in self.rows if row.standing.blocks_adoption)

    def filtered(self, which: GridFilter = GridFilter.ALL, parties: Collection[str] = ()) -> Grid:
        """The rows ``which`` asks for, with only ``parties``' columns (all when empty); the
        progress and adoptability stay those of the whole text."""
        keep = tuple(p for p in self.parties if not parties or p in parties)
        rows = tuple(
            replace(row, cells=tuple(c for c in row.cells if c.party in keep))
            for row in self.rows
            if row.shown(which)
        )
        return replace(self, parties=keep, rows=rows)

    def cell(self, party: str, provision: str) -> Cell | None:
        for row in self.rows:
            if row.provision == provision:
                return next((c for c in row.cells if c.party == party), None)
        return None


def position_grid(document: Document, positions: Positions, language: str | None = None) -> Grid:
    """The grid of ``document``: one row per provision that carries text, in reading order;
    the progress is counted in ``language`` (the document's first by default)."""
    rows = []
    for stand in standing(document, positions):
        provision = document[stand.provision]
        cells = []
        for party in positions.parties:
            position = positions.position(party, stand.provision)
            if position is None:
                cells.append(Cell(party, stand.provision, None, "", None, False, ""))
                continue
            wording = position.wording
            cells.append(
                Cell(
                    party,
                    stand.provision,
                    position.stance,
                    position.reservation,
                    wording.revision,
                    wording.matches(provision),
                    cell_token(
                        str(position.stance),
                        position.reservation,
                        wording.revision,
                        wording.fingerprint,
                    ),
                )
            )
        rows.append(GridRow(stand, tuple(cells)))
    return Grid(
        positions.parties,
        tuple(rows),
        progress(document, positions, language),
        adoptable(document, positions),
    )


def _reading(parts: tuple[Inline, ...], out: list[str]) -> None:
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Note):
            continue
        elif isinstance(part, Bracket):
            out.append("[" if part.opens else "")
            _reading(part.content, out)
            out.append("]" if part.closes else "")
        elif isinstance(part, OptionGroup):
            for number, option in enumerate(part.options, start=1):
                out.append(f"{' ' if number > 1 else ''}[{part.label} {number}: ")
                _reading(option.content, out)
                out.append("]")


def opening_words(text: ProvisionText, count: int) -> str:
    """The first ``count`` words of ``text`` as a reader sees them: brackets and options
    kept, who holds them and drafting notes left out; "…" where the text goes on."""
    out: list[str] = []
    _reading(text.parts, out)
    words = "".join(out).split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
