"""Each kind of rule on the counts that decide it: boundaries, bases, blocs, fallbacks."""

from __future__ import annotations

import pytest

from astana.core.rules import SCC_RULE, BlocTally, Rule, Tally, decide


def adopted(rule: str, **counts: int) -> bool:
    return decide(Rule.parse(rule), Tally.of(**counts)).adopted


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"members": 10, "yes": 10, "no": 0}, True),
        ({"members": 10, "yes": 1, "no": 0, "abstain": 9}, True),  # standing aside does not block
        ({"members": 10, "yes": 3, "no": 0, "present": 4}, True),  # absences do not block
        ({"members": 10, "yes": 9, "no": 1}, False),  # one formal objection blocks
        ({"members": 10, "yes": 0, "no": 0, "abstain": 10}, False),  # no one in favour
        ({"members": 10, "yes": 0, "no": 0}, False),  # no one present
    ],
)
def test_consensus(counts: dict[str, int], expected: bool) -> None:
    assert adopted("consensus", **counts) is expected


@pytest.mark.parametrize(
    ("yes", "no", "expected"),
    [(51, 49, True), (50, 50, False), (50, 49, True), (49, 50, False), (1, 0, True), (0, 0, False)],
)
def test_simple_majority_of_votes_cast_and_its_tie(yes: int, no: int, expected: bool) -> None:
    assert adopted("majority of votes cast", members=100, yes=yes, no=no) is expected


def test_majority_of_an_odd_number() -> None:
    assert adopted("majority of members", members=151, yes=76, no=75)
    assert not adopted("majority of members", members=151, yes=75, no=76)


@pytest.mark.parametrize(
    ("rule", "members", "yes", "expected"),
    [
        ("2/3 of members", 150, 100, True),
        ("2/3 of members", 150, 99, False),
        ("2/3 of members", 100, 67, True),
        ("2/3 of members", 100, 66, False),
        ("more than 2/3 of members", 150, 100, False),
        ("more than 2/3 of members", 150, 101, True),
        ("3/4 of members", 100, 75, True),
        ("3/4 of members", 100, 74, False),
        ("75% of members", 150, 113, True),
        ("75% of members", 150, 112, False),
        ("75% of members", 45, 34, True),
        ("75% of members", 45, 33, False),
        ("all of members", 15, 15, True),
        ("all of members", 15, 14, False),
    ],
)
def test_qualified_majorities_at_the_boundary(
    rule: str, members: int, yes: int, expected: bool
) -> None:
    assert adopted(rule, members=members, yes=yes, no=members - yes) is expected


def test_the_base_decides_how_abstentions_and_absences_count() -> None:
    # 150 members, 120 present: 70 yes, 30 no, 20 abstain, 30 absent.
    counts = {"members": 150, "present": 120, "yes": 70, "no": 30, "abstain": 20}
    # of votes cast: 70 of 100, 2/3 needs 67 (abstentions and absences not counted)
    assert adopted("2/3 of votes cast", **counts)
    # of present: 70 of 120, 2/3 needs 80 (abstentions count against)
    assert not adopted("2/3 of present", **counts)
    # of members: 70 of 150, majority needs 76 (absences count against too)
    assert not adopted("majority of members", **counts)
    assert adopted("majority of present", **counts)


def test_present_but_not_voting_counts_against_of_present_only() -> None:
    counts = {"members": 10, "present": 10, "yes": 5, "no": 4, "abstain": 0}
    assert adopted("majority of votes cast", **counts)
    assert not adopted("majority of present", **counts)


def test_a_fraction_of_no_votes_is_not_a_decision() -> None:
    assert not adopted("2/3 of votes cast", members=10, yes=0, no=0, abstain=5)
    assert not adopted("all of present", members=10, yes=0, no=0)


def test_consensus_else_seventy_five_percent_of_members() -> None:
    outcome = decide(SCC_RULE, Tally.of(members=150, yes=140, no=0, abstain=10))
    assert outcome.adopted
    assert str(outcome.decisive.stage) == "consensus"
    assert len(outcome.stages) == 1  # the fallback is not looked at
    outcome = decide(SCC_RULE, Tally.of(members=150, yes=113, no=37))
    assert outcome.adopted
    assert str(outcome.decisive.stage) == "75% of members"
    assert outcome.needed == 113
    outcome = decide(SCC_RULE, Tally.of(members=150, yes=112, no=38))
    assert not outcome.adopted
    assert [r.met for r in outcome.stages] == [False, False]
    assert outcome.needed == 113


def test_the_small_body_of_forty_five() -> None:
    assert decide(SCC_RULE, Tally.of(members=45, yes=34, no=11)).adopted
    outcome = decide(SCC_RULE, Tally.of(members=45, yes=33, no=1))
    assert not outcome.adopted
    assert outcome.needed == 34


@pytest.mark.parametrize(
    ("counts", "decided_by", "stages_tried"),
    [
        ({"members": 30, "yes": 25, "no": 0}, "consensus", 1),
        ({"members": 30, "yes": 21, "no": 1, "abstain": 6}, "3/4 of present", 2),  # 21 of 28
        ({"members": 30, "yes": 20, "no": 10}, "2/3 of members", 3),  # 3/4 needs 23, 2/3 needs 20
        ({"members": 30, "yes": 19, "no": 11}, None, 3),
    ],
)
def test_three_stage_fallback(
    counts: dict[str, int], decided_by: str | None, stages_tried: int
) -> None:
    rule = Rule.parse("consensus else 3/4 of present else 2/3 of members")
    outcome = decide(rule, Tally.of(**counts))
    assert outcome.adopted is (decided_by is not None)
    assert outcome.as_dict()["decided_by"] == decided_by
    assert len(outcome.stages) == stages_tried


@pytest.mark.parametrize(
    ("present", "expected"),
    [(100, True), (99, False)],
)
def test_quorum(present: int, expected: bool) -> None:
    rule = Rule.parse("quorum 2/3 of members; majority of votes cast")
    outcome = decide(rule, Tally.of(members=150, yes=60, no=10, present=present))
    assert outcome.quorum_met is expected
    assert outcome.adopted is expected


def test_quorum_failure_wins_even_over_unanimity() -> None:
    rule = Rule.parse("quorum majority of members; consensus")
    outcome = decide(rule, Tally.of(members=150, yes=75, no=0))
    assert not outcome.adopted
    assert outcome.stages[0].met  # consensus among those present, yet no quorum


GOVERNMENT = BlocTally.parse("government:50:40:5")
OPPOSITION = BlocTally.parse("opposition:50:20:25")
CIVIL = BlocTally.parse("civil society:50:30:10:5")


def test_majority_in_each_bloc_fails_when_one_bloc_fails() -> None:
    rule = Rule.parse("majority of votes cast in each bloc")
    outcome = decide(rule, blocs=[GOVERNMENT, OPPOSITION, CIVIL])
    assert not outcome.adopted
    assert [(c.bloc, c.count, c.base, c.needed, c.met) for c in outcome.stages[0].checks] == [
        ("government", 40, 45, 23, True),
        ("opposition", 20, 45, 23, False),
        ("civil society", 30, 40, 21, True),
    ]
    # the whole body, 90 of 130 votes cast, would have carried it
    assert decide(
        Rule.parse("majority of votes cast"), blocs=[GOVERNMENT, OPPOSITION, CIVIL]
    ).adopted


def test_majority_in_each_bloc_holds_when_every_bloc_holds() -> None:
    opposition = BlocTally.parse("opposition:50:26:24")
    rule = Rule.parse("majority of votes cast in each bloc")
    assert decide(rule, blocs=[GOVERNMENT, opposition, CIVIL]).adopted


def test_double_majority_needs_both() -> None:
    rule = Rule.parse("2/3 of members and majority of members in each bloc")
    blocs = [
        BlocTally.parse("a:50:50:0"),
        BlocTally.parse("b:50:50:0"),
        BlocTally.parse("c:50:25:25"),
    ]
    outcome = decide(rule, blocs=blocs)
    assert not outcome.adopted  # 125 of 150 is 2/3, but bloc c has 25 of 50
    assert outcome.needed == 100


def test_quorum_in_each_bloc() -> None:
    rule = Rule.parse("quorum majority of members in each bloc; majority of votes cast")
    blocs = [BlocTally.parse("a:50:40:0"), BlocTally.parse("b:50:25:0")]
    outcome = decide(rule, blocs=blocs)
    assert not outcome.adopted
    assert [c.met for c in outcome.quorum] == [True, False]


def test_blocs_must_add_up_to_the_tally_given() -> None:
    with pytest.raises(ValueError, match="differs from the tally given"):
        decide(SCC_RULE, Tally.of(members=150, yes=1, no=0), blocs=[GOVERNMENT])
    assert decide(SCC_RULE, GOVERNMENT.tally, blocs=[GOVERNMENT]).tally == GOVERNMENT.tally


def test_a_rule_counting_blocs_needs_the_blocs() -> None:
    with pytest.raises(ValueError, match="counts each bloc"):
        decide(Rule.parse("majority of members in each bloc"), Tally.of(members=3, yes=3, no=0))
    with pytest.raises(ValueError, match="give the tally"):
        decide(SCC_RULE)
    with pytest.raises(ValueError, match="named once"):
        decide(SCC_RULE, blocs=[GOVERNMENT, GOVERNMENT])


def test_as_dict_carries_the_verdict_and_every_check() -> None:
    record = decide(SCC_RULE, Tally.of(members=150, yes=114, no=10, abstain=5)).as_dict()
    assert record["adopted"] is True
    assert record["needed"] == 113
    assert record["decided_by"] == "75% of members"
    assert record["tally"] == {
        "members": 150,
        "present": 129,
        "absent": 21,
        "yes": 114,
        "no": 10,
        "abstain": 5,
        "votes_cast": 124,
    }
    checks = record["checks"]
    assert isinstance(checks, list)
    assert [(c["requirement"], c["met"]) for c in checks] == [
        ("consensus", False),
        ("75% of members", True),
    ]
