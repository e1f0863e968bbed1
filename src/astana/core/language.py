"""Languages of the platform, text kept in each of them, and the text normalisation that
search and comparison share.

The platform works in Arabic, English and Russian (:data:`LANGUAGES`); this module is the one
place that lists them, their own names (:data:`LANGUAGE_NAMES`) and their writing direction
(:func:`direction`). A text given in several languages is a :class:`TranslatedText`: it is
built through one cleaning rule (:meth:`TranslatedText.clean`) and read with one fallback
order (:data:`FALLBACK_ORDER`), which says when the text shown is not in the language asked
for (:attr:`InLanguage.is_fallback`).

Arabic is written with optional short vowels (harakat), a stretching character (tatweel)
and several spellings of the same letter (alef with or without hamza or madda, taa
marbuta and haa at a word's end, alef maqsura and yaa). Readers type any of them, so
search and word comparison fold them to one form. Latin and Cyrillic are case-folded,
and Russian ``ё`` is read as ``е``. Digits in Arabic-Indic or Eastern Arabic-Indic form
become ASCII digits.

Arabic also attaches the article and one-letter conjunctions and prepositions to the word
that follows (والجولة "and the round", بأستانا "in Astana", بالدستور "with the constitution").
:func:`arabic_word_forms` gives a folded word with each such prefix removed, and
:func:`search_terms` gives, for each word of a query, every form it may be indexed under, so
that بأستانا finds أستانا and والجولة finds الجولة.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal, TypeGuard

__all__ = [
    "FALLBACK_ORDER",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "RTL_LANGUAGES",
    "Direction",
    "InLanguage",
    "Language",
    "TranslatedText",
    "UnknownLanguageError",
    "arabic_word_forms",
    "direction",
    "fallback_order",
    "fold_arabic",
    "is_arabic_diacritic",
    "is_language",
    "normalise_for_search",
    "search_terms",
    "search_words",
    "to_arabic_indic_digits",
]

Language = Literal["ar", "en", "ru"]
Direction = Literal["rtl", "ltr"]
#: The platform's languages, in the order they are shown and stored (``title_ar``, ...).
LANGUAGES: Final[tuple[Language, ...]] = ("ar", "en", "ru")
#: Each language's own name (a language menu, a column heading, Django's ``LANGUAGES``).
LANGUAGE_NAMES: Final[Mapping[Language, str]] = MappingProxyType(
    {"ar": "العربية", "en": "English", "ru": "Русский"}
)
#: The languages written right to left.
RTL_LANGUAGES: Final[frozenset[str]] = frozenset({"ar"})
#: Where a text is looked for when it is missing in the language asked for: the language
#: itself, then the one most readers of that language also read (English for Russian;
#: English and Arabic for each other), then the last. An unknown language reads as English.
FALLBACK_ORDER: Final[Mapping[Language, tuple[Language, ...]]] = MappingProxyType(
    {"ar": ("ar", "en", "ru"), "en": ("en", "ar", "ru"), "ru": ("ru", "en", "ar")}
)


class UnknownLanguageError(ValueError):
    """A language code that is not one of :data:`LANGUAGES`."""

    def __init__(self, codes: set[str] | frozenset[str]) -> None:
        self.codes = frozenset(codes)
        listed = ", ".join(sorted(self.codes))
        super().__init__(f"Unknown language(s): {listed} (the languages are ar, en and ru).")


def is_language(code: object) -> TypeGuard[Language]:
    """True for ``"ar"``, ``"en"`` and ``"ru"``."""
    return code in LANGUAGES


def direction(language: str) -> Direction:
    """``rtl`` for a language written right to left (Arabic), ``ltr`` for any other."""
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def fallback_order(language: str) -> tuple[Language, ...]:
    """The languages in which a text is looked for when ``language`` is asked for."""
    return FALLBACK_ORDER[language] if is_language(language) else FALLBACK_ORDER["en"]


@dataclass(frozen=True, slots=True)
class InLanguage:
    """A text as read in one language: ``language`` is where it was found, ``requested`` the
    language asked for; ``is_fallback`` when they differ. Empty (and false) when the text
    exists in no language."""

    text: str
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.requested

    @property
    def direction(self) -> Direction:
        return direction(self.language)

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True, slots=True)
class TranslatedText(Mapping[str, str]):
    """One text in up to three languages: a read-only mapping language code → non-empty text.

    Build it with :meth:`clean` (from what a form, a request or a file gives) or
    :meth:`from_fields` (from an object's ``<field>_ar``/``_en``/``_ru`` attributes), both of
    which apply the one cleaning rule:

    - a key that is not one of :data:`LANGUAGES` is refused (:class:`UnknownLanguageError`),
      never silently dropped;
    - each text loses its leading and trailing whitespace (inner line breaks stay);
    - a text that is then empty, or ``None``, is absent: the mapping has no such key.

    Whether a text is required, how long it may be and which characters it may hold are the
    caller's rules.
    """

    _texts: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def clean(cls, values: Mapping[str, str | None] | None = None) -> TranslatedText:
        """The cleaned text of ``values`` (see the class's rule)."""
        values = values or {}
        unknown = {str(k) for k in values if not is_language(k)}
        if unknown:
            raise UnknownLanguageError(unknown)
        texts: dict[str, str] = {}
        for language in LANGUAGES:
            value = (values.get(language) or "").strip()
            if value:
                texts[language] = value
        return cls(MappingProxyType(texts))

    @classmethod
    def from_fields(cls, obj: object, prefix: str) -> TranslatedText:
        """The text of ``obj.<prefix>_ar``, ``obj.<prefix>_en`` and ``obj.<prefix>_ru``."""
        return cls.clean({lang: getattr(obj, f"{prefix}_{lang}", "") for lang in LANGUAGES})

    def __getitem__(self, language: str) -> str:
        return self._texts[language]

    def __iter__(self) -> Iterator[str]:
        return (language for language in LANGUAGES if language in self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def text(self, language: str) -> str:
        """The text in ``language`` exactly; ``""`` when it is not given in it."""
        return self._texts.get(language, "")

    def read(self, language: str) -> InLanguage:
        """The text in ``language``, else in the first language of its fallback order that
        has it (marked ``is_fallback``); empty when it is in none."""
        for candidate in fallback_order(language):
            if candidate in self._texts:
                return InLanguage(self._texts[candidate], candidate, language)
        return InLanguage("", language, language)

    def fields(self, prefix: str) -> dict[str, str]:
        """Keyword arguments for a model's three columns: ``{"<prefix>_ar": ..., ...}``, with
        ``""`` for a language the text is not given in."""
        return {f"{prefix}_{language}": self.text(language) for language in LANGUAGES}

    def all_languages(self) -> dict[str, str]:
        """Every language, with ``""`` where the text is not given."""
        return {language: self.text(language) for language in LANGUAGES}

    def __hash__(self) -> int:
        return hash(tuple(self._texts.items()))


TATWEEL: Final = "\u0640"
_LETTER_FOLDS: Final[dict[int, str]] = {
    ord("\u0622"): "\u0627",  # alef with madda above -> alef
    ord("\u0623"): "\u0627",  # alef with hamza above -> alef
    ord("\u0625"): "\u0627",  # alef with hamza below -> alef
    ord("\u0671"): "\u0627",  # alef wasla -> alef
    ord("\u0672"): "\u0627",
    ord("\u0673"): "\u0627",
    ord("\u0629"): "\u0647",  # taa marbuta -> haa
    ord("\u0649"): "\u064a",  # alef maqsura -> yaa
    ord("\u06cc"): "\u064a",  # Farsi yeh -> yaa
    ord("\u0624"): "\u0648",  # waw with hamza -> waw
    ord("\u0626"): "\u064a",  # yaa with hamza -> yaa
    ord("\u06a9"): "\u0643",  # keheh -> kaf
    ord("\u0451"): "\u0435",  # ё -> е
    ord("\u0401"): "\u0415",  # Ё -> Е
}
_DIGITS: Final[dict[int, str]] = {
    **{0x0660 + i: str(i) for i in range(10)},  # Arabic-Indic
    **{0x06F0 + i: str(i) for i in range(10)},  # Eastern Arabic-Indic
}
_WORD: Final = re.compile(r"[^\W_]+", re.UNICODE)


def is_arabic_diacritic(char: str) -> bool:
    """True for the Arabic short vowels, tanwin, shadda, sukun, dagger alef and tatweel."""
    code = ord(char)
    return 0x064B <= code <= 0x065F or code in (0x0670, 0x0640) or 0x06D6 <= code <= 0x06ED


def fold_arabic(text: str) -> str:
    """Remove Arabic diacritics and tatweel and fold letter variants to one form."""
    stripped = "".join(c for c in text if not is_arabic_diacritic(c))
    return stripped.translate(_LETTER_FOLDS)


def normalise_for_search(text: str) -> str:
    """The form in which text is indexed and queries are matched.

    NFKC first (so presentation forms and ligatures become letters), then Arabic folding,
    digit folding and case folding. Idempotent: ``f(f(x)) == f(x)``.
    """
    text = unicodedata.normalize("NFKC", text)
    text = fold_arabic(text).translate(_DIGITS).casefold()
    return fold_arabic(text)


def search_words(text: str) -> list[str]:
    """The normalised words of ``text``: what a search query is split into."""
    return _WORD.findall(normalise_for_search(text))


#: The prefixes that attach to an Arabic word, longest first, in their folded form: the article
#: with a conjunction or preposition before it, the article, then one letter.
ARABIC_PREFIXES: Final[tuple[str, ...]] = (
    "وبال",
    "وال",
    "بال",
    "فال",
    "كال",
    "لل",
    "ال",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)
#: The fewest letters that must remain once a prefix is removed (بيت keeps its ب: "يت" is no
#: word; باب stays باب).
ARABIC_STEM_MIN: Final = 3
_ARABIC_LETTER: Final = re.compile(r"[\u0600-\u06ff]")


def arabic_word_forms(word: str) -> list[str]:
    """``word`` (already normalised) and the forms it has without an attached Arabic prefix,
    longest first; a non-Arabic word is its only form.

    >>> arabic_word_forms("والجوله")
    ['والجوله', 'الجوله', 'جوله']
    """
    forms = [word]
    if not _ARABIC_LETTER.match(word):
        return forms
    for prefix in ARABIC_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= ARABIC_STEM_MIN and rest not in forms:
            forms.append(rest)
    return sorted(forms, key=len, reverse=True)


def search_terms(text: str) -> list[list[str]]:
    """The words of a query, each as the list of forms any of which may match it (its
    normalised form, then the forms without an attached Arabic prefix); repeated words once."""
    words = list(dict.fromkeys(search_words(text)))
    return [arabic_word_forms(word) for word in words]


def to_arabic_indic_digits(text: str) -> str:
    """Write ASCII digits as Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩)."""
    return text.translate({ord(str(i)): chr(0x0660 + i) for i in range(10)})
