"""Labels as data in the text engine: the label an inserted provision is given (UN practice:
``4 bis.`` after ``4.``, ``(a bis)``, ``4 مكرراً``, ``4 бис``), labels applied when an
insertion carries none, the technical renumbering and its refusals, and the view tree's new
kinds, inline notes and bracket fragments."""

from __future__ import annotations

import pytest

from astana.core.text import (
    Bracket,
    Document,
    InsertProvision,
    Mode,
    Proposal,
    Provision,
    ProvisionKind,
    ProvisionText,
    Revision,
    apply_all,
    apply_proposal,
    clean_view,
    compilation_view,
)
from astana.core.text.brackets import Note
from astana.core.text.insertion import suggest_label
from astana.core.text.renumbering import RenumberingRefused, renumber


def _text() -> Document:
    """Article 1 with paragraphs 1.-5., each with (a) and (b); Article 2; labels stored."""
    paragraphs = [
        Provision.create(
            f"art_1__para_{i}",
            "paragraph",
            {"en": f"P{i}"},
            [
                Provision.create(f"art_1__para_{i}__subpara_a", "subparagraph", {"en": "x"}),
                Provision.create(f"art_1__para_{i}__subpara_b", "subparagraph", {"en": "y"}),
            ],
        )
        for i in range(1, 6)
    ]
    articles = (
        Provision.create("art_1", "article", {"en": "Scope"}, paragraphs),
        Provision.create("art_2", "article", {"en": "Two"}),
    )
    return Document(("en", "ar", "ru"), articles).validate().frozen()


@pytest.mark.parametrize(
    ("parent", "after", "kind", "expected"),
    [
        ("art_1", "art_1__para_4", "paragraph", {"en": "4 bis.", "ar": "4 مكرراً.", "ru": "4 бис."}),
        ("art_1", "art_1__para_5", "paragraph", {"en": "6.", "ar": "6.", "ru": "6."}),
        ("art_1", None, "paragraph", {"en": "1 new.", "ar": "1 جديد.", "ru": "1 новый."}),
        (
            "art_1__para_1",
            "art_1__para_1__subpara_a",
            "subparagraph",
            {"en": "(a bis)", "ar": "(أ مكرراً)", "ru": "(a бис)"},
        ),
        (
            "art_1__para_1",
            "art_1__para_1__subpara_b",
            "subparagraph",
            {"en": "(c)", "ar": "(ج)", "ru": "(c)"},
        ),
        (
            None,
            "art_1",
            "article",
            {"en": "Article 1 bis", "ar": "المادة 1 مكرراً", "ru": "Статья 1 бис"},
        ),
        (None, "art_2", "article", {"en": "Article 3", "ar": "المادة 3", "ru": "Статья 3"}),
        ("art_2", None, "clause", {"en": "", "ar": "", "ru": ""}),
    ],
)
def test_the_suggested_label_moves_no_other(
    parent: str | None, after: str | None, kind: str, expected: dict[str, str]
) -> None:
    document = _text()
    got = {lang: suggest_label(document, parent, after, kind, lang) for lang in expected}
    assert got == expected


def test_a_taken_suffix_is_skipped_and_a_bracketed_label_read() -> None:
    document = _text()
    bis = Provision.create("new_1", "paragraph", {"en": "N"}).with_labels({"en": "4 bis."})
    document = document.insert(bis, parent="art_1", after="art_1__para_4")
    assert suggest_label(document, "art_1", "art_1__para_4", "paragraph", "en") == "4 ter."
    assert suggest_label(document, "art_1", "new_1", "paragraph", "en") == "4 ter."
    assert suggest_label(document, "art_1", "new_1", "paragraph", "ar") == "4 مكرراً ثانياً."


def test_a_provision_that_cannot_stand_there_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot stand"):
        suggest_label(_text(), "art_1__para_1", None, "article", "en")


def _insert(identity: str, after: str, labels: dict[str, str] | None = None) -> Proposal:
    provision = Provision.create(identity, "paragraph", {"en": "New"})
    if labels:
        provision = provision.with_labels(labels)
    return Proposal(identity.upper(), 1, "SNC", InsertProvision(provision, "art_1", after)).table()


def test_an_insertion_without_a_label_gets_the_suggested_one_and_keeps_a_chosen_one() -> None:
    document = _text()
    folded = apply_proposal(document, _insert("n1", "art_1__para_4"))
    assert folded.labels("n1") == {"en": "4 bis.", "ar": "4 مكرراً.", "ru": "4 бис."}
    assert folded.label("art_1__para_5", "en") == "5."
    chosen = apply_proposal(document, _insert("n2", "art_1__para_4", {"en": "4 A."}))
    assert chosen.label("n2", "en") == "4 A."
    both, conflicts = apply_all(
        document,
        [
            (_insert("n1", "art_1__para_4"), Mode.BRACKET),
            (_insert("n2", "art_1__para_4"), Mode.BRACKET),
        ],
    )
    assert not conflicts
    assert [both.label(i, "en") for i in ("art_1__para_4", "n1", "n2", "art_1__para_5")] == [
        "4.",
        "4 bis.",
        "4 ter.",
        "5.",
    ]
    view = compilation_view(both, [], "ar").to_dict()
    assert [p["label"] for p in view["provisions"][0]["children"]][3:6] == [
        "4.",
        "4 مكرراً.",
        "4 مكرراً ثانياً.",
    ]


def test_renumbering_a_clean_text_gives_the_concordance() -> None:
    document = apply_proposal(_text(), _insert("n1", "art_1__para_4"))
    revision, rows = renumber(Revision(2, document), [])
    assert revision.number == 3
    assert revision.document.label("n1", "en") == "5."
    assert revision.document.label("art_1__para_5", "ar") == "6."
    assert [(r.id, r.old_label("en"), r.new_label("en")) for r in rows] == [
        ("n1", "4 bis.", "5."),
        ("art_1__para_5", "5.", "6."),
    ]
    assert rows[0].old_label("ru") == "4 бис."
    with pytest.raises(RenumberingRefused, match="nothing to renumber"):
        renumber(revision, [])


def test_renumbering_is_refused_while_proposals_are_open_or_brackets_stand() -> None:
    document = apply_proposal(_text(), _insert("n1", "art_1__para_4"))
    with pytest.raises(RenumberingRefused, match="proposals N2 are still open"):
        renumber(Revision(2, document), [_insert("n2", "art_1__para_1")])
    bracketed = document.set_text(
        "art_1__para_2", "en", ProvisionText.parse("P2 [or not]{SNC}"), translation=True
    )
    with pytest.raises(RenumberingRefused, match=r"2\. \(art_1__para_2\) still has brackets in en"):
        renumber(Revision(2, bracketed), [])
    noted = document.set_text(
        "art_1__para_2", "en", ProvisionText(("P2", Note("No text required"))), translation=True
    )
    assert renumber(Revision(2, noted), [])[0].document.label("n1", "en") == "5."


def test_the_view_tree_shows_new_kinds_notes_and_bracket_fragments() -> None:
    opening = ProvisionText((Bracket(("Parties shall",), ("SNC",), None, True, False),))
    closing = ProvisionText((Bracket(("report",), ("SNC",), None, False, True),))
    section = Provision.create(
        "sec_1",
        ProvisionKind.SECTION,
        {"en": "General"},
        [
            Provision.create("hdg_1", ProvisionKind.HEADING, {"en": "Reporting"}),
            Provision("para_1", ProvisionKind.PARAGRAPH, (("en", opening),)),
            Provision("para_2", ProvisionKind.PARAGRAPH, (("en", closing),)),
            Provision.create(
                "opt_1",
                ProvisionKind.OPTION,
                {"en": "Short"},
                [
                    Provision(
                        "para_3",
                        ProvisionKind.PARAGRAPH,
                        (("en", ProvisionText(("Three", Note("No text required")))),),
                    )
                ],
            ),
            Provision.create("note_1", ProvisionKind.NOTE, {"en": "To be placed"}),
        ],
    ).with_labels({"en": "Part I"})
    document = Document(("en",), (section,)).validate().frozen()
    view = compilation_view(document, [], "en").to_dict()
    top = view["provisions"][0]
    assert (top["kind"], top["label"], top["content"]) == (
        "section",
        "Part I",
        [{"type": "text", "text": "General"}],
    )
    kids = {k["id"]: k for k in top["children"]}
    assert kids["hdg_1"]["label"] == ""
    assert kids["para_1"]["content"][0]["opens"] is True
    assert kids["para_1"]["content"][0]["closes"] is False
    assert kids["para_2"]["content"][0]["opens"] is False
    assert kids["opt_1"]["label"] == "Option 1"
    assert kids["opt_1"]["children"][0]["content"][1] == {
        "type": "note",
        "text": "No text required",
    }
    assert kids["note_1"]["kind"] == "note"
    clean = clean_view(document, "en").to_dict()
    assert "opt_1" not in {k["id"] for k in clean["provisions"][0]["children"]}
