"""Languages of the platform and the text normalisation that search and comparison share.

Arabic is written with optional short vowels (harakat), a stretching character (tatweel)
and several spellings of the same letter (alef with or without hamza or madda, taa
marbuta and haa at a word's end, alef maqsura and yaa). Readers type any of them, so
search and word comparison fold them to one form. Latin and Cyrillic are case-folded,
and Russian ``ё`` is read as ``е``. Digits in Arabic-Indic or Eastern Arabic-Indic form
become ASCII digits.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final, Literal

__all__ = [
    "LANGUAGES",
    "RTL_LANGUAGES",
    "Language",
    "fold_arabic",
    "is_arabic_diacritic",
    "normalise_for_search",
    "search_words",
    "to_arabic_indic_digits",
]

Language = Literal["ar", "en", "ru"]
LANGUAGES: Final[tuple[Language, ...]] = ("ar", "en", "ru")
RTL_LANGUAGES: Final[frozenset[str]] = frozenset({"ar"})

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


def to_arabic_indic_digits(text: str) -> str:
    """Write ASCII digits as Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩)."""
    return text.translate({ord(str(i)): chr(0x0660 + i) for i in range(10)})
