"""Moderation, one vote per participant and statement, the next statement, and refusals that
change nothing (unknown statement, a rejected one, a wrong vote, a huge text)."""

from __future__ import annotations

import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Sum
from tests.helpers.people import user
from tests.helpers.unchanged import database_state

from astana.core.actions import Action
from astana.web.common.errors import ActionError, Forbidden, NotFound
from astana.web.common.models import AuditEntry
from astana.web.consultation import actions
from astana.web.consultation.access import access_consultation
from astana.web.consultation.counts import process_votes, versions
from astana.web.consultation.models import (
    Consultation,
    Participant,
    Statement,
    Vote,
    VoteCount,
)
from astana.web.consultation.priority import StatementTally, choose_next, priority
from astana.web.consultation.selectors import next_statement

from .conftest import anon_key, vote_all

pytestmark = pytest.mark.django_db


def test_moderation_accepts_and_rejects_with_a_reason(
    consultation: Consultation, pending: Statement
) -> None:
    assert pending.state == "pending"
    assert AuditEntry.objects.filter(action="statement.submit", object_id=str(pending.pk)).exists()
    with pytest.raises(ActionError, match="Say why"):
        actions.statement_moderate(
            user=user("secretariat"), statement_id=pending.pk, decision="reject"
        )
    rejected = actions.statement_moderate(
        user=user("secretariat"),
        statement_id=pending.pk,
        decision="reject",
        reason="Off topic for this consultation.",
    )
    assert (rejected.state, rejected.reason) == ("rejected", "Off topic for this consultation.")
    entry = AuditEntry.objects.get(action="statement.moderate", object_id=str(pending.pk))
    assert entry.actor == user("secretariat")
    assert entry.detail["reason"] == "Off topic for this consultation."
    accepted = actions.statement_moderate(
        user=user("convener"), statement_id=pending.pk, decision="accept"
    )
    assert (accepted.state, accepted.reason) == ("accepted", "")


@pytest.mark.parametrize(
    "name", ["mediator", "party1", "party2", "guarantor", "observer", "expert", "host"]
)
def test_only_the_secretariat_and_the_convener_moderate(
    consultation: Consultation, pending: Statement, name: str
) -> None:
    before = database_state()
    with pytest.raises(Forbidden, match="secretariat and the convener"):
        actions.statement_moderate(user=user(name), statement_id=pending.pk, decision="accept")
    assert database_state().changes_since(before) == []


def test_a_party_statement_waits_and_a_moderator_statement_is_accepted(
    consultation: Consultation, pending: Statement
) -> None:
    mine = actions.statement_submit(
        user=user("secretariat"),
        consultation_id=consultation.pk,
        text="Sessions should be broadcast.",
        language="en",
    )
    assert (pending.state, mine.state) == ("pending", "accepted")


def test_one_vote_per_participant_and_statement_a_repeat_updates(
    consultation: Consultation, accepted: list[Statement]
) -> None:
    first = accepted[0]
    anon = AnonymousUser()
    actions.statement_vote(
        user=anon,
        consultation_id=consultation.pk,
        statement_id=first.pk,
        choice="agree",
        participant_key=anon_key(1),
    )
    actions.statement_vote(
        user=anon,
        consultation_id=consultation.pk,
        statement_id=first.pk,
        choice="disagree",
        participant_key=anon_key(1),
    )
    for choice in ("pass", "agree"):
        actions.statement_vote(
            user=user("party1"),
            consultation_id=consultation.pk,
            statement_id=first.pk,
            choice=choice,
        )
    votes = Vote.objects.filter(statement=first).order_by("participant__key")
    assert sorted(v.value for v in votes) == [-1, 1]
    voters = Participant.objects.filter(consultation=consultation, votes__isnull=False)
    assert voters.distinct().count() == 2
    assert versions([consultation.pk])[consultation.pk][1] == 4
    # The same vote again changes nothing, not even the counters.
    before = database_state()
    actions.statement_vote(
        user=user("party1"), consultation_id=consultation.pk, statement_id=first.pk, choice="agree"
    )
    assert versions([consultation.pk])[consultation.pk][1] == 4
    assert database_state().changes_since(before) == []


def test_a_vote_on_a_closed_consultation_is_refused_and_changes_nothing(
    consultation: Consultation, accepted: list[Statement]
) -> None:
    actions.consultation_update(
        user=user("convener"), consultation_id=consultation.pk, state="closed"
    )
    before = database_state()
    for voter, key in ((user("party1"), None), (AnonymousUser(), anon_key(3))):
        with pytest.raises(Forbidden, match="does not take votes"):
            actions.statement_vote(
                user=voter,
                consultation_id=consultation.pk,
                statement_id=accepted[0].pk,
                choice="agree",
                participant_key=key,
            )
    assert database_state().changes_since(before) == []


def test_the_database_refuses_a_second_vote_row(
    consultation: Consultation, accepted: list[Statement]
) -> None:
    participant = Participant.objects.create(consultation=consultation, key=anon_key(5))
    Vote.objects.create(participant=participant, statement=accepted[0], value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(participant=participant, statement=accepted[0], value=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(participant=participant, statement=accepted[1], value=7)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"statement_id": 999_999}, "There is no statement 999999"),
        ({"choice": "maybe"}, "agree, disagree or pass"),
        ({"choice": "1"}, "agree, disagree or pass"),
        ({"participant_key": None, "anonymous": True}, "enable cookies"),
        ({"participant_key": "short", "anonymous": True}, "enable cookies"),
    ],
)
def test_bad_votes_are_refused_and_change_nothing(
    consultation: Consultation, accepted: list[Statement], change: dict[str, object], message: str
) -> None:
    before = database_state()
    anonymous = bool(change.pop("anonymous", False))
    arguments: dict[str, object] = {
        "user": AnonymousUser() if anonymous else user("party2"),
        "consultation_id": consultation.pk,
        "statement_id": accepted[0].pk,
        "choice": "agree",
        "participant_key": anon_key(9),
    }
    arguments.update(change)
    with pytest.raises(ActionError, match=message):
        actions.statement_vote(**arguments)  # type: ignore[arg-type]
    assert database_state().changes_since(before) == []


def test_a_rejected_or_pending_statement_takes_no_votes(
    consultation: Consultation, pending: Statement
) -> None:
    before = database_state(counted=True)
    with pytest.raises(ActionError, match="not open for votes"):
        actions.statement_vote(
            user=user("party2"),
            consultation_id=consultation.pk,
            statement_id=pending.pk,
            choice="agree",
        )
    actions.statement_moderate(
        user=user("secretariat"), statement_id=pending.pk, decision="reject", reason="Duplicate."
    )
    middle = database_state(counted=True)
    with pytest.raises(ActionError, match="not open for votes"):
        actions.statement_vote(
            user=user("party2"),
            consultation_id=consultation.pk,
            statement_id=pending.pk,
            choice="agree",
        )
    assert database_state(counted=True).changes_since(middle) == []
    assert middle.counts["consultation_vote"] == before.counts["consultation_vote"]


def test_a_statement_of_another_consultation_is_unknown_here(
    consultation: Consultation, accepted: list[Statement]
) -> None:
    other = actions.consultation_create(
        user=user("convener"), process_slug="astana-platform", titles={"en": "Other"}, open_now=True
    )
    with pytest.raises(NotFound, match="no statement"):
        actions.statement_vote(
            user=user("party1"),
            consultation_id=other.pk,
            statement_id=accepted[0].pk,
            choice="agree",
        )


@pytest.mark.parametrize(
    ("text", "language", "message"),
    [
        ("x" * 501, "en", "at most 500 characters"),
        ("x" * 1_000_000, "en", "at most 500 characters"),
        ("   ", "en", "Write the statement"),
        ("A fair statement.", "fr", "language"),
        ("A ceasefire must come before any talks on a constitution.", "en", "already"),
    ],
)
def test_bad_statements_are_refused_and_change_nothing(
    consultation: Consultation, text: str, language: str, message: str
) -> None:
    before = database_state()
    with pytest.raises(ActionError, match=message):
        actions.statement_submit(
            user=user("party3"), consultation_id=consultation.pk, text=text, language=language
        )
    assert database_state().changes_since(before) == []


def test_huge_reason_and_unknown_decision_are_refused(
    consultation: Consultation, pending: Statement
) -> None:
    before = database_state()
    with pytest.raises(ActionError, match="at most 1000"):
        actions.statement_moderate(
            user=user("secretariat"), statement_id=pending.pk, decision="reject", reason="y" * 5000
        )
    with pytest.raises(ActionError, match="accept or reject"):
        actions.statement_moderate(
            user=user("secretariat"), statement_id=pending.pk, decision="hide"
        )
    with pytest.raises(NotFound):
        actions.statement_moderate(user=user("secretariat"), statement_id=10**9, decision="accept")
    assert database_state().changes_since(before) == []


def test_anonymous_votes_only_where_the_consultation_allows_them(
    consultation: Consultation, accepted: list[Statement]
) -> None:
    actions.consultation_update(
        user=user("convener"), consultation_id=consultation.pk, allow_anonymous=False
    )
    before = database_state()
    with pytest.raises(Forbidden, match="log in"):
        actions.statement_vote(
            user=AnonymousUser(),
            consultation_id=consultation.pk,
            statement_id=accepted[0].pk,
            choice="agree",
            participant_key=anon_key(1),
        )
    assert database_state().changes_since(before) == []
    actions.consultation_update(
        user=user("convener"), consultation_id=consultation.pk, state="closed"
    )
    with pytest.raises(Forbidden):
        actions.statement_vote(
            user=user("party1"),
            consultation_id=consultation.pk,
            statement_id=accepted[0].pk,
            choice="agree",
        )


def test_only_the_convener_creates_and_manages(consultation: Consultation) -> None:
    for name in ("secretariat", "mediator", "party1", "observer"):
        with pytest.raises(Forbidden):
            actions.consultation_create(
                user=user(name), process_slug="astana-platform", titles={"en": "Mine"}
            )
        with pytest.raises(Forbidden):
            actions.consultation_update(
                user=user(name), consultation_id=consultation.pk, results_published=True
            )
    with pytest.raises(ActionError, match="at most 300"):
        actions.consultation_create(
            user=user("convener"), process_slug="astana-platform", titles={"en": "t" * 301}
        )
    with pytest.raises(ActionError, match="at least one language"):
        actions.consultation_create(
            user=user("convener"), process_slug="astana-platform", titles={}
        )


def test_a_draft_is_hidden_from_those_without_a_role(consultation: Consultation) -> None:
    draft = actions.consultation_create(
        user=user("convener"), process_slug="astana-platform", titles={"en": "Draft"}
    )
    with pytest.raises(NotFound):
        access_consultation(AnonymousUser(), draft.pk)
    assert access_consultation(user("observer"), draft.pk).consultation == draft


def test_next_statement_never_repeats_and_prefers_unseen_statements(
    consultation: Consultation, accepted: list[Statement]
) -> None:
    actor = access_consultation(AnonymousUser(), consultation.pk, Action.STATEMENT_VOTE)
    seen = []
    for _ in accepted:
        progress = next_statement(actor, anon_key(7))
        assert progress.statement is not None
        assert progress.statement.pk not in seen
        seen.append(progress.statement.pk)
        actions.statement_vote(
            user=AnonymousUser(),
            consultation_id=consultation.pk,
            statement_id=progress.statement.pk,
            choice="agree",
            participant_key=anon_key(7),
        )
    final = next_statement(actor, anon_key(7))
    assert (final.statement, final.voted, final.total) == (None, len(accepted), len(accepted))
    # A new statement is never voted yet, so another participant most likely sees it first.
    newest = actions.statement_submit(
        user=user("convener"), consultation_id=consultation.pk, text="A new one.", language="en"
    )
    firsts = [
        next_statement(actor, anon_key(7), rng=random.Random(seed)).statement for seed in range(20)
    ]
    assert all(s is not None and s.pk == newest.pk for s in firsts)


def test_priority_prefers_few_votes_agreement_and_extremity() -> None:
    fresh = StatementTally(1)
    worn = StatementTally(2, agree=30, passes=5, seen=60)
    passed = StatementTally(3, agree=2, passes=18, seen=20)
    agreed = StatementTally(4, agree=18, passes=1, seen=20)
    divisive = StatementTally(5, agree=10, passes=1, seen=20, extremity=1.0)
    assert priority(fresh) > priority(worn)
    assert priority(agreed) > priority(passed)
    assert priority(divisive) > priority(StatementTally(6, agree=10, passes=1, seen=20))
    rng = random.Random(0)
    picks = [choose_next([fresh, worn], set(), rng=rng) for _ in range(200)]
    assert picks.count(1) > 150
    assert choose_next([fresh, worn], {1, 2}, rng=rng) is None
    assert {choose_next([fresh, worn], {1}, rng=rng) for _ in range(20)} == {2}


def test_the_process_s_vote_count_adds_up_every_consultation_of_it_alone(
    consultation: Consultation, accepted: list[Statement]
) -> None:
    """What a shared room page's key counts (``counts.process_votes``): every vote cast or
    changed in each consultation of the process, none of another process's."""

    def by_orm(process_id: int) -> int:
        rows = VoteCount.objects.filter(consultation__process_id=process_id)
        return int(rows.aggregate(n=Sum("changes"))["n"] or 0)

    process_id = consultation.process_id
    before = process_votes(process_id)
    assert before == by_orm(process_id)
    vote_all(consultation, anon_key(1), ["agree", "disagree", "pass"])
    vote_all(consultation, anon_key(2), ["agree"] * 6)
    vote_all(consultation, anon_key(1), ["agree", "disagree", "agree"])  # one vote changed
    assert process_votes(process_id) == before + 3 + 6 + 1 == by_orm(process_id)
    others = Consultation.objects.exclude(process_id=process_id).values_list("process_id")
    assert all(process_votes(pk) == by_orm(pk) for (pk,) in others.distinct())
    assert process_votes(0) == 0
