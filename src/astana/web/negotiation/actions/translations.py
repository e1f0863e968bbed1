"""``translation.supply``: the mediator or the secretariat supplies or corrects a provision's
version in one language, clearing its "needs translation" flag.

It issues the next revision (docs/text-engine.md, "Translations"): a language version is
part of what parties sign, so a new or corrected one is never slipped into an issued
revision. Its redline shows what changed; positions and agreements on the provision stay
bound to the wording they were given on, so a translation that changes the wording after
agreement asks the parties to confirm it again, in plain sight. Supplying the same wording
as it stands (the translation was checked and is right) clears the flag and changes no
wording: positions and agreements stay current.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.text import NotationError, ProvisionText, Revision, StructureError
from astana.web.accounts.models import User
from astana.web.common.characters import checked_text
from astana.web.common.errors import ActionError
from astana.web.common.events import event
from astana.web.negotiation.access import access_text
from astana.web.negotiation.actions.common import MAX_TEXT, bump, check_version, latest_revision
from astana.web.negotiation.actions.texts import audit_revision, store_revision
from astana.web.negotiation.models import TextRevision
from astana.web.negotiation.presenting import language_name, provision_name, text_title


@transaction.atomic
def translation_supply(
    *, user: User, text_id: int, based_on: int, provision: str, language: str, text: str
) -> TextRevision:
    """Issue Rev.N+1 with ``text`` as ``provision``'s ``language`` version, not flagged."""
    actor, row = access_text(user, text_id, need=Action.TRANSLATION_SUPPLY)
    check_version(row, based_on)
    previous_row, previous = latest_revision(row)
    document = previous.document
    if language not in document.languages:
        raise ActionError(
            _("The text has no %(language)s version (it has %(languages)s).")
            % {"language": repr(language), "languages": ", ".join(document.languages)}
        )
    found = document.get(provision)
    if found is None:
        raise ActionError(
            _("There is no provision %(provision)s in the current revision.")
            % {"provision": repr(provision)}
        )
    if not isinstance(text, str) or not text.strip():
        raise ActionError(_("Write the provision's text in this language."))
    if len(text) > MAX_TEXT:
        raise ActionError(
            _("The text is longer than %(max_text)s characters.") % {"max_text": MAX_TEXT}
        )
    text = checked_text(text.strip(), "The translation")
    try:
        wording = ProvisionText.parse(text)
    except NotationError as error:
        raise ActionError(
            _("The translation does not parse: %(error)s") % {"error": error}
        ) from error
    was_flagged = language in found.needs_translation
    changed = str(found.text(language)) != str(wording)
    if not changed and not was_flagged:
        raise ActionError(_("This language version already reads so and needs no translation."))
    try:
        updated = document.set_text(provision, language, wording, translation=True)
    except StructureError as error:
        raise ActionError(str(error)) from error
    revision = Revision(previous.number + 1, updated.frozen())
    new_row = store_revision(row, revision, user)
    bump(row)
    audit_revision(
        actor,
        Action.TRANSLATION_SUPPLY,
        new_row,
        previous_row,
        provision=provision,
        language=language,
        wording_changed=changed,
    )

    def summary() -> str:
        said = (
            _("%(title)s: Rev.%(n)s issued (%(language)s version of %(provision)s supplied)")
            if was_flagged
            else _("%(title)s: Rev.%(n)s issued (%(language)s version of %(provision)s corrected)")
        )
        return said % {
            "n": revision.number,
            "title": text_title(row),
            "language": language_name(language),
            "provision": provision_name(updated, provision),
        }

    event(actor.round, Action.TRANSLATION_SUPPLY, summary, row)
    return new_row
