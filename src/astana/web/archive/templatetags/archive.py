"""Template tags: translated text with a visible fallback, dates and digits for the reader."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from astana.web.archive.dates import format_partial_date, localise_digits
from astana.web.processes.translated import translated

register = template.Library()

LANGUAGE_NAMES = {"ar": "العربية", "en": "English", "ru": "Русский"}


def _language(context: template.Context) -> str:
    return str(context.get("reader_language") or translation.get_language() or "en")


@register.simple_tag(takes_context=True)
def tr(context: template.Context, obj: Any, field: str) -> SafeString:
    """The field in the reader's language, or the fallback marked with its language."""
    text = translated(obj, field, _language(context))
    if not text:
        return format_html('<span class="missing">{}</span>', _("(no text in any language)"))
    if text.is_fallback:
        return format_html(
            '<span lang="{}" dir="{}">{}</span> <small class="fallback" title="{}">{}</small>',
            text.language,
            text.direction,
            text.text,
            _("This text is not yet available in your language."),
            LANGUAGE_NAMES[text.language],
        )
    return format_html(
        '<span lang="{}" dir="{}">{}</span>', text.language, text.direction, text.text
    )


@register.simple_tag(takes_context=True)
def tr_plain(context: template.Context, obj: Any, field: str) -> str:
    """The field's text only (for titles and attributes)."""
    return translated(obj, field, _language(context)).text


@register.simple_tag(takes_context=True)
def pdate(context: template.Context, value: str) -> str:
    return format_partial_date(
        value or "", _language(context), str(context.get("reader_digits", "latn"))
    )


@register.simple_tag(takes_context=True)
def num(context: template.Context, value: object) -> str:
    return localise_digits(
        str(value), _language(context), str(context.get("reader_digits", "latn"))
    )


# What each kind of search hit is, in words (the index stores the model's name).
SEARCH_KINDS = {
    "process": gettext_lazy("Process"),
    "round": gettext_lazy("Round"),
    "session": gettext_lazy("Session"),
    "outcomedocument": gettext_lazy("Outcome document"),
    "timelineevent": gettext_lazy("Timeline event"),
    "organisation": gettext_lazy("Organisation"),
    "person": gettext_lazy("Person"),
}


@register.filter
def language_word(code: object) -> str:
    """A language by its name in the reader's language ("English", "الإنجليزية"), not its
    code; a code the platform does not know is shown as it is."""
    try:
        return str(get_language_info(str(code))["name_translated"])
    except KeyError:
        return str(code)


@register.filter
def search_kind(kind: object) -> str:
    """A search hit's kind in the reader's language ("Timeline event", not "timelineevent")."""
    return str(SEARCH_KINDS.get(str(kind), kind))


# What a conflicting claim is about (the data's ``aspect``), in words.
CLAIM_ASPECTS = {
    "name": gettext_lazy("name"),
    "completion": gettext_lazy("completion"),
    "date": gettext_lazy("date"),
    "dates": gettext_lazy("dates"),
    "last meeting": gettext_lazy("last meeting"),
}
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}(?:-\d{2})?)(?:/(\d{4}-\d{2}(?:-\d{2})?))?\b")
_END_OF_YEAR = re.compile(r"^end of (\d{4})$")


@register.filter
def claim_aspect(aspect: object) -> str:
    """A claim's aspect in the reader's language ("completion" → "الإنجاز")."""
    return str(CLAIM_ASPECTS.get(str(aspect), aspect))


@register.simple_tag(takes_context=True)
def claim_value(context: template.Context, value: str) -> str:
    """A claim's value with its dates as the reader writes them (``2018-01-13`` → ``13
    كانون الثاني 2018``; a range ``a/b`` as ``a – b``; ``end of 2017`` translated)."""
    language = _language(context)
    digits = str(context.get("reader_digits", "latn"))
    end = _END_OF_YEAR.match(value or "")
    if end:
        return localise_digits(_("end of %(year)s") % {"year": end.group(1)}, language, digits)

    def dated(match: re.Match[str]) -> str:
        first = format_partial_date(match.group(1), language, digits)
        if match.group(2):
            return f"{first} – {format_partial_date(match.group(2), language, digits)}"
        return first

    return _ISO_DATE.sub(dated, value or "")
