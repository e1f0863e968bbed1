"""The printed text (the HTML WeasyPrint makes the PDF of) shows labels as written, sections as
headings, block options as one block, drafting notes apart, and a bracket that spans
provisions as its two ends."""

from __future__ import annotations

from astana.core.text import (
    Bracket,
    Document,
    Provision,
    ProvisionKind,
    ProvisionText,
    compilation_view,
)
from astana.core.text.brackets import Note
from astana.formats.print_html import provisions_html


def test_labels_kinds_notes_and_fragments_print_as_written() -> None:
    para = ProvisionKind.PARAGRAPH
    opening = ProvisionText((Bracket(("Parties shall",), ("SNC",), None, True, False),))
    closing = ProvisionText((Bracket(("report",), ("SNC",), None, False, True),))
    section = Provision.create(
        "sec_1",
        ProvisionKind.SECTION,
        {"en": "General"},
        [
            Provision("para_1", para, (("en", opening),)).with_labels({"en": "1."}),
            Provision("para_1b", para, (("en", closing),)).with_labels({"en": "1 bis."}),
            Provision.create(
                "opt_1",
                ProvisionKind.OPTION,
                {"en": "Short"},
                [
                    Provision(
                        "para_2", para, (("en", ProvisionText(("Two", Note("No text required")))),)
                    )
                ],
            ).with_labels({"en": "Option 1"}),
            Provision.create("note_1", ProvisionKind.NOTE, {"en": "To be placed"}),
        ],
    ).with_labels({"en": "Part I"})
    document = Document(("en",), (section,)).validate()
    html = provisions_html(compilation_view(document, [], "en").to_dict(), {})
    assert '<h2 class="section" id="en-sec_1">Part I General</h2>' in html
    assert '<span class="num">1.</span> <span class="br">[Parties shall</span>' in html
    assert '<span class="num">1 bis.</span> <span class="br">report]</span>' in html
    assert '<div class="option"><p class="option-head" id="en-opt_1">' in html
    assert '<span class="opt">Option 1:</span> Short' in html
    assert '<span class="drafting-note">{No text required}</span>' in html
    assert '<p class="note" id="en-note_1">To be placed</p>' in html
