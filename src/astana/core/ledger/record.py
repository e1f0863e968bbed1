"""The canonical text form shared by signed statements and log entries.

A record is UTF-8 text: a tag line (``astana/<kind>/v1``) and then one line per
field, ``<name> <value>``, every line ending in ``\\n``. Names are ``[a-z][a-z0-9-]*``.
Values are non-empty, NFC-normalised Unicode with no control characters except line
feed; in the record a backslash is written ``\\\\`` and a line feed ``\\n``, nothing else
is escaped. Parsing re-encodes and demands the same bytes, so every record has
exactly one encoding: the bytes that are signed and hashed are never ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime

__all__ = [
    "check_field",
    "check_token",
    "check_utc_time",
    "decode_record",
    "encode_record",
    "escape_value",
    "format_utc_time",
    "unescape_value",
]

Field = tuple[str, str]

_NAME = re.compile(r"[a-z][a-z0-9-]*")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@/-]{0,199}")
_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z", re.ASCII)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})


def check_token(value: str, what: str) -> str:
    """Return ``value`` if it is an identifier token (ASCII, no spaces, ≤ 200 chars)."""
    if not _TOKEN.fullmatch(value):
        raise ValueError(f"{what} is not an identifier token: {value!r}")
    return value


def check_utc_time(value: str, what: str = "time") -> str:
    """Return ``value`` if it is RFC 3339 UTC to the second, ``YYYY-MM-DDTHH:MM:SSZ``."""
    match = _TIME.fullmatch(value)
    if not match:
        raise ValueError(f"{what} is not RFC 3339 UTC to the second: {value!r}")
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise ValueError(f"{what} is not a real time: {value!r}") from exc
    return value


def format_utc_time(moment: datetime) -> str:
    """Return an aware ``datetime`` as ``YYYY-MM-DDTHH:MM:SSZ`` (fractions dropped)."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no defined UTC time")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_text(value: str, name: str) -> None:
    if not value:
        raise ValueError(f"field {name!r} is empty")
    if value.isascii() and value.replace("\n", " ").isprintable():
        return
    if not unicodedata.is_normalized("NFC", value):
        raise ValueError(f"field {name!r} is not NFC-normalised")
    for char in value:
        if char != "\n" and unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
            raise ValueError(f"field {name!r} has a control or separator character")


def escape_value(value: str) -> str:
    """Return ``value`` with ``\\`` as ``\\\\`` and line feed as ``\\n``."""
    if "\\" not in value and "\n" not in value:
        return value
    return value.replace("\\", "\\\\").replace("\n", "\\n")


def unescape_value(text: str) -> str:
    """Invert ``escape_value``; ``ValueError`` on any other escape."""

    def one(match: re.Match[str]) -> str:
        char = match.group(1)
        if char == "\\":
            return "\\"
        if char == "n":
            return "\n"
        raise ValueError(f"unknown escape \\{char}")

    if "\\" not in text:
        return text
    if text.endswith("\\") and (len(text) - len(text.rstrip("\\"))) % 2:
        raise ValueError("a value ends inside an escape")
    return _ESCAPE.sub(one, text)


def check_field(name: str, value: str) -> None:
    """Raise ``ValueError`` unless ``name`` and ``value`` may form a field."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a field name: {name!r}")
    _check_text(value, name)


def encode_record(tag: str, fields: Sequence[Field]) -> str:
    """Return the canonical text of a record; ``ValueError`` if a field is not valid."""
    lines = [tag]
    for name, value in fields:
        check_field(name, value)
        lines.append(f"{name} {escape_value(value)}")
    return "".join(f"{line}\n" for line in lines)


def decode_record(record: str | bytes, tag: str) -> list[Field]:
    """Return the fields of a canonical record with ``tag``; ``ValueError`` otherwise."""
    if isinstance(record, bytes):
        try:
            record = record.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError("a record is UTF-8") from exc
    if not record.endswith("\n"):
        raise ValueError("a record ends with a newline")
    first, *lines = record[:-1].split("\n")
    if first != tag:
        raise ValueError(f"a record of this kind starts with {tag!r}")
    # Printable ASCII throughout (the usual case) needs no per-value character check.
    plain = record.isascii() and record.replace("\n", " ").isprintable()
    fields: list[Field] = []
    for line in lines:
        name, sep, raw = line.partition(" ")
        if not sep:
            raise ValueError(f"a field line is '<name> <value>': {line!r}")
        value = raw
        if "\\" in raw:
            value = unescape_value(raw)
            if escape_value(value) != raw:
                raise ValueError(f"field {name!r} is not in canonical form")
        if not plain or not value or not _NAME.fullmatch(name):
            check_field(name, value)
        fields.append((name, value))
    return fields
