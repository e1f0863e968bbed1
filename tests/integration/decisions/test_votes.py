"""Votes and decisions in a session: the whole story, and every refusal changing nothing."""

from __future__ import annotations

from typing import Any

import pytest
from tests.helpers.people import user
from tests.helpers.unchanged import unchanged

from astana.web.common.errors import ActionError, Forbidden, NotFound
from astana.web.common.models import AuditEntry, RoundEvent
from astana.web.decisions import actions
from astana.web.decisions.models import Decision, RulesOfProcedure
from astana.web.decisions.selectors import decision_view, rules_for_round
from astana.web.negotiation.access import actor_in_round
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round, Session

from .conftest import PARTIES, call


def _refused(error: type[ActionError], message: str, run: Any) -> str:
    with unchanged("a refused action"), pytest.raises(error) as refusal:
        run()
    assert message in str(refusal.value), str(refusal.value)
    return str(refusal.value)


def test_a_vote_ends_in_adoption_recorded_in_minutes_and_history(
    sandbox: Round, roadmap: NegotiationText, decision: Decision
) -> None:
    assert decision.rule == "consensus" and decision.voting == "delegation"
    assert [m["key"] for m in decision.members] == [
        "kurdish-parties",
        "syriac-national-council",
        "syrian-national-coalition",
    ]
    before = Session.objects.get(pk=decision.session_id).version
    for name, choice in zip(PARTIES, ("yes", "yes", "abstain"), strict=True):
        actions.vote_cast(user=user(name), decision_id=decision.pk, choice=choice)
    closed = actions.decision_close(user=user("mediator"), decision_id=decision.pk)
    assert closed.adopted is True
    assert closed.explanation_en == "adopted: by consensus, no formal objection"
    assert closed.explanation_ar and closed.explanation_ru
    session = Session.objects.get(pk=decision.session_id)
    assert "Decision 1 (Adopt article 1?): adopted" in session.minutes_en
    assert session.minutes_ar.startswith("القرار 1 (هل يُعتمد البند 1؟)")
    assert session.version == before + 1  # the outcome was added to the minutes
    entry = AuditEntry.objects.get(action="decision.close")
    assert entry.object_type == "negotiationtext" and entry.object_id == str(roadmap.pk)
    assert entry.detail["roll_call"]["kurdish-parties"] == "abstain"
    assert RoundEvent.objects.filter(kind="decision.close", text=roadmap).exists()


def test_an_objection_blocks_consensus_and_the_else_stage_decides(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    actions.rules_set(
        user=user("convener"),
        round_id=sandbox.pk,
        rule="Consensus ELSE 2/3 of members",
        voting="delegation",
        secret=False,
    )
    decision = call(sandbox, roadmap)
    assert decision.rule == "consensus else 2/3 of members"
    for name, choice in zip(PARTIES, ("yes", "yes", "no"), strict=True):
        actions.vote_cast(user=user(name), decision_id=decision.pk, choice=choice)
    closed = actions.decision_close(user=user("mediator"), decision_id=decision.pk)
    assert closed.adopted is True
    assert "no consensus (1 formal objection" in closed.explanation_en


def test_bad_votes_are_refused_and_change_nothing(sandbox: Round, decision: Decision) -> None:
    def vote(name: str, choice: str = "yes") -> Any:
        return lambda: actions.vote_cast(user=user(name), decision_id=decision.pk, choice=choice)

    _refused(Forbidden, "does not let you vote", vote("observer"))
    _refused(Forbidden, "does not let you vote", vote("mediator"))
    _refused(Forbidden, "not a voting member", vote("guarantor"))
    _refused(NotFound, "There is no decision", vote("outsider-none"))
    _refused(ActionError, "A vote is one of", vote("party1", "maybe"))
    actions.vote_cast(user=user("party1"), decision_id=decision.pk, choice="yes")
    _refused(ActionError, "already voted on decision 1", vote("party1", "no"))
    actions.decision_close(user=user("mediator"), decision_id=decision.pk)
    _refused(ActionError, "Decision 1 is closed; no vote can be cast", vote("party2"))
    _refused(
        ActionError,
        "already closed",
        lambda: actions.decision_close(user=user("mediator"), decision_id=decision.pk),
    )


@pytest.fixture(autouse=True)
def _outsider(db: None) -> None:
    from astana.web.accounts.models import User

    User.objects.get_or_create(username="outsider-none")


def test_a_vote_after_the_session_closed_is_refused(sandbox: Round, decision: Decision) -> None:
    from astana.web.negotiation import actions as room

    opened = Session.objects.get(round=sandbox, number=1)
    room.session_close(user=user("host"), round_id=sandbox.pk, number=1, based_on=opened.version)
    _refused(
        ActionError,
        "Session 1 is closed",
        lambda: actions.vote_cast(user=user("party1"), decision_id=decision.pk, choice="yes"),
    )
    _refused(
        ActionError,
        "No session of this round is open",
        lambda: call(sandbox),
    )


def test_bad_calls_are_refused(sandbox: Round, roadmap: NegotiationText) -> None:
    def calling(name: str = "mediator", **extra: Any) -> Any:
        args: dict[str, Any] = {
            "subject": "provision",
            "text_id": roadmap.pk,
            "provision": "art_1",
            "questions": {"en": "Adopt?"},
            **extra,
        }
        return lambda: actions.decision_call(user=user(name), round_id=sandbox.pk, **args)

    _refused(Forbidden, "does not let you call a decision", calling("party1"))
    _refused(Forbidden, "does not let you call a decision", calling("convener"))
    _refused(ActionError, "no provision 'art_99'", calling(provision="art_99"))
    _refused(ActionError, "at least one language", calling(questions={"en": "  "}))
    _refused(ActionError, "subject is one of", calling(subject="anything"))
    _refused(ActionError, "names no provision", calling(subject="document"))
    _refused(ActionError, "names no text", calling(subject="procedure"))
    _refused(
        ActionError,
        "cannot be read: column 8",
        lambda: actions.rules_set(
            user=user("convener"),
            round_id=sandbox.pk,
            rule="2/3 of memberz",
            voting="delegation",
            secret=False,
        ),
    )
    _refused(
        Forbidden,
        "does not let you set the rules of procedure",
        lambda: actions.rules_set(
            user=user("mediator"),
            round_id=sandbox.pk,
            rule="consensus",
            voting="delegation",
            secret=False,
        ),
    )


def test_secret_votes_stay_hidden_until_closing(sandbox: Round, roadmap: NegotiationText) -> None:
    decision = call(sandbox, roadmap, secret=True)
    actions.vote_cast(user=user("party1"), decision_id=decision.pk, choice="no")
    actions.vote_cast(user=user("party2"), decision_id=decision.pk, choice="yes")
    decision.refresh_from_db()
    for name in ("convener", "host", "mediator", "party3", "observer", "secretariat"):
        view = decision_view(actor_in_round(user(name), sandbox), decision)
        shown = str(view.as_dict())
        assert view.voted == 2 and not view.results_visible
        assert view.roll_call == [] and view.counts == {} and view.my_vote is None
        assert "'no'" not in shown and "'yes'" not in shown, name
    own = decision_view(actor_in_round(user("party1"), sandbox), decision)
    assert own.my_vote == "no" and own.roll_call == []
    assert not any("no" in str(e.detail.get("choice", "")) for e in AuditEntry.objects.all())
    assert not RoundEvent.objects.filter(summary__contains=" no on").exists()
    assert not RoundEvent.objects.filter(summary__contains=" yes on").exists()
    actions.decision_close(user=user("mediator"), decision_id=decision.pk)
    decision.refresh_from_db()
    view = decision_view(actor_in_round(user("observer"), sandbox), decision)
    assert view.results_visible and view.counts == {"yes": 1, "no": 1, "abstain": 0}
    assert decision.adopted is False


def test_one_vote_per_member_counts_each_delegation_as_a_bloc(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    actions.rules_set(
        user=user("convener"),
        round_id=sandbox.pk,
        rule="majority of votes cast in each bloc",
        voting="member",
        secret=False,
    )
    assert rules_for_round(sandbox).voting == RulesOfProcedure.Voting.MEMBER
    decision = call(sandbox, roadmap)
    assert [m["key"] for m in decision.members] == [
        "kurdish-parties/party3",
        "syriac-national-council/party2",
        "syrian-national-coalition/party1",
    ]
    for name in PARTIES:
        actions.vote_cast(user=user(name), decision_id=decision.pk, choice="yes")
    closed = actions.decision_close(user=user("mediator"), decision_id=decision.pk)
    assert closed.adopted is True
    assert "kurdish-parties: 1 of 1 vote cast in favour" in closed.explanation_en


def test_publishing_puts_the_outcome_on_the_public_record(
    sandbox: Round, decision: Decision
) -> None:
    def publish(name: str) -> Any:
        return lambda: actions.decision_publish(user=user(name), decision_id=decision.pk)

    _refused(ActionError, "still open", publish("convener"))
    actions.decision_close(user=user("mediator"), decision_id=decision.pk)
    _refused(Forbidden, "does not let you publish the record", publish("mediator"))
    assert actions.decision_publish(user=user("convener"), decision_id=decision.pk).published
    _refused(ActionError, "already published", publish("convener"))
