"""The platform's append-only log in the database, over the pure core ``astana.core.ledger``.

``append`` is the only way in: inside the caller's transaction it locks the log head, writes
the entry and the tree nodes it completes, and publishes a checkpoint signed with the
platform's key, so an acknowledged write is durable (SQLite ``synchronous=FULL``,
PostgreSQL synchronous commit) and indexes are strictly sequential on both databases.

On PostgreSQL an append is one statement when this process knows the head: it updates the head
only where it still has the size and frontier this process last wrote (the row lock taken by
that update is the append's lock), and inserts the nodes, the leaf and the checkpoint only if
it did. Where another process or a rolled-back transaction moved the head, nothing is written
and the append reads the head under lock and writes as before: two round trips to the server
instead of three when one writer appends, the same result either way (a size and a frontier
name one tree: every leaf hash is under the frontier).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from astana.core.ledger import (
    HASH_SIZE,
    LogEntry,
    NodeId,
    SignedNote,
    SignerKey,
    VerifierKey,
    consistency_proof,
    fingerprint,
    format_utc_time,
    inclusion_proof,
    node_hash,
    open_checkpoint,
    sign_checkpoint,
)
from astana.core.ledger import (
    Checkpoint as CoreCheckpoint,
)
from astana.web.common.errors import ActionError
from astana.web.signing.models import Checkpoint, LogHead, LogLeaf, LogNode

logger = logging.getLogger(__name__)

__all__ = [
    "DatabaseHashReader",
    "LogKeyError",
    "append",
    "append_entry",
    "cosigned_note",
    "kept_key",
    "latest_checkpoint",
    "log_fingerprint",
    "log_key_problem",
    "log_origin",
    "log_signer",
    "log_verifier",
    "proof_of_consistency",
    "proof_of_inclusion",
    "tree_size",
    "trust_file",
]


def log_origin() -> str:
    """The log's name (the checkpoint origin), e.g. ``astana.example.org/log``."""
    return str(
        getattr(settings, "ASTANA_LOG_ORIGIN", "")
        or os.environ.get("ASTANA_LOG_ORIGIN", "astana.local/log")
    )


@cache
def log_signer() -> SignerKey:
    """The platform's checkpoint key: ``ASTANA_LOG_SIGNER`` (a ``PRIVATE+KEY+...`` string), else
    a key made once and kept in ``var/log-signer.key`` (readable by its owner only)."""
    if text := os.environ.get("ASTANA_LOG_SIGNER"):
        return SignerKey.parse(text.strip())
    return kept_key(
        Path(settings.VAR_DIR) / "log-signer.key", lambda: SignerKey.generate(log_origin())
    )


def kept_key(path: Path, make: Callable[[], SignerKey]) -> SignerKey:
    """The key kept in ``path``; the first caller makes it with ``make`` and writes it there,
    readable by its owner only (another thread or process that made it first wins: its key
    is used). The file appears whole or not at all: it is written under a name of its own and
    linked into place, so nobody reads a half-written key."""
    if not path.exists():
        key = make()
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "w") as out:
                out.write(str(key) + "\n")
                out.flush()
                os.fsync(out.fileno())
            os.link(draft, path)
        except FileExistsError:
            pass  # made by another thread or process meanwhile: use theirs
        finally:
            draft.unlink(missing_ok=True)
    return SignerKey.parse(path.read_text().strip())


def log_verifier() -> VerifierKey:
    return log_signer().verifier


def log_fingerprint() -> str:
    """The fingerprint of the log's verifier key: what the process publishes out of band so
    that a verifier can pin the key (``astana verify --log-key "<fingerprint>"``)."""
    return fingerprint(str(log_verifier()).encode())


class LogKeyError(ActionError):
    """This server's log key (or origin) is not the one that signed the log so far: it must not
    extend the log, since verifiers would find checkpoints of two keys (HTTP 503; nothing is
    written). Several servers of one platform share one key (docs/deploy.md)."""

    status = 503


def log_key_problem() -> str | None:
    """Why this server may not sign the log in the database, or None: its latest checkpoint
    does not open with this server's key and origin (a server that made a key of its own in
    its ``var/``, where several servers need one ``ASTANA_LOG_SIGNER``)."""
    note = Checkpoint.objects.order_by("-size").values_list("note", flat=True).first()
    if note is None:
        return None
    try:
        open_checkpoint(note, log_verifier(), origin=log_origin())
    except ValueError as error:
        return (
            f"The log's latest checkpoint was not signed with this server's log key"
            f" ({log_fingerprint()}, origin {log_origin()!r}): {error}. Every server of the"
            " platform must use the same key and origin (ASTANA_LOG_SIGNER and"
            " ASTANA_LOG_ORIGIN, or one shared var/log-signer.key; docs/deploy.md)."
        )
    return None


_KEYS_CHECKED: set[str] = set()  # the verifier keys found to have signed the log so far


def _check_key() -> None:
    """Once per key and process, before the first append: refuse to sign with a key that did
    not sign the log so far (see ``log_key_problem``)."""
    key = str(log_verifier())
    if key in _KEYS_CHECKED:
        return
    problem = log_key_problem()
    if problem is not None:
        logger.error(problem)
        raise LogKeyError(
            _(
                "The public record cannot be written through this server now (its log key is "
                "not the record's); the operators are told. Nothing was saved: please try "
                "again later."
            )
        )
    _KEYS_CHECKED.add(key)


def trust_file() -> dict[str, Any]:
    """What a verifier needs from outside a bundle (``astana verify --trust``)."""
    from astana.web.signing.models import Witness

    witnesses = [w.verifier_key for w in Witness.objects.order_by("name")]
    return {
        "origin": log_origin(),
        "log_key": str(log_verifier()),
        "log_key_fingerprint": log_fingerprint(),
        "witnesses": witnesses,
        "witnesses_required": min(1, len(witnesses)),
    }


class DatabaseHashReader:
    """The core's ``HashReader`` over ``LogNode`` rows: one query per batch."""

    def get_nodes(self, ids: Sequence[NodeId]) -> Sequence[bytes]:
        if not ids:
            return []
        wanted = {(i.level, i.index) for i in ids}
        rows = LogNode.objects.filter(
            level__in={lvl for lvl, _ in wanted}, index__in={i for _, i in wanted}
        )
        found = {(r.level, r.index): bytes(r.hash) for r in rows if (r.level, r.index) in wanted}
        try:
            return [found[(i.level, i.index)] for i in ids]
        except KeyError as error:
            raise LookupError(f"log node {error.args[0]} is not stored") from error


def tree_size() -> int:
    head = LogHead.objects.filter(pk=1).first()
    return head.size if head else 0


def now_utc() -> str:
    return format_utc_time(datetime.now(UTC).replace(microsecond=0))


def append(
    event: str, process: str, attributes: Mapping[str, str], *, time: str | None = None
) -> LogLeaf:
    """Append one entry (in the caller's transaction) and publish the new checkpoint."""
    at = time or now_utc()
    return append_entry(
        lambda seq: LogEntry.create(
            seq=seq, event=event, process=process, time=at, attributes=attributes
        )
    )


def append_entry(build: Callable[[int], LogEntry]) -> LogLeaf:
    """Append an entry built by ``build(seq)`` (for entries whose constructor takes the index)."""
    with _under_way() as alone, transaction.atomic():
        _check_key()
        known = _known_head[0] if alone and connection.vendor == "postgresql" else None
        if known is not None:
            head = LogHead(pk=1, size=known[0], frontier=known[1])
            leaf = _store(head, build(head.size))
            if leaf is not None:
                return leaf
        head = _lock_head()
        leaf = _store(head, build(head.size))
        assert leaf is not None  # the head is locked: it is as read
        return leaf


# The head (size, frontier) this process last wrote: what its next append on PostgreSQL expects
# to find. Stale after another process's append or a rollback; the append then finds out.
_known_head: list[tuple[int, bytes] | None] = [None]
_appending = [0]  # appends of this process under way, in all its threads
_appending_lock = threading.Lock()


@contextmanager
def _under_way() -> Iterator[bool]:
    """Count this append among the process's; True when it is the only one. Where threads
    append together they would all expect the same head and all but one find it moved: they
    lock the head at once instead."""
    with _appending_lock:
        _appending[0] += 1
        alone = _appending[0] == 1
    try:
        yield alone
    finally:
        with _appending_lock:
            _appending[0] -= 1


def _lock_head() -> LogHead:
    """Lock the log head for this transaction and read it (one query; the row is made on the
    first append). On SQLite the IMMEDIATE transaction already holds the write lock."""
    locks = connection.features.has_select_for_update
    with connection.cursor() as cursor:
        cursor.execute(READ_HEAD_FOR_UPDATE if locks else READ_HEAD)
        row = cursor.fetchone()
    if row is None:
        head, _ = LogHead.objects.select_for_update().get_or_create(pk=1)
        return head
    return LogHead(pk=1, size=row[0], frontier=bytes(row[1] or b""))


def _frontier(head: LogHead) -> list[bytes]:
    """The perfect-subtree roots of the log, largest first (rebuilt from nodes if missing)."""
    raw = bytes(head.frontier or b"")
    if head.size and not raw:
        ids, offset = [], 0
        for level in reversed(range(head.size.bit_length())):
            if head.size >> level & 1:
                ids.append(NodeId(level, offset >> level))
                offset += 1 << level
        return list(DatabaseHashReader().get_nodes(ids))
    return [raw[i : i + HASH_SIZE] for i in range(0, len(raw), HASH_SIZE)]


READ_HEAD = "SELECT size, frontier FROM signing_loghead WHERE id = 1"
READ_HEAD_FOR_UPDATE = READ_HEAD + " FOR UPDATE"
# The log's four writes on SQLite, in plain SQL ("index" is quoted: it is a keyword; PostgreSQL
# takes them as one statement, ``_statement_if_head``). This is the platform's hottest write
# path; the ORM's per-object work would cost more than the database does.
INSERT_NODE = 'INSERT INTO signing_lognode (level, "index", hash) VALUES (%s, %s, %s)'
INSERT_LEAF = (
    'INSERT INTO signing_logleaf ("index", event, data, leaf_hash, appended_at) '
    "VALUES (%s, %s, %s, %s, %s) RETURNING id"
)
UPDATE_HEAD = "UPDATE signing_loghead SET size = %s, frontier = %s WHERE id = %s"
INSERT_CHECKPOINT = (
    "INSERT INTO signing_checkpoint (size, root, note, created_at) VALUES (%s, %s, %s, %s)"
)


def _statement_if_head(node_count: int) -> str:
    """On PostgreSQL the four writes go as one statement (data-modifying CTEs), one round trip
    to the server instead of four, all of it committed or none; made only if the head still
    has the size and frontier it was read with: the update of the head comes first and the
    inserts take their rows from what it updated (none, and no row back, when the head moved).
    A concurrent append holds the head's row lock; this update waits for its commit, then finds
    the new size and updates nothing. Under this transaction's own lock the head cannot have
    moved."""
    values = ", ".join(["(%s::smallint, %s::bigint, %s::bytea)"] * node_count)
    # Only constants and placeholders go into the text; every value is a parameter.
    return (
        "WITH head AS (UPDATE signing_loghead SET size = %s, frontier = %s"  # noqa: S608
        " WHERE id = %s AND size = %s AND frontier = %s RETURNING id), "
        'nodes AS (INSERT INTO signing_lognode (level, "index", hash)'
        f" SELECT v.level, v.index, v.hash FROM (VALUES {values}) AS v(level, index, hash), head), "
        "checkpoint AS (INSERT INTO signing_checkpoint (size, root, note, created_at)"
        " SELECT %s::bigint, %s::varchar, %s::text, %s::timestamptz FROM head) "
        'INSERT INTO signing_logleaf ("index", event, data, leaf_hash, appended_at)'
        " SELECT %s::bigint, %s::varchar, %s::text, %s::bytea, %s::timestamptz FROM head"
        " RETURNING id"
    )


def _store(head: LogHead, entry: LogEntry) -> LogLeaf | None:
    """Write the entry, the nodes it completes, the new head and a signed checkpoint. On
    PostgreSQL only if the stored head still has ``head``'s size and frontier: else nothing is
    written and the answer is None (on SQLite the caller always holds the write lock).

    The new nodes come from the frontier kept on the head (no node reads), the same nodes
    ``nodes_for_append`` would compute from stored ones."""
    expected = (head.size, bytes(head.frontier or b""))
    leaf_hash = entry.leaf_hash()
    frontier = _frontier(head)
    nodes = [(NodeId(0, head.size), leaf_hash)]
    current, level, size = leaf_hash, 0, head.size
    while size & 1:  # each trailing one bit of the old size merges two equal subtrees
        current = node_hash(frontier.pop(), current)
        level += 1
        size >>= 1
        nodes.append((NodeId(level, head.size >> level), current))
    frontier.append(current)
    head.size += 1
    head.frontier = b"".join(frontier)
    root = frontier[-1]
    for left in reversed(frontier[:-1]):
        root = node_hash(left, root)
    note = sign_checkpoint(CoreCheckpoint(log_origin(), head.size, root), [log_signer()])
    now = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value(now)
    node_rows = [(n.level, n.index, h) for n, h in nodes]
    leaf_row: list[Any] = [head.size - 1, entry.event, str(entry), leaf_hash, stamp]
    head_row: list[Any] = [head.size, head.frontier, head.pk]
    checkpoint_row: list[Any] = [head.size, root.hex(), str(note), stamp]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            flat: list[Any] = [value for row in node_rows for value in row]
            cursor.execute(
                _statement_if_head(len(node_rows)),
                [*head_row, *expected, *flat, *checkpoint_row, *leaf_row],
            )
            row = cursor.fetchone()
            if row is None:
                _known_head[0] = None
                return None
            leaf_id = row[0]
        else:
            cursor.executemany(INSERT_NODE, node_rows)
            cursor.execute(INSERT_LEAF, leaf_row)
            leaf_id = cursor.fetchone()[0]
            cursor.execute(UPDATE_HEAD, head_row)
            cursor.execute(INSERT_CHECKPOINT, checkpoint_row)
    leaf = LogLeaf(
        id=leaf_id,
        index=head.size - 1,
        event=entry.event,
        data=str(entry),
        leaf_hash=leaf_hash,
        appended_at=now,
    )
    leaf._state.adding = False
    _known_head[0] = (head.size, head.frontier)
    return leaf


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-size").first()


def cosigned_note(checkpoint: Checkpoint) -> str:
    """The checkpoint's signed note with every recorded witness cosignature added."""
    note = SignedNote.parse(checkpoint.note)
    lines = [c.line for c in checkpoint.cosignatures.order_by("witness__name")]
    if not lines:
        return checkpoint.note
    extra = SignedNote.parse(note.text + "\n" + "\n".join(lines) + "\n")
    return str(note.with_signatures(extra.signatures))


def proof_of_inclusion(index: int, size: int) -> list[bytes]:
    return inclusion_proof(DatabaseHashReader(), index, size)


def proof_of_consistency(size1: int, size2: int) -> list[bytes]:
    return consistency_proof(DatabaseHashReader(), size1, size2)
