"""The character policy (``docs/text-engine.md``) as every action applies it to what it is
given: a refused text is an :class:`~astana.web.common.errors.ActionError` naming each
offending character with its line and column, and nothing is saved."""

from __future__ import annotations

from collections.abc import Mapping

from astana.core.language import TranslatedText, UnknownLanguageError
from astana.core.text.characters import UnsafeTextError, check_characters, check_controls
from astana.web.common.errors import ActionError

__all__ = ["checked_body", "checked_plain", "checked_text", "translations"]


def checked_text(value: str, what: str, *, line_breaks: bool = False) -> str:
    """``value`` in Unicode NFC, or ActionError naming every direction control or invisible
    character in it with its line and column (``docs/text-engine.md``, character policy):
    for every text that is negotiated or signed."""
    try:
        return check_characters(value, what=what, line_breaks=line_breaks)
    except UnsafeTextError as error:
        raise ActionError(f"{error}. Nothing was saved.") from error


def checked_plain(value: str, what: str, *, line_breaks: bool = False) -> str:
    """``value`` unchanged, or ActionError naming every control character (NUL included)
    and lone surrogate in it with its line and column: for every free text that is not
    negotiated or signed (notes, comments, minutes, names, reasons...)."""
    try:
        return check_controls(value, what=what, line_breaks=line_breaks, tabs=line_breaks)
    except UnsafeTextError as error:
        raise ActionError(f"{error}. Nothing was saved.") from error


def checked_body(value: str, what: str, limit: int) -> str:
    """The body of a note or a comment: ``value`` stripped and checked as :func:`checked_plain`
    (line breaks and tabs allowed); ActionError when it is empty or longer than ``limit``."""
    body = checked_plain(value.strip(), what, line_breaks=True)
    if not body:
        raise ActionError(f"{what} is empty.")
    if len(body) > limit:
        raise ActionError(f"{what} is longer than {limit} characters.")
    return body


def translations(values: Mapping[str, str | None], what: str) -> TranslatedText:
    """``values``, a text given per language, through the one cleaning rule
    (``astana.core.language.TranslatedText``): ActionError for a key that is not a language;
    texts stripped, empty ones left out."""
    try:
        return TranslatedText.clean(values)
    except UnknownLanguageError as error:
        raise ActionError(f"{what}: {error}") from error
