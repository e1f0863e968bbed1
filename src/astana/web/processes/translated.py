"""Text stored once per language (``title_ar``, ``title_en``, ``title_ru``) and read with a
visible fallback: a reader asking for Russian where only English exists gets the English
text marked as such, never an empty page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from astana.core.language import LANGUAGES

__all__ = ["FALLBACK_ORDER", "TranslatedText", "translated", "translated_fields"]

FALLBACK_ORDER: dict[str, tuple[str, ...]] = {
    "ar": ("ar", "en", "ru"),
    "en": ("en", "ar", "ru"),
    "ru": ("ru", "en", "ar"),
}


@dataclass(frozen=True, slots=True)
class TranslatedText:
    """A text in the language it was found in; ``is_fallback`` when not the one asked for."""

    text: str
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.requested

    @property
    def direction(self) -> str:
        return "rtl" if self.language == "ar" else "ltr"

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def translated(obj: models.Model, field: str, language: str) -> TranslatedText:
    """``obj.<field>_<lang>`` in ``language``, else the first non-empty fallback."""
    order = FALLBACK_ORDER.get(language, FALLBACK_ORDER["en"])
    for lang in order:
        value = getattr(obj, f"{field}_{lang}", "") or ""
        if value.strip():
            return TranslatedText(value, lang, language)
    return TranslatedText("", language, language)


def translated_fields(obj: models.Model, field: str) -> dict[str, str]:
    """Every stored language version of ``field``, empty ones left out."""
    return {lang: v for lang in LANGUAGES if (v := getattr(obj, f"{field}_{lang}", "") or "")}
