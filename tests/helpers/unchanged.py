"""The check that a refused request changed nothing.

Two ways to see it, with the same answer:

- **The change log** (the fast way, what the suite uses): :func:`install_change_log`, run once
  when the test database is set up, puts a trigger on every table of the platform that notes
  each row inserted, deleted or changed in a table of its own. A write that the request rolls
  back takes its note with it, so the log holds exactly the writes that stand; "nothing
  changed" is "no new note", one query however big the database (the hostile-input suite asks
  it after every case).
- **Counts and checksums** (when the triggers are not all there: a test that undoes and redoes
  migrations drops tables and their triggers with them): the number of rows in every table and
  a checksum of its rows (every column, in primary-key order).

Only what a request cannot help touching is left out: when an API token was last used (an
authenticated request notes it even when it is then refused) and when a user last logged in
(an update that changes nothing else is not noted). Use it as ``with unchanged(): ...`` around
the request, or compare two :func:`database_state` results where a loop collects its
failures."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import connection
from django.db.backends.utils import CursorWrapper

__all__ = [
    "DERIVED_TABLES",
    "IGNORED_COLUMNS",
    "DatabaseState",
    "database_state",
    "install_change_log",
    "remove_change_log",
    "unchanged",
]

# Written by the database itself when another table is: the change stamp (common.changes)
# counts the writes to every table, which are what the check reads (also those of tables it
# does not read, such as the second factor's devices).
DERIVED_TABLES = frozenset({"common_changestamp"})
# (table, column): written by reading, not by acting.
IGNORED_COLUMNS = frozenset({("api_apitoken", "last_used_at"), ("accounts_user", "last_login")})


@cache
def _primary_keys() -> dict[str, str]:
    """Every table of the platform (many-to-many links included) and its logins, with the
    column of its primary key."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table in DERIVED_TABLES:
            continue
        if model.__module__.startswith("astana.") or model._meta.app_label in ("auth", "accounts"):
            found[model._meta.db_table] = str(model._meta.pk.column)
    return dict(sorted(found.items()))


LOG_TABLE = "astana_test_change_log"
_TRIGGER_PREFIX = "astana_test_log_"


@dataclass(frozen=True)
class DatabaseState:
    counts: dict[str, int]
    checksums: dict[str, str]
    #: The last note of the change log when the log was complete (``None``: counted instead).
    position: int | None = None

    def changes_since(self, before: DatabaseState) -> list[str]:
        """The tables that differ from ``before``, each with its row counts (or, from the
        change log, with the number of rows written)."""
        if before.position is not None and self.position is not None:
            return _logged_since(before.position)
        if before.position is not None or self.position is not None:
            raise AssertionError(
                "the change log's triggers appeared or went during the block (a schema "
                "change); compare states taken the same way"
            )
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


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} WHERE 1 = 0")
        names = [column[0] for column in cursor.description]
    return [name for name in names if (table, name) not in IGNORED_COLUMNS]


def install_change_log() -> None:
    """The change log's table and a trigger per table and kind of write (run outside any test
    transaction, once the database is migrated; again after a test changed the schema)."""
    quote = connection.ops.quote_name
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {LOG_TABLE} (id bigserial PRIMARY KEY, tbl text)"
            )
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {_TRIGGER_PREFIX}note() RETURNS trigger AS $$ "
                f"BEGIN INSERT INTO {LOG_TABLE} (tbl) VALUES (TG_TABLE_NAME); RETURN NULL; END "
                "$$ LANGUAGE plpgsql"
            )
        else:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {LOG_TABLE} "
                "(id integer PRIMARY KEY AUTOINCREMENT, tbl text)"
            )
        for number, table in enumerate(_primary_keys()):
            changed = " OR ".join(
                f"OLD.{quote(c)} IS DISTINCT FROM NEW.{quote(c)}"
                if postgres
                else f"OLD.{quote(c)} IS NOT NEW.{quote(c)}"
                for c in _columns(table)
            )
            for kind in ("INSERT", "DELETE", "UPDATE"):
                name = f"{_TRIGGER_PREFIX}{number}_{kind.lower()}"
                when = f"WHEN ({changed})" if kind == "UPDATE" and changed else ""
                if postgres:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}")
                    cursor.execute(
                        f"CREATE TRIGGER {name} AFTER {kind} ON {quote(table)} FOR EACH ROW "
                        f"{when} EXECUTE FUNCTION {_TRIGGER_PREFIX}note()"
                    )
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                    cursor.execute(
                        f"CREATE TRIGGER {name} AFTER {kind} ON {quote(table)} FOR EACH ROW "
                        f"{when} BEGIN INSERT INTO {LOG_TABLE} (tbl) VALUES ('{table}'); END"
                    )


def remove_change_log() -> None:
    """Take the change log's triggers off (a test that undoes and redoes migrations: a
    trigger names columns a migration may drop); :func:`install_change_log` puts them back."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for number, table in enumerate(_primary_keys()):
            for kind in ("insert", "delete", "update"):
                name = f"{_TRIGGER_PREFIX}{number}_{kind}"
                if connection.vendor == "postgresql":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def _log_position() -> int | None:
    """The change log's last note, or ``None`` when a trigger is missing (or no log)."""
    expected = 3 * len(_primary_keys())
    if connection.vendor == "postgresql":
        count = "SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE %s"
    else:
        count = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s"
    with connection.cursor() as cursor:
        cursor.execute(count, [_TRIGGER_PREFIX + "%"])
        if cursor.fetchone()[0] != expected:
            return None
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {LOG_TABLE}")
        return int(cursor.fetchone()[0])


def _logged_since(position: int) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tbl, COUNT(*) FROM {LOG_TABLE} WHERE id > %s GROUP BY tbl ORDER BY tbl",
            [position],
        )
        return [
            f"{table} ({count} row{'s' if count > 1 else ''} written)" for table, count in cursor
        ]


def database_state(*, counted: bool = False) -> DatabaseState:
    """What the platform's tables hold now: the change log's position when its triggers are
    all there (unless ``counted``), else the row count and the content checksum of every
    table."""
    if not counted and (position := _log_position()) is not None:
        return DatabaseState({}, {}, position)
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
def unchanged(what: str = "a refused request", *, counted: bool = False) -> Iterator[None]:
    """Fails when the block changed any row of the platform (``what`` names it in the failure);
    ``counted`` compares counts and checksums instead of reading the change log."""
    before = database_state(counted=counted)
    yield
    changes = database_state(counted=counted).changes_since(before)
    assert not changes, f"{what} changed: " + ", ".join(changes)
