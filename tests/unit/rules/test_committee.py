"""Committee composition: the Syrian Constitutional Committee and each rule that can fail."""

from __future__ import annotations

from dataclasses import replace

import pytest

from astana.core.rules import (
    SYRIAN_CONSTITUTIONAL_COMMITTEE,
    BlocSeats,
    CommitteeDefinition,
    Composition,
    Member,
    Quota,
    Tally,
    check_composition,
    decide,
)

SCC = SYRIAN_CONSTITUTIONAL_COMMITTEE
APPROVED = frozenset(SCC.approvers)


def bloc_members(bloc: BlocSeats, women: int, prefix: str) -> list[Member]:
    """The bloc's seats filled: ``women`` women first, the small body from the start."""
    assert bloc.nominated_by is not None
    return [
        Member(
            name=f"{prefix}{i:02d}",
            bloc=bloc.name,
            gender="woman" if i < women else "man",
            nominated_by=bloc.nominated_by,
            in_small_body=i < bloc.small_body_seats,
            approved_by=APPROVED,
        )
        for i in range(bloc.seats)
    ]


def scc_composition(women: tuple[int, int, int] = (16, 16, 16)) -> list[Member]:
    members: list[Member] = []
    for bloc, count, prefix in zip(SCC.blocs, women, ("G", "O", "C"), strict=True):
        members += bloc_members(bloc, count, prefix)
    members[0] = replace(members[0], co_chair=True)  # government
    members[50] = replace(members[50], co_chair=True)  # opposition
    return members


def messages(members: list[Member], definition: CommitteeDefinition = SCC) -> tuple[str, ...]:
    return check_composition(definition, Composition(tuple(members))).messages()


def test_the_built_in_definition() -> None:
    assert (SCC.seats, SCC.small_body_seats, SCC.co_chairs) == (150, 45, 2)
    assert [(b.name, b.seats, b.small_body_seats) for b in SCC.blocs] == [
        ("government", 50, 15),
        ("opposition", 50, 15),
        ("civil society", 50, 15),
    ]
    assert str(SCC.decision_rule) == "consensus else 75% of members"
    big = decide(SCC.decision_rule, Tally.of(members=SCC.seats, yes=113, no=37))
    small = decide(SCC.decision_rule, Tally.of(members=SCC.small_body_seats, yes=34, no=11))
    assert (big.needed, small.needed) == (113, 34)


def test_a_complete_composition_is_valid() -> None:
    report = check_composition(SCC, Composition(tuple(scc_composition())))
    assert report.valid
    assert report.messages() == ()


def test_missing_and_extra_seats() -> None:
    members = scc_composition()
    members = [m for m in members if m.name not in ("C48", "C49")]  # two men, not in the small body
    members.append(replace(members[1], name="G50", in_small_body=False))
    assert messages(members) == (
        "bloc 'government': 51 of 50 seats filled, 1 too many",
        "bloc 'civil society': 48 of 50 seats filled, 2 missing",
    )


def test_small_body_seats() -> None:
    members = scc_composition()
    members[14] = replace(members[14], in_small_body=False)
    members[120] = replace(members[120], in_small_body=True)
    assert messages(members) == (
        "small body, bloc 'government': 14 of 15 seats filled, 1 missing",
        "small body, bloc 'civil society': 16 of 15 seats filled, 1 too many",
    )


def test_women_overall_below_thirty_percent() -> None:
    report = check_composition(SCC, Composition(tuple(scc_composition(women=(14, 14, 13)))))
    assert not report.valid
    assert report.messages() == ("women overall: 41 of 150 = 27.3%, at least 30% needs 45, 4 more",)
    assert report.messages("ar") == (
        "النساء إجمالًا: 41 من أصل 150 = 27.3%، والحد الأدنى 30% يتطلب 45، ينقص 4",
    )
    assert report.messages("ru") == (
        "женщин в целом: 41 из 150 = 27,3%, для не менее 30% нужно 45, не хватает 4",
    )
    violation = report.violations[0]
    assert (violation.code, violation.count, violation.target, violation.shortfall) == (
        "quota",
        41,
        45,
        4,
    )


def test_quotas_in_each_bloc_and_in_the_small_body() -> None:
    definition = replace(
        SCC,
        quotas=(
            Quota.parse("at least 30% women overall"),
            Quota.parse("at least 30% women in each bloc"),
            Quota.parse("at least 1/3 women in the small body"),
        ),
    )
    members = scc_composition(women=(12, 20, 15))
    assert messages(members, definition) == (
        "women in bloc 'government': 12 of 50 = 24.0%, at least 30% needs 15, 3 more",
    )
    # the small body drawn from the last fifteen of each bloc: men only
    members = [replace(m, in_small_body=int(m.name[1:]) >= 35) for m in members]
    assert messages(members, definition) == (
        "women in bloc 'government': 12 of 50 = 24.0%, at least 30% needs 15, 3 more",
        "women in the small body: 0 of 45 = 0.0%, at least 1/3 needs 15, 15 more",
    )


def test_co_chairs() -> None:
    members = scc_composition()
    members[50] = replace(members[50], co_chair=False)
    assert messages(members) == (
        "co-chairs: 1 of 2 named, 1 missing",
        "co-chairs from bloc 'opposition': 0 named, 1 expected",
    )
    members[1] = replace(members[1], co_chair=True)
    members[100] = replace(members[100], co_chair=True)
    assert messages(members) == (
        "co-chairs: 3 of 2 named, 1 too many",
        "co-chairs from bloc 'government': 2 named, 1 expected: G00, G01",
        "co-chairs from bloc 'opposition': 0 named, 1 expected",
        "co-chair 'C00' is from bloc 'civil society', which does not name a co-chair",
    )


def test_nominating_body() -> None:
    members = scc_composition()
    members[60] = replace(members[60], nominated_by="Moscow platform")
    assert messages(members) == (
        "member 'O10' (bloc 'opposition'): nominated by 'Moscow platform', "
        "the bloc's nominating body is 'Syrian Negotiations Commission'",
    )


def test_approvals_by_the_guarantors_and_the_un() -> None:
    members = scc_composition()
    for index in (3, 70):
        members[index] = replace(members[index], approved_by=APPROVED - {"Iran"})
    members[120] = replace(members[120], approved_by=frozenset())
    assert messages(members) == (
        "approval by 'Russia': 149 of 150 members approved, 1 missing: C20",
        "approval by 'Turkey': 149 of 150 members approved, 1 missing: C20",
        "approval by 'Iran': 147 of 150 members approved, 3 missing: G03, O20, C20",
        "approval by 'United Nations': 149 of 150 members approved, 1 missing: C20",
    )


def test_a_long_list_of_missing_approvals_is_shortened() -> None:
    members = [replace(m, approved_by=APPROVED - {"Turkey"}) for m in scc_composition()]
    report = check_composition(SCC, Composition(tuple(members)))
    assert report.messages() == (
        "approval by 'Turkey': 0 of 150 members approved, 150 missing: "
        "G00, G01, G02, G03, G04 and 145 more",
    )
    assert report.messages("ru") == (
        "одобрение «Turkey»: одобрено 0 из 150 членов, не хватает 150: "
        "G00, G01, G02, G03, G04 и ещё 145",
    )


def test_duplicates_and_unknown_blocs() -> None:
    members = scc_composition()
    members[149] = replace(members[148], in_small_body=False)
    members.append(replace(members[148], name="X", bloc="diaspora"))
    report = check_composition(SCC, Composition(tuple(members)))
    assert report.messages() == (
        "member 'C48' is listed 2 times",
        "member 'X': bloc 'diaspora' is not in the committee",
    )
    assert report.messages("ar")[1] == "العضو «X»: الكتلة «diaspora» ليست ضمن اللجنة"


@pytest.mark.parametrize(
    "text",
    [
        "at least 30% women overall",
        "at least 1/3 men in each bloc",
        "at least 40% women in the small body",
    ],
)
def test_quota_round_trip(text: str) -> None:
    assert str(Quota.parse(text)) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("30% women", "expected 'at least SHARE"),
        ("at least 30% youth overall", "expected 'at least SHARE"),
        ("at least 30% women somewhere", "expected 'at least SHARE"),
        ("at least majority women overall", "at least"),
        ("at least 130% women overall", "at most all"),
    ],
)
def test_bad_quotas(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Quota.parse(text)


def test_bad_definitions_are_refused() -> None:
    blocs = (BlocSeats("a", 10, 3, "A"), BlocSeats("b", 10, 3, "B"))
    with pytest.raises(ValueError, match="each once"):
        CommitteeDefinition("x", (blocs[0], blocs[0]))
    with pytest.raises(ValueError, match="unknown bloc"):
        CommitteeDefinition("x", blocs, co_chairs=1, co_chair_blocs=("c",))
    with pytest.raises(ValueError, match="2 co-chairs but 1 blocs"):
        CommitteeDefinition("x", blocs, co_chairs=2, co_chair_blocs=("a",))
    with pytest.raises(ValueError, match="small-body seats"):
        BlocSeats("a", 10, 11)
    with pytest.raises(ValueError, match="at least one seat"):
        BlocSeats("a", 0)
