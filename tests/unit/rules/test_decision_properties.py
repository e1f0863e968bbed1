"""Properties every rule keeps: monotonicity, the quorum's veto, bloc and tally agreement."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import assume, given
from hypothesis import strategies as st

from astana.core.rules import BlocTally, Quorum, Rule, Tally, decide

from .strategies import bloc_lists, quorums, rules

MOVES = ("no", "abstain", "not voting", "absent")


def one_more_yes(tally: Tally, source: str) -> Tally | None:
    """The tally with one member moved from ``source`` to a vote in favour."""
    if source == "no" and tally.no:
        return replace(tally, yes=tally.yes + 1, no=tally.no - 1)
    if source == "abstain" and tally.abstain:
        return replace(tally, yes=tally.yes + 1, abstain=tally.abstain - 1)
    if source == "not voting" and tally.not_voting:
        return replace(tally, yes=tally.yes + 1)
    if source == "absent" and tally.absent:
        return replace(tally, yes=tally.yes + 1, present=tally.present + 1)
    return None


@given(rules, bloc_lists(), st.data())
def test_one_more_vote_in_favour_never_turns_adopted_into_rejected(
    rule: Rule, blocs: tuple[BlocTally, ...], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(blocs) - 1))
    moved = one_more_yes(blocs[index].tally, data.draw(st.sampled_from(MOVES)))
    assume(moved is not None)
    assert moved is not None
    more = (*blocs[:index], BlocTally(blocs[index].name, moved), *blocs[index + 1 :])
    if decide(rule, blocs=blocs).adopted:
        assert decide(rule, blocs=more).adopted


@given(rules, quorums, bloc_lists())
def test_a_failed_quorum_always_rejects(
    rule: Rule, quorum: Quorum, blocs: tuple[BlocTally, ...]
) -> None:
    rule = Rule(rule.stages, quorum)
    outcome = decide(rule, blocs=blocs)
    quorum_bodies = [b.tally for b in blocs] if quorum.in_each_bloc else [outcome.tally]
    failed = any(t.present < max(1, quorum.threshold.needed(t.members)) for t in quorum_bodies)
    assert outcome.quorum_met is not failed
    if failed:
        assert not outcome.adopted
    else:
        assert outcome.adopted == decide(Rule(rule.stages), blocs=blocs).adopted


@given(rules, bloc_lists())
def test_adopted_means_the_first_stage_that_holds(rule: Rule, blocs: tuple[BlocTally, ...]) -> None:
    outcome = decide(rule, blocs=blocs)
    met = [stage.met for stage in outcome.stages]
    assert all(not m for m in met[:-1])  # stages after the one that holds are not tried
    assert len(outcome.stages) == len(rule.stages) or met[-1]
    assert outcome.adopted == (outcome.quorum_met and any(met))
    for stage in outcome.stages:
        for check in stage.checks:
            if check.needed is not None:
                assert check.met == (check.count >= check.needed >= 1)


@given(rules, bloc_lists())
def test_the_whole_body_is_the_sum_of_its_blocs(rule: Rule, blocs: tuple[BlocTally, ...]) -> None:
    total = Tally.total(b.tally for b in blocs)
    assert decide(rule, total, blocs=blocs) == decide(rule, blocs=blocs)


@given(rules, bloc_lists())
def test_every_outcome_explains_itself_in_three_languages(
    rule: Rule, blocs: tuple[BlocTally, ...]
) -> None:
    outcome = decide(rule, blocs=blocs)
    english = outcome.explain("en")
    assert english.startswith("adopted: " if outcome.adopted else "not adopted: ")
    assert outcome.explain("ar").startswith("اعتُمد" if outcome.adopted else "لم يُعتمد")
    assert outcome.explain("ru").startswith("принято" if outcome.adopted else "не принято")
