"""The bracketed notation: round trips (generated and real texts) and errors with places."""

# ruff: noqa: E501 - sample texts and report lines read best unbroken

from __future__ import annotations

import pytest
from hypothesis import given, settings
from tests.helpers.examples import examples

from astana.core.text import (
    Bracket,
    NotationError,
    OptionGroup,
    ProvisionText,
    format_document,
    parse_document,
)

from .strategies import TEXTS, documents

ENGLISH = """@lang en

Roadmap for a political solution in Syria

Preamble
The participants in the Astana meeting,
Recalling [the Geneva Communiqué]{SNC},

Chapter 1: General principles

Article 1: Political transition
1. The parties commit to [Option 1: a gradual political transition]{SNC} [Option 2: a transitional governing body]{SyNC}.
2. The transition shall:
(a) preserve state institutions;
(b) guarantee [the rights of [all]{KNC} components]{SyNC, KNC}.

Article 2: Foreign fighters
The parties call for [the withdrawal of all foreign fighters]{SNC}.
"""

ARABIC = """@lang ar

خارطة طريق للحل السياسي في سوريا

الديباجة
إن المشاركين في اجتماع أستانا،
إذ يشيرون إلى [بيان جنيف]{SNC}،

الفصل 1: مبادئ عامة

المادة 1: الانتقال السياسي
1. يلتزم الأطراف [الخيار 1: بانتقال سياسي تدريجي]{SNC} [الخيار 2: بهيئة حكم انتقالية]{SyNC}.
2. يجب أن يضمن الانتقال:
(أ) الحفاظ على مؤسسات الدولة؛
(ب) ضمان [حقوق جميع المكونات]{SyNC, KNC}.

المادة 2: المقاتلون الأجانب
يدعو الأطراف إلى [انسحاب جميع المقاتلين الأجانب]{SNC}.
"""


@settings(max_examples=examples(150), deadline=None)
@given(TEXTS)
def test_a_provision_text_reads_back_what_it_writes(text: ProvisionText) -> None:
    assert ProvisionText.parse(str(text)) == text


@settings(max_examples=examples(120), deadline=None)
@given(documents())
def test_parse_after_format_is_identity_on_generated_documents(document: object) -> None:
    source = format_document(document)  # type: ignore[arg-type]
    assert parse_document(source) == document.frozen()  # type: ignore[attr-defined]
    assert format_document(parse_document(source)) == source


@pytest.mark.parametrize("source", [ENGLISH, ARABIC, ENGLISH + "\n" + ARABIC])
def test_a_canonical_file_round_trips_byte_for_byte(source: str) -> None:
    assert format_document(parse_document(source)) == source


def test_the_english_and_arabic_versions_share_identities() -> None:
    document = parse_document(ENGLISH + "\n" + ARABIC)
    assert document.languages == ("en", "ar")
    assert document.ids()[:3] == ["preamble", "preamble__recital_1", "preamble__recital_2"]
    assert "art_1__para_2__subpara_b" in document
    para = document["art_1__para_1"]
    group = para.text("ar").parts[1]
    assert isinstance(group, OptionGroup)
    assert [o.holders for o in group.options] == [("SNC",), ("SyNC",)]
    assert group.label == "الخيار"


def test_structure_mismatch_between_languages_is_an_error() -> None:
    arabic = ARABIC.replace("(ب) ضمان", "3. ضمان")
    with pytest.raises(NotationError, match="does not match the en version"):
        parse_document(ENGLISH + "\n" + arabic)


def test_nested_brackets_and_holders() -> None:
    text = ProvisionText.parse("a [b [c]{KNC} d]{SNC, SyNC} e")
    outer = text.parts[1]
    assert isinstance(outer, Bracket)
    assert outer.holders == ("SNC", "SyNC")
    assert isinstance(outer.content[1], Bracket)


def test_a_text_pasted_from_word_without_markers_imports() -> None:
    pasted = (
        "Final document\n\nArticle 1\n1. The parties agree on [a new constitution].\n"
        "  (a) drafted by [a constitutional committee];\n\nARTICLE 2 – Elections\n"
        "Free parliamentary elections [shall][should] be held.\n"
    )
    document = parse_document(pasted)
    assert document.languages == ("en",)
    assert str(document["art_2"].text("en")) == "Elections"
    assert str(document["art_2__clause_1"].text("en")).startswith("Free parliamentary")
    assert document["art_1__para_1__subpara_a"].text("en").is_bracketed


def test_arabic_indic_numbers_and_language_detection() -> None:
    document = parse_document("المادة ١\n١. نص [المادة]\n")
    assert document.languages == ("ar",)
    assert "art_1__para_1" in document


def test_explicit_identities_and_translation_flags_survive() -> None:
    source = "@lang en\n\nArticle 1 {#art_new needs-translation}: Title\n1. {#p9} Text\n"
    document = parse_document(source)
    assert document["art_new"].needs_translation == frozenset({"en"})
    assert "p9" in document
    assert format_document(document) == source


def test_lines_that_look_like_structure_are_escaped() -> None:
    source = "@lang en\n\nArticle 1\n\\1. is not a number here\n\\Article 2\n"
    document = parse_document(source)
    assert [p.kind for p in document.walk()] == ["article", "clause", "clause"]
    assert format_document(document) == source


@pytest.mark.parametrize(
    ("source", "line", "column", "reason"),
    [
        ("Article 1\n1. a [b c\n", 2, 6, "never closed"),
        ("Article 1\n1. a ] c\n", 2, 6, "without an opening"),
        ("Article 1\n1. [Option 1: x] [Option 2: ]\n", 2, 18, "empty option"),
        ("Article 1\n1. a [] c\n", 2, 6, "empty bracket"),
        ("Article 1\n1. a [b]{} c\n", 2, 9, "empty attribution"),
        ("Title\nstray text\n", 2, 1, "outside a provision"),
        ("Article 1\n(a) no paragraph\n", 2, 1, "sub-paragraph"),
        ("@lang xx\n", 1, 7, "unknown language"),
    ],
)
def test_errors_name_line_column_and_reason(
    source: str, line: int, column: int, reason: str
) -> None:
    with pytest.raises(NotationError) as caught:
        parse_document(source)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert reason in caught.value.reason


def test_a_control_character_is_a_notation_error_with_its_place() -> None:
    from astana.core.text import NotationError, parse_document

    with pytest.raises(NotationError) as caught:
        parse_document("@lang en\n\nArticle 1: One\n1. The parties\x01 agree.\n")
    assert caught.value.line == 4
    assert "control" in caught.value.reason


def test_tabs_copied_from_a_word_processor_read_as_spaces() -> None:
    # Between a label and its text, inside a title, inside a sentence; the indentation keeps
    # its tabs. (A tab in a provision's text was refused as a control character: ValueError.)
    source = (
        "Draft\tdecision -/CP.21\n\n"
        "Article 1: Objective\n"
        "1.\tThe Parties\tagree:\n"
        "\t(a)\tto cooperate;\n"
        "\t(b)\t[to report]{SNC}.\n"
    )
    document = parse_document(source)
    assert document == parse_document(source.replace("\t", " "))
    paragraph = document.provisions[0].children[0]
    assert paragraph.text("en") == ProvisionText.plain("The Parties agree:")
    assert [child.label("en") for child in paragraph.children] == ["(a)", "(b)"]


def test_a_problem_after_a_tab_keeps_its_column() -> None:
    with pytest.raises(NotationError) as caught:
        parse_document("@lang en\n\nArticle 1: One\n1.\tThe parties [agree.\n")
    assert (caught.value.line, caught.value.column) == (4, 16)  # the tab is one character
