"""Word export and import: a round trip keeps the document (structure, brackets, holders,
identities, every language); Word's own numbering and headings read as provisions; a text
with unbalanced brackets or no structure is refused with its paragraph and column."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from tests.helpers.examples import examples
from tests.unit.text.strategies import documents

from astana.core.text import Document, parse_document
from astana.formats.docx import document_docx, import_docx, redline_docx, text_docx
from astana.formats.errors import FormatError
from astana.formats.view_trees import views_of

ROADMAP = Path(__file__).resolve().parents[3] / "data" / "sandbox" / "round-3-roadmap.txt"


def word_file(*paragraphs: tuple[str, str | None]) -> bytes:
    document = docx.Document()
    for text, style in paragraphs:
        paragraph = document.add_paragraph(text, style=style)
        del paragraph
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@settings(max_examples=examples(40), deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_export_then_import_gives_the_same_document(document: Document) -> None:
    assert import_docx(document_docx(document)) == document.frozen()  # labels are data


def test_the_roadmap_from_its_views_round_trips_in_both_languages() -> None:
    roadmap = parse_document(ROADMAP.read_text(encoding="utf-8"))
    data = text_docx(views_of(roadmap))
    assert import_docx(data) == roadmap
    word = docx.Document(io.BytesIO(data))
    texts = [p.text for p in word.paragraphs]
    assert "Article 2: Foreign fighters" in texts
    arabic = next(p for p in word.paragraphs if p.text.startswith("المادة 1"))
    assert arabic._p.pPr.find(docx.oxml.ns.qn("w:bidi")) is not None


def test_word_numbering_and_plain_headings_become_provisions() -> None:
    data = word_file(
        ("Final statement", "Title"),
        ("Ceasefire", "Heading 2"),
        ("The parties [reaffirm]{SNC} the ceasefire.", "List Number"),
        ("Article 2: Detainees", "Heading 2"),
        ("1. All detainees shall be released.", None),
        ("(a) [Option 1: within a month] [Option 2: at once]", None),
    )
    document = import_docx(data)
    assert str(document.title("en")) == "Final statement"
    # A heading without Article or Chapter is a section; "List Number" numbers by its style.
    assert [(p.id, p.kind.value, document.label(p.id, "en")) for p in document.walk()] == [
        ("sec_1", "section", ""),
        ("sec_1__para_1", "paragraph", "1."),
        ("art_1", "article", "Article 2"),
        ("art_1__para_1", "paragraph", "1."),
        ("art_1__para_1__subpara_a", "subparagraph", "(a)"),
    ]
    assert str(document["sec_1__para_1"].text("en")) == "The parties [reaffirm]{SNC} the ceasefire."
    assert document["art_1__para_1__subpara_a"].text("en").is_bracketed


def test_an_unbalanced_bracket_is_refused_with_paragraph_and_column() -> None:
    data = word_file(("Article 1: Scope", None), ("1. The parties [agree on the text.", None))
    with pytest.raises(FormatError, match=r"paragraph 2, column \d+: .*") as caught:
        import_docx(data)
    assert caught.value.where.startswith("paragraph 2, column ")


def test_text_without_structure_is_refused() -> None:
    with pytest.raises(FormatError, match="no provisions found"):
        import_docx(word_file(("Just a title", None)))
    with pytest.raises(FormatError, match="no provisions found"):
        import_docx(word_file(("A title", None), ("Some text and nothing numbered.", None)))
    with pytest.raises(FormatError, match="empty"):
        import_docx(word_file())


def test_redline_export_underlines_and_strikes() -> None:
    from astana.core.text import redline

    old = parse_document("Article 1: A\n1. one two three\n")
    new = parse_document("Article 1: A\n1. one four three\n")
    data = redline_docx([redline(old, new, "en").to_dict()])
    runs = [r for p in docx.Document(io.BytesIO(data)).paragraphs for r in p.runs]
    assert any(r.text == "four" and r.font.underline for r in runs)
    assert any(r.text == "two" and r.font.strike for r in runs)
