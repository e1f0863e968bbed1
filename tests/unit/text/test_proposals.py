"""Proposals: life cycle, each kind of change folded in and kept as brackets, conflicts."""

from __future__ import annotations

import pytest

from astana.core.text import (
    AddAlternative,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    Mode,
    MoveProvision,
    Proposal,
    ProposalConflictError,
    ProposalState,
    ProposalStateError,
    Provision,
    ProvisionText,
    ReplaceText,
    TextAnchor,
    apply_all,
    apply_proposal,
    parse_document,
)

SOURCE = """@lang en

Article 1: Transition
1. The parties commit to a gradual political transition.
2. The transition shall preserve state institutions.

Article 2: Foreign fighters
1. The parties call for the withdrawal of all foreign fighters.

@lang ar

المادة 1: الانتقال
1. يلتزم الأطراف بانتقال سياسي تدريجي.
2. يحافظ الانتقال على مؤسسات الدولة.

المادة 2: المقاتلون الأجانب
1. يدعو الأطراف إلى انسحاب جميع المقاتلين الأجانب.
"""
DOC = parse_document(SOURCE)


def text(identity: str, language: str = "en") -> str:
    return str(DOC[identity].text(language))


def tabled(change: object, author: str = "KNC", *supporters: str) -> Proposal:
    return Proposal("p1", 1, author, change, ProposalState.TABLED, supporters)  # type: ignore[arg-type]


def test_life_cycle() -> None:
    draft = Proposal("p1", 1, "SNC", DeleteProvision("art_2"))
    assert draft.state is ProposalState.DRAFT
    with pytest.raises(ProposalStateError):
        draft.support("KNC")
    on_table = draft.table().support("KNC").oppose("SyNC")
    assert on_table.supporters == ("KNC",) and on_table.opponents == ("SyNC",)
    assert on_table.oppose("KNC").supporters == ()
    with pytest.raises(ProposalStateError):
        on_table.support("SNC")
    assert on_table.fold_in().state is ProposalState.FOLDED_IN
    with pytest.raises(ProposalStateError):
        on_table.fold_in().withdraw()
    assert on_table.keep_in_brackets().state is ProposalState.KEPT_IN_BRACKETS
    with pytest.raises(ProposalStateError):
        draft.keep_in_brackets()
    with pytest.raises(ProposalStateError):
        on_table.keep_in_brackets().fold_in()
    assert draft.withdraw().state is ProposalState.WITHDRAWN
    assert Proposal.from_dict(on_table.to_dict()) == on_table


def test_delete_words_folded_and_bracketed() -> None:
    anchor = TextAnchor.quote(text("art_2__para_1"), "all")
    proposal = tabled(DeleteWords("art_2__para_1", "en", anchor), "KNC", "SyNC")
    folded = apply_proposal(DOC, proposal)
    assert (
        str(folded["art_2__para_1"].text("en"))
        == "The parties call for the withdrawal of foreign fighters."
    )
    assert folded["art_2__para_1"].needs_translation == {"ar"}
    kept = apply_proposal(DOC, proposal, mode=Mode.BRACKET)
    assert str(kept["art_2__para_1"].text("en")) == (
        "The parties call for the withdrawal of [all]{#p1, KNC, SyNC} foreign fighters."
    )


def test_insert_words_in_arabic() -> None:
    anchor = TextAnchor.after(text("art_2__para_1", "ar"), "انسحاب")
    proposal = tabled(InsertWords("art_2__para_1", "ar", anchor, "فوري ل"), "SNC")
    folded = apply_proposal(DOC, proposal)
    assert "انسحاب فوري ل جميع" in str(folded["art_2__para_1"].text("ar"))
    assert folded["art_2__para_1"].needs_translation == {"en"}


def test_an_alternative_to_touching_brackets_is_one_more_of_the_set() -> None:
    """``[shall][should]`` is one set of alternatives: a proposal offering ``must`` beside
    it (or beside a lone ``[should]``) adds a bracket to the set, as drafters write it, not
    an option group around it."""
    document = DOC.replace(
        DOC["art_1__para_1"].with_text("en", ProvisionText.parse("Parties [shall][should] act."))
    )
    source = str(document["art_1__para_1"].text("en"))

    def offered(quoted: str, mode: Mode) -> str:
        change = AddAlternative(
            "art_1__para_1",
            "en",
            ProvisionText.parse("must"),
            TextAnchor.quote(source, quoted),
        )
        return str(apply_proposal(document, tabled(change, "SyNC"), mode=mode)["art_1__para_1"]
                   .text("en"))  # fmt: skip

    assert offered("[shall][should]", Mode.FOLD) == "Parties [shall][should][must]{SyNC} act."
    assert offered("[shall][should]", Mode.BRACKET) == (
        "Parties [shall][should][must]{#p1, SyNC} act."
    )
    assert offered("[should]", Mode.FOLD) == "Parties [shall][should][must]{SyNC} act."


def test_replace_text_and_add_alternative() -> None:
    new = ProvisionText.parse("The parties commit to a transitional governing body.")
    replace = tabled(ReplaceText("art_1__para_1", "en", new), "SyNC")
    assert apply_proposal(DOC, replace)["art_1__para_1"].text("en") == new
    shown = str(apply_proposal(DOC, replace, mode=Mode.BRACKET)["art_1__para_1"].text("en"))
    assert shown.startswith("[Option 1: The parties commit to a gradual")
    assert shown.endswith(
        "[Option 2: The parties commit to a transitional governing body.]{#p1, SyNC}"
    )
    anchor = TextAnchor.quote(text("art_1__para_1"), "a gradual political transition")
    alt = tabled(
        AddAlternative(
            "art_1__para_1", "en", ProvisionText.parse("a transitional governing body"), anchor
        ),
        "SyNC",
    )
    once = apply_proposal(DOC, alt)
    assert str(once["art_1__para_1"].text("en")) == (
        "The parties commit to [Option 1: a gradual political transition] "
        "[Option 2: a transitional governing body]{SyNC}."
    )
    source = str(once["art_1__para_1"].text("en"))
    group = source[source.index("[Option 1") : source.index("}") + 1]
    third = Proposal(
        "p2",
        2,
        "KNC",
        AddAlternative(
            "art_1__para_1",
            "en",
            ProvisionText.parse("a national dialogue"),
            TextAnchor.quote(source, group),
        ),
        ProposalState.TABLED,
    )
    assert "[Option 3: a national dialogue]{KNC}" in str(
        apply_proposal(once, third)["art_1__para_1"].text("en")
    )


def test_insert_delete_move_provisions() -> None:
    new = Provision.create("art_elections", "article", {"en": "Elections", "ar": "الانتخابات"})
    inserted = apply_proposal(DOC, tabled(InsertProvision(new, None, "art_1")))
    assert inserted.ids()[3] == "art_elections"
    assert inserted.ordinal("art_2") == 3
    bracketed = apply_proposal(DOC, tabled(InsertProvision(new, None, "art_1")), mode=Mode.BRACKET)
    assert str(bracketed["art_elections"].text("en")) == "[Elections]{#p1, KNC}"
    assert "art_2" not in apply_proposal(DOC, tabled(DeleteProvision("art_2")))
    moved = apply_proposal(DOC, tabled(MoveProvision("art_1__para_2", "art_2", "art_2__para_1")))
    assert moved.parent("art_1__para_2").id == "art_2"  # type: ignore[union-attr]
    assert moved.ordinal("art_1__para_2") == 2


def test_anchors_survive_unrelated_edits_and_conflicts_are_reported() -> None:
    anchor = TextAnchor.quote(text("art_2__para_1"), "foreign")
    first = tabled(
        InsertWords(
            "art_2__para_1", "en", TextAnchor.after(text("art_2__para_1"), "call"), "urgently"
        )
    )
    edited = apply_proposal(DOC, first)
    second = Proposal(
        "p2", 1, "SNC", DeleteWords("art_2__para_1", "en", anchor), ProposalState.TABLED
    )
    assert "foreign" not in str(apply_proposal(edited, second)["art_2__para_1"].text("en"))
    gone = apply_proposal(edited, tabled(DeleteProvision("art_2")))
    with pytest.raises(ProposalConflictError):
        apply_proposal(gone, second)
    _, conflicts = apply_all(gone, [(second, Mode.BRACKET)])
    assert [c.proposal for c in conflicts] == ["p2"]


def test_a_change_that_would_break_brackets_is_a_conflict() -> None:
    document = parse_document("Article 1\n1. a [b c] d\n")
    source = str(document["art_1__para_1"].text("en"))
    broken = tabled(DeleteWords("art_1__para_1", "en", TextAnchor.at(source, 2, 5)))
    with pytest.raises(ProposalConflictError, match="break the brackets"):
        apply_proposal(document, broken)
