"""Pol.is ``comments.csv``: the statements of a conversation, their text and moderation.

Exports differ in their columns (older ones have ``datetime``, newer ones ``is-meta`` and
``group-informed-consensus``); the reader needs only ``comment-id`` and ``comment-body``
and keeps ``author-id``, ``timestamp`` and ``moderated`` (1 in, 0 unmoderated, -1 out)
when present. Bodies may span lines inside quotes, so this goes through :mod:`csv`; a
conversation has at most a few thousand statements.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from astana.core.consult.polis_votes import MalformedPolisFile

__all__ = ["Statement", "read_comments_csv", "write_comments_csv"]

_COLUMNS = ("timestamp", "comment-id", "author-id", "moderated", "comment-body")


@dataclass(frozen=True)
class Statement:
    """One statement (a Pol.is comment) put to the participants."""

    statement_id: int
    text: str
    author_id: int | None = None
    timestamp: int | None = None
    moderated: int | None = None


def _optional_int(row: list[str], index: int | None, name: str, line: int) -> int | None:
    if index is None or not row[index].strip():
        return None
    try:
        return int(row[index])
    except ValueError:
        raise MalformedPolisFile(line, f"the {name} is not a whole number") from None


def read_comments_csv(source: bytes | str | IO[bytes] | IO[str]) -> dict[int, Statement]:
    """Parse a Pol.is ``comments.csv``; statements keyed by their id."""
    if not isinstance(source, bytes | str):
        source = source.read()
    text = source.decode("utf-8-sig") if isinstance(source, bytes) else source.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise MalformedPolisFile(1, "the file is empty: no header")
    where = {name.strip(): i for i, name in enumerate(header)}
    missing = [name for name in ("comment-id", "comment-body") if name not in where]
    if missing:
        raise MalformedPolisFile(1, f"the header lacks the column(s) {', '.join(missing)}")
    statements: dict[int, Statement] = {}
    line = 1
    for row in reader:
        line = reader.line_num
        if not row:
            continue
        if len(row) != len(header):
            raise MalformedPolisFile(line, f"expected {len(header)} fields, found {len(row)}")
        statement_id = _optional_int(row, where["comment-id"], "comment-id", line)
        if statement_id is None:
            raise MalformedPolisFile(line, "the comment-id is empty")
        if statement_id in statements:
            raise MalformedPolisFile(line, f"comment-id {statement_id} appears twice")
        statements[statement_id] = Statement(
            statement_id=statement_id,
            text=row[where["comment-body"]],
            author_id=_optional_int(row, where.get("author-id"), "author-id", line),
            timestamp=_optional_int(row, where.get("timestamp"), "timestamp", line),
            moderated=_optional_int(row, where.get("moderated"), "moderated", line),
        )
    return statements


def write_comments_csv(statements: Iterable[Statement], stream: IO[str]) -> None:
    """Write statements as a Pol.is-style ``comments.csv`` (the columns this module keeps)."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(_COLUMNS)
    for statement in sorted(statements, key=lambda s: s.statement_id):
        writer.writerow(
            [
                "" if statement.timestamp is None else statement.timestamp,
                statement.statement_id,
                "" if statement.author_id is None else statement.author_id,
                "" if statement.moderated is None else statement.moderated,
                statement.text,
            ]
        )
