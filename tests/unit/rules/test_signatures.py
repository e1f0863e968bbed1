"""Signature counts as decisions: signed is in favour, not signed is absent."""

from __future__ import annotations

import pytest

from astana.core.rules import Rule, decide_signatures

MAJORITY = Rule.parse("majority of members")


def test_signed_by_a_majority_of_the_parties() -> None:
    outcome = decide_signatures(MAJORITY, parties=15, signed=9)
    assert outcome.adopted
    assert outcome.needed == 8
    assert outcome.explain() == "adopted: signed by 9 of 15 parties; a majority needs 8"
    assert outcome.explain("ru") == "принято: подписали 9 из 15 сторон, для большинства нужно 8"
    assert outcome.explain("ar") == "اعتُمد: وقّع 9 من أصل 15 من الأطراف، والمطلوب 8 (الأغلبية)"
    assert outcome.as_dict()["subject"] == "signature"


@pytest.mark.parametrize(("signed", "expected"), [(8, True), (7, False), (0, False), (15, True)])
def test_the_majority_boundary(signed: int, expected: bool) -> None:
    assert decide_signatures(MAJORITY, parties=15, signed=signed).adopted is expected


def test_signed_by_all() -> None:
    rule = Rule.parse("all of members")
    assert decide_signatures(rule, parties=3, signed=3).adopted
    outcome = decide_signatures(rule, parties=3, signed=2)
    assert outcome.explain() == "not adopted: signed by 2 of 3 parties; unanimity needs 3"


def test_signed_by_a_majority_in_each_bloc() -> None:
    rule = Rule.parse("majority of members in each bloc")
    blocs = {"opposition": (5, 3), "guarantors": (3, 1)}
    outcome = decide_signatures(rule, parties=8, signed=4, blocs=blocs)
    assert not outcome.adopted
    assert outcome.explain() == (
        "not adopted: opposition: signed by 3 of 5 parties; a majority needs 3; "
        "guarantors: signed by 1 of 3 parties; a majority needs 2"
    )


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("consensus", "use 'all of members'"),
        ("majority of votes cast", "counted of members"),
        ("quorum 1/2 of members; majority of members", "no quorum"),
    ],
)
def test_rules_that_mean_nothing_for_signatures_are_refused(rule: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decide_signatures(Rule.parse(rule), parties=15, signed=9)


def test_more_signatures_than_parties_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and parties"):
        decide_signatures(MAJORITY, parties=15, signed=16)
