"""``signature_count.set``: how many parties signed an outcome document of how many, as a
decision under a rule (``majority of members``): "signed by a majority of the parties".

The secretariat keeps the record (or the convener, who publishes it). Where the sources give
no numbers, the count is kept without them and the page says so.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.language import LANGUAGES
from astana.core.roles import Right
from astana.core.rules import decide_signatures
from astana.web.accounts.models import User
from astana.web.accounts.second_factor import require_second_factor
from astana.web.common.audit import audit
from astana.web.common.characters import checked_plain, translations
from astana.web.common.errors import ActionError, Forbidden, NotFound
from astana.web.decisions.access import process_actor
from astana.web.decisions.actions.rules import parse_rule_text
from astana.web.decisions.models import SignatureCount
from astana.web.processes.models import OutcomeDocument

__all__ = ["signature_count_compute", "signature_count_set"]

MAX_PARTIES = 1000
MAX_NOTE = 2000


def signature_count_compute(count: SignatureCount) -> None:
    """Fill in the outcome and its explanations from the rule and the numbers (if any)."""
    rule = parse_rule_text(count.rule)
    count.rule = str(rule)
    if count.parties is None or count.signed is None:
        count.adopted = None
        for language in LANGUAGES:
            setattr(count, f"explanation_{language}", "")
        return
    try:
        outcome = decide_signatures(rule, parties=count.parties, signed=count.signed)
    except ValueError as error:
        raise ActionError(
            _("The signatures cannot be counted: %(error)s.") % {"error": error}
        ) from error
    count.adopted = outcome.adopted
    for language in LANGUAGES:
        setattr(count, f"explanation_{language}", outcome.explain(language))


@transaction.atomic
def signature_count_set(
    *,
    user: User,
    document_slug: str,
    rule: str,
    parties: int | None,
    signed: int | None,
    notes: Mapping[str, str] | None = None,
) -> SignatureCount:
    """Record the signature count of an outcome document (``parties``/``signed`` both given,
    or both left out when the sources give no numbers)."""
    document = OutcomeDocument.objects.select_related("process").filter(slug=document_slug).first()
    if document is None:
        raise NotFound(
            _("There is no document %(document_slug)s.") % {"document_slug": repr(document_slug)}
        )
    actor = process_actor(user, document.process)
    if not actor.can(Action.SIGNATURE_COUNT_SET):
        raise Forbidden(_("Only the secretariat or the convener keeps the record of signatures."))
    if not actor.can(Right.RECORD_EDIT):  # the convener, recording it as a publication
        require_second_factor(user, document.process, actor.roles, Action.SIGNATURE_COUNT_SET)
    if (parties is None) != (signed is None):
        raise ActionError(_("Give both the number of parties and of signatures, or neither."))
    if (
        parties is not None
        and signed is not None
        and (not 1 <= parties <= MAX_PARTIES or not 0 <= signed <= parties)
    ):
        raise ActionError(
            _("Signatures are from 0 to the number of parties (1 to %(max_parties)s).")
            % {"max_parties": MAX_PARTIES}
        )
    cleaned = translations(notes or {}, "The note")
    if any(len(v) > MAX_NOTE for v in cleaned.values()):
        raise ActionError(_("A note is at most %(max_note)s characters.") % {"max_note": MAX_NOTE})
    for language, note in cleaned.items():
        checked_plain(note, f"The {language} note", line_breaks=True)
    checked_plain(rule, "The rule")
    count = SignatureCount.objects.filter(document=document).first() or SignatureCount(
        document=document
    )
    count.rule, count.parties, count.signed = rule, parties, signed
    for name, note in cleaned.fields("note").items():
        setattr(count, name, note)
    signature_count_compute(count)
    count.save()
    audit(
        actor,
        Action.SIGNATURE_COUNT_SET,
        document,
        document.slug,
        rule=count.rule,
        parties=parties,
        signed=signed,
    )
    return count
