"""``{{ value|term }}``: the words of the negotiating text (states, stances, kinds of change)
in the reader's language; ``{{ identity|cite:labels }}``: a provision as delegations cite it,
by its labels as written and its opening words, never by its identity;
``{% provision_options provisions chosen %}``: a provision picker's options."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from astana.web.processes.models import ROLE_LABELS

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
    "paragraph": _("paragraph"),
    "subparagraph": _("sub-paragraph"),
    "article": _("article"),
    "chapter": _("chapter"),
    "section": _("section"),
    "clause": _("clause (unnumbered text)"),
    "recital": _("preambular paragraph"),
    "heading": _("sub-heading"),
    "option": _("block option"),
    "note": _("drafting note"),
}


@register.filter
def term(value: object) -> str:
    return str(TERMS.get(str(value), value))


@register.filter
def role_word(code: object) -> str:
    """A role by its word in the reader's language ("party", "طرف", "сторона"), not its code."""
    return str(ROLE_LABELS.get(str(code), code))


@register.filter
def cite(identity: object, labels: object) -> str:
    """Provision ``identity`` as ``labels`` (identity -> words) names it, such as "Article 2
    ¶1 — The parties call for…" (:func:`astana.web.negotiation.presenting.provision_names`);
    one it does not name (not in this revision) in words, never by its identity."""
    if isinstance(labels, dict):
        found = labels.get(str(identity))
        if found:
            return str(found)
    return "" if identity is None else str(_("a provision not in this revision"))


@register.filter
def named(slug: object, names: object) -> str:
    """An organisation by its name in ``names`` (slug -> short name or name), as every page
    names delegations; its slug only where no name is known."""
    if isinstance(names, dict):
        found = names.get(str(slug))
        if found:
            return str(found)
    return "" if slug is None else str(slug)


@register.filter
def get(mapping: object, key: object) -> object:
    """``mapping[key]`` ("" where it has none): a word looked up by its code."""
    return mapping.get(key, "") if isinstance(mapping, dict) else ""


@register.filter
def language_name(code: object) -> str:
    """A language code as the reader names the language ("English", "العربية" in Arabic)."""
    from astana.web.negotiation.presenting import language_name as name

    return name(str(code))


@register.simple_tag
def provision_options(provisions: Iterable[tuple[str, str]], chosen: object = "") -> SafeString:
    """The ``<option>`` of each provision, ``(identity, name)``, the ``chosen`` one selected:
    built here in one pass, for a text of a thousand provisions has seven pickers on its page,
    and a loop in the template engine over each of them was a large part of that page's time."""
    options = (
        (conditional_escape(identity), " selected" if identity == chosen else "", name)
        for identity, name in provisions
    )
    # Every value is escaped as the template engine would escape it.
    return mark_safe(
        "".join(f'<option value="{v}"{s}>{conditional_escape(n)}</option>' for v, s, n in options)
    )
