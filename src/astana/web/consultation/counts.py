"""Votes written without a shared lock, and the version of a consultation they make.

A vote is one statement on both databases: ``INSERT … ON CONFLICT (participant, statement)
DO UPDATE … WHERE the value differs RETURNING id``. It inserts the vote, or changes its
value, or does nothing when the same vote is repeated (idempotent); a row comes back only
when something changed. Only then is one of the consultation's ``VOTE_SHARDS`` counters
(chosen by participant) incremented, with the same kind of upsert: concurrent voters wait
on nothing but their own participant's shard, never on the consultation's row.

A consultation's version is ``Consultation.changes`` (moderation, imports) plus the sum of
its vote counters; a stored analysis keeps the version it saw, so the worker re-analyses
only a consultation whose version moved.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from astana.web.consultation.models import VOTE_SHARDS, Consultation, Vote, VoteCount

__all__ = ["add_vote_changes", "process_votes", "record_vote", "versions"]


def record_vote(
    *, consultation_id: int, participant_id: int, statement_id: int, value: int
) -> bool:
    """Store the participant's vote on the statement; True when it was new or changed."""
    # The tables' names are ours (quoted); every value is a parameter.
    table = connection.ops.quote_name(Vote._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (participant_id, statement_id, value, cast_at, updated_at)"  # noqa: S608
            " VALUES (%s, %s, %s, %s, %s)"
            " ON CONFLICT (participant_id, statement_id) DO UPDATE"
            " SET value = excluded.value, updated_at = excluded.updated_at"
            f" WHERE {table}.value <> excluded.value"
            " RETURNING id",
            [participant_id, statement_id, value, now, now],
        )
        changed = cursor.fetchone() is not None
    if changed:
        add_vote_changes(consultation_id, 1, shard=participant_id % VOTE_SHARDS)
    return changed


def add_vote_changes(consultation_id: int, n: int, *, shard: int = 0) -> None:
    """Count ``n`` votes cast or changed on one of the consultation's counters."""
    table = connection.ops.quote_name(VoteCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (consultation_id, shard, changes) VALUES (%s, %s, %s)"  # noqa: S608
            " ON CONFLICT (consultation_id, shard) DO UPDATE"
            f" SET changes = {table}.changes + excluded.changes",
            [consultation_id, shard, n],
        )


def versions(consultation_ids: Iterable[int] | None = None) -> dict[int, tuple[int, int]]:
    """Each consultation's (version, votes cast or changed); all of them without ids."""
    rows = Consultation.objects.all()
    counts = VoteCount.objects.all()
    if consultation_ids is not None:
        ids = list(consultation_ids)
        rows, counts = rows.filter(pk__in=ids), counts.filter(consultation_id__in=ids)
    votes = dict(
        counts.order_by()
        .values("consultation_id")
        .annotate(n=Sum("changes"))
        .values_list("consultation_id", "n")
    )
    return {
        pk: (changes + int(votes.get(pk) or 0), int(votes.get(pk) or 0))
        for pk, changes in rows.values_list("pk", "changes")
    }


def process_votes(process_id: int) -> int:
    """Votes cast or changed in all the process's consultations: with the database's change
    stamp (which votes do not move), the state of every page that shows them. Asked on every
    request for a shared room page: one plain statement (the ORM's building of the same
    aggregate cost ten times the query)."""
    counts = connection.ops.quote_name(VoteCount._meta.db_table)
    consultations = connection.ops.quote_name(Consultation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE(SUM(v.changes), 0) FROM {counts} v"  # noqa: S608 - our names
            f" JOIN {consultations} c ON c.id = v.consultation_id WHERE c.process_id = %s",
            [process_id],
        )
        return int(cursor.fetchone()[0])
