"""Hypothesis strategies for rules, tallies and blocs."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from astana.core.rules import (
    Base,
    BlocTally,
    Consensus,
    Quorum,
    Requirement,
    Rule,
    Stage,
    Tally,
    Threshold,
    Vote,
)


@st.composite
def fractions(draw: st.DrawFn) -> Threshold:
    denominator = draw(st.integers(1, 12))
    ratio = Fraction(draw(st.integers(1, denominator)), denominator)
    strict = ratio < 1 and draw(st.booleans())
    return Threshold(ratio, strict=strict, style="fraction")


@st.composite
def percents(draw: st.DrawFn) -> Threshold:
    hundredths = draw(st.integers(1, 10_000))
    ratio = Fraction(hundredths, 10_000)
    strict = ratio < 1 and draw(st.booleans())
    return Threshold(ratio, strict=strict, style="percent")


thresholds = st.one_of(
    st.just(Threshold.majority()), st.just(Threshold.all()), fractions(), percents()
)
votes = st.builds(Vote, thresholds, st.sampled_from(list(Base)), st.booleans())
requirements: st.SearchStrategy[Requirement] = st.one_of(st.just(Consensus()), votes)
stages = st.lists(requirements, min_size=1, max_size=3).map(lambda rs: Stage(tuple(rs)))
quorums = st.builds(Quorum, thresholds, st.booleans())
rules = st.builds(
    Rule,
    st.lists(stages, min_size=1, max_size=3).map(tuple),
    st.one_of(st.none(), quorums),
)


@st.composite
def tallies(draw: st.DrawFn, max_members: int = 60) -> Tally:
    members = draw(st.integers(0, max_members))
    present = draw(st.integers(0, members))
    yes = draw(st.integers(0, present))
    no = draw(st.integers(0, present - yes))
    abstain = draw(st.integers(0, present - yes - no))
    return Tally(members=members, present=present, yes=yes, no=no, abstain=abstain)


@st.composite
def bloc_lists(draw: st.DrawFn) -> tuple[BlocTally, ...]:
    count = draw(st.integers(1, 4))
    return tuple(BlocTally(f"bloc {i}", draw(tallies(max_members=30))) for i in range(count))
