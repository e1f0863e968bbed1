"""Concurrent writers of the signed log are integrated in batches: on PostgreSQL a writer that
starts while other threads of its process are appending writes its leaf to wait, without an
index, and once its transaction has committed every leaf that waited meanwhile gets its index
under one signed checkpoint. A writer is answered with its index; nobody reads a waiting leaf;
a leaf left waiting (its writer died after committing) is integrated by the next process's
first append; an action that names its entry inside its transaction (``indexed=True``) waits
for the head instead."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.test import Client

from astana.core.ledger import LogEntry
from astana.web.signing import log
from astana.web.signing.models import Checkpoint, LogHead, LogLeaf

from .test_log_appends import assert_log_audits

ATTRIBUTES = {"document": "test/text", "revision": "1", "revision-sha256": "0" * 64}
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite holds one write lock: nobody waits"
)


def append(indexed: bool = False) -> LogLeaf:
    return log.append("document.published", "test", ATTRIBUTES, indexed=indexed)


def waiting() -> int:
    return LogLeaf.rows.filter(index__isnull=True).count()


def until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.02)


@contextmanager
def head_held() -> Iterator[None]:
    """Another append of this process (this thread's) holds the log head until the block
    ends."""
    with log._under_way(), transaction.atomic():
        LogHead.objects.select_for_update().get(pk=1)
        yield


def in_threads(count: int, work: Callable[[], LogLeaf]) -> tuple[list[threading.Thread], dict]:
    answers: dict[int, LogLeaf | BaseException] = {}

    def run(number: int) -> None:
        try:
            answers[number] = work()
        except BaseException as error:  # reported by the test
            answers[number] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    return threads, answers


def lock_waiters() -> int:
    """How many sessions of this database wait for a lock (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            " AND datname = current_database()"
        )
        return int(cursor.fetchone()[0])


def leave_a_leaf_waiting(process: str = "test") -> LogLeaf:
    """A leaf as a writer leaves it when it dies after its commit, before integrating."""
    entry = LogEntry.create(
        seq=0,
        event="document.published",
        process=process,
        time=log.now_utc(),
        attributes=ATTRIBUTES,
    )
    return LogLeaf.rows.create(index=None, event=entry.event, data=str(entry), leaf_hash=b"")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_writers_that_find_the_head_held_are_integrated_together_under_one_checkpoint() -> None:
    size = append().index + 1
    checkpoints = Checkpoint.objects.count()
    with head_held():
        threads, answers = in_threads(5, append)
        until(lambda: waiting() == 5, "five leaves waiting")  # each writer has committed
        assert log.tree_size() == size and not answers  # and none is answered yet
    for thread in threads:
        thread.join(60)
    leaves = [answers[n] for n in range(5)]
    assert all(isinstance(leaf, LogLeaf) for leaf in leaves), leaves
    assert sorted(leaf.index for leaf in leaves) == list(range(size, size + 5))  # type: ignore[union-attr]
    assert all(leaf.leaf_hash for leaf in leaves)  # type: ignore[union-attr]
    assert log.tree_size() == size + 5
    sizes = list(Checkpoint.objects.order_by("size").values_list("size", flat=True))
    assert len(sizes) == checkpoints + 1 and sizes[-1] == size + 5  # one for all five
    assert_log_audits()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_waiting_leaf_is_nobody_s_to_read() -> None:
    size = append().index + 1
    with head_held():
        threads, _ = in_threads(1, append)
        until(lambda: waiting() == 1, "a leaf waiting")
        public = Client().get(f"/api/log/entries?start=0&end={size + 5}").json()
        assert [e["index"] for e in public] == list(range(size))
        assert LogLeaf.objects.count() == size
    threads[0].join(60)
    public = Client().get(f"/api/log/entries?start=0&end={size + 5}").json()
    assert [e["index"] for e in public] == list(range(size + 1))


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_an_append_that_names_its_index_waits_for_the_head_and_leaves_nothing_waiting() -> None:
    size = append().index + 1
    with head_held():
        threads, answers = in_threads(1, lambda: append(indexed=True))
        until(lambda: lock_waiters() == 1, "the writer to wait for the head's lock")
        assert waiting() == 0 and not answers
    threads[0].join(60)
    assert answers[0].index == size  # type: ignore[union-attr]
    assert_log_audits()


@pytest.mark.django_db(transaction=True)
def test_a_leaf_left_waiting_is_integrated_by_integrate_and_by_a_process_s_first_append(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    size = append().index + 1
    left = leave_a_leaf_waiting()
    assert log.integrate() == 1
    left.refresh_from_db()
    assert left.index == size and LogEntry.parse(left.data).seq == size
    assert log.integrate() == 0
    leave_a_leaf_waiting()
    leave_a_leaf_waiting()
    if connection.vendor == "postgresql":  # where writers may leave leaves waiting
        monkeypatch.setattr(log, "_known_head", [None])  # a process's first append
    else:
        assert log.integrate() == 2
    assert append().index == size + 3  # after the two that waited
    assert_log_audits()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_writer_whose_transaction_rolls_back_leaves_nothing_waiting() -> None:
    size = append().index + 1

    @transaction.atomic
    def an_action_that_fails_after_its_append() -> LogLeaf:
        leaf = append()
        assert leaf.index is None  # waiting: the head is held
        raise RuntimeError("the action failed after its append")

    with head_held():
        threads, answers = in_threads(1, an_action_that_fails_after_its_append)
        threads[0].join(60)
    assert isinstance(answers[0], RuntimeError), answers
    assert waiting() == 0 and log.integrate() == 0
    assert append().index == size
    assert_log_audits()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_writer_whose_round_fails_is_integrated_by_the_process_s_next_append(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    size = append().index + 1

    def database_gone() -> dict:
        raise OperationalError("the server closed the connection")

    monkeypatch.setattr(log, "_integration_round", database_gone)
    with head_held():  # another append of this process is under way: this one waits
        threads, answers = in_threads(1, append)
    threads[0].join(60)
    left = answers[0]
    assert isinstance(left, LogLeaf) and left.index is None  # committed, answered, waiting
    assert "database_gone" in caplog.text or "the server closed" in caplog.text
    assert waiting() == 1 and log.tree_size() == size
    monkeypatch.undo()
    assert append().index == size + 1  # it took the lock and integrated the waiting leaf first
    assert LogLeaf.objects.get(pk=left.pk).index == size
    assert_log_audits()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_an_indexed_append_integrates_a_leaf_left_waiting_first() -> None:
    """A signature refers to its revision's entry: the signature's append (indexed) takes the
    head's lock even where this process knows the head, and integrates what waits first."""
    size = append().index + 1
    assert log._known_head[0] is not None  # the next plain append would be one statement
    left = leave_a_leaf_waiting()
    assert append(indexed=True).index == size + 1
    assert LogLeaf.objects.get(pk=left.pk).index == size
    assert_log_audits()
