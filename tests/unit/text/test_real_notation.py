"""The notation as real negotiating texts are written (UNFCCC, BBNJ, Paris 2015 drafts):
labels as written, sections and headings, block options, brackets over several lines,
drafting notes, and every problem of a file listed at once (strict or lenient)."""

# ruff: noqa: E501 - sample texts read best unbroken

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from tests.helpers.examples import examples

from astana.core.text import (
    Bracket,
    Document,
    NotationError,
    Problem,
    ProvisionKind,
    ProvisionText,
    Reading,
    format_document,
    parse_document,
    read_document,
)
from astana.core.text.brackets import Note, UnsafeCharacterError

from .strategies import real_documents

K = ProvisionKind


def outline(document: Document, language: str | None = None) -> list[tuple[int, str, str, str]]:
    """(depth, kind, label, text) of every provision, in order."""
    lang = language or document.languages[0]
    rows: list[tuple[int, str, str, str]] = []

    def visit(children: tuple[object, ...], depth: int) -> None:
        for child in children:
            rows.append(
                (depth, str(child.kind), document.label(child.id, lang), str(child.text(lang)))  # type: ignore[attr-defined]
            )
            visit(child.children, depth + 1)  # type: ignore[attr-defined]

    visit(document.provisions, 0)
    return rows


def round_trips(document: Document) -> None:
    written = format_document(document)
    again = parse_document(written)
    assert again == document.frozen()
    assert format_document(again) == written


# -- 1. labels as written -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "label", "text"),
    [
        ("Article 2bis: General", K.ARTICLE, "Article 2bis", "General"),
        ("Article 2 bis", K.ARTICLE, "Article 2 bis", ""),
        ("[Article 3bis] (REDD-plus)", K.ARTICLE, "[Article 3bis]", "REDD-plus"),
        ("Article 1 (definitions)", K.ARTICLE, "Article 1", "definitions"),
        ("المادة 2 مكرراً: عنوان", K.ARTICLE, "المادة 2 مكرراً", "عنوان"),
        ("Статья 2 бис", K.ARTICLE, "Статья 2 бис", ""),
        ("Part II: Institutions", K.SECTION, "Part II", "Institutions"),
        ("Chapter IV", K.CHAPTER, "Chapter IV", ""),
        ("Section 2: Finance", K.SECTION, "Section 2", "Finance"),
        ("I. ADOPTION", K.SECTION, "I.", "ADOPTION"),
        ("A. Mitigation", K.SECTION, "A.", "Mitigation"),
        ("Annex", K.SECTION, "Annex", ""),
        ("Annex I: Rules of procedure", K.SECTION, "Annex I", "Rules of procedure"),
        ("Appendix", K.SECTION, "Appendix", ""),
        ("Rule 6", K.SECTION, "Rule 6", ""),
    ],
)
def test_a_heading_keeps_its_label_as_written(line: str, kind: K, label: str, text: str) -> None:
    document = parse_document(f"{line}\n")
    first = document.provisions[0]
    assert (
        first.kind,
        first.label(document.languages[0]),
        str(first.text(document.languages[0])),
    ) == (kind, label, text)


@pytest.mark.parametrize(
    "label",
    ["1bis.", "1 bis.", "4.ter", "9quinquies.", "[4][2].", "6.1", "١.", "12."],
)
def test_a_paragraph_keeps_its_label_as_written(label: str) -> None:
    document = parse_document(f"Article 1\n{label} The Parties agree.\n")
    paragraph = document.provisions[0].children[0]
    assert paragraph.kind is K.PARAGRAPH
    assert document.label(paragraph.id, "en") == label
    assert paragraph.id == "art_1__para_1"  # identities still come from the place


def test_an_arabic_paragraph_label_with_its_word() -> None:
    source = "@lang ar\n\nالمادة 2 مكرراً: عنوان\nالفقرة 1: نص أول.\nالفقرة 1 مكرراً: نص مضاف.\n"
    document = parse_document(source)
    assert [document.label(i, "ar") for i in document.ids()] == [
        "المادة 2 مكرراً",
        "الفقرة 1",
        "الفقرة 1 مكرراً",
    ]
    assert format_document(document) == source


def test_sub_paragraph_labels_letters_romans_and_abjad() -> None:
    english = parse_document("Article 1\n1. The Parties:\n(a) one;\n(aa) two;\n(iv) four.\n")
    assert [english.label(p.id, "en") for p in english.walk()][2:] == ["(a)", "(aa)", "(iv)"]
    arabic = parse_document("المادة ١\n١. تتفق الأطراف على:\n(أ) أولاً؛\n(ب) ثانياً.\n")
    assert [arabic.label(p.id, "ar") for p in arabic.walk()] == ["المادة ١", "١.", "(أ)", "(ب)"]


def test_a_text_numbered_with_bis_reads_back_byte_for_byte() -> None:
    source = "@lang en\n\nArticle 4\n1. One.\n4 bis. Inserted.\n4.ter Again.\n(a) item;\n    (iv) roman.\n\nArticle 4 bis: Added\n2. Two.\n"
    document = parse_document(source)
    assert format_document(document) == source
    assert document.label("art_1__para_2", "en") == "4 bis."


# -- 2. structure ---------------------------------------------------------------------------

DECISION = """Draft decision -/CP.21
Adoption of the Paris Agreement

B. DRAFT DECISION

The Conference of the Parties,

Recalling decision 1/CP.17,

Welcoming the outcome of the 2030 Agenda,

I. ADOPTION

1. Decides to adopt the Agreement;

5. [Recognizes that Parties [may provisionally] apply the Agreement;]

Option I (paras 6-9bis):

6. Notes that the work has been completed;

7. Decides to establish an Intergovernmental Preparatory Committee;

8. Decides to oversee the work programme;

9. Requests the IPC to report regularly;

9bis. Decides that the IPC shall hold its first session;

Option 2 (paras 6-9bis):

6. Notes that the ADP shall continue;

7. Requests the ADP to prepare;

8. Decides to oversee the work programme;

9. Requests the ADP to report regularly;

10. Decides that the ADP shall hold its first session;

II. INTENDED NATIONALLY DETERMINED CONTRIBUTIONS

GENERAL

11. Welcomes the contributions;

16. Option 1 : [Requests the SBI to clarify the information;]

    Option 2: No text.

20. Option 1: [Decides] to convene a facilitative dialogue;

    Option 2: No such facilitative dialogue prior to 2020;
"""


def test_a_decision_reads_with_its_sections_preamble_and_block_options() -> None:
    document = parse_document(DECISION)
    assert str(document.title("en")) == "Draft decision -/CP.21 Adoption of the Paris Agreement"
    rows = outline(document)
    assert rows[:4] == [
        (0, "section", "B.", "DRAFT DECISION"),
        (1, "preamble", "Preamble", "The Conference of the Parties,"),
        (2, "recital", "", "Recalling decision 1/CP.17,"),
        (2, "recital", "", "Welcoming the outcome of the 2030 Agenda,"),
    ]
    options = [(d, label, text) for d, kind, label, text in rows if kind == "option"]
    assert options[:2] == [(2, "Option I", "(paras 6-9bis)"), (2, "Option 2", "(paras 6-9bis)")]
    held = [label for d, kind, label, _ in rows if kind == "paragraph" and d == 3]
    assert held == ["6.", "7.", "8.", "9.", "9bis.", "6.", "7.", "8.", "9.", "10."]
    assert (1, "section", "II.", "INTENDED NATIONALLY DETERMINED CONTRIBUTIONS") in rows
    assert (2, "heading", "", "GENERAL") in rows
    sixteen = document["sec_1__sec_2__para_2"]
    assert [(c.kind, c.label("en")) for c in sixteen.children] == [
        (K.OPTION, "Option 1"),
        (K.OPTION, "Option 2"),
    ]
    assert str(sixteen.children[1].text("en")) == "No text."
    round_trips(document)


def test_a_preamble_without_its_heading_word_reads_as_a_preamble() -> None:
    source = "@lang en\n\nThe Conference of the Parties,\nRecalling its decisions,\n1. Decides.\n"
    document = parse_document(source)
    assert [p.kind for p in document.walk()] == [K.PREAMBLE, K.RECITAL, K.PARAGRAPH]
    assert str(document["preamble"].text("en")) == "The Conference of the Parties,"
    assert document["preamble"].labels == ()
    written = format_document(document)
    assert written.startswith("@lang en\n\nPreamble: The Conference of the Parties,\n")
    assert parse_document(written) == document


def test_parts_chapters_and_sections_nest_by_rank_and_annexes_stand_at_the_top() -> None:
    source = (
        "Part I: General\nChapter 1: Scope\nArticle 1\n1. Text.\nSection 2: Detail\nArticle 2\n"
        "Part II: Institutions\nArticle 3\nAnnex: Rules\n1. Rule.\n"
    )
    rows = [(d, kind, label) for d, kind, label, _ in outline(parse_document(source))]
    assert rows == [
        (0, "section", "Part I"),
        (1, "chapter", "Chapter 1"),
        (2, "article", "Article 1"),
        (3, "paragraph", "1."),
        (2, "section", "Section 2"),
        (3, "article", "Article 2"),
        (0, "section", "Part II"),
        (1, "article", "Article 3"),
        (0, "section", "Annex"),
        (1, "paragraph", "1."),
    ]


def test_an_article_title_on_its_own_line_and_in_parentheses() -> None:
    document = parse_document("Article 1 (definitions)\nArticle 2\nPurpose\n1. Text.\n")
    assert str(document["art_1"].text("en")) == "definitions"
    assert next((c.kind, str(c.text("en"))) for c in document["art_2"].children) == (
        K.HEADING,
        "Purpose",
    )


def test_roman_items_under_letters_and_a_letter_i_after_h() -> None:
    letters = "".join(f"({c}) item {c};\n" for c in "abcdefgh")
    document = parse_document(f"Article 1\n1. Chapeau:\n{letters}(i) ninth;\n(j) tenth;\n")
    assert [c.label("en") for c in document["art_1__para_1"].children][-3:] == ["(h)", "(i)", "(j)"]
    nested = parse_document(
        "Article 1\n1. Chapeau:\n(a) first:\n(i) one;\n(ii) two;\n(b) second.\n"
    )
    para = nested["art_1__para_1"]
    assert [c.label("en") for c in para.children] == ["(a)", "(b)"]
    assert [c.label("en") for c in para.children[0].children] == ["(i)", "(ii)"]


def test_indentation_nests_a_numbered_item_under_a_paragraph() -> None:
    document = parse_document(
        "Article 2\n1. The purpose is to:\n\n    1.  Hold the increase;\n    2.  Increase the ability;\n2. Equity.\n"
    )
    first = document["art_1__para_1"]
    assert [(c.kind, c.label("en")) for c in first.children] == [
        (K.SUBPARAGRAPH, "1."),
        (K.SUBPARAGRAPH, "2."),
    ]
    assert document["art_1__para_2"].label("en") == "2."
    round_trips(document)


def test_unlabelled_text_under_a_paragraph_is_its_clause() -> None:
    indented = parse_document(
        "Article 3\n1. Collective goal\n\n    [Parties aim to] reach the goal:\n2. Next.\n"
    )
    assert [c.kind for c in indented["art_1__para_1"].children] == [K.CLAUSE]
    broken = parse_document(
        "Article 3\n1. [Measurement of financial resources, including for costs of\nprovided through the Mechanism.]\n"
    )
    # a line the page wrapped is not a provision: it goes on with the paragraph's text
    assert broken["art_1__para_1"].children == ()
    (bracket,) = broken["art_1__para_1"].text("en").parts
    assert isinstance(bracket, Bracket) and (bracket.opens, bracket.closes) == (True, True)
    assert bracket.content == (
        "Measurement of financial resources, including for costs of provided through the Mechanism.",
    )
    round_trips(indented)
    round_trips(broken)


# -- 3. block options -------------------------------------------------------------------------


def test_block_options_hold_the_paragraphs_that_follow_up_to_the_next_option() -> None:
    source = (
        "Article 2\nOption 1:\n1. The purpose is this.\n2. It is implemented so.\n"
        "Option 2: No text\nArticle 3\n1. Next.\n"
    )
    document = parse_document(source)
    first, second = document["art_1"].children
    assert [c.label("en") for c in first.children] == ["1.", "2."]
    assert (str(second.text("en")), second.children) == ("No text", ())
    assert document["art_2__para_1"].label("en") == "1."
    round_trips(document)


def test_a_block_option_ends_at_a_paragraph_that_does_not_follow_on() -> None:
    document = parse_document(
        "Article 3\n18. Requests.\nOption 1: {mandatory elements}\n19. Invites.\n19bis. Notes.\n19ter. Decides.\n"
        "Option 2: {No text required}\n19. Other.\n7. Continues.\n"
    )
    option_1, option_2 = (c for c in document["art_1"].children if c.kind is K.OPTION)
    assert option_1.text("en").parts == (Note("mandatory elements"),)
    assert [c.label("en") for c in option_1.children] == ["19.", "19bis.", "19ter."]
    assert [c.label("en") for c in option_2.children] == ["19."]
    assert document["art_1"].children[-1].label("en") == "7."
    round_trips(document)


def test_options_in_options_and_options_with_sub_paragraphs() -> None:
    source = (
        "Article 3\n3. Differentiated efforts\n\n    Option 1:\n\n    In accordance with the Convention.\n\n"
        "    Option 2:\n\n    Option (a): Each Party should continue.\n\n    Option (b): Developed country Parties should lead.\n"
        "50. Option 1: [Encourages] Parties to:\n\n(a) Establish frameworks;\n\n(b) Leverage support;\n\n"
        "Option 2: [Developed country Parties] shall:\n\n(a) Establish and strengthen;\n"
        "51. [Option 1: within six months] [Option 2: within a year]{SNC}\n"
    )
    document = parse_document(source)
    option_2 = document["art_1__para_1__opt_2"]
    assert [c.label("en") for c in option_2.children] == ["Option (a)", "Option (b)"]
    fifty = document["art_1__para_2"]
    assert [(c.label("en"), [g.label("en") for g in c.children]) for c in fifty.children] == [
        ("Option 1", ["(a)", "(b)"]),
        ("Option 2", ["(a)"]),
    ]
    inline = document["art_1__para_3"]  # inline options are still one group in the text
    assert (inline.children, len(inline.text("en").parts)) == ((), 1)
    round_trips(document)


# -- 4. brackets across lines -----------------------------------------------------------------


def test_numbered_items_after_an_option_that_introduces_them_are_the_options() -> None:
    # Article 4, 2. of the draft agreement of 4 December 2015: Option 2's text ends "inter
    # alia:" and its items 1.-3. stand at its indentation; deleting Option 2 deletes them.
    source = """Article 4 (adaptation)

2. Option 1: [Parties recognize that adaptation [will][may] be needed.]

    Option 2: [The goal for adaptation shall be the basis for, inter alia:

    1. Assessment of the adequacy of support;
    2. Recognition of adaptation efforts of developing countries;
    3. Recognition of increased adaptation needs.]

    Option 3: no text

3. Parties acknowledge.
"""
    reading = read_document(source)
    assert [(kind, label, depth) for depth, kind, label, _ in outline(reading.document)] == [
        ("article", "Article 4", 0),
        ("paragraph", "2.", 1),
        ("option", "Option 1", 2),
        ("option", "Option 2", 2),
        *[("subparagraph", f"{n}.", 3) for n in (1, 2, 3)],
        ("option", "Option 3", 2),
        ("paragraph", "3.", 1),
    ]


def test_a_short_sentence_without_its_full_stop_is_not_a_heading() -> None:
    # Article 9, 7. Option 1 of the draft agreement: a sentence lost its full stop.
    source = """Article 9 (transparency)

7. Option 1: The information shall be subjected to a technical expert review.

    The expert review team shall produce a report.

    The report shall identify any issues related to compliance

    Option 2: No text
"""
    rows = outline(read_document(source).document)
    assert [(kind, depth) for depth, kind, _, _ in rows] == [
        ("article", 0),
        ("paragraph", 1),
        ("option", 2),
        ("clause", 3),
        ("clause", 3),
        ("option", 2),
    ]


def test_a_block_option_holds_the_paragraphs_it_says_it_holds() -> None:
    # Article 11 of the draft agreement of 4 December 2015: Option 1's paragraphs 1 and 2 are
    # indented, 3 and 4 not; its title says it holds paragraphs 1 to 4.
    source = """Article 11 (compliance)

Option 1: (paragraphs 1 to 4)

 1. A committee is established.

 2. The objective of the committee is:

   Option 1: To promote implementation;
   Option 2: To address cases of non-compliance.

3. The committee shall report annually.

4. [placeholder for text by Parties on composition]

5. A paragraph after the range.

Option II:

No reference to compliance.
"""
    rows = outline(read_document(source).document)
    assert [(kind, label, depth) for depth, kind, label, _ in rows] == [
        ("article", "Article 11", 0),
        ("option", "Option 1", 1),
        ("paragraph", "1.", 2),
        ("paragraph", "2.", 2),
        ("option", "Option 1", 3),
        ("option", "Option 2", 3),
        ("paragraph", "3.", 2),
        ("paragraph", "4.", 2),
        ("paragraph", "5.", 1),
        ("option", "Option II", 1),
        ("clause", "", 2),
    ]


def test_a_chapeau_bracket_closes_after_its_last_sub_paragraph() -> None:
    source = "@lang en\n\nArticle 1\n1. The Parties [shall, inter alia:\n(a) enhance action;\n(b) report on progress]{SNC, G77}.\n"
    document = parse_document(source)
    chapeau, first, last = (
        document[i].text("en")
        for i in ("art_1__para_1", "art_1__para_1__subpara_a", "art_1__para_1__subpara_b")
    )
    opening = chapeau.parts[-1]
    assert isinstance(opening, Bracket) and (opening.opens, opening.closes) == (True, False)
    middle = first.parts[0]
    assert isinstance(middle, Bracket) and (middle.opens, middle.closes) == (False, False)
    closing = last.parts[0]
    assert isinstance(closing, Bracket) and (closing.opens, closing.closes, closing.holders) == (
        False,
        True,
        ("SNC", "G77"),
    )
    assert format_document(document) == source


def test_a_bracket_over_two_paragraphs_wraps_each_inner_bracket_outermost_first() -> None:
    document = parse_document("Article 1\n1. [First [and] more\n2. second]{KNC} rest.\n")
    second = document["art_1__para_2"].text("en").parts[0]
    assert isinstance(second, Bracket) and second.closes and not second.opens
    assert second.holders == ("KNC",)
    round_trips(document)


# -- 5. notes -----------------------------------------------------------------------------------


def test_braces_not_attached_to_a_bracket_are_notes() -> None:
    text = ProvisionText.parse("[No provision] {Placement proposal: to be moved to Article 9}")
    assert text.parts[-1] == Note("Placement proposal: to be moved to Article 9")
    attached = ProvisionText.parse("[x]{SNC, Kazakh FM} and [y]{Placement proposal: Article 9}")
    assert attached.parts[0].holders == ("SNC", "Kazakh FM")  # type: ignore[union-attr]
    assert attached.parts[-1] == Note("Placement proposal: Article 9")


def test_a_note_after_a_bracket_is_written_so_that_it_stays_a_note() -> None:
    text = ProvisionText((Bracket(("x",)), Note("SNC")))
    assert str(text) == "[x]{\\SNC}"
    assert ProvisionText.parse(str(text)) == text


def test_note_lines_and_footnotes_are_note_provisions() -> None:
    source = "Article 2bis\nOption 1:\n1. All Parties.\n* without prejudice to the terminology\nOption 3: {No text required}\n{Note: Options 1 and 2 are to be considered together}\n"
    document = parse_document(source)
    notes = [p for p in document.walk() if p.kind is K.NOTE]
    assert [str(p.text("en")) for p in notes] == [
        "* without prejudice to the terminology",
        "Note: Options 1 and 2 are to be considered together",
    ]
    round_trips(document)


# -- 6. every problem at once, strict or lenient ------------------------------------------------

UNBALANCED = "Article 1\n1. a ] b\n2. c [d\n3. e {f\n"


def test_strict_reading_lists_every_problem_and_raises_at_the_first() -> None:
    with pytest.raises(NotationError) as caught:
        parse_document(UNBALANCED)
    problems = caught.value.problems  # type: ignore[attr-defined]
    assert [(p.line, p.column) for p in problems] == [(2, 6), (3, 6), (4, 6)]
    assert (caught.value.line, caught.value.column) == (2, 6)
    assert (
        str(problems[0])
        == "2:6: a closing bracket ] without an opening one (kept as a literal ]; write \\] for one)"
    )


def test_lenient_reading_keeps_the_offending_characters_as_text() -> None:
    reading = read_document(UNBALANCED, lenient=True)
    assert isinstance(reading, Reading) and len(reading.problems) == 3
    assert all(isinstance(p, Problem) for p in reading.problems)
    assert reading.document["art_1__para_1"].text("en").parts == ("a ] b",)
    assert reading.document["art_1__para_2"].text("en").parts == ("c [d",)
    assert reading.document["art_1__para_3"].text("en").parts == ("e {f",)
    round_trips(reading.document)


LAST = "art_1__para_1__subpara_a__subpara_b"


def test_an_option_after_a_textless_last_item_stays_where_it_was() -> None:
    """Found by the generated documents: an article's option written right after the last
    item of a paragraph, an item with no text in one language (a note in the other), was read
    back as that item's option in the first language and as the article's in the second. The
    writer marks the textless line so that every language reads back the same structure."""
    document = parse_document(
        f"@lang en\nArticle 1\n1.\n(a)\n    (i) one\n    (ii) {{#{LAST}}}\nOption 1 {{#x7 empty}}:\n"
        "@lang ru\nСтатья 1\n1.\n(a)\n    (i) один\n    (ii) {сноска}\nВариант 1 {#x7 empty}:\n"
    )
    assert [c.id for c in document.provisions[0].children] == ["art_1__para_1", "x7"]
    assert str(document[LAST].text("en")) == ""
    round_trips(document)


def test_lenient_reading_keeps_a_stray_line_as_a_note() -> None:
    reading = read_document("Title\nstray text\nArticle 1\n", lenient=True)
    assert [p.reason for p in reading.problems] == [
        "text outside a provision: put it under Preamble or an article, or number it"
    ]
    assert reading.document.provisions[0].kind is K.NOTE


def test_unsafe_characters_are_refused_even_when_lenient() -> None:
    with pytest.raises(UnsafeCharacterError):
        read_document("Article 1\n1. a\u202eb\n", lenient=True)


# -- generated documents ----------------------------------------------------------------------


@settings(max_examples=examples(80), deadline=None, suppress_health_check=list(HealthCheck))
@given(real_documents())
def test_parse_after_format_is_identity_on_real_text_documents(document: Document) -> None:
    round_trips(document)


@settings(max_examples=examples(80), deadline=None, suppress_health_check=list(HealthCheck))
@given(real_documents())
def test_stored_and_read_back_is_identity_on_real_text_documents(document: Document) -> None:
    """What a revision stores (one text per provision, brackets spanning provisions as
    fragments) reads back to the same document."""
    assert Document.from_dict(document.to_dict()) == document


# -- the real drafts ----------------------------------------------------------------------------

REAL = (
    Path(
        os.environ.get(
            "ASTANA_TESTDATA", Path(__file__).resolve().parents[4] / "shared" / "testdata"
        )
    )
    / "real-texts"
)


def copied(path: Path) -> str:
    """What a reader copies from the rendered page of a Markdown transcription."""
    try:
        from tests.helpers.real_texts import copied_text  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _copied(path)
    return str(copied_text(path))


def _copied(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text[text.index("\n---", 3) + 4 :]
    references = set(re.findall(r"^\[([^\]^]+)\]:", text, re.M))
    out = []
    for line in text.split("\n"):
        if line.strip() in ("* TOC", "{:toc}", "<!-- -->") or re.match(
            r"^\[[^\]^]+\]:", line.strip()
        ):
            continue
        line = re.sub(r"^(\s*)\[\^\d+\]:\s*", r"\1", line)
        line = re.sub(r"^(\s*)#+\s*", r"\1", line)
        line = re.sub(r"\[\^\d+\]|<[^>]+>", "", line)
        for reference in references:
            line = re.sub(r"\[([^\]]*)\]\[" + re.escape(reference) + r"\]", r"\1", line)
        line = re.sub(r"(?<!\\)\*+", "", line).replace("\\*", "*").replace("\\'", "'").rstrip()
        out.append(line[:-1].rstrip() if line.endswith("\\") else line)
    return "\n".join(out)


BRACKET_PROBLEMS = ("bracket", "brace")


@pytest.mark.parametrize("name", ["paris-4dec2015.md", "paris-decision-6nov2015.md"])
def test_the_paris_drafts_read_leniently_with_only_their_own_bracket_slips(name: str) -> None:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is not there (set ASTANA_TESTDATA)")
    reading = read_document(copied(path), lenient=True)
    assert reading.problems
    assert all(any(w in p.reason for w in BRACKET_PROBLEMS) for p in reading.problems), (
        reading.problems
    )
    round_trips(reading.document)


def test_the_decision_options_hold_paragraphs_6_to_9bis_and_10() -> None:
    path = REAL / "paris-decision-6nov2015.md"
    if not path.exists():
        pytest.skip(f"{path} is not there (set ASTANA_TESTDATA)")
    document = read_document(copied(path), lenient=True).document
    options = [
        p for p in document.walk() if p.kind is K.OPTION and str(p.text("en")) == "(paras 6-9bis)"
    ]
    assert [[c.label("en") for c in o.children] for o in options] == [
        ["6.", "7.", "8.", "9.", "9bis."],
        ["6.", "7.", "8.", "9.", "10."],
        ["6.", "7.", "8.", "9.", "10."],
    ]


def test_a_refusal_gives_advice_not_what_a_lenient_reading_keeps() -> None:
    from astana.core.text.notation import Problem

    typo = Problem(2, 16, "this bracket is never closed", "kept as a literal [; close it with ]")
    assert typo.advice == "close it with ]"
    assert typo.refusal() == "2:16: this bracket is never closed (close it with ])"
    assert str(typo) == "2:16: this bracket is never closed (kept as a literal [; close it with ])"
    assert Problem(3, 1, "a stray line", "kept as a note").refusal() == "3:1: a stray line"
    assert Problem(4, 1, "odd", "write it so").advice == "write it so"


def test_a_bracketed_article_heading_brackets_the_whole_article() -> None:
    # ``[Article 3bis] (REDD-plus)`` of the draft agreement: the article as a whole is not
    # agreed, however clean its paragraphs' words; a paragraph under it cannot be agreed ad
    # referendum, progress counts its words as bracketed, and the text is not adoptable.
    from astana.core.text.positions import (
        AgreementError,
        Position,
        Positions,
        Stance,
        adoptable,
        progress,
    )
    from astana.core.text.revision import Revision

    document = read_document(
        "[Article 3bis] (REDD-plus)\n\n1. The mechanism is defined.\n\n"
        "Article 4 (adaptation)\n\n1. Parties [shall][should] adapt.\n"
    ).document
    article, paragraph, _, other = (p.id for p in document.walk())
    assert document.label(article, "en") == "[Article 3bis]"
    assert document.is_bracketed(paragraph) and document.is_bracketed(article)
    assert not document.is_bracketed(document.parent(other).id)  # type: ignore[union-attr]
    revision = Revision(1, document)
    positions = Positions(("A", "B"))
    for party in ("A", "B"):
        positions = positions.record(Position(party, paragraph, Stance.SUPPORT), on=revision)
    with pytest.raises(AgreementError, match="brackets"):
        positions.agree_ad_referendum(revision, paragraph)
    shown = progress(document, positions)
    assert shown.bracketed_provisions == 3  # the article, its paragraph, and 4. with [shall]
    assert shown.bracketed_words >= 5  # REDD-plus, The mechanism is defined.
    assert not adoptable(document, positions)
