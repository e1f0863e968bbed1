"""The check that a refused request changed nothing: the number of rows in every table of the
platform, and a checksum of the rows of each (every column, in primary-key order).

Only what a request cannot help touching is left out: when an API token was last used (an
authenticated request notes it even when it is then refused) and when a user last logged in.
Use it as ``with unchanged(): ...`` around the request, or compare two :func:`database_state`
results where a loop collects its failures."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import connection
from django.db.backends.utils import CursorWrapper

__all__ = ["IGNORED_COLUMNS", "DatabaseState", "database_state", "unchanged"]

# (table, column): written by reading, not by acting.
IGNORED_COLUMNS = frozenset({("api_apitoken", "last_used_at"), ("accounts_user", "last_login")})


@cache
def _primary_keys() -> dict[str, str]:
    """Every table of the platform (many-to-many links included) and its logins, with the
    column of its primary key."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model.__module__.startswith("astana.") or model._meta.app_label in ("auth", "accounts"):
            found[model._meta.db_table] = str(model._meta.pk.column)
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class DatabaseState:
    counts: dict[str, int]
    checksums: dict[str, str]

    def changes_since(self, before: DatabaseState) -> list[str]:
        """The tables that differ from ``before``, each with its row counts."""
        changed = []
        for table in sorted(set(self.counts) | set(before.counts)):
            was, now = before.counts.get(table), self.counts.get(table)
            if was != now:
                changed.append(f"{table} ({was} rows, now {now})")
            elif before.checksums.get(table) != self.checksums.get(table):
                changed.append(f"{table} (a row's content)")
        return changed


def _checksum(cursor: CursorWrapper, table: str, key: str) -> str:
    quote = connection.ops.quote_name
    cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {quote(key)}")
    names = [column[0] for column in cursor.description]
    kept = [i for i, name in enumerate(names) if (table, name) not in IGNORED_COLUMNS]
    digest = hashlib.blake2b(digest_size=16)
    for row in cursor.fetchall():
        digest.update(repr(tuple(_plain(row[i]) for i in kept)).encode())
    return digest.hexdigest()


def _plain(value: object) -> object:
    """A column's value in a form both databases give alike (memoryview and bytes as bytes)."""
    return bytes(value) if isinstance(value, memoryview) else value


def database_state() -> DatabaseState:
    """The row count and the content checksum of every table of the platform, now."""
    keys = _primary_keys()
    tables = tuple(keys)
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = dict(zip(tables, cursor.fetchone(), strict=True))
        checksums = {table: _checksum(cursor, table, keys[table]) for table in tables}
    return DatabaseState(counts, checksums)


@contextmanager
def unchanged(what: str = "a refused request") -> Iterator[None]:
    """Fails when the block changed any row of the platform (``what`` names it in the failure)."""
    before = database_state()
    yield
    changes = database_state().changes_since(before)
    assert not changes, f"{what} changed: " + ", ".join(changes)
