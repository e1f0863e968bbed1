"""Word files as United Nations secretariats write them: labels from Word's numbering (list
levels 0 and 5-6, list styles, start overrides), kinds by numbering format, footnotes as
notes, non-breaking spaces kept, tracked changes refused. The real file is a UNFCCC
secretariat draft (COP 29, 2024, Article 6.2) from the shared test data."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.shared_data import shared_data
from tests.unit.formats.wordml import (
    UN_LEVELS,
    footnote_reference,
    level,
    numbering,
    paragraph,
    style,
    word_file,
)

from astana.core.text import Document, ProvisionKind
from astana.core.text.brackets import Bracket, Note
from astana.formats.docx import import_docx
from astana.formats.errors import FormatError


def art62_file() -> bytes:
    return shared_data("real-texts", "art62-party-inputs.docx").read_bytes()


@pytest.fixture(scope="module")
def art62() -> Document:
    return import_docx(art62_file())


def outline(document: Document, count: int) -> list[tuple[str, str, str]]:
    return [
        (
            p.kind.value,
            document.label(p.id, "en") if p.labels else "",
            " ".join(str(p.text("en")).split()[:4]),
        )
        for p in list(document.walk())[:count]
    ]


# Read from word/document.xml and numbering.xml by hand: the section headings are list level
# 0 of numId 1 (upperRoman "%1."), the paragraphs level 5 of numId 9 (decimal "%6.", never
# restarting), the sub-paragraphs level 6 (lowerLetter "(%7)", restarting after each
# paragraph). Paragraph 37 cites "paragraph 34 and 35 above" for the two "Recalls" on the
# consistency checks, which are 34 and 35 here.
FIRST_PROVISIONS = [
    ("heading", "", "Matters relating to cooperative"),
    ("preamble", "", ""),
    ("recital", "", "The Conference of the"),
    ("recital", "", "Recalling decision 2/CMA.3 and"),
    ("recital", "", "Also recalling decision 6/CMA.4"),
    ("section", "I.", "Scope and definition of"),
    ("paragraph", "1.", "Decides that a cooperative"),
    ("subparagraph", "(a)", "A cooperative approach involving"),
    ("subparagraph", "(b)", "A cooperative approach involving"),
    ("section", "II.", "Further guidance on initial"),
    ("paragraph", "2.", "Requests that a participating"),
    ("subparagraph", "(a)", "A description of whether"),
    ("subparagraph", "(b)", "A description of any"),
    ("paragraph", "3.", "Also requests that a"),
    ("subparagraph", "(a)", "The indicators to which"),
    ("subparagraph", "(b)", "The methods used for"),
    ("subparagraph", "(c)", "How the method for"),
    ("paragraph", "4.", "Further requests that a"),
    ("paragraph", "5.", "Requests that a participating"),
    ("subparagraph", "(a)", "How the cooperative approach"),
    ("subparagraph", "(b)", "How participation in each"),
    ("subparagraph", "(c)", "How the mitigation outcomes"),
    ("paragraph", "6.", "Also requests that participating"),
    ("subparagraph", "(a)", "How uncertainties in the"),
    ("subparagraph", "(b)", "How any baseline or"),
    ("subparagraph", "(c)", "How the host Party’s"),
    ("subparagraph", "(d)", "How ‘business as usual’"),
    ("subparagraph", "(e)", "How the risk of"),
    ("paragraph", "7.", "Further requests that a"),
    ("subparagraph", "(a)", "How the risk of"),
]


def test_the_real_file_reads_with_the_labels_word_shows(art62: Document) -> None:
    assert str(art62.title("en")) == "Draft decision -/CMA.6"
    assert outline(art62, len(FIRST_PROVISIONS)) == FIRST_PROVISIONS


def test_level_0_headings_are_sections_not_paragraphs(art62: Document) -> None:
    sections = [
        art62.label(p.id, "en") for p in art62.provisions if p.kind is ProvisionKind.SECTION
    ]
    assert sections == [
        "I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII.", "IX.", "X.", "XI.", "XII.",
        "Annex",
    ]  # fmt: skip
    assert not any(p.kind is ProvisionKind.PARAGRAPH for p in art62.provisions)
    paragraphs = [p for p in art62.walk() if p.kind is ProvisionKind.PARAGRAPH]
    assert [art62.label(p.id, "en") for p in paragraphs] == [f"{n}." for n in range(1, 72)]


def test_sub_headings_and_restarted_lists_in_the_real_file(art62: Document) -> None:
    authorization = art62["sec_3"]
    assert [(art62.label(c.id, "en"), str(c.text("en"))) for c in authorization.children] == [
        ("A.", "Process for and timing of the authorization"),
        ("B.", "Content of the authorization"),
        ("C.", "Format of the authorization"),
        ("D.", "Change to the authorization"),
        ("E.", "Transparency of information about the authorization"),
    ]
    # Section IV: (a) (b) from the list style, then a start override restarts at (a).
    first_transfer = art62["sec_4"]
    labels = [[art62.label(s.id, "en") for s in p.children] for p in first_transfer.children]
    assert labels[1:3] == [["(a)", "(b)"], ["(a)", "(b)"]]
    # Section XI: "A." comes from the heading style's own numbering, "B." from a list.
    tracking = [art62.label(c.id, "en") for c in art62["sec_11"].children]
    assert tracking == ["60.", "A.", "B."]
    annex = art62["sec_13"]
    assert str(annex.text("en")).startswith("Draft version of the agreed electronic format")
    assert annex.children[1].kind is ProvisionKind.NOTE
    assert "Table 1: Submission" in str(annex.children[1].text("en"))


def test_footnotes_are_notes_where_they_are_referenced(art62: Document) -> None:
    checks = art62["sec_9__para_3"]
    assert art62.label(checks.id, "en") == "46."
    first = checks.children[0].text("en")
    assert first.parts[-1] == Note("See decision 6/CMA.4, annex II, paras. 2(a) and 3.")
    assert not any(isinstance(part, Bracket) for part in first.parts)  # a note, not a bracket
    notes = [c.text("en").parts[-1] for c in checks.children]
    assert all(isinstance(n, Note) for n in notes) and len(notes) == 4


def test_non_breaking_spaces_are_kept(art62: Document) -> None:
    heading = str(art62["hdg_1"].text("en"))
    assert "Article\u00a06, paragraph 2" in heading
    data = word_file(
        paragraph("Final text")
        + paragraph("1.\tWithin 18\u00a0months, [the\u00a0parties]{SNC} meet in Astana\u2011city.")
        + paragraph(
            runs="<w:r><w:t>2. Non</w:t></w:r><w:r><w:noBreakHyphen/><w:t>state</w:t></w:r>"
        )
    )
    document = import_docx(data)
    assert str(document["para_1"].text("en")) == (
        "Within 18\u00a0months, [the\u00a0parties]{SNC} meet in Astana\u2011city."
    )
    assert str(document["para_2"].text("en")) == "Non\u2011state"


def test_un_list_levels_number_headings_and_paragraphs_by_format() -> None:
    body = (
        paragraph("Draft decision")
        + paragraph("Recalling its decision 1/CP.21,")
        + paragraph("Scope", num=(1, 0))
        + paragraph("Decides that the scope is set;", num=(1, 5))
        + paragraph("as a first point;", num=(1, 6))
        + paragraph("as a second point;", num=(1, 6))
        + paragraph("with a detail;", num=(1, 7))
        + paragraph("Review", num=(1, 0))
        + paragraph("Requests a review;", num=(1, 5))
        + paragraph("of this;", num=(2, 6))
        + paragraph("Headings by style", style="H1")
        + paragraph("Also requests a report;", style="Para")
    )
    data = word_file(
        body,
        numbering_xml=numbering(
            {7: UN_LEVELS},
            {
                1: (7, ""),
                2: (7, '<w:lvlOverride w:ilvl="6"><w:startOverride w:val="3"/></w:lvlOverride>'),
            },
        ),
        styles=style("Base", "Reg_Base", num='<w:numPr><w:numId w:val="1"/></w:numPr>')
        + style("H1", "Reg_H_1_G", based_on="Base", num='<w:numPr><w:ilvl w:val="1"/></w:numPr>')
        + style(
            "Para",
            "Reg_Single Txt_G",
            based_on="Base",
            num='<w:numPr><w:ilvl w:val="5"/></w:numPr>',
        ),
    )
    document = import_docx(data)
    assert [(p.id, p.kind.value, document.label(p.id, "en")) for p in document.walk()] == [
        ("preamble", "preamble", "Preamble"),
        ("preamble__recital_1", "recital", ""),
        ("sec_1", "section", "I."),
        ("sec_1__para_1", "paragraph", "1."),
        ("sec_1__para_1__subpara_a", "subparagraph", "(a)"),
        ("sec_1__para_1__subpara_b", "subparagraph", "(b)"),
        ("sec_1__para_1__subpara_b__subpara_a", "subparagraph", "(i)"),
        ("sec_2", "section", "II."),
        ("sec_2__para_1", "paragraph", "2."),  # level 5 never restarts
        ("sec_2__para_1__subpara_a", "subparagraph", "(c)"),  # a start override
        ("sec_2__sec_1", "section", "A."),  # level 1, from the style through basedOn
        ("sec_2__sec_1__para_1", "paragraph", "3."),
    ]
    assert str(document.title("en")) == "Draft decision"


def test_typed_labels_and_lettered_i_after_h() -> None:
    lines = ["Decision", "I.\tScope", "1.\tDecides:"]
    lines += [f"({letter})\tpoint {letter};" for letter in "abcdefghij"]
    lines += ["(ii)\tand a roman one;", "(k)\tpoint k;", "4 bis.\tAlso decides."]
    lines += ["Article 2: Review", "1. Text."]
    document = import_docx(word_file("".join(paragraph(line) for line in lines)))
    labels = [document.label(p.id, "en") for p in document.walk()]
    assert labels == [
        "I.", "1.", "(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)", "(j)",
        "(ii)", "(k)", "4 bis.", "Article 2", "1.",
    ]  # fmt: skip
    paragraph_1 = document["sec_1__para_1"]
    assert [c.kind for c in paragraph_1.children].count(ProvisionKind.SUBPARAGRAPH) == 11
    assert document["sec_1__para_1__subpara_j__subpara_a"].label("en") == "(ii)"


def test_footnotes_in_a_built_file_are_notes() -> None:
    body = paragraph("Decision") + paragraph(
        runs='<w:r><w:t xml:space="preserve">1. The parties [agree]</w:t></w:r>'
        + footnote_reference(2)
        + '<w:r><w:t xml:space="preserve"> to meet {No text required}.</w:t></w:r>'
    )
    document = import_docx(word_file(body, footnotes={2: "As agreed in Astana."}))
    parts = document["para_1"].text("en").parts
    assert parts == (
        "The parties ",
        Bracket(("agree",)),
        Note("As agreed in Astana."),
        " to meet ",
        Note("No text required"),
        ".",
    )


def test_tracked_changes_are_refused_naming_who_and_where() -> None:
    body = (
        paragraph("Decision")
        + paragraph("1. The parties agree.")
        + paragraph(
            runs='<w:r><w:t xml:space="preserve">2. The parties </w:t></w:r>'
            '<w:ins w:id="1" w:author="Drafter A" w:date="2024-11-19T09:14:00Z">'
            "<w:r><w:t>shall</w:t></w:r></w:ins>"
            '<w:del w:id="2" w:author="Drafter A"><w:r><w:delText>may</w:delText></w:r></w:del>'
            '<w:r><w:t xml:space="preserve"> meet.</w:t></w:r>'
        )
    )
    with pytest.raises(
        FormatError, match=r"tracked changes .*Drafter A.*accept or reject"
    ) as caught:
        import_docx(word_file(body))
    assert caught.value.where == "paragraph 3"


def test_a_paragraph_removed_with_tracked_changes_is_refused() -> None:
    body = (
        paragraph("Decision")
        + paragraph("1. Kept.")
        + (
            '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="B"/></w:rPr></w:pPr>'
            '<w:del w:id="4" w:author="B"><w:r><w:delText>2. Gone.</w:delText></w:r></w:del></w:p>'
        )
    )
    with pytest.raises(FormatError, match="a deletion by B") as caught:
        import_docx(word_file(body))
    assert caught.value.where == "paragraph 3"


def test_a_sub_paragraph_outside_a_paragraph_is_refused() -> None:
    with pytest.raises(FormatError, match="outside a numbered paragraph") as caught:
        import_docx(word_file(paragraph("Title") + paragraph("Article 1: A") + paragraph("(a) b")))
    assert caught.value.where == "paragraph 3"


def test_numbering_formats_as_word_writes_them() -> None:
    from astana.formats.docx_numbering import format_number

    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert [format_number(n, "upperRoman") for n in (4, 9, 14, 40)] == ["IV", "IX", "XIV", "XL"]
    assert format_number(2, "arabicAbjad") == "ب"
    assert format_number(12, "decimal") == "12"


def test_a_bracket_over_a_paragraph_and_its_sub_paragraphs_is_one_bracket_in_fragments() -> None:
    body = "".join(
        paragraph(line)
        for line in (
            "Decision",
            "[1.\tDecides that the parties shall:",
            "(a)\tmeet in Astana;",
            "(b)\treport [monthly]{SNC};]{KNC}",
            "2.\tAlso decides [to meet again.]",
        )
    )
    document = import_docx(word_file(body))
    chapeau, first, second = (
        document[i].text("en").parts for i in ("para_1", "para_1__subpara_a", "para_1__subpara_b")
    )
    assert chapeau == (Bracket(("Decides that the parties shall:",), closes=False),)
    assert first == (Bracket(("meet in Astana;",), opens=False, closes=False),)
    assert second == (
        Bracket(("report ", Bracket(("monthly",), ("SNC",)), ";"), ("KNC",), opens=False),
    )
    assert str(document["para_2"].text("en")) == "Also decides [to meet again.]"


def test_a_bracket_left_open_at_the_end_is_refused_where_it_opens() -> None:
    body = paragraph("Decision") + paragraph("1. Decides [that:") + paragraph("(a) one;")
    with pytest.raises(FormatError, match="never closed") as caught:
        import_docx(word_file(body))
    assert caught.value.where == "paragraph 2, column 12"
    with pytest.raises(FormatError, match="without an opening one") as caught:
        import_docx(word_file(paragraph("Decision") + paragraph("1. Decides that:]")))
    assert caught.value.where.startswith("paragraph 2, column ")


def test_rules_under_chapters_take_their_title_from_the_next_line() -> None:
    bold = '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>'
    body = (
        paragraph("Rules of procedure")
        + paragraph("I.\tSessions")
        + paragraph(runs=bold.format("Rule 1"))
        + paragraph(runs=bold.format("Dates of sessions"))
        + paragraph("1. The Conference meets once a year.")
        + paragraph(runs=bold.format("Rule 2"))
        + paragraph("Each session is public.")
        + paragraph("Annex", style="Heading1")
        + paragraph("List of observers", style="Heading1")
    )
    styles = style("Heading1", "heading 1")
    document = import_docx(word_file(body, styles=styles))
    assert [(p.id, document.label(p.id, "en"), str(p.text("en"))) for p in document.walk()] == [
        ("sec_1", "I.", "Sessions"),
        ("sec_1__sec_1", "Rule 1", "Dates of sessions"),
        ("sec_1__sec_1__para_1", "1.", "The Conference meets once a year."),
        ("sec_1__sec_2", "Rule 2", ""),
        ("sec_1__sec_2__clause_1", "", "Each session is public."),
        ("sec_2", "Annex", "List of observers"),
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_a_damaged_secretariat_file_is_refused_or_read_whole(data: st.DataObject) -> None:
    source = zipfile.ZipFile(io.BytesIO(art62_file()))
    part = data.draw(
        st.sampled_from(["word/document.xml", "word/numbering.xml", "word/styles.xml"])
    )
    xml = source.read(part)
    start = data.draw(st.integers(0, len(xml) - 1))
    end = data.draw(st.integers(start, min(len(xml), start + 60)))
    noise = data.draw(st.sampled_from([b"", b"[", b"]", b"{", b'w:val="-3"', b"<w:b/>"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(
                item, xml[:start] + noise + xml[end:] if item.filename == part else content
            )
    try:
        document = import_docx(out.getvalue())
    except FormatError as error:
        message = str(error)
    else:
        assert document.validate() is document
        return
    assert message


def test_an_arabic_file_numbers_its_sub_paragraphs_in_abjad_order() -> None:
    levels = level(0, "decimal", "%1.") + level(1, "arabicAbjad", "(%2)")
    body = (
        paragraph("مشروع مقرر")
        + paragraph("إن مؤتمر الأطراف،")
        + paragraph("يقرر ما يلي:", num=(1, 0))
        + paragraph("أولاً؛", num=(1, 1))
        + paragraph("ثانياً.", num=(1, 1))
    )
    document = import_docx(word_file(body, numbering_xml=numbering({0: levels}, {1: (0, "")})))
    assert document.languages == ("ar",)
    assert [document.label(p.id, "ar") for p in document.walk()] == [
        "الديباجة",
        "",
        "1.",
        "(أ)",
        "(ب)",
    ]


def test_a_cross_reference_reads_as_word_shows_it(art62: Document) -> None:
    # Word wrote the REF field's result as "\u200e48": the mark is not part of the text.
    omission = str(art62["sec_9__para_1"].text("en"))
    assert "the checks referred to in paragraph 48 below" in omission
