"""Words of a negotiating text: how a text is cut into tokens and how tokens are compared.

A *token* is a word, a run of white space or any other single character (punctuation,
a bracket, a brace). Tokens concatenate back to the text they came from. A word keeps its
Arabic short vowels, shadda and tatweel attached (they are combining marks, which a plain
``\\w+`` would cut a word at). Two tokens are the same word when they agree once tatweel and
Arabic diacritics are removed: ``الحكومة`` and ``الحـكـومـة`` or ``الحُكومة`` match, so a
redline does not report typography or vocalisation as a change of wording.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["WORD", "comparable", "count_words", "is_word", "token_key", "tokenise", "words"]

_MARKS: Final = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u0300-\u036f"
#: One word: letters, digits and the combining marks (Arabic diacritics, tatweel) inside it.
WORD: Final = re.compile(rf"[\w{_MARKS}]+")
_TOKEN: Final = re.compile(rf"[\w{_MARKS}]+|\s+|.", re.DOTALL)
_STRIP: Final[dict[int, None]] = dict.fromkeys(
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, 0x0640, *range(0x06D6, 0x06EE)]
)

_STRIPPED: Final = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")


def tokenise(text: str) -> list[str]:
    """Cut ``text`` into words, white-space runs and single other characters."""
    return _TOKEN.findall(text)


def token_key(token: str) -> str:
    """What a token is compared by: itself, less tatweel and Arabic diacritics."""
    return token if token.isascii() else token.translate(_STRIP)


def comparable(text: str) -> str:
    """A whole text less tatweel and Arabic diacritics, as :func:`token_key` compares each
    token (faster on a long text than token by token)."""
    return text if text.isascii() else _STRIPPED.sub("", text)


def is_word(token: str) -> bool:
    """True when ``token`` is a word (not space, punctuation or notation)."""
    return WORD.fullmatch(token) is not None


def words(text: str) -> list[str]:
    """The words of ``text``, in order."""
    return WORD.findall(text)


def count_words(text: str) -> int:
    """How many words ``text`` has."""
    return len(WORD.findall(text))
