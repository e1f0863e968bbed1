"""Text stored once per language (``title_ar``, ``title_en``, ``title_ru``) and read with a
visible fallback: a reader asking for Russian where only English exists gets the English
text marked as such, never an empty page. The languages, the fallback order and the
cleaning rule are the core's (:mod:`astana.core.language`)."""

from __future__ import annotations

from django.db import models

from astana.core.language import FALLBACK_ORDER, InLanguage, TranslatedText

__all__ = ["FALLBACK_ORDER", "InLanguage", "translated", "translated_fields"]


def translated(obj: models.Model, field: str, language: str) -> InLanguage:
    """``obj.<field>_<lang>`` in ``language``, else the first non-empty fallback."""
    return TranslatedText.from_fields(obj, field).read(language)


def translated_fields(obj: models.Model, field: str) -> dict[str, str]:
    """Every stored language version of ``field``, empty ones left out."""
    return dict(TranslatedText.from_fields(obj, field))
