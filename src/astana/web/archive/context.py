"""Template context for every page: reading direction, digit style, language links."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation

from astana.core.language import direction

DIGITS_COOKIE = "astana_digits"


def reader_digits(request: HttpRequest) -> str:
    """``arab`` (Arabic-Indic, ٠١٢) or ``latn`` (0 1 2), as the reader chose; Latin by default."""
    value = request.COOKIES.get(DIGITS_COOKIE, "latn")
    return value if value in ("arab", "latn") else "latn"


def reader_preferences(request: HttpRequest) -> dict[str, object]:
    language = translation.get_language() or settings.LANGUAGE_CODE
    links = []
    for code, name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "name": name,
                "url": translate_url(request.get_full_path(), code),
                "current": code == language,
            }
        )
    return {
        "reader_language": language,
        "reader_direction": direction(language),
        "reader_digits": reader_digits(request),
        "language_links": links,
    }
