"""Voting and analysis with real concurrency: threads on their own database connections,
committing for real (PostgreSQL where it matters: SQLite has one writer at a time).

Votes take no lock on the consultation: concurrent voters, each voting twice on every
statement (the repeat changes nothing) and some of them from two threads at once, leave
exactly one vote per participant and statement and counters equal to the votes cast or
changed. Of several processes' analysis loops only one analyses a consultation at a time
(a claim in the database), and the loop of a server analyses new votes by itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connection
from tests.helpers.people import user

from astana.web.common.errors import ActionError, is_overload
from astana.web.consultation import actions
from astana.web.consultation.background import AnalysisLoop, analyse
from astana.web.consultation.counts import versions
from astana.web.consultation.models import Analysis, Consultation, Participant, Vote
from astana.web.demo import DEMO_PROCESS

from .conftest import STATEMENTS, anon_key

pytestmark = pytest.mark.django_db(transaction=True)


def open_consultation() -> Consultation:
    created = actions.consultation_create(
        user=user("convener"),
        process_slug=DEMO_PROCESS,
        titles={"en": "At scale"},
        allow_anonymous=True,
        open_now=True,
    )
    for language, text in STATEMENTS:
        actions.statement_submit(
            user=user("convener"), consultation_id=created.pk, text=text, language=language
        )
    return created


def on_own_connection(work: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        try:
            return work()
        finally:
            connection.close()

    return run


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite has one writer at a time)")


def test_concurrent_votes_are_exact_and_idempotent(history_reloaded: None) -> None:
    needs_postgresql()
    consultation = open_consultation()
    statements = list(
        consultation.statements.filter(state="accepted").order_by("id").values_list("pk", flat=True)
    )
    voters = 40

    def vote(n: int, choice: str) -> None:
        for statement in statements:
            for _ in range(2):  # the same vote twice: the second changes nothing
                actions.statement_vote(
                    user=AnonymousUser(),
                    consultation_id=consultation.pk,
                    statement_id=statement,
                    choice=choice,
                    participant_key=anon_key(n),
                )

    # Every voter from two threads at once (the same browser's key), 16 threads in all.
    jobs = [on_own_connection(partial(vote, n, "agree")) for n in range(voters)] * 2
    with ThreadPoolExecutor(16) as pool:
        for future in [pool.submit(job) for job in jobs]:
            future.result()
    browsers = Participant.objects.filter(consultation=consultation, key__isnull=False)
    assert browsers.count() == voters  # (the convener, who wrote the statements, is one more)
    assert Vote.objects.filter(statement__consultation=consultation).count() == voters * len(
        statements
    )
    assert versions([consultation.pk])[consultation.pk][1] == voters * len(statements)
    # Half of them change their minds, concurrently: each change is counted once.
    with ThreadPoolExecutor(16) as pool:
        changes = [
            pool.submit(on_own_connection(partial(vote, n, "disagree"))) for n in range(voters // 2)
        ]
        for future in changes:
            future.result()
    votes = Vote.objects.filter(statement__consultation=consultation)
    assert votes.count() == voters * len(statements)
    assert votes.filter(value=-1).count() == voters // 2 * len(statements)
    assert versions([consultation.pk])[consultation.pk][1] == (
        voters * len(statements) + voters // 2 * len(statements)
    )


def test_a_closed_consultation_takes_no_vote_from_any_thread(history_reloaded: None) -> None:
    needs_postgresql()
    consultation = open_consultation()
    statement = consultation.statements.filter(state="accepted").first()
    assert statement is not None
    actions.consultation_update(
        user=user("convener"), consultation_id=consultation.pk, state="closed"
    )
    refused = []

    def vote(n: int) -> None:
        try:
            actions.statement_vote(
                user=AnonymousUser(),
                consultation_id=consultation.pk,
                statement_id=statement.pk,
                choice="agree",
                participant_key=anon_key(n),
            )
        except ActionError:
            refused.append(n)

    with ThreadPoolExecutor(8) as pool:
        for future in [pool.submit(on_own_connection(partial(vote, n))) for n in range(16)]:
            future.result()
    assert sorted(refused) == list(range(16))
    assert not Vote.objects.filter(statement__consultation=consultation).exists()
    assert not Participant.objects.filter(consultation=consultation, key__isnull=False).exists()


def test_of_concurrent_analysers_one_analyses_a_version(history_reloaded: None) -> None:
    needs_postgresql()
    consultation = open_consultation()
    for n in range(8):
        for statement in consultation.statements.filter(state="accepted"):
            actions.statement_vote(
                user=AnonymousUser(),
                consultation_id=consultation.pk,
                statement_id=statement.pk,
                choice="agree" if n % 2 else "disagree",
                participant_key=anon_key(n),
            )
    start = threading.Barrier(6)

    def contend() -> object:
        start.wait()
        return analyse(consultation.pk)

    with ThreadPoolExecutor(6) as pool:
        results = [f.result() for f in [pool.submit(on_own_connection(contend)) for _ in range(6)]]
    stored = Analysis.objects.filter(consultation=consultation).count()
    assert stored == sum(1 for r in results if r is not None) >= 1
    # Those that lost the claim stored nothing; the claim is released afterwards.
    consultation.refresh_from_db()
    assert consultation.analysing_by == "" and consultation.analysing_until is None


def vote_as_a_client_would(**vote: object) -> None:
    """A vote, tried again while the database answers it is busy (what a client does with the
    API's 503 and Retry-After). SQLite's test database is in memory with a shared cache, where
    the loop's reading a table makes a write to it fail at once ("database table is locked")
    instead of waiting; nothing of a refused vote is written."""
    for _attempt in range(100):
        try:
            actions.statement_vote(user=AnonymousUser(), **vote)  # type: ignore[arg-type]
            return
        except OperationalError as error:
            if not is_overload(error):
                raise
            time.sleep(0.05)
    pytest.fail("the database stayed busy for 5 s")


def test_the_server_loop_analyses_new_votes_by_itself(history_reloaded: None) -> None:
    consultation = open_consultation()
    loop = AnalysisLoop(interval=0.2).start()
    try:
        for n in range(12):
            for statement in consultation.statements.filter(state="accepted"):
                vote_as_a_client_would(
                    consultation_id=consultation.pk,
                    statement_id=statement.pk,
                    choice="agree" if n < 6 else "disagree",
                    participant_key=anon_key(n),
                )
        total = 12 * len(STATEMENTS)
        deadline = time.monotonic() + 120  # a bound for a loaded machine, not a measure
        while time.monotonic() < deadline:
            latest = Analysis.objects.filter(consultation=consultation).order_by("-id").first()
            if latest is not None and latest.vote_count == total:
                break
            time.sleep(0.2)
    finally:
        loop.stop()
    assert latest is not None and latest.vote_count == total
    assert latest.result["status"] == "ok"
    assert latest.result["group_sizes"] == [6, 6]  # two camps of six: two groups
