"""``{{ value|term }}``: the words of the negotiating text (states, stances, kinds of change)
in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

TERMS = {
    "draft": _("draft"),
    "tabled": _("tabled"),
    "withdrawn": _("withdrawn"),
    "folded_in": _("folded in"),
    "kept_in_brackets": _("kept in brackets"),
    "rejected": _("rejected"),
    "support": _("support"),
    "support_with_reservation": _("support with reservation"),
    "cannot_accept": _("cannot accept"),
    "replace_text": _("replace the text"),
    "delete_words": _("delete words"),
    "insert_words": _("insert words"),
    "add_alternative": _("add an alternative"),
    "insert_provision": _("insert a provision"),
    "delete_provision": _("delete the provision"),
    "move_provision": _("move the provision"),
}


@register.filter
def term(value: object) -> str:
    return str(TERMS.get(str(value), value))
