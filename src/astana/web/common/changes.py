"""The database's change stamp: whether anything a page shows has changed since it was rendered.

Every table but those in :data:`UNSTAMPED` carries a trigger that, in the transaction that
writes it, counts that transaction once in the one row of ``common_changestamp`` and draws a
new random ``token``: the stamp changes exactly when a write commits, on every server at once,
whoever wrote (an action, the admin, a command, an import, ``psql``). A page served from memory
keyed by the stamp (``astana.web.common.rendered``) is therefore never older than the last
committed change. The triggers are the database's, so a write that bypasses the ORM is counted
too. ``migrate`` takes them off while it runs and, at its end, puts them on every table
(:func:`install`: a table a migration added or remade is covered) and moves the stamp once
(:func:`bump`); :func:`unstamped_tables` says which table lacks them.

- PostgreSQL: a deferred constraint trigger (``AFTER … FOR EACH ROW DEFERRABLE INITIALLY
  DEFERRED``) runs when the transaction commits, and counts it once (a transaction-local
  setting remembers that it did). The stamp's row is thus locked last, for the commit's
  moment only: writers never wait on it while holding other locks, so it adds no deadlock.
- SQLite: one writer at a time holds the whole database; a row trigger per table and write.

Tables written on paths that must scale or that no page shows are left out (:data:`UNSTAMPED`):
sessions and login attempts, the held event streams, votes and their
counters and anonymous participants (a page that shows votes keys on the consultation's own
version, ``consultation.counts``), and the signed log (written inside actions that write other
tables as well, or by its own appends, which no cached page shows); so are a login's time and
a token's last use (:data:`UNSTAMPED_COLUMNS`).
"""

from __future__ import annotations

import secrets

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

__all__ = [
    "UNSTAMPED",
    "UNSTAMPED_COLUMNS",
    "bump",
    "install",
    "remove",
    "stamp",
    "unstamped_tables",
]

TABLE = "common_changestamp"
TRIGGER = "astana_changed"

#: Tables whose writes do not move the stamp (names, or name prefixes ending in ``*``).
UNSTAMPED = frozenset(
    {
        TABLE,
        "django_migrations",
        "django_session",
        "axes_*",
        "negotiation_eventstream",
        "consultation_vote",
        "consultation_votecount",
        "consultation_participant",
        "signing_loghead",
        "signing_logleaf",
        "signing_lognode",
        "signing_checkpoint",
        # SQLite's full-text index (a virtual table and its shadow tables, which take no
        # trigger); written with the archive rows it indexes, which are stamped.
        "archive_search_fts*",
    }
)

#: Columns whose change alone does not move the stamp: written by reading, not by acting (a
#: login, a request with a token), or a background worker's lease on a consultation it
#: analyses (its stored analysis moves the stamp); no shared page shows them.
UNSTAMPED_COLUMNS = {
    "accounts_user": frozenset({"last_login"}),
    "api_apitoken": frozenset({"last_used_at"}),
    "consultation_consultation": frozenset({"analysing_by", "analysing_until"}),
}

# One change counted: the stamp's row made, or moved on, with a new ``{token}``; the same
# statement in PostgreSQL's trigger function, SQLite's triggers and :func:`bump`.
COUNT = (
    "INSERT INTO common_changestamp (id, n, token) VALUES (1, 1, {token})"
    " ON CONFLICT (id) DO UPDATE SET n = common_changestamp.n + 1, token = excluded.token"
)
# Counted once per transaction, at its commit (see the module's docstring).
POSTGRESQL_FUNCTION = (
    "CREATE OR REPLACE FUNCTION astana_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF current_setting('astana.changed', true) IS DISTINCT FROM '1' THEN"
    " PERFORM set_config('astana.changed', '1', true); "
    + COUNT.format(token="floor(random() * 9e15)::bigint")
    + "; END IF; RETURN NULL; END $$"
)
# A table's two triggers: its rows inserted or deleted, and changed (in a column that counts).
POSTGRESQL_TRIGGERS = (
    "CREATE CONSTRAINT TRIGGER astana_changed AFTER INSERT OR DELETE ON {table}"
    " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION astana_changed()",
    "CREATE CONSTRAINT TRIGGER astana_changed_update AFTER UPDATE ON {table}"
    " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW {when} EXECUTE FUNCTION astana_changed()",
)
POSTGRESQL_NAMES = ("astana_changed", "astana_changed_update")
SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} {when} BEGIN "
    + COUNT.replace("{token}", "random()")
    + "; END"
)
SQLITE_EVENTS = {"i": "INSERT", "u": "UPDATE", "d": "DELETE"}


def _stamped(table: str) -> bool:
    return not any(
        table.startswith(name[:-1]) if name.endswith("*") else table == name for name in UNSTAMPED
    )


def _tables(connection: BaseDatabaseWrapper) -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(name for name in names if _stamped(name))


def _triggered(connection: BaseDatabaseWrapper) -> set[str]:
    """The tables that carry all their triggers now."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE t.tgname = ANY(%s) GROUP BY c.relname",
                [list(POSTGRESQL_NAMES)],
            )
            expected = len(POSTGRESQL_NAMES)
        else:
            cursor.execute(
                "SELECT tbl_name, count(*) FROM sqlite_master WHERE type = 'trigger'"
                " AND name LIKE %s GROUP BY tbl_name",
                [f"{TRIGGER}%"],
            )
            expected = len(SQLITE_EVENTS)
        return {name for name, count in cursor.fetchall() if count == expected}


def unstamped_tables(using: str = "default") -> list[str]:
    """The tables whose writes should move the stamp and do not (none, once installed)."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return []
    done = _triggered(connection)
    return [table for table in _tables(connection) if table not in done]


def _when_changed(connection: BaseDatabaseWrapper, table: str) -> str:
    """The condition of a table's update trigger: a column that counts has changed."""
    ignored = UNSTAMPED_COLUMNS.get(table)
    if not ignored:
        return ""
    if connection.vendor == "postgresql":  # whatever columns the table has now or later
        dropped = " - ".join(f"'{column}'" for column in sorted(ignored))
        return f"WHEN ((to_jsonb(OLD) - {dropped}) IS DISTINCT FROM (to_jsonb(NEW) - {dropped}))"
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, table)
    changed = " OR ".join(
        f"OLD.{quote(c.name)} IS NOT NEW.{quote(c.name)}" for c in columns if c.name not in ignored
    )
    return f"WHEN ({changed})"


def install(using: str = "default") -> int:
    """Put the triggers on every stamped table that lacks them; the number of tables done."""
    connection = connections[using]
    missing = unstamped_tables(using)
    if not missing:
        return 0
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_FUNCTION)
            for table in missing:
                when = _when_changed(connection, table)
                for name, statement in zip(POSTGRESQL_NAMES, POSTGRESQL_TRIGGERS, strict=True):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}")
                    cursor.execute(statement.format(table=quote(table), when=when))
        else:
            for table in missing:
                when = _when_changed(connection, table)
                for letter, event in SQLITE_EVENTS.items():
                    statement = SQLITE_TRIGGER.format(
                        name=quote(f"{TRIGGER}_{table}_{letter}"),
                        event=event,
                        table=quote(table),
                        when=when if event == "UPDATE" else "",
                    )
                    cursor.execute(statement)
    return len(missing)


def bump(using: str = "default") -> None:
    """Move the stamp as a stamped write would (after writes made with the triggers off)."""
    with connections[using].cursor() as cursor:
        cursor.execute(COUNT.format(token="%s"), [secrets.randbits(62)])


def remove(using: str = "default") -> None:
    """Take every trigger off (while ``migrate`` changes the schema, and before the stamp's
    table goes: a migration back past ``common.0003``); ``install`` puts them back."""
    connection = connections[using]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in sorted(_triggered(connection)):
                for name in POSTGRESQL_NAMES:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{TRIGGER}%"],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER IF EXISTS {quote(name)}")


def stamp(using: str = "default") -> tuple[int, int] | None:
    """The stamp now, or None when it cannot say what a page shows: inside a transaction
    (its own writes are not counted until it commits) or before the first change."""
    connection = connections[using]
    if connection.in_atomic_block or connection.vendor not in ("postgresql", "sqlite"):
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT n, token FROM {TABLE} WHERE id = 1")  # noqa: S608 - our name
        row = cursor.fetchone()
    return (int(row[0]), int(row[1])) if row else None
