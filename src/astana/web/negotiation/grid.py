"""The positions grid as one actor may read it: provisions by parties, through the same access
rule as the text itself (every reader of a text reads every party's positions on it, as on
the text's page); a party's own row is editable only by its delegates, and only on the latest
revision. The cells, the progress and what blocks adoption are one computation of the core
(:func:`astana.core.text.position_grid`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.text import Document, Grid, GridFilter, opening_words, position_grid
from astana.web.accounts.models import User
from astana.web.common.errors import ActionError
from astana.web.negotiation.access import Actor, access_text
from astana.web.negotiation.actions.common import latest_revision, positions_of
from astana.web.negotiation.models import NegotiationText
from astana.web.negotiation.selectors import organisation_names

__all__ = ["GridState", "grid_state", "provision_title"]

# How many words of a provision's text name it beside its label.
OPENING_WORDS = 8


@dataclass(frozen=True)
class GridState:
    actor: Actor
    text: NegotiationText
    revision: int
    document: Document
    language: str
    whole: Grid  # every row and party: the progress, the blockers
    grid: Grid  # the rows and columns the filter asked for
    which: GridFilter
    parties: tuple[str, ...]  # the columns asked for (empty: all)
    names: dict[str, str]  # party slug -> its name as shown
    titles: dict[str, str]  # provision -> "Art. 2 ¶1 — The parties call for…"
    labels: dict[str, str]  # provision -> its label
    own: str | None  # the party whose row the actor may set


def provision_title(document: Document, provision: str, language: str) -> str:
    """A provision as a reader finds it in a list: its label and its opening words."""
    label = document.label(provision, language)
    above = document.parent(provision)
    if label and above is not None and document.label(above.id, language):
        # "Article 4, 1.": the paragraph within its article (a translated separator).
        label = _("%(above)s, %(label)s") % {"above": document.label(above.id, language),
                                             "label": label}  # fmt: skip
    node = document[provision]
    have = [lang for lang, __ in node.texts]
    opening = ""
    for lang in [language, *have]:
        if lang in have:
            opening = opening_words(node.text(lang), OPENING_WORDS)
            break
    if label and opening:
        return _("%(label)s — %(opening)s") % {"label": label, "opening": opening}
    return label or opening or provision


def grid_state(
    user: User | AnonymousUser,
    text_id: int,
    *,
    language: str,
    which: str = "",
    parties: tuple[str, ...] = (),
) -> GridState:
    actor, text = access_text(user, text_id)
    try:
        chosen = GridFilter(which)
    except ValueError as error:
        shown = ", ".join(f.value for f in GridFilter if f.value)
        raise ActionError(f"The filter must be one of: {shown} (or none).") from error
    row, revision = latest_revision(text)
    document = revision.document
    if language not in document.languages:
        language = document.languages[0]
    whole = position_grid(document, positions_of(text), language)
    unknown = [p for p in parties if p not in whole.parties]
    if unknown:
        raise ActionError(f"No party to this text is called {', '.join(unknown)}.")
    names = organisation_names(language)
    own = None
    if (
        actor.delegation is not None
        and actor.delegation.slug in whole.parties
        and actor.can(Action.POSITION_SET)
    ):
        own = actor.delegation.slug
    return GridState(
        actor=actor,
        text=text,
        revision=row.number,
        document=document,
        language=language,
        whole=whole,
        grid=whole.filtered(chosen, parties),
        which=chosen,
        parties=parties,
        names={p: names.get(p, p) for p in whole.parties},
        titles={r.provision: provision_title(document, r.provision, language) for r in whole.rows},
        labels={i: document.label(i, language) for i in document.ids()},
        own=own,
    )
