"""The rule syntax: parsing, canonical printing, round trips and errors with columns."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given

from astana.core.rules import (
    Base,
    Consensus,
    Quorum,
    Rule,
    RuleSyntaxError,
    Stage,
    Threshold,
    Vote,
    parse_rule,
)

from .strategies import rules

SEVENTY_FIVE = Threshold(Fraction(3, 4), style="percent")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("consensus", Rule.of(Consensus())),
        ("75% of members", Rule.of(Vote(SEVENTY_FIVE, Base.MEMBERS))),
        ("2/3 of present", Rule.of(Vote(Threshold(Fraction(2, 3)), Base.PRESENT))),
        (
            "consensus else 3/4 of members",
            Rule.of(Consensus(), Vote(Threshold(Fraction(3, 4)), Base.MEMBERS)),
        ),
        (
            "quorum 2/3 of members; majority of votes cast",
            Rule.of(
                Vote(Threshold.majority(), Base.VOTES_CAST),
                quorum=Quorum(Threshold(Fraction(2, 3))),
            ),
        ),
        (
            "majority of votes cast in each bloc",
            Rule.of(Vote(Threshold.majority(), Base.VOTES_CAST, in_each_bloc=True)),
        ),
        (
            "quorum majority of members in each bloc; all of present",
            Rule.of(
                Vote(Threshold.all(), Base.PRESENT),
                quorum=Quorum(Threshold.majority(), in_each_bloc=True),
            ),
        ),
        (
            "2/3 of members and majority of members in each bloc else consensus",
            Rule(
                (
                    Stage(
                        (
                            Vote(Threshold(Fraction(2, 3)), Base.MEMBERS),
                            Vote(Threshold.majority(), Base.MEMBERS, in_each_bloc=True),
                        )
                    ),
                    Stage((Consensus(),)),
                )
            ),
        ),
        (
            "more than 2/3 of votes cast",
            Rule.of(Vote(Threshold(Fraction(2, 3), strict=True), Base.VOTES_CAST)),
        ),
    ],
)
def test_parse_and_print(text: str, rule: Rule) -> None:
    assert Rule.parse(text) == rule
    assert str(rule) == text


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("  Consensus   ELSE 3/4 OF Members ", "consensus else 3/4 of members"),
        (
            "quorum 2/3 of members ;majority of votes   cast",
            "quorum 2/3 of members; majority of votes cast",
        ),
        ("4/6 of present", "2/3 of present"),
        ("75.0% of members", "75% of members"),
    ],
)
def test_the_printer_writes_the_canonical_form(written: str, canonical: str) -> None:
    assert str(parse_rule(written)) == canonical


@given(rules)
def test_parse_of_print_is_the_identity(rule: Rule) -> None:
    text = str(rule)
    assert Rule.parse(text) == rule
    assert Rule.parse(text.upper().replace(" ", "  ")) == rule


@pytest.mark.parametrize(
    ("text", "column", "reason"),
    [
        ("", 1, "expected 'consensus' or a threshold (majority, all, 2/3, 75%), found the end"),
        ("consensus else", 15, "expected 'consensus' or a threshold"),
        ("consensus or 2/3 of members", 11, "expected 'and', 'else' or the end, found 'or'"),
        ("2/3 of memberz", 8, "expected 'members', 'present' or 'votes cast', found 'memberz'"),
        ("2/3 members", 5, "expected 'of' after the threshold, found 'members'"),
        ("majority of votes", 18, "expected 'cast' after 'votes', found the end of the rule"),
        ("75 of members", 4, "expected '/' or '%' after 75, found 'of'"),
        ("3/2 of members", 1, "a threshold must be more than 0 and at most all, not 3/2"),
        ("150% of members", 1, "at most all, not 150%"),
        ("0% of members", 1, "more than 0"),
        ("2/0 of members", 3, "the denominator of a fraction must not be 0"),
        ("2.5/3 of members", 1, "a fraction is written with whole numbers"),
        ("2/x of members", 3, "expected a whole number after '/', found 'x'"),
        ("more than all of members", 11, "expected a fraction or a percentage"),
        ("more 2/3 of members", 6, "expected 'than' after 'more', found '2'"),
        ("quorum 2/3 of present; consensus", 15, "a quorum is counted of members"),
        ("quorum 2/3 of members consensus", 23, "expected ';' after the quorum, found 'consensus'"),
        ("majority of members in bloc", 24, "expected 'each' after 'in', found 'bloc'"),
        ("consensus & 2/3 of members", 11, "unexpected character '&'"),
        ("consensus else quorum 2/3 of members", 16, "found 'quorum'"),
    ],
)
def test_errors_name_the_column_and_the_reason(text: str, column: int, reason: str) -> None:
    with pytest.raises(RuleSyntaxError) as caught:
        Rule.parse(text)
    assert caught.value.column == column
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"column {column}: ")


def test_a_syntax_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="column 1"):
        Rule.parse("nonsense")


def test_a_rule_needs_a_stage_and_a_stage_a_requirement() -> None:
    with pytest.raises(ValueError, match="stage"):
        Rule(())
    with pytest.raises(ValueError, match="requirement"):
        Stage(())
