"""Pol.is ``votes.csv``: parse the export into arrays, and write it back.

The export has one line per vote: ``timestamp,datetime,comment-id,voter-id,vote`` with
agree = 1, disagree = -1 and pass = 0 (the columns are found by name in the header, so
their order may differ). Parsing is vectorised over the bytes of the file: the commas and
newlines are located with NumPy and the integer fields are read digit by digit across all
lines at once, which reads several million votes a second. A file with a quote character
(a quoted field) takes the slower path through :mod:`csv`. A malformed file raises
:class:`MalformedPolisFile` with the line number (the header is line 1) and the reason.

The reader keeps every line; :mod:`astana.core.consult.opinion_matrix` keeps the latest
vote when a participant voted more than once on a statement.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

import numpy as np
from numpy.typing import NDArray

__all__ = ["MalformedPolisFile", "PolisVotes", "read_votes_csv", "write_votes_csv"]

REQUIRED_COLUMNS = ("timestamp", "comment-id", "voter-id", "vote")
_CHUNK_LINES = 1 << 20
_MAX_DIGITS = 18
_COMMA, _NEWLINE, _CR, _QUOTE, _ZERO, _MINUS = 44, 10, 13, 34, 48, 45


class MalformedPolisFile(ValueError):
    """A Pol.is export that cannot be read: ``line`` (1 = the header) and ``reason``."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True, eq=False)
class PolisVotes:
    """Every vote line of an export, as parallel arrays (file order)."""

    timestamps: NDArray[np.int64]
    statement_ids: NDArray[np.int64]
    participant_ids: NDArray[np.int64]
    votes: NDArray[np.int8]

    def __len__(self) -> int:
        return int(self.votes.shape[0])


Source = bytes | str | IO[bytes] | IO[str]
ProgressCallback = Callable[[float], None]


def _as_bytes(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str):
        return source.encode()
    content = source.read()
    return content.encode() if isinstance(content, str) else content


def _columns(header: str) -> tuple[int, dict[str, int]]:
    names = [name.strip().strip('"') for name in header.split(",")]
    where = {name: i for i, name in enumerate(names)}
    missing = [name for name in REQUIRED_COLUMNS if name not in where]
    if missing:
        raise MalformedPolisFile(1, f"the header lacks the column(s) {', '.join(missing)}")
    return len(names), {name: where[name] for name in REQUIRED_COLUMNS}


def read_votes_csv(source: Source, *, on_progress: ProgressCallback | None = None) -> PolisVotes:
    """Parse a Pol.is ``votes.csv`` handed over as bytes, text or an open stream."""
    data = _as_bytes(source)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    end_of_header = data.find(b"\n")
    header = (data if end_of_header < 0 else data[:end_of_header]).decode("utf-8", "replace")
    if not header.strip():
        raise MalformedPolisFile(1, "the file is empty: no header")
    n_fields, where = _columns(header.rstrip("\r"))
    body = b"" if end_of_header < 0 else data[end_of_header + 1 :]
    if b'"' in body:
        return _read_slowly(body.decode("utf-8", "replace"), n_fields, where)
    return _read_fast(body, n_fields, where, on_progress)


def _read_fast(
    body: bytes, n_fields: int, where: dict[str, int], on_progress: ProgressCallback | None
) -> PolisVotes:
    buf = np.frombuffer(body, dtype=np.uint8)
    length = int(buf.shape[0])
    while length and buf[length - 1] in (_NEWLINE, _CR):
        length -= 1
    buf = buf[:length]
    if length == 0:
        return _empty()
    line_ends = np.flatnonzero(buf == _NEWLINE)
    line_ends = np.append(line_ends, length).astype(np.int64)
    line_starts = np.empty_like(line_ends)
    line_starts[0] = 0
    line_starts[1:] = line_ends[:-1] + 1
    commas = np.flatnonzero(buf == _COMMA).astype(np.int64)
    per_line = np.diff(np.searchsorted(commas, line_ends, side="left"), prepend=0)
    wrong = np.flatnonzero(per_line != n_fields - 1)
    if wrong.size:
        first = int(wrong[0])
        found = int(per_line[first]) + 1
        reason = (
            "empty line"
            if line_starts[first] >= line_ends[first]
            else (f"expected {n_fields} fields, found {found}")
        )
        raise MalformedPolisFile(first + 2, reason)
    field_ends = commas.reshape(-1, n_fields - 1)
    n = int(line_ends.shape[0])
    columns = {name: np.empty(n, dtype=np.int64) for name in where}
    for chunk_start in range(0, n, _CHUNK_LINES):
        rows = slice(chunk_start, min(n, chunk_start + _CHUNK_LINES))
        for name, index in where.items():
            start = line_starts[rows] if index == 0 else field_ends[rows, index - 1] + 1
            end = line_ends[rows] if index == n_fields - 1 else field_ends[rows, index]
            if index == n_fields - 1:
                end = end - (buf[np.maximum(end - 1, 0)] == _CR)
            values, bad, why = _parse_field(buf, start, end, name)
            if bad.size:
                raise MalformedPolisFile(chunk_start + int(bad[0]) + 2, why)
            columns[name][rows] = values
        if on_progress is not None:
            on_progress(rows.stop / n)
    return PolisVotes(
        timestamps=columns["timestamp"],
        statement_ids=columns["comment-id"],
        participant_ids=columns["voter-id"],
        votes=columns["vote"].astype(np.int8),
    )


def _parse_field(
    buf: NDArray[np.uint8], start: NDArray[np.int64], end: NDArray[np.int64], name: str
) -> tuple[NDArray[np.int64], NDArray[np.intp], str]:
    """Parse one column of a chunk; return the values, the bad rows and the reason."""
    width = end - start
    if name == "vote":
        first = buf[np.minimum(start, buf.shape[0] - 1)]
        second = buf[np.minimum(start + 1, buf.shape[0] - 1)]
        one_char = (width == 1) & ((first == _ZERO) | (first == _ZERO + 1))
        minus_one = (width == 2) & (first == _MINUS) & (second == _ZERO + 1)
        bad = np.flatnonzero(~(one_char | minus_one))
        values = np.where(minus_one, -1, first.astype(np.int64) - _ZERO)
        return values, bad, "the vote must be -1, 0 or 1"
    empty = np.flatnonzero(width <= 0)
    if empty.size:
        return np.empty(0, np.int64), empty, f"the {name} is empty"
    too_long = np.flatnonzero(width > _MAX_DIGITS)
    if too_long.size:
        return np.empty(0, np.int64), too_long, f"the {name} is not a whole number"
    values = np.zeros(start.shape[0], dtype=np.int64)
    bad_mask = np.zeros(start.shape[0], dtype=bool)
    for position in range(int(width.max())):
        active = width > position
        digit = buf[np.where(active, start + position, 0)] - np.uint8(_ZERO)
        bad_mask |= active & (digit > 9)
        values = np.where(active, values * 10 + digit, values)
    return values, np.flatnonzero(bad_mask), f"the {name} is not a whole number"


def _read_slowly(text: str, n_fields: int, where: dict[str, int]) -> PolisVotes:
    columns: dict[str, list[int]] = {name: [] for name in REQUIRED_COLUMNS}
    reader = csv.reader(io.StringIO(text.rstrip("\r\n")))
    for row in reader:
        line = reader.line_num + 1
        if len(row) != n_fields:
            reason = "empty line" if not row else f"expected {n_fields} fields, found {len(row)}"
            raise MalformedPolisFile(line, reason)
        for name, index in where.items():
            field = row[index].strip()
            if name == "vote":
                if field not in ("-1", "0", "1"):
                    raise MalformedPolisFile(line, "the vote must be -1, 0 or 1")
            elif not field:
                raise MalformedPolisFile(line, f"the {name} is empty")
            elif not field.isdigit() or len(field) > _MAX_DIGITS:
                raise MalformedPolisFile(line, f"the {name} is not a whole number")
            columns[name].append(int(field))
    return PolisVotes(
        timestamps=np.asarray(columns["timestamp"], dtype=np.int64),
        statement_ids=np.asarray(columns["comment-id"], dtype=np.int64),
        participant_ids=np.asarray(columns["voter-id"], dtype=np.int64),
        votes=np.asarray(columns["vote"], dtype=np.int8),
    )


def _empty() -> PolisVotes:
    none = np.empty(0, dtype=np.int64)
    return PolisVotes(none, none.copy(), none.copy(), np.empty(0, dtype=np.int8))


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def write_votes_csv(votes: PolisVotes, stream: IO[str], *, chunk: int = 1 << 18) -> None:
    """Write ``votes`` in Pol.is' format to a text stream (datetime in UTC)."""
    stream.write("timestamp,datetime,comment-id,voter-id,vote\n")
    for begin in range(0, len(votes), chunk):
        part = slice(begin, begin + chunk)
        stamps = votes.timestamps[part]
        seconds = stamps // 1000
        days = (seconds // 86400).astype("datetime64[D]")
        months = days.astype("datetime64[M]")
        rows = zip(
            stamps.tolist(),
            ((days.astype(np.int64) + 3) % 7).tolist(),
            (months.astype(np.int64) % 12).tolist(),
            (days - months).astype(np.int64).tolist(),
            (months.astype("datetime64[Y]").astype(np.int64) + 1970).tolist(),
            (seconds % 86400).tolist(),
            votes.statement_ids[part].tolist(),
            votes.participant_ids[part].tolist(),
            votes.votes[part].tolist(),
            strict=True,
        )
        stream.write(
            "".join(
                f"{t},{_WEEKDAYS[w]} {_MONTHS[m]} {d + 1:02d} {s // 3600:02d}:"
                f"{s // 60 % 60:02d}:{s % 60:02d} UTC {y},{c},{p},{v}\n"
                for t, w, m, d, y, s, c, p, v in rows
            )
        )
