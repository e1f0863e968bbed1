"""An append to the signed log on PostgreSQL is one statement when this process wrote the head
last: it writes only where the head still has the size and frontier this process expects, and
otherwise writes nothing and appends under the head's lock as before. Whatever the process
expected (another server appended meanwhile, its own append was rolled back, the database was
restored to another log of the same size), the log stays contiguous and every checkpoint
matches its entries. On SQLite every append locks the head (the engine's write lock)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from astana.core.ledger import SignerKey, audit_log
from astana.web.signing import log
from astana.web.signing.models import Checkpoint, LogLeaf

pytestmark = pytest.mark.django_db

ATTRIBUTES = {"document": "test/text", "revision": "1", "revision-sha256": "0" * 64}


def append() -> LogLeaf:
    return log.append("document.published", "test", ATTRIBUTES)


def statements(during: CaptureQueriesContext) -> list[str]:
    """The statements an append sent, without the savepoints of the test's transaction."""
    return [q["sql"] for q in during.captured_queries if "SAVEPOINT" not in q["sql"]]


def assert_log_audits() -> None:
    leaves = list(LogLeaf.objects.order_by("index"))
    assert [leaf.index for leaf in leaves] == list(range(log.tree_size()))
    assert not LogLeaf.rows.filter(index__isnull=True).exists()  # none left waiting
    entries = [leaf.data.encode() for leaf in leaves]
    notes = list(Checkpoint.objects.order_by("size").values_list("note", flat=True))
    report = audit_log(entries, notes, log.log_verifier(), origin=log.log_origin())
    assert report.ok, report.failures


def test_an_append_after_this_process_s_own_is_one_statement() -> None:
    append()
    with CaptureQueriesContext(connection) as during:
        leaf = append()
    sent = statements(during)
    if connection.vendor == "postgresql":
        assert len(sent) == 1 and "WHERE id = " in sent[0] and "AND frontier = " in sent[0]
    else:
        assert any("signing_loghead" in sql for sql in sent)  # read under the write lock
    assert leaf.index == log.tree_size() - 1
    assert_log_audits()


def test_another_server_s_append_meanwhile_is_found_and_nothing_is_lost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start = append().index + 1
    expected = log._known_head[0]
    append()  # as another server: this process still expects the head before it
    monkeypatch.setattr(log, "_known_head", [expected])
    with CaptureQueriesContext(connection) as during:
        leaf = append()
    if connection.vendor == "postgresql":
        sent = statements(during)
        # the conditional write (nothing written), the lock (which sees that no leaf waits),
        # the write
        assert len(sent) == 3
        assert "FOR UPDATE" in sent[1] and '"index" IS NULL' in sent[1]
    assert leaf.index == start + 1 and log.tree_size() == start + 2
    assert_log_audits()


def test_a_rolled_back_append_leaves_no_gap() -> None:
    size = append().index + 1

    @transaction.atomic
    def an_action_that_fails_after_its_append() -> None:
        append()
        raise RuntimeError("the action failed after its append")

    with pytest.raises(RuntimeError):
        an_action_that_fails_after_its_append()
    assert log.tree_size() == size  # this process expects one entry more than the log has
    assert append().index == size
    assert append().index == size + 1
    assert_log_audits()


def test_a_head_of_the_same_size_and_another_tree_is_not_extended(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A database restored to another log of the same size (the process's expectation names
    the size it knew): the frontier differs, so the conditional write writes nothing."""
    append()
    append()
    size, frontier = log._known_head[0] or (0, b"")
    forged = bytes(b ^ 0xFF for b in frontier)
    monkeypatch.setattr(log, "_known_head", [(size, forged)])
    leaf = append()
    assert leaf.index == size
    assert_log_audits()


def test_threads_that_make_the_log_key_at_once_all_get_one_key(tmp_path: Path) -> None:
    """The first appends of a fresh server make its key file together: none reads it half
    written (it once did: "not a signer key"), and all use the one that was kept."""
    path = tmp_path / "var" / "log-signer.key"
    start = threading.Barrier(16)
    keys: list[str] = []

    def make() -> SignerKey:
        start.wait()  # every thread has found no file: all make one
        return SignerKey.generate("astana.test/log")

    def work() -> None:
        keys.append(str(log.kept_key(path, make)))

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 16 and len(set(keys)) == 1
    assert keys[0] == path.read_text().strip()
    assert [p.name for p in path.parent.iterdir()] == ["log-signer.key"]  # no draft left
    assert path.stat().st_mode & 0o777 == 0o600
