"""How provisions are called and numbered in each language.

``Article 3`` / ``المادة 3`` / ``Статья 3``; paragraphs ``1.``; sub-paragraphs ``(a)`` in English
and Russian, ``(أ)`` in Arabic (the abjad order used in Arabic legal texts). Numbers are
written with ASCII digits in every language; Arabic-Indic digits are read as well.
"""

from __future__ import annotations

from typing import Final

from astana.core.text.provision import ProvisionKind, letters

__all__ = [
    "ABJAD",
    "HEADING_WORDS",
    "OPTION_WORD",
    "SUFFIXES",
    "heading_kind",
    "label",
    "roman",
    "roman_value",
    "subparagraph_letter",
    "subparagraph_ordinal",
    "translate_label",
]

#: The words that open a heading line, per language (the first is the one written).
HEADING_WORDS: Final[dict[str, dict[ProvisionKind, tuple[str, ...]]]] = {
    "en": {
        ProvisionKind.PREAMBLE: ("Preamble",),
        ProvisionKind.CHAPTER: ("Chapter",),
        ProvisionKind.ARTICLE: ("Article",),
    },
    "ar": {
        ProvisionKind.PREAMBLE: ("الديباجة",),
        ProvisionKind.CHAPTER: ("الفصل", "الباب"),
        ProvisionKind.ARTICLE: ("المادة",),
    },
    "ru": {
        ProvisionKind.PREAMBLE: ("Преамбула",),
        ProvisionKind.CHAPTER: ("Глава",),
        ProvisionKind.ARTICLE: ("Статья",),
    },
}

#: The word that labels alternatives written by the engine, per language.
OPTION_WORD: Final[dict[str, str]] = {"en": "Option", "ar": "الخيار", "ru": "Вариант"}

#: Arabic letters in abjad order (أبجد هوز حطي كلمن سعفص قرشت ثخذ ضظغ).
ABJAD: Final = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"


#: Roman numerals, greatest first, with the subtractive pairs (``CM``, ``IV``...).
_ROMAN_NUMERALS: Final = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    """``4 -> IV``, ``1999 -> MCMXCIX``: ``number`` in upper-case Roman numerals."""
    out = []
    for value, numeral in _ROMAN_NUMERALS:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


def roman_value(numerals: str) -> int:
    """``IV -> 4``: what upper-case Roman numerals are worth, read greatest first; 0 when
    something is left over (``IIV``)."""
    total, rest = 0, numerals
    for value, numeral in _ROMAN_NUMERALS:
        while rest.startswith(numeral):
            total += value
            rest = rest[len(numeral) :]
    return total if not rest else 0


def heading_kind(word: str) -> ProvisionKind | None:
    """Which kind a heading word opens, in any language (case-insensitive)."""
    folded = word.casefold()
    for words in HEADING_WORDS.values():
        for kind, names in words.items():
            if any(folded == name.casefold() for name in names):
                return kind
    return None


def subparagraph_letter(ordinal: int, language: str) -> str:
    """The letter of the ``ordinal``-th sub-paragraph: ``b`` or ``ب``."""
    if language == "ar":
        return ABJAD[(ordinal - 1) % len(ABJAD)] * ((ordinal - 1) // len(ABJAD) + 1)
    return letters(ordinal)


def subparagraph_ordinal(letter: str) -> int:
    """Read a sub-paragraph letter back (``a``, ``bb``, ``ب``); 0 when it is not one."""
    if not letter or len(set(letter)) != 1:
        return 0
    repeat = len(letter) - 1
    char = letter[0]
    if "a" <= char <= "z":
        return repeat * 26 + ord(char) - ord("a") + 1
    if char in ABJAD:
        return repeat * len(ABJAD) + ABJAD.index(char) + 1
    return 0


def label(kind: ProvisionKind, ordinal: int, language: str) -> str:
    """The label that opens a provision's line: ``Article 3``, ``2.``, ``(b)``, or ``""``."""
    words = HEADING_WORDS.get(language, HEADING_WORDS["en"])
    match kind:
        case ProvisionKind.PREAMBLE:
            return words[kind][0]
        case ProvisionKind.CHAPTER | ProvisionKind.ARTICLE:
            return f"{words[kind][0]} {ordinal}"
        case ProvisionKind.PARAGRAPH:
            return f"{ordinal}."
        case ProvisionKind.SUBPARAGRAPH:
            return f"({subparagraph_letter(ordinal, language)})"
        case ProvisionKind.OPTION:
            return f"{OPTION_WORD.get(language, OPTION_WORD['en'])} {ordinal}"
        case _:
            return ""


def translate_label(written: str, kind: ProvisionKind, language: str) -> str:
    """A label stored in another language, as it reads in ``language``: the heading or
    option word swapped for this language's (``Article 2 bis`` -> ``المادة 2 bis``); numbers,
    letters and marks are kept as written."""
    words = HEADING_WORDS.get(language, HEADING_WORDS["en"])
    head, _, rest = written.partition(" ")
    if kind in words and heading_kind(head) is kind:
        return f"{words[kind][0]} {rest}".rstrip()
    if kind is ProvisionKind.OPTION and head in OPTION_WORD.values():
        return f"{OPTION_WORD.get(language, OPTION_WORD['en'])} {rest}".rstrip()
    return written


#: The words added to a label, per language, in order: bis, ter, quater, ...
SUFFIXES: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "bis",
        "ter",
        "quater",
        "quinquies",
        "sexies",
        "septies",
        "octies",
        "novies",
        "decies",
        "undecies",
        "duodecies",
        "terdecies",
        "quaterdecies",
        "quindecies",
        "sexdecies",
        "septdecies",
        "octodecies",
        "novodecies",
        "vicies",
    ),
    "ar": (
        "مكرراً",
        "مكرراً ثانياً",
        "مكرراً ثالثاً",
        "مكرراً رابعاً",
        "مكرراً خامساً",
        "مكرراً سادساً",
        "مكرراً سابعاً",
        "مكرراً ثامناً",
        "مكرراً تاسعاً",
        "مكرراً عاشراً",
    ),
    "ru": (
        "бис",
        "тер",
        "кватер",
        "квинквиес",
        "сексиес",
        "септиес",
        "октиес",
        "новиес",
        "дециес",
    ),
}
