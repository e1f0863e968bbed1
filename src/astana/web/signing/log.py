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

Concurrent writers of one process on PostgreSQL do not queue for the head one by one, as Tessera
(Trillian's successor) batches a process's appends: a writer that starts while other threads of
its process are appending writes its leaf to wait, without an index, and goes on with its own
transaction; once that has committed, one of the process's waiting writers at a time runs an
integration round (under the head's lock: every leaf that waits gets its index, the nodes and
one signed checkpoint, in one transaction) while the others wait on a condition for the round
that covers their leaf, and only then is a writer answered, its leaf's index filled in. A
writer alone in its process appends as above; writers of several processes queue for the
head's lock, each taking the leaves that wait. An action that names its entry's index inside
its own transaction (an audit entry, a publication listing its signatures' entries) asks
``indexed=True`` and appends as above. A leaf left waiting by a writer that died after its
commit is integrated by the next append that takes the head's lock (a process's first append
always does). On SQLite, whose transactions hold the database's one write lock, nobody waits.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
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
from astana.core.ledger import (
    leaf_hash as hash_leaf,
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
    "integrate",
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
    event: str,
    process: str,
    attributes: Mapping[str, str],
    *,
    time: str | None = None,
    indexed: bool = False,
) -> LogLeaf:
    """Append one entry (in the caller's transaction) and publish the new checkpoint."""
    at = time or now_utc()
    return append_entry(
        lambda seq: LogEntry.create(
            seq=seq, event=event, process=process, time=at, attributes=attributes
        ),
        indexed=indexed,
    )


def append_entry(build: Callable[[int], LogEntry], *, indexed: bool = False) -> LogLeaf:
    """Append an entry built by ``build(seq)`` (for entries whose constructor takes the index).

    The leaf comes back with its index, or, on PostgreSQL where other threads of this process
    are appending too and ``indexed`` is false, waiting for integration: its index is filled in
    once the caller's transaction has committed and the leaf is integrated (before the caller's
    action returns). ``indexed=True``: the caller reads the index inside its transaction; the
    append takes the head's lock, and first integrates any leaf that waits."""
    with _under_way() as alone, transaction.atomic():
        _check_key()
        postgresql = connection.vendor == "postgresql"
        if postgresql and not (alone or indexed):
            return _to_integrate(build(0))
        # A process's first append finds no known head, and an indexed one does not use it: they
        # take the lock, which integrates any leaf left waiting (its writer died after its
        # commit), so the entries an indexed entry refers to (a signature's revision) have theirs.
        known = _known_head[0] if alone and postgresql and not indexed else None
        if known is not None:
            head = LogHead(pk=1, size=known[0], frontier=known[1])
            leaf = _store(head, build(head.size))
            if leaf is not None:
                return leaf
        head, waiters = _lock_head_seeing_waiters()
        if waiters:
            _integrate_waiting(head)  # this process's other writers' leaves, and any left over
        leaf = _store(head, build(head.size))
        assert leaf is not None  # the head is locked: it is as read
        return leaf


def integrate() -> int:
    """Give every leaf that waits its index, in the order they were written, with the nodes
    they complete and one signed checkpoint, in one transaction (waiting for the head while
    another holds it); how many there were."""
    return len(_integration_round())


def _integration_round() -> dict[int, Integrated]:
    """``integrate``, what each leaf became by its id (a writer's round, once its leaf is
    committed). A round that finds nothing waiting (another took its leaves) writes nothing:
    its transaction is rolled back, no commit to flush."""
    with transaction.atomic():
        done = _integrate_waiting(_lock_head())
        if not done:
            transaction.set_rollback(True)
        return done


def _to_integrate(entry: LogEntry) -> LogLeaf:
    """Write ``entry`` (its seq 0) to wait for integration; once the caller's transaction has
    committed, integrate it with every other that waited, and fill its index in."""
    leaf = LogLeaf.rows.create(index=None, event=entry.event, data=str(entry), leaf_hash=b"")
    transaction.on_commit(lambda: _settle(leaf), robust=True)
    return leaf


Integrated = tuple[int, str, bytes]  # a leaf's index, data and leaf hash once integrated


class _Integrator:
    """The writers of one process whose leaves wait take turns: one of them (the leader) runs
    integration rounds while the others wait on a condition, not on the database, and take
    their leaf's index from the round that integrated it. A round that began after a writer
    committed covers its leaf: it integrated it, or found it integrated by another process
    (or by an append that took the head), and the writer then reads its index back."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.leading = False
        self.begun = 0  # rounds begun in this process
        self.ended = 0  # the newest round that has ended
        self.waiting: set[int] = set()  # this process's writers' leaves
        self.found: dict[int, Integrated] = {}  # integrated, for the writers still waiting

    def settle(self, pk: int) -> Integrated | None:
        with self.changed:
            self.waiting.add(pk)
            ticket = self.begun  # any round numbered above this covers the leaf
            try:
                while pk not in self.found and self.ended <= ticket:
                    if not self.leading:
                        self.leading = True
                        self._lead()
                    else:
                        self.changed.wait(5)
                return self.found.pop(pk, None)
            finally:
                self.waiting.discard(pk)

    def _lead(self) -> None:
        """One round, with the condition released while it runs (held on entry and exit)."""
        self.begun += 1
        number = self.begun
        done: dict[int, Integrated] = {}
        self.changed.release()
        try:
            done = _integration_round()
        finally:
            self.changed.acquire()
            self.found.update((pk, row) for pk, row in done.items() if pk in self.waiting)
            self.ended = max(self.ended, number)
            self.leading = False
            self.changed.notify_all()


_integrator = _Integrator()


def _settle(leaf: LogLeaf) -> None:
    """After the writer's commit: wait for the round that integrates its leaf (leading one if
    no other writer of this process is) and fill its index in. Where that fails (the database
    went away) the leaf waits, committed, and this process's next append takes the head's
    lock, which integrates it."""
    try:
        for _attempt in range(100):
            found = _integrator.settle(leaf.pk)
            if found is None:  # integrated by another process: read it back
                row = LogLeaf.objects.filter(pk=leaf.pk).values_list("index", "data", "leaf_hash")
                if (read := row.first()) is None:
                    continue  # the round found another's leaf integrated, not this one: again
                found = (read[0], read[1], bytes(read[2]))
            leaf.index, leaf.data, leaf.leaf_hash = found
            return
    except BaseException:
        _known_head[0] = None
        raise
    _known_head[0] = None
    logger.error("log leaf %s is still waiting for integration", leaf.pk)


INTEGRATION_BATCH = 1000  # leaves per checkpoint in a round (PostgreSQL: 65,535 parameters)


def _integrate_waiting(head: LogHead) -> dict[int, Integrated]:
    """Under the head's lock: integrate the leaves that wait (see ``integrate``), a checkpoint
    for each thousand; what each became, by its id."""
    done: dict[int, Integrated] = {}
    after = 0
    while waiting := list(
        LogLeaf.rows.filter(index__isnull=True, id__gt=after)
        .order_by("id")
        .values_list("id", "data")[:INTEGRATION_BATCH]
    ):
        after = waiting[-1][0]
        entries = [
            replace(LogEntry.parse(data), seq=head.size + i) for i, (_, data) in enumerate(waiting)
        ]
        first = head.size
        texts = [str(entry) for entry in entries]
        hashes = [hash_leaf(text.encode("utf-8")) for text in texts]
        node_rows, root = _grow(head, hashes)
        checkpoint_row, _ = _checkpoint_row(head, root)
        leaf_rows = [
            (first + i, text, leaf_hash, pk)
            for i, (text, leaf_hash, (pk, _)) in enumerate(zip(texts, hashes, waiting, strict=True))
        ]
        head_row: list[Any] = [head.size, head.frontier, head.pk]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    _integration_statement(len(leaf_rows), len(node_rows)),
                    [
                        *(value for row in leaf_rows for value in row),
                        *(value for row in node_rows for value in row),
                        *head_row,
                        *checkpoint_row,
                    ],
                )
            else:
                cursor.executemany(INSERT_NODE, node_rows)
                cursor.executemany(INTEGRATE_LEAF, leaf_rows)
                cursor.execute(UPDATE_HEAD, head_row)
                cursor.execute(INSERT_CHECKPOINT, checkpoint_row)
        done.update((pk, (index, data, leaf_hash)) for index, data, leaf_hash, pk in leaf_rows)
    if done:
        _known_head[0] = (head.size, bytes(head.frontier))
    return done


def _integration_statement(leaf_count: int, node_count: int) -> str:
    """On PostgreSQL an integration's writes go as one statement (one round trip): the leaves
    given their index, the nodes they complete, the head and the checkpoint."""
    leaves = ", ".join(["(%s::bigint, %s::text, %s::bytea, %s::bigint)"] * leaf_count)
    nodes = ", ".join(["(%s::smallint, %s::bigint, %s::bytea)"] * node_count)
    # Only constants and placeholders go into the text; every value is a parameter.
    return (
        'WITH leaves AS (UPDATE signing_logleaf AS l SET "index" = v.index, data = v.data,'  # noqa: S608
        f" leaf_hash = v.hash FROM (VALUES {leaves}) AS v(index, data, hash, id)"
        " WHERE l.id = v.id), "
        f'nodes AS (INSERT INTO signing_lognode (level, "index", hash) VALUES {nodes}), '
        "head AS (UPDATE signing_loghead SET size = %s, frontier = %s WHERE id = %s) "
        "INSERT INTO signing_checkpoint (size, root, note, created_at)"
        " VALUES (%s::bigint, %s::varchar, %s::text, %s::timestamptz)"
    )


# The head (size, frontier) this process last wrote: what its next append on PostgreSQL expects
# to find. Stale after another process's append or a rollback; the append then finds out.
_known_head: list[tuple[int, bytes] | None] = [None]
_appending = [0]  # appends of this process under way, in all its threads
_appending_lock = threading.Lock()


@contextmanager
def _under_way() -> Iterator[bool]:
    """Count this append among the process's; True when it is the only one. Where threads
    append together they would all expect the same head and all but one find it moved: they
    go for the head's lock at once instead."""
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
    return _lock_head_seeing_waiters()[0]


def _lock_head_seeing_waiters() -> tuple[LogHead, bool]:
    """``_lock_head``, and whether a leaf waited for integration when the query began (on
    PostgreSQL, in the same round trip; a leaf that began to wait since is integrated by its
    own writer)."""
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(READ_HEAD_SEEING_WAITERS if postgresql else READ_HEAD)
        row = cursor.fetchone()
    if row is None:
        head, _ = LogHead.objects.select_for_update().get_or_create(pk=1)
        return head, postgresql
    return LogHead(pk=1, size=row[0], frontier=bytes(row[1] or b"")), postgresql and row[2]


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


def _grow(head: LogHead, hashes: Sequence[bytes]) -> tuple[list[tuple[int, int, bytes]], bytes]:
    """Add leaves to ``head`` (its size and frontier move on): the nodes they complete, as
    (level, index, hash) rows, and the new root. From the frontier kept on the head (no node
    reads): the same nodes ``nodes_for_append`` would compute from stored ones."""
    frontier = _frontier(head)
    rows: list[tuple[int, int, bytes]] = []
    for leaf_hash in hashes:
        rows.append((0, head.size, leaf_hash))
        current, level, size = leaf_hash, 0, head.size
        while size & 1:  # each trailing one bit of the old size merges two equal subtrees
            current = node_hash(frontier.pop(), current)
            level += 1
            size >>= 1
            rows.append((level, head.size >> level, current))
        frontier.append(current)
        head.size += 1
    head.frontier = b"".join(frontier)
    root = frontier[-1]
    for left in reversed(frontier[:-1]):
        root = node_hash(left, root)
    return rows, root


def _checkpoint_row(head: LogHead, root: bytes) -> tuple[list[Any], datetime]:
    """The signed checkpoint of ``head`` as a row to insert, and the time it carries."""
    note = sign_checkpoint(CoreCheckpoint(log_origin(), head.size, root), [log_signer()])
    now = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value(now)
    return [head.size, root.hex(), str(note), stamp], now


READ_HEAD = "SELECT size, frontier FROM signing_loghead WHERE id = 1"
READ_HEAD_SEEING_WAITERS = (
    'SELECT size, frontier, EXISTS (SELECT 1 FROM signing_logleaf WHERE "index" IS NULL)'
    " FROM signing_loghead WHERE id = 1 FOR UPDATE"
)
# The log's four writes on SQLite, in plain SQL ("index" is quoted: it is a keyword; PostgreSQL
# takes them as one statement, ``_statement_if_head``). This is the platform's hottest write
# path; the ORM's per-object work would cost more than the database does.
INSERT_NODE = 'INSERT INTO signing_lognode (level, "index", hash) VALUES (%s, %s, %s)'
INSERT_LEAF = (
    'INSERT INTO signing_logleaf ("index", event, data, leaf_hash, appended_at) '
    "VALUES (%s, %s, %s, %s, %s) RETURNING id"
)
INTEGRATE_LEAF = 'UPDATE signing_logleaf SET "index" = %s, data = %s, leaf_hash = %s WHERE id = %s'
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
    written and the answer is None (on SQLite the caller always holds the write lock)."""
    expected = (head.size, bytes(head.frontier or b""))
    data = str(entry)  # the canonical text, made once (the leaf hash is of its bytes)
    leaf_hash = hash_leaf(data.encode("utf-8"))
    node_rows, root = _grow(head, [leaf_hash])
    checkpoint_row, now = _checkpoint_row(head, root)
    stamp = checkpoint_row[-1]
    leaf_row: list[Any] = [head.size - 1, entry.event, data, leaf_hash, stamp]
    head_row: list[Any] = [head.size, head.frontier, head.pk]
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
        data=data,
        leaf_hash=leaf_hash,
        appended_at=now,
    )
    leaf._state.adding = False
    _known_head[0] = (head.size, bytes(head.frontier))
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
