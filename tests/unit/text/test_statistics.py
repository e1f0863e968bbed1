"""Counts and outlines of a text (``astana.core.text.statistics``): brackets, option groups
and their options (inline and block), sets of alternatives, notes; each provision's kind,
label as written and depth. The documents are built here from the model itself, so these
checks do not depend on how a file is read."""

from __future__ import annotations

from astana.core.text import Document, ProvisionText, document_statistics, outline
from astana.core.text.brackets import Bracket, Note
from astana.core.text.provision import Provision, ProvisionKind
from astana.core.text.statistics import text_statistics

K = ProvisionKind


def test_touching_brackets_are_one_set_of_alternatives_however_many() -> None:
    figures = text_statistics(ProvisionText.parse("the [ADP][COP][CMA] shall [decide][agree]"))
    assert (figures.brackets, figures.alternatives) == (5, 2)


def test_brackets_with_a_space_between_are_not_alternatives() -> None:
    figures = text_statistics(ProvisionText.parse("a report [in 2018] [in 2019] on [mitigation]"))
    assert (figures.brackets, figures.alternatives) == (3, 0)


def test_a_bracket_opening_with_a_slash_after_a_word_is_a_set() -> None:
    assert text_statistics(ProvisionText.parse("reduce and[/or] avoid")).alternatives == 1
    # after a space it is a bracket like any other
    assert text_statistics(ProvisionText.parse("reduce and [/or] avoid")).alternatives == 0


def test_nested_alternatives_are_counted_at_each_level() -> None:
    text = ProvisionText.parse("[[contribution][commitment] of [each][every] Party][none]")
    assert (text_statistics(text).brackets, text_statistics(text).alternatives) == (6, 3)


def test_inline_option_groups_and_their_options() -> None:
    text = ProvisionText.parse(
        "[Option 1: a] [Option 2: b] [Option 3: c] then [Alt 1: d] [Alt 2: e]"
    )
    figures = text_statistics(text)
    assert (figures.option_groups, figures.options, figures.brackets) == (2, 5, 0)


def test_a_bracket_across_lines_counts_where_it_opens() -> None:
    opening = ProvisionText((Bracket(("Decides that:",), closes=False),))
    middle = ProvisionText((Bracket(("(a) first;",), opens=False, closes=False),))
    closing = ProvisionText((Bracket(("(b) second",), opens=False), "."))
    total = sum(text_statistics(t).brackets for t in (opening, middle, closing))
    assert total == 1


def test_notes_are_counted_and_are_not_words() -> None:
    text = ProvisionText(("Requests the SBSTA to act", Note("move to the Agreement")))
    figures = text_statistics(text)
    assert (figures.notes, figures.words) == (1, 5)


def _option(identity: str, label: str, *children: Provision) -> Provision:
    return Provision(identity, K.OPTION, children=children).with_labels({"en": label})


def _paragraph(identity: str, label: str, text: str = "Decides.") -> Provision:
    return Provision.create(identity, K.PARAGRAPH, {"en": text}).with_labels({"en": label})


def _decision() -> Document:
    """Two groups of block options under a section (a new group where an option's number is
    1, another after a paragraph), an inline group, a note and a heading."""
    section = Provision(
        "sec_1",
        K.SECTION,
        texts=(("en", ProvisionText.plain("ADOPTION")),),
        children=(
            _option("opt_1", "Option I", _paragraph("p1", "6.", "[Notes][Welcomes] the work.")),
            _option("opt_2", "Option 2", _paragraph("p2", "6.")),
            _option("opt_3", "Option 1bis"),
            _option("opt_4", "Option 1"),  # a new group
            _option("opt_5", "Option 2"),
            _paragraph("p3", "19quinquies.", "[Option 1: a] [Option 2: b]"),
            _option("opt_6", "Option 2"),  # after a paragraph: a new group
            Provision("note_1", K.NOTE, texts=(("en", ProvisionText.plain("* A note.")),)),
            Provision("head_1", K.HEADING, texts=(("en", ProvisionText.plain("MITIGATION")),)),
        ),
    ).with_labels({"en": "I."})
    return Document(("en",), (section,)).validate()


def test_block_options_form_groups_of_consecutive_siblings() -> None:
    figures = document_statistics(_decision())
    assert figures.option_groups == 3 + 1  # three block groups, one inline
    assert figures.options == 6 + 2
    assert (figures.brackets, figures.alternatives, figures.notes) == (2, 1, 1)
    assert figures.provisions == 12


def test_a_note_provision_is_not_counted_as_words() -> None:
    document = _decision()
    with_note = document_statistics(document).words
    without = document_statistics(document.remove("note_1")).words
    assert with_note == without


def test_the_outline_lists_kind_label_as_written_and_depth_in_document_order() -> None:
    entries = [(e.id, str(e.kind), e.label, e.depth) for e in outline(_decision())]
    assert entries == [
        ("sec_1", "section", "I.", 0),
        ("opt_1", "option", "Option I", 1),
        ("p1", "paragraph", "6.", 2),
        ("opt_2", "option", "Option 2", 1),
        ("p2", "paragraph", "6.", 2),
        ("opt_3", "option", "Option 1bis", 1),
        ("opt_4", "option", "Option 1", 1),
        ("opt_5", "option", "Option 2", 1),
        ("p3", "paragraph", "19quinquies.", 1),
        ("opt_6", "option", "Option 2", 1),
        ("note_1", "note", "", 1),
        ("head_1", "heading", "", 1),
    ]


def test_the_outline_shows_labels_in_the_language_asked() -> None:
    article = Provision.create(
        "art_1", K.ARTICLE, {"en": "Purpose", "ar": "الغرض"}, [_paragraph("p1", "1 bis.")]
    ).with_labels({"en": "Article 2 bis", "ar": "المادة 2 مكرراً"})
    document = Document(("en", "ar"), (article,)).validate()
    assert [e.label for e in outline(document, "ar")] == ["المادة 2 مكرراً", "1 bis."]
    assert outline(document)[0].to_dict() == {
        "id": "art_1",
        "kind": "article",
        "label": "Article 2 bis",
        "depth": 0,
    }
