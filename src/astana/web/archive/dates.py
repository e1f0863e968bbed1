"""Partial dates written out for a reader, in Arabic, English or Russian.

Arabic uses the Levantine (Syriac) month names the seed pages themselves use.
"""

from __future__ import annotations

from astana.core.language import to_arabic_indic_digits

__all__ = ["format_partial_date", "localise_digits"]

MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "ar": (
        "كانون الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول",
        "تشرين الثاني",
        "كانون الأول",
    ),
    # Russian: nominative for "month year", genitive after a day number.
    "ru": (
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ),
}
RU_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def localise_digits(text: str, language: str, digits: str) -> str:
    """Arabic-Indic digits when the reader chose them on an Arabic page."""
    if language == "ar" and digits == "arab":
        return to_arabic_indic_digits(text)
    return text


def format_partial_date(value: str, language: str, digits: str = "latn") -> str:
    """``2015-05-25`` → ``25 May 2015``; ``2017-07`` → ``July 2017``; ``2017`` → ``2017``."""
    if not value:
        return ""
    parts = value.split("-")
    lang = language if language in MONTHS else "en"
    year = parts[0]
    if len(parts) == 1:
        text = year
    else:
        month = int(parts[1])
        if len(parts) == 2:
            text = f"{MONTHS[lang][month - 1]} {year}"
        else:
            day = int(parts[2])
            name = RU_GENITIVE[month - 1] if lang == "ru" else MONTHS[lang][month - 1]
            text = f"{day} {name} {year}"
    return localise_digits(text, language, digits)
