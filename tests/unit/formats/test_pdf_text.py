"""Text copied out of a PDF made into the notation: line wraps joined, line-end hyphenation
undone where the word was hyphenated only to break the line, page furniture (symbols, page
and job numbers, running headers) left out."""

from __future__ import annotations

import pytest

from astana.core.text import parse_document
from astana.formats.documents import import_document
from astana.formats.errors import FormatError
from astana.formats.pdf_text import from_pdf_text

# As a PDF reader copies two pages of a UNFCCC draft decision (FCCC/PA/CMA/2024/L.15 style):
# indented labels, lines broken at the margin, a hyphenated word, the job number and bar
# code on the first page, the symbol and page number on every page.
DECISION = """\
                                                         Distr.: Limited
                                                         Original: English
Draft decision -/CMA.6
Matters relating to cooperative approaches referred to in Article 6,
paragraph 2, of the Paris Agreement
      The Conference of the Parties serving as the meeting of the Parties to the
Paris Agreement,
      Recalling decision 2/CMA.3 and its annex,
      Also recalling decision 6/CMA.4 and its annexes,
I.    Scope and definition of a cooperative approach
      1.    Decides that a cooperative approach is the voluntary participation of a
Party or Parties in applying guidance on cooperative approaches and that its implemen-
tation is consistent with the non-
permanence provisions and the cap-and-
trade systems of the participating Parties:
       (a)    A cooperative approach involving mitigation outcomes authorized by a
first transferring Party for use towards the achievement of nationally determined
contributions;
       (b)    A cooperative approach involving other international mitigation pur-
poses;
GE.24-21932(E)
*2421932*
2
FCCC/PA/CMA/2024/L.15
II.   Further guidance on initial reports
      2.    Requests that a participating Party, in providing information in its initial
report, include a de-
scription of the cooperative approach, its re-
gistry and its post-
2020 [mitigation]{AOSIS} outcomes;
3
FCCC/PA/CMA/2024/L.15
      3.    Further requests the secretariat to organize the re-
election of the co-
facilitators, whose election and whose co-facilitators' mandate the CMA
decides;
4
FCCC/PA/CMA/2024/L.15
"""


def test_a_decision_copied_from_a_pdf_reads_as_its_paragraphs() -> None:
    assert from_pdf_text(DECISION).split("\n") == [
        "Draft decision -/CMA.6 — Matters relating to cooperative approaches referred to in "
        "Article 6, paragraph 2, of the Paris Agreement",
        "Preamble",
        "The Conference of the Parties serving as the meeting of the Parties to the Paris "
        "Agreement,",
        "Recalling decision 2/CMA.3 and its annex,",
        "Also recalling decision 6/CMA.4 and its annexes,",
        "I. Scope and definition of a cooperative approach",
        "1. Decides that a cooperative approach is the voluntary participation of a Party or "
        "Parties in applying guidance on cooperative approaches and that its implementation is "
        "consistent with the non-permanence provisions and the cap-and-trade systems of the "
        "participating Parties:",
        "(a) A cooperative approach involving mitigation outcomes authorized by a first "
        "transferring Party for use towards the achievement of nationally determined "
        "contributions;",
        "(b) A cooperative approach involving other international mitigation purposes;",
        "II. Further guidance on initial reports",
        "2. Requests that a participating Party, in providing information in its initial "
        "report, include a description of the cooperative approach, its registry and its "
        "post-2020 [mitigation]{AOSIS} outcomes;",
        "3. Further requests the secretariat to organize the re-election of the "
        "co-facilitators, whose election and whose co-facilitators' mandate the CMA decides;",
        "",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("implemen-\ntation", "implementation"),
        ("the non-\nParty", "the non-Party"),
        ("non-\npermanence", "non-permanence"),
        ("cap-and-\ntrade", "cap-and-trade"),
        ("post-\n2020", "post-2020"),
        ("UN-\nHabitat", "UN-Habitat"),
        ("re-\ngistry", "registry"),
        ("the re-\nelection; an election", "the re-election; an election"),
        ("co-\noperation and cooperation", "cooperation and cooperation"),
        ("long-\nterm", "long-term"),
        ("a dash -\nthen", "a dash - then"),
    ],
)
def test_line_end_hyphens_are_undone_only_where_the_word_was_broken(
    text: str, expected: str
) -> None:
    assert from_pdf_text(text) == expected + "\n"


def test_page_furniture_is_left_out_and_repeated_labels_kept() -> None:
    pages = []
    for page in range(1, 5):
        pages.append(
            f"Draft text on the roadmap\n{page}. Option {page}: the parties meet in\n"
            f"Astana in round {page};\nPage {page} of 4\n- {page} -\nA/RES/70/{page}\n"
        )
    assert from_pdf_text("\f".join(pages)).split("\n") == [
        "1. Option 1: the parties meet in Astana in round 1;",
        "2. Option 2: the parties meet in Astana in round 2;",
        "3. Option 3: the parties meet in Astana in round 3;",
        "4. Option 4: the parties meet in Astana in round 4;",
        "",
    ]


def test_blank_lines_and_short_lines_end_paragraphs_and_nbsp_is_kept() -> None:
    text = (
        "Final statement\n\nThe parties met in Astana on 23\u00a0January\n2017 and agreed:\n"
        "1. to meet again;\n2. to report.\n"
    )
    assert from_pdf_text(text) == (
        "Final statement\nPreamble\nThe parties met in Astana on 23\u00a0January 2017 and "
        "agreed:\n1. to meet again;\n2. to report.\n"
    )


def test_the_notation_it_gives_is_read_and_imported() -> None:
    text = (
        "Final statement of the Astana meeting on Syria\n"
        "The parties to the Astana talks on the settlement in the Syrian Arab\nRepublic,\n"
        "Recalling the memorandum on the creation of de-escalation areas,\n"
        "1. Agree to meet again in Astana within one month of the adoption of\n"
        "this statement;\n2. Report to the guarantors.\n"
    )
    document = parse_document(from_pdf_text(text))
    assert [p.id for p in document.walk()] == [
        "preamble",
        "preamble__recital_1",
        "preamble__recital_2",
        "para_1",
        "para_2",
    ]
    imported = import_document("pasted.txt", text.encode(), from_pdf=True)
    assert imported == document
    assert str(imported["para_1"].text("en")) == (
        "Agree to meet again in Astana within one month of the adoption of this statement;"
    )
    assert str(imported.title("en")) == "Final statement of the Astana meeting on Syria"
    with pytest.raises(FormatError, match="text copied out of a PDF"):
        import_document("pasted.docx", b"PK", from_pdf=True)
