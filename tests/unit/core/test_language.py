"""The platform's one language model (astana.core.language): the languages, their direction,
the fallback order and the one cleaning rule of a translated text."""

from __future__ import annotations

import pytest

from astana.core.language import (
    FALLBACK_ORDER,
    LANGUAGE_NAMES,
    LANGUAGES,
    TranslatedText,
    UnknownLanguageError,
    direction,
    fallback_order,
    is_language,
)


def test_the_three_languages_with_their_own_names() -> None:
    assert LANGUAGES == ("ar", "en", "ru")
    assert dict(LANGUAGE_NAMES) == {"ar": "العربية", "en": "English", "ru": "Русский"}
    assert is_language("ru")
    assert not is_language("fr")
    assert not is_language("AR")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "rtl"), ("en", "ltr"), ("ru", "ltr"), ("fr", "ltr"), ("", "ltr")],
)
def test_direction_of_each_language(language: str, expected: str) -> None:
    assert direction(language) == expected


@pytest.mark.parametrize(
    ("language", "order"),
    [
        ("ar", ("ar", "en", "ru")),
        ("en", ("en", "ar", "ru")),
        ("ru", ("ru", "en", "ar")),
        ("fr", ("en", "ar", "ru")),  # an unknown language reads as English
    ],
)
def test_fallback_order(language: str, order: tuple[str, ...]) -> None:
    assert fallback_order(language) == order
    if language in LANGUAGES:
        assert FALLBACK_ORDER[language] == order  # type: ignore[index]
        assert sorted(order) == sorted(LANGUAGES)  # each order names every language once


def test_reading_falls_back_visibly() -> None:
    text = TranslatedText.clean({"en": "Ceasefire", "ar": "وقف إطلاق النار"})
    ru = text.read("ru")
    assert (ru.text, ru.language, ru.requested) == ("Ceasefire", "en", "ru")
    assert ru.is_fallback
    assert ru.direction == "ltr"
    ar = text.read("ar")
    assert ar.text == "وقف إطلاق النار"
    assert not ar.is_fallback
    assert ar.direction == "rtl"
    only_russian = TranslatedText.clean({"ru": "Перемирие"})
    assert only_russian.read("ar").language == "ru"
    assert only_russian.read("ar").direction == "ltr"


def test_a_text_in_no_language_reads_empty_and_is_no_fallback() -> None:
    empty = TranslatedText.clean({"ar": "  ", "en": None})
    reading = empty.read("ru")
    assert not reading
    assert str(reading) == ""
    assert not reading.is_fallback
    assert not empty
    assert len(empty) == 0


def test_cleaning_strips_and_leaves_out_empty_texts() -> None:
    text = TranslatedText.clean({"ru": "  Минуты\nвторая строка \n", "en": " \t\n", "ar": None})
    assert dict(text) == {"ru": "Минуты\nвторая строка"}
    assert list(text) == ["ru"]
    assert "en" not in text
    assert text.text("en") == ""
    assert text.all_languages() == {"ar": "", "en": "", "ru": "Минуты\nвторая строка"}
    assert text.fields("minutes") == {
        "minutes_ar": "",
        "minutes_en": "",
        "minutes_ru": "Минуты\nвторая строка",
    }


def test_cleaning_keeps_the_languages_in_platform_order() -> None:
    text = TranslatedText.clean({"ru": "c", "ar": "a", "en": "b"})
    assert list(text) == ["ar", "en", "ru"]


@pytest.mark.parametrize("key", ["fr", "AR", "", "en-GB"])
def test_cleaning_refuses_an_unknown_language(key: str) -> None:
    with pytest.raises(UnknownLanguageError) as caught:
        TranslatedText.clean({"en": "fine", key: "text"})
    assert caught.value.codes == {key}
    assert isinstance(caught.value, ValueError)


def test_an_unknown_language_is_refused_even_with_an_empty_text() -> None:
    with pytest.raises(UnknownLanguageError):
        TranslatedText.clean({"de": ""})


def test_from_fields_reads_the_three_columns() -> None:
    class Row:
        title_ar = ""
        title_en = " Agenda "
        title_ru = None
        title_fr = "ignored: not a column of the platform"

    text = TranslatedText.from_fields(Row(), "title")
    assert dict(text) == {"en": "Agenda"}
    assert text.read("ar").is_fallback


def test_translated_texts_compare_and_hash_by_content() -> None:
    one = TranslatedText.clean({"en": "x ", "ar": ""})
    two = TranslatedText.clean({"en": "x"})
    assert one == two
    assert hash(one) == hash(two)
    assert one != TranslatedText.clean({"ru": "x"})
