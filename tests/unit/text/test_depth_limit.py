"""The bracket depth limit (``MAX_BRACKET_DEPTH``): a text nested exactly to the limit is
read, written, compared and exported in every format; one level deeper is refused with the
line, column and limit, wherever it comes from (the notation, plain data, an import)."""

from __future__ import annotations

import pytest
from lxml import etree

from astana.core.text import Document, Revision, parse_document, redline
from astana.core.text.brackets import (
    MAX_BRACKET_DEPTH,
    Bracket,
    NotationError,
    ProvisionText,
    bracket_depth,
)
from astana.formats.akn import export_akn, import_akn, validate_akn
from astana.formats.docx import document_docx, import_docx, redline_docx
from astana.formats.pdf import redline_pdf, text_pdf
from astana.formats.view_trees import views_of


def nested(depth: int, word: str = "withdrawal") -> str:
    return "[" * depth + word + "]" * depth


def document(depth: int) -> str:
    return f"Roadmap\n\nArticle 1: Transition\n1. The parties agree on {nested(depth)}.\n"


def test_a_text_at_the_limit_is_read_and_written_back() -> None:
    text = ProvisionText.parse(nested(MAX_BRACKET_DEPTH))
    assert bracket_depth(text.parts) == MAX_BRACKET_DEPTH
    assert str(text) == nested(MAX_BRACKET_DEPTH)
    assert text.clean() == ""


@pytest.mark.parametrize("depth", [MAX_BRACKET_DEPTH + 1, 500, 10_000])
def test_one_level_deeper_is_refused_where_it_starts(depth: int) -> None:
    with pytest.raises(NotationError) as caught:
        ProvisionText.parse("It is " + nested(depth), line=4, column=4)
    assert (caught.value.line, caught.value.column) == (4, 4 + 6 + MAX_BRACKET_DEPTH)
    assert f"the limit is {MAX_BRACKET_DEPTH} levels" in caught.value.reason


def test_a_document_too_deep_is_refused_with_its_line() -> None:
    with pytest.raises(NotationError) as caught:
        parse_document(document(MAX_BRACKET_DEPTH + 1))
    assert caught.value.line == 4


def test_texts_built_otherwise_are_held_to_the_same_limit() -> None:
    inner: ProvisionText | Bracket = Bracket(("x",))
    for _ in range(MAX_BRACKET_DEPTH):
        inner = Bracket((inner,))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="the limit is"):
        ProvisionText((inner,))  # type: ignore[arg-type]
    data = parse_document(document(MAX_BRACKET_DEPTH)).to_dict()
    data["titles"] = {"en": nested(MAX_BRACKET_DEPTH + 1)}
    with pytest.raises(ValueError, match="the limit is"):
        Document.from_dict(data)


def test_a_text_at_the_limit_goes_through_every_export() -> None:
    at_limit = parse_document(document(MAX_BRACKET_DEPTH))
    revision = Revision(1, at_limit)
    akn = export_akn(revision, slug="roadmap", day="2017-01-24")
    validate_akn(etree.fromstring(akn))
    assert import_akn(akn) == at_limit.frozen()  # the import stores each <num> as the label
    assert import_docx(document_docx(at_limit)) == at_limit
    assert text_pdf(views_of(at_limit)).startswith(b"%PDF")
    before = parse_document(document(1))
    changes = [redline(before, at_limit, "en").to_dict()]
    assert redline_pdf(changes).startswith(b"%PDF")
    assert redline_docx(changes).startswith(b"PK")
