"""A three-party negotiation on a ten-article roadmap, in English and Arabic.

The Kazakh Foreign Minister mediates; the Syrian National Coalition (SNC), the Syriac
National Council (SyNC) and the Kurdish National Council (KNC) negotiate. Rev.1 carries
alternatives and brackets; proposals are tabled, a compilation is read, Rev.2 folds in what
was accepted, positions (one with a reservation) lead to agreement ad referendum, the
leaderships confirm, and Rev.3 is adoptable.
"""

# ruff: noqa: E501 - sample texts and report lines read best unbroken

from __future__ import annotations

import pytest

from astana.core.text import (
    AgreementError,
    DeleteWords,
    InsertWords,
    Position,
    Positions,
    Proposal,
    ProposalState,
    ProvisionState,
    ProvisionText,
    ReplaceText,
    Revision,
    Stance,
    TextAnchor,
    adoptable,
    clean_view,
    compilation_view,
    issue_revision,
    parse_document,
    party_view,
    progress,
    redline,
)

PARTIES = ("SNC", "SyNC", "KNC")
THEMES = [
    ("Political transition", "الانتقال السياسي",
     "The parties agree on [Option 1: a gradual political transition]{SNC} [Option 2: a transitional governing body]{SyNC}.",
     "تتفق الأطراف على [الخيار 1: انتقال سياسي تدريجي]{SNC} [الخيار 2: هيئة حكم انتقالية]{SyNC}."),
    ("Foreign fighters", "المقاتلون الأجانب",
     "The parties call for the withdrawal of [all]{SNC, KNC} foreign fighters.",
     "تدعو الأطراف إلى انسحاب [جميع]{SNC, KNC} المقاتلين الأجانب."),
    ("Constitution", "الدستور",
     "A new constitution shall be drafted by a constitutional committee.",
     "يصاغ دستور جديد من قبل لجنة دستورية."),
    ("Elections", "الانتخابات",
     "Free parliamentary elections shall be held under international supervision.",
     "تجرى انتخابات برلمانية حرة تحت إشراف دولي."),
    ("Components", "المكونات",
     "The rights of all components of Syrian society shall be guaranteed.",
     "تضمن حقوق جميع مكونات المجتمع السوري."),
    ("Detainees", "المعتقلون", "All detainees shall be released.", "يفرج عن جميع المعتقلين."),
    ("Refugees", "اللاجئون", "Refugees shall return in safety and dignity.", "يعود اللاجئون بأمان وكرامة."),
    ("Institutions", "المؤسسات", "State institutions shall be preserved.", "يحافظ على مؤسسات الدولة."),
    ("Reconstruction", "إعادة الإعمار", "Reconstruction shall begin after the ceasefire.", "تبدأ إعادة الإعمار بعد وقف إطلاق النار."),
    ("Follow-up", "المتابعة", "The parties shall meet again in Astana.", "تجتمع الأطراف مجددا في أستانا."),
]  # fmt: skip


def roadmap() -> str:
    english = ["@lang en", "", "Roadmap for a political solution in Syria", ""]
    arabic = ["@lang ar", "", "خارطة طريق للحل السياسي في سوريا", ""]
    for number, (title, title_ar, text, text_ar) in enumerate(THEMES, start=1):
        english += [f"Article {number}: {title}", f"1. {text}", ""]
        arabic += [f"المادة {number}: {title_ar}", f"1. {text_ar}", ""]
    return "\n".join(english + arabic)


def test_the_roadmap_is_negotiated_to_an_adoptable_revision() -> None:
    rev1 = Revision(1, parse_document(roadmap()))
    assert rev1.document.languages == ("en", "ar") and len(rev1.document.ids()) == 20
    start = progress(rev1.document, Positions(PARTIES))
    assert start.bracketed_provisions == 2 and start.bracketed_words == 9

    # SNC proposes to say "immediate" withdrawal (English), KNC opposes; SyNC supports.
    para2 = str(rev1.document["art_2__para_1"].text("en"))
    snc = (
        Proposal(
            "p1",
            1,
            "SNC",
            InsertWords("art_2__para_1", "en", TextAnchor.after(para2, "the"), "immediate"),
            justification="Withdrawal delayed is withdrawal denied.",
        )
        .table()
        .support("SyNC")
        .oppose("KNC")
    )
    # The mediator's compromise on article 1, in both languages.
    compromise = ProvisionText.parse(
        "The parties agree on a gradual political transition overseen by a transitional governing body."
    )
    compromise_ar = ProvisionText.parse(
        "تتفق الأطراف على انتقال سياسي تدريجي تشرف عليه هيئة حكم انتقالية."
    )
    p2 = (
        Proposal("p2", 1, "SyNC", ReplaceText("art_1__para_1", "en", compromise))
        .table()
        .support("SNC")
        .support("KNC")
    )
    p3 = (
        Proposal("p3", 1, "SyNC", ReplaceText("art_1__para_1", "ar", compromise_ar))
        .table()
        .support("SNC")
        .support("KNC")
    )

    compilation = compilation_view(rev1.document, [snc, p2, p3], "en").to_dict()
    para = compilation["provisions"][1]["children"][0]["content"]
    inserted = next(c for c in para if c["type"] == "bracket" and c["attribution"])
    assert inserted["attribution"] == {
        "proposal": "p1", "kind": "insert_words", "author": "SNC", "supporters": ["SyNC"], "opponents": ["KNC"],
    }  # fmt: skip
    assert clean_view(rev1.document, "ar").direction == "rtl"
    assert "immediate" in str(party_view(rev1.document, [snc], "SNC", "en").to_dict())
    assert "immediate" not in str(party_view(rev1.document, [snc], "KNC", "en").to_dict())

    # Rev.2: the compromise is folded in; SNC's insertion stays in brackets.
    issued = issue_revision(rev1, [snc, p2, p3], fold=["p2", "p3"], keep=["p1"])
    rev2 = issued.revision
    assert rev2.number == 2 and rev2.hash != rev1.hash
    assert {p.id: p.state for p in issued.proposals} == {
        "p1": ProposalState.KEPT_IN_BRACKETS, "p2": ProposalState.FOLDED_IN, "p3": ProposalState.FOLDED_IN,
    }  # fmt: skip
    changes = redline(rev1.document, rev2.document, "ar").changed()
    assert [c.id for c in changes] == ["art_1__para_1"]

    positions = Positions(PARTIES)
    for provision in rev2.document.ids():
        for party in PARTIES:
            positions = positions.record(Position(party, provision, Stance.SUPPORT), on=rev2)
    positions = positions.record(
        Position(
            "KNC",
            "art_5__para_1",
            Stance.RESERVATION,
            "Kurdish is to be named among the official languages.",
        ),
        on=rev2,
    )
    with pytest.raises(AgreementError, match="brackets"):
        positions.agree_ad_referendum(rev2, "art_2__para_1")

    # Rev.3: "all" is kept, "immediate" withdrawn by agreement; every bracket is lifted.
    plain = {
        "en": "The parties call for the withdrawal of all foreign fighters.",
        "ar": "تدعو الأطراف إلى انسحاب جميع المقاتلين الأجانب.",
    }
    lifts = [
        Proposal(
            f"m{lang}", 2, "SyNC", ReplaceText("art_2__para_1", lang, ProvisionText.parse(text))
        ).table()
        for lang, text in plain.items()
    ]
    rev3 = issue_revision(rev2, lifts, fold=["men", "mar"]).revision
    assert progress(rev3.document, positions).bracketed_words == 0
    assert not adoptable(rev3.document, positions)
    # Article 2 changed wording in Rev.3: the positions given on Rev.2 no longer count.
    with pytest.raises(AgreementError, match=r"SNC \(given on Rev.2 wording\)"):
        positions.agree_ad_referendum(rev3, "art_2__para_1")
    for party in PARTIES:
        positions = positions.record(Position(party, "art_2__para_1", Stance.SUPPORT), on=rev3)
    for provision in rev3.document.ids():
        positions = positions.agree_ad_referendum(rev3, provision)
    art5 = rev3.document["art_5__para_1"]
    assert positions.state(art5) is ProvisionState.AGREED_AD_REFERENDUM
    assert not adoptable(rev3.document, positions)
    for provision in rev3.document.ids()[:-1]:
        positions = positions.confirm(rev3, provision)
    assert not adoptable(rev3.document, positions), "nothing is agreed until everything is agreed"
    positions = positions.confirm(rev3, rev3.document.ids()[-1])
    assert adoptable(rev3.document, positions)
    assert progress(rev3.document, positions).agreed == 20

    # A party that can no longer accept reopens the provision.
    reopened = positions.record(Position("SNC", "art_4__para_1", Stance.CANNOT_ACCEPT), on=rev3)
    assert reopened.state(rev3.document["art_4__para_1"]) is ProvisionState.OPEN
    assert not adoptable(rev3.document, reopened)
    assert Positions.from_dict(positions.to_dict()) == positions


def test_deleting_words_in_arabic_is_attributed_in_the_arabic_compilation() -> None:
    document = parse_document(roadmap())
    source = str(document["art_4__para_1"].text("ar"))
    proposal = Proposal(
        "k1",
        1,
        "KNC",
        DeleteWords("art_4__para_1", "ar", TextAnchor.quote(source, "تحت إشراف دولي")),
    ).table()
    view = compilation_view(document, [proposal], "ar").to_dict()
    content = view["provisions"][3]["children"][0]["content"]
    assert content[1]["attribution"]["author"] == "KNC"
    assert content[1]["children"] == [{"type": "text", "text": "تحت إشراف دولي"}]
    assert view["provisions"][3]["label"] == "المادة 4"
