"""Trojan Source: the characters that may not stand in a negotiated or signed text, where
each is found (line, column), what it is, and that NFC makes equal texts hash equal."""

# ruff: noqa: E501 - sample texts read best unbroken

from __future__ import annotations

import io
import unicodedata

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from astana.core.text import NotationError, ProvisionText, Revision, parse_document
from astana.core.text.brackets import UnsafeCharacterError
from astana.core.text.characters import (
    UnsafeTextError,
    check_characters,
    document_problems,
    reveal_characters,
    unsafe_characters,
)
from astana.formats.akn import export_akn, import_akn
from astana.formats.docx import import_docx
from astana.formats.errors import FormatError

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)]
# Persian "I want", "books"; Arabic "الـ‍و" with tatweel and ZWJ; Urdu ZWNJ; Syriac ZWJ.
JOINED = [
    "می\u200cخواهم",
    "کتاب\u200cها",
    "نامه\u200cای",
    "بِ\u200cگو",  # a kasra (a mark) before the joiner
    "ل\u200dا",
    "ܫܠܡ\u200dܐ",
]


def labels(text: str, **options: bool) -> list[str]:
    return [p.label for p in unsafe_characters(text, **options)]


@pytest.mark.parametrize("char", BIDI, ids=lambda c: f"U+{ord(c):04X}")
def test_every_direction_control_is_refused(char: str) -> None:
    (problem,) = unsafe_characters(f"within {char}18 months")
    assert (problem.line, problem.column, problem.code_point) == (1, 8, ord(char))
    assert problem.name == unicodedata.name(char)
    assert "direction" in problem.hint


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u2060", "WORD JOINER"),
        ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
        ("\u00ad", "SOFT HYPHEN"),
        ("\u2062", "INVISIBLE TIMES"),
        ("\u180e", "MONGOLIAN VOWEL SEPARATOR"),
        ("\U000e0041", "TAG LATIN CAPITAL LETTER A"),
        ("\u034f", "COMBINING GRAPHEME JOINER"),
        ("\ufe0f", "VARIATION SELECTOR-16"),
        ("\u3164", "HANGUL FILLER"),
        ("\u200d", "ZERO WIDTH JOINER"),
        ("\u200c", "ZERO WIDTH NON-JOINER"),
    ],
)
def test_invisible_characters_are_refused_in_latin_text(char: str, name: str) -> None:
    (problem,) = unsafe_characters(f"Syr{char}ia")
    assert (problem.column, problem.name) == (4, name)


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x00", "<control-0000>"),
        ("\x1b", "<control-001B>"),
        ("\x85", "<control-0085>"),
        ("\t", "<control-0009>"),
        ("\u2028", "LINE SEPARATOR"),
        ("\u2029", "PARAGRAPH SEPARATOR"),
        ("\ue000", "<private-use-E000>"),
        ("\U0010fffd", "<private-use-10FFFD>"),
        ("\ud800", "<surrogate-D800>"),
        ("\U000e0fff", "<unassigned-E0FFF>"),
    ],
)
def test_controls_separators_and_undisplayable_code_points_are_refused(
    char: str, name: str
) -> None:
    (problem,) = unsafe_characters(f"ab{char}c")
    assert (problem.column, problem.name) == (3, name)


def test_line_breaks_and_tabs_only_where_the_format_allows_them() -> None:
    assert labels("a\nb") == ["U+000A"]
    assert "one line" in unsafe_characters("a\rb")[0].hint
    assert labels("a\nb\r\nc\rd", line_breaks=True) == []
    assert labels("a\tb", line_breaks=True) == ["U+0009"]
    assert labels("a\tb", tabs=True) == []
    found = unsafe_characters("one\ntwo \u202e\r\nthree\u200b", line_breaks=True)
    assert [(p.line, p.column) for p in found] == [(2, 5), (3, 6)]
    placed = unsafe_characters("x\u202e\ny\u202e", line_breaks=True, line=10, column=7)
    assert [(p.line, p.column) for p in placed] == [(10, 8), (11, 2)]


def test_visible_characters_and_spaces_are_kept() -> None:
    text = "Café — «déjà» 18\u00a0months, 2\u202f000 \u0627\u0644\u062d\u064f\u0643\u0648\u0645\u0629 \u0627\u0644\u062d\u0640\u0643\u0648\u0645\u0629 Статья ١٨"
    assert unsafe_characters(text) == ()


@pytest.mark.parametrize("word", JOINED)
def test_joiners_between_letters_of_a_joining_script_are_kept(word: str) -> None:
    assert unsafe_characters(word) == ()
    assert check_characters(f"1. {word}") == f"1. {word}"
    assert str(ProvisionText.parse(f"[{word}]{{SNC}}")) == f"[{word}]{{SNC}}"
    document = parse_document(f"@lang ar\n\nالمادة 1: {word}\n1. {word}\n")
    assert document_problems(document) == ()


@pytest.mark.parametrize(
    "text",
    [
        "\u200cکتاب",  # at the start
        "کتاب\u200c",  # at the end
        "کتاب\u200c ها",  # before a space
        "کتاب\u200c\u200cها",  # doubled
        "ab\u200ccd",  # Latin letters
        "کتاب\u200cabc",  # into another script
        "12\u200d34",
    ],
)
def test_joiners_elsewhere_are_refused(text: str) -> None:
    found = {p.code_point for p in unsafe_characters(text)}
    assert found in ({0x200C}, {0x200D})


@given(st.text(), st.sampled_from(BIDI), st.text(), st.booleans(), st.booleans())
def test_a_direction_control_is_never_accepted(
    before: str, control: str, after: str, line_breaks: bool, tabs: bool
) -> None:
    text = before + control + after
    found = unsafe_characters(text, line_breaks=line_breaks, tabs=tabs)
    assert any(p.code_point == ord(control) for p in found)
    with pytest.raises(UnsafeTextError):
        check_characters(text, line_breaks=line_breaks)
    assert not set(reveal_characters(text)) & set(BIDI)


@given(st.text())
def test_what_the_checker_accepts_holds_no_direction_control(text: str) -> None:
    if unsafe_characters(text, line_breaks=True, tabs=True):
        with pytest.raises(UnsafeTextError):
            check_characters(text, line_breaks=True, tabs=True)
        return
    accepted = check_characters(text, line_breaks=True, tabs=True)
    assert not set(accepted) & set(BIDI)
    assert unicodedata.is_normalized("NFC", accepted)


def test_the_error_names_every_problem() -> None:
    with pytest.raises(UnsafeTextError) as caught:
        check_characters("a\u202eb\u200bc", what="The title")
    assert str(caught.value) == (
        "The title contains a character that is not allowed, at line 1, column 2: U+202E "
        "RIGHT-TO-LEFT OVERRIDE: " + caught.value.problems[0].hint + " (and 1 more such character)"
    )
    assert [p.to_dict()["code_point"] for p in caught.value.problems] == ["U+202E", "U+200B"]


def test_reveal_shows_each_refused_character_and_keeps_the_rest() -> None:
    assert reveal_characters("within \u202eshtnom 81\nSyr\u200bia\tو\u200cی") == (
        "within ⟦U+202E⟧shtnom 81\nSyr⟦U+200B⟧ia\tو\u200cی"
    )
    assert reveal_characters("plain") == "plain"


# The notation parser: errors with line and column, like the control-character check.

TROJAN = "@lang en\n\nRoadmap\n\nArticle 1: Foreign fighters\n1. Withdrawal within \u202eshtnom 81\n2. Syr\u200bia\n"


def test_the_notation_refuses_every_unsafe_character_with_its_place() -> None:
    with pytest.raises(UnsafeCharacterError) as caught:
        parse_document(TROJAN)
    error = caught.value
    assert isinstance(error, NotationError)
    assert (error.line, error.column) == (6, 22)
    assert error.reason.startswith("U+202E RIGHT-TO-LEFT OVERRIDE: ")
    assert error.reason.endswith("(and 1 more such character)")
    assert [(p.line, p.column, p.label) for p in error.problems] == [
        (6, 22, "U+202E"),
        (7, 7, "U+200B"),
    ]


@pytest.mark.parametrize(
    "source",
    [
        "Article 1: Roadmap\u2067\n1. x\n",  # in a heading's title
        "Article 1 {#art\u200b1}: Roadmap\n1. x\n",  # in an attribute
        "@lang en\u200e\n\nArticle 1: x\n",  # in a directive
        "Article 1: x\n1. [withdrawal]{SNC\u202c}\n",  # in a holder
        "\ufeffArticle 1: x\n1. a\ufeffb\n",  # a byte order mark inside the text
    ],
)
def test_the_notation_refuses_them_outside_texts_too(source: str) -> None:
    with pytest.raises(UnsafeCharacterError):
        parse_document(source)


def test_a_tab_still_indents_and_a_leading_byte_order_mark_is_still_skipped() -> None:
    document = parse_document("\ufeffArticle 1: x\n\t1. a\n")
    assert str(document["art_1__para_1"].text("en")) == "a"


def test_provision_text_parse_refuses_them_with_the_place_it_was_given() -> None:
    with pytest.raises(UnsafeCharacterError) as caught:
        ProvisionText.parse("[a]{SNC} b\u2066c", line=4, column=3)
    assert (caught.value.line, caught.value.column) == (4, 13)


def test_stored_texts_are_read_back_and_their_problems_listed() -> None:
    """A text stored before the refusal is still read (never an error on a page), and
    :func:`document_problems` says where each character is."""
    stored = parse_document("Article 1: x\n1. a\n").to_dict()
    stored["provisions"][0]["children"][0]["texts"]["en"] = "within \u202eshtnom 81"
    from astana.core.text import Document

    document = Document.from_dict(stored)
    ((where, language, problem),) = document_problems(document)
    assert (where, language, problem.label, problem.column) == ("art_1__para_1", "en", "U+202E", 8)


# NFC: a decomposed input is stored and hashed like the composed one.


def test_decomposed_and_composed_inputs_are_the_same_text_and_hash() -> None:
    composed = "Article 1: Café\n1. Ṣaḥīḥ [déjà]{SNC} vu\n"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    a, b = parse_document(composed), parse_document(decomposed)
    assert a == b
    assert Revision(1, a).hash == Revision(1, b).hash
    assert ProvisionText.plain("Cafe\u0301") == ProvisionText.plain("Café")
    assert str(ProvisionText.plain("Cafe\u0301")) == "Café"
    assert check_characters("Cafe\u0301") == "Café"


def test_the_hash_of_an_nfc_text_is_unchanged() -> None:
    """The documented example of docs/text-engine.md keeps its bytes."""
    revision = Revision(2, parse_document("Article 1: Café\n1. [a]{SNC} b\n"))
    assert (
        revision.canonical
        == (
            '{"format":"astana-text/1","languages":["en"],"provisions":[{"children":[{"children":[],'
            '"id":"art_1__para_1","kind":"paragraph","number":1,"text":{"en":"[a]{SNC} b"}}],'
            '"id":"art_1","kind":"article","number":1,"text":{"en":"Café"}}],"revision":2,'
            '"title":{"en":""}}'
        ).encode()
    )


# The importers.


def test_the_word_importer_refuses_them_with_paragraph_and_column() -> None:
    word = docx.Document()
    for line in ("Article 1: Scope", "1. Withdrawal within \u202eshtnom 81"):
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    with pytest.raises(FormatError, match="U\\+202E RIGHT-TO-LEFT OVERRIDE") as caught:
        import_docx(buffer.getvalue())
    assert caught.value.where == "paragraph 2, column 22"


def test_the_akoma_ntoso_importer_refuses_them() -> None:
    document = parse_document("Article 1: Scope\n1. within 18 months\n")
    data = export_akn(Revision(1, document), slug="text", day="2020-02-03")
    trojan = data.replace(b"within 18", "within \u202e18".encode())
    assert trojan != data
    with pytest.raises(FormatError, match="U\\+202E RIGHT-TO-LEFT OVERRIDE"):
        import_akn(trojan)
    joined = data.replace(b"within 18", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645".encode())
    assert import_akn(joined)["art_1__para_1"].text("en").clean() == (
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 months"
    )
