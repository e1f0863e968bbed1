"""``{{ rule|rule_words }}``: a decision rule in the reader's language."""

from __future__ import annotations

from django import template

from astana.web.decisions.rule_words import rule_in_words

register = template.Library()


@register.filter
def rule_words(text: object) -> str:
    return rule_in_words(str(text or ""))
