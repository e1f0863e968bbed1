"""``astana.core.language``: the folding that search and word comparison share (the language
model itself is tested in test_language.py): Arabic diacritics, tatweel and letter variants;
Russian ``ё``; digits in Arabic-Indic forms; case. Each fold is shown on real words, and its
laws are checked on any text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from astana.core.language import (
    LANGUAGES,
    RTL_LANGUAGES,
    arabic_word_forms,
    fold_arabic,
    is_arabic_diacritic,
    normalise_for_search,
    search_terms,
    search_words,
    to_arabic_indic_digits,
)

ARABIC = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF))
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"))


def test_the_languages_and_their_direction() -> None:
    assert LANGUAGES == ("ar", "en", "ru")
    assert {"ar"} == RTL_LANGUAGES
    assert set(LANGUAGES) >= RTL_LANGUAGES


@pytest.mark.parametrize(
    "char",
    [
        "\u064b",  # fathatan (the first tanwin)
        "\u064e",  # fatha
        "\u0650",  # kasra
        "\u0651",  # shadda
        "\u0652",  # sukun
        "\u065f",  # wavy hamza below (the end of the block of marks)
        "\u0670",  # dagger alef
        "\u0640",  # tatweel
        "\u06d6",  # a Quranic annotation sign (the first)
        "\u06ed",  # a Quranic annotation sign (the last)
    ],
)
def test_marks_and_tatweel_are_diacritics(char: str) -> None:
    assert is_arabic_diacritic(char)


@pytest.mark.parametrize(
    "char",
    [
        "\u064a",  # yaa, the letter just before the marks
        "\u0660",  # Arabic-Indic digit zero, just after them
        "\u0627",  # alef
        "\u0621",  # hamza on its own is a letter
        "\u06d5",  # ae, just before the Quranic signs
        "\u06ee",  # dal with inverted v, just after them
        "a",
        "\u0301",  # a Latin combining accent is not an Arabic diacritic
    ],
)
def test_letters_digits_and_other_marks_are_not(char: str) -> None:
    assert not is_arabic_diacritic(char)


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("مُحَمَّدٌ", "محمد"),  # short vowels, shadda, tanwin
        ("كـــتاب", "كتاب"),  # tatweel
        ("هٰذا", "هذا"),  # dagger alef
        ("أحمد", "احمد"),  # alef with hamza above
        ("إسلام", "اسلام"),  # alef with hamza below
        ("آمن", "امن"),  # alef with madda
        ("ٱلله", "الله"),  # alef wasla
        ("مدرسة", "مدرسه"),  # taa marbuta reads as haa
        ("على", "علي"),  # alef maqsura reads as yaa
        ("مؤتمر", "موتمر"),  # waw with hamza
        ("رئيس", "رييس"),  # yaa with hamza
        ("کی", "كي"),  # Persian keheh and yeh, as Arabic kaf and yaa
        ("ёлка Ёлка", "елка Елка"),  # Russian ё, in either case (case is kept)
        ("Astana 2017", "Astana 2017"),  # Latin and ASCII digits pass as they are
        ("سماء", "سماء"),  # a lone hamza stays
    ],
)
def test_fold_arabic(written: str, folded: str) -> None:
    assert fold_arabic(written) == folded


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("ASTANA Talks", "astana talks"),  # case-folded
        ("Straße", "strasse"),  # full case folding, not lower()
        ("ЁЛКА", "елка"),
        ("٢٠١٧", "2017"),  # Arabic-Indic digits
        ("۲۰۱۷", "2017"),  # Eastern Arabic-Indic digits
        ("ﻻ", "لا"),  # a presentation-form ligature becomes its letters (NFKC)
        ("ﺍﻟﺴﻼﻡ", "السلام"),  # presentation forms of a whole word
        ("ＡＢＣ１", "abc1"),  # full-width Latin and digits
        ("الدُّسْتُورِيَّة", "الدستوريه"),
        ("a,  b", "a,  b"),  # spaces and punctuation are kept
    ],
)
def test_normalise_for_search(written: str, normalised: str) -> None:
    assert normalise_for_search(written) == normalised


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("Hello, World! ٢٠١٧", ["hello", "world", "2017"]),
        ("foo_bar-baz", ["foo", "bar", "baz"]),  # underscores split like other punctuation
        ("اللجنةُ الدستوريّة", ["اللجنه", "الدستوريه"]),
        ("  ...  ", []),
        ("", []),
    ],
)
def test_search_words(query: str, words: list[str]) -> None:
    assert search_words(query) == words


def test_to_arabic_indic_digits() -> None:
    assert to_arabic_indic_digits("Rev.12, 2017-01-24") == "Rev.١٢, ٢٠١٧-٠١-٢٤"
    assert to_arabic_indic_digits("بلا أرقام") == "بلا أرقام"


@given(ANY_TEXT)
def test_normalise_for_search_is_idempotent(text: str) -> None:
    once = normalise_for_search(text)
    assert normalise_for_search(once) == once


@given(st.one_of(ARABIC, ANY_TEXT))
def test_fold_arabic_is_idempotent_and_leaves_no_diacritic(text: str) -> None:
    folded = fold_arabic(text)
    assert fold_arabic(folded) == folded
    assert not any(is_arabic_diacritic(c) for c in folded)


@given(st.one_of(ARABIC, ANY_TEXT))
def test_a_word_written_with_or_without_its_vowels_is_found_alike(text: str) -> None:
    vowelled = "".join(c + "\u064e" if "\u0621" <= c <= "\u064a" else c for c in text)
    assert normalise_for_search(vowelled) == normalise_for_search(text)


@given(st.text(alphabet="0123456789 -.,"))
def test_digits_in_any_form_search_alike(text: str) -> None:
    assert normalise_for_search(to_arabic_indic_digits(text)) == normalise_for_search(text)


@given(ANY_TEXT)
def test_search_words_are_normalised_and_free_of_separators(text: str) -> None:
    for word in search_words(text):
        assert word and normalise_for_search(word) == word
        assert not any(c.isspace() or c == "_" for c in word)
        assert all(unicodedata.category(c)[0] in "LNM" for c in word), word


@pytest.mark.parametrize(
    ("typed", "stem"),
    [
        ("بأستانا", "استانا"),  # ب "in" + Astana
        ("والجولة", "الجوله"),  # و "and" + the round
        ("والجولة", "جوله"),
        ("بالدستور", "دستور"),  # بال "with the" + constitution
        ("بالدستور", "الدستور"),
        ("للجنة", "جنه"),
    ],
)
def test_an_attached_arabic_prefix_gives_the_word_without_it(typed: str, stem: str) -> None:
    (forms,) = search_terms(typed)
    assert forms[0] == normalise_for_search(typed)
    assert stem in forms


@pytest.mark.parametrize("word", ["بيت", "باب", "وزن", "لبنان", "Astana", "Бали"])
def test_a_word_keeps_its_own_letters_when_too_little_would_remain(word: str) -> None:
    forms = arabic_word_forms(normalise_for_search(word))
    assert forms[0] == normalise_for_search(word)
    assert all(len(form) >= 3 for form in forms)
    if not any("\u0600" <= c <= "\u06ff" for c in word):
        assert forms == [normalise_for_search(word)]


def test_search_terms_keep_the_query_order_and_drop_repeats() -> None:
    assert [forms[0] for forms in search_terms("Astana الجولة astana")] == ["astana", "الجوله"]


@given(ARABIC)
def test_every_form_ends_the_word(word: str) -> None:
    word = normalise_for_search(word)
    for forms in search_terms(word):
        assert all(forms[0].endswith(form) for form in forms)
        assert forms == sorted(forms, key=len, reverse=True)
