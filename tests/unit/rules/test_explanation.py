"""Explanations of outcomes, word for word, in English, Arabic and Russian."""

from __future__ import annotations

import pytest

from astana.core.rules import SCC_RULE, BlocTally, Rule, Tally, decide, threshold_label
from astana.core.rules.threshold import Threshold


def explain(rule: str, lang: str = "en", /, **counts: int) -> str:
    return decide(Rule.parse(rule), Tally.of(**counts)).explain(lang)


def test_the_example_of_the_brief() -> None:
    assert (
        explain("75% of members", members=150, yes=114, no=36)
        == "adopted: 114 of 150 members in favour, 75% needs 113"
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "adopted: no consensus (10 formal objections); "
            "114 of 150 members in favour, 75% needs 113",
        ),
        (
            "ar",
            "اعتُمد: لا توافق في الآراء (عدد الاعتراضات الرسمية: 10)؛ "
            "عدد المؤيدين 114 من أصل 150 من الأعضاء، والمطلوب 113 (75%)",
        ),
        (
            "ru",
            "принято: консенсуса нет (официальных возражений: 10); "
            "«за» 114 из 150 членов, для 75% нужно 113",
        ),
    ],
)
def test_consensus_failing_then_seventy_five_percent(lang: str, text: str) -> None:
    outcome = decide(SCC_RULE, Tally.of(members=150, yes=114, no=10, abstain=5))
    assert outcome.explain(lang) == text


@pytest.mark.parametrize(
    ("rule", "counts", "text"),
    [
        (
            "consensus",
            {"members": 10, "yes": 8, "no": 0, "abstain": 2},
            "adopted: by consensus, no formal objection",
        ),
        (
            "consensus",
            {"members": 10, "yes": 0, "no": 0, "abstain": 2},
            "not adopted: no consensus (no one in favour)",
        ),
        (
            "majority of votes cast",
            {"members": 100, "yes": 40, "no": 40, "abstain": 5},
            "not adopted: 40 of 80 votes cast in favour, a majority needs 41 "
            "(5 abstentions not counted)",
        ),
        (
            "2/3 of present",
            {"members": 100, "yes": 60, "no": 20, "abstain": 10},
            "adopted: 60 of 90 present in favour, 2/3 needs 60",
        ),
        (
            "more than 2/3 of members",
            {"members": 1, "yes": 1, "no": 0},
            "adopted: 1 of 1 member in favour, more than 2/3 needs 1",
        ),
        (
            "all of members",
            {"members": 15, "yes": 14, "no": 0},
            "not adopted: 14 of 15 members in favour, unanimity needs 15",
        ),
        (
            "quorum 2/3 of members; majority of votes cast",
            {"members": 150, "yes": 80, "no": 9},
            "not adopted: quorum not met, 89 of 150 members present, 2/3 needs 100",
        ),
        (
            "quorum 2/3 of members; majority of votes cast",
            {"members": 150, "yes": 80, "no": 30},
            "adopted: quorum met, 110 of 150 members present, 2/3 needs 100; "
            "80 of 110 votes cast in favour, a majority needs 56",
        ),
    ],
)
def test_english_explanations(rule: str, counts: dict[str, int], text: str) -> None:
    assert explain(rule, "en", **counts) == text


def test_per_bloc_explanation_names_each_bloc() -> None:
    blocs = [BlocTally.parse("government:50:40:5"), BlocTally.parse("opposition:50:20:25:3")]
    outcome = decide(Rule.parse("majority of votes cast in each bloc"), blocs=blocs)
    assert outcome.explain() == (
        "not adopted: government: 40 of 45 votes cast in favour, a majority needs 23; "
        "opposition: 20 of 45 votes cast in favour, a majority needs 23 (3 abstentions not counted)"
    )
    assert outcome.explain("ar").startswith(
        "لم يُعتمد: الكتلة «government»: عدد المؤيدين 40 من أصل 45 من الأصوات المدلى بها، "
        "والمطلوب 23 (الأغلبية)؛ "
    )
    assert outcome.explain("ru").startswith(
        "не принято: блок «government»: «за» 40 из 45 поданных голосов, для большинства нужно 23; "
    )


@pytest.mark.parametrize(
    ("members", "noun"),
    [(1, "члена"), (21, "члена"), (11, "членов"), (45, "членов"), (150, "членов")],
)
def test_russian_genitive_after_a_number(members: int, noun: str) -> None:
    text = explain("all of members", "ru", members=members, yes=members, no=0)
    assert f"из {members} {noun}," in text


def test_a_failed_quorum_in_arabic_and_russian() -> None:
    counts = {"members": 150, "yes": 80, "no": 9}
    rule = "quorum 2/3 of members; majority of votes cast"
    assert explain(rule, "ar", **counts) == (
        "لم يُعتمد: النصاب غير مكتمل، عدد الحاضرين 89 من أصل 150 من الأعضاء، والمطلوب 100 (2/3)"
    )
    assert explain(rule, "ru", **counts) == (
        "не принято: кворума нет, присутствуют 89 из 150 членов, для 2/3 нужно 100"
    )


def test_threshold_labels() -> None:
    assert threshold_label(Threshold.parse("more than 2/3"), "ru") == "более чем 2/3"
    assert threshold_label(Threshold.all(), "ar") == "الإجماع"
    assert threshold_label(Threshold.parse("66.5%")) == "66.5%"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="expected one of ar, en, ru"):
        explain("consensus", "fr", members=1, yes=1, no=0)
