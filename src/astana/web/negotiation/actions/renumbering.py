"""``revision.renumber``: the mediator's technical renumbering of a clean text, the one act
that changes labels (astana.core.text.renumbering says when it is refused, and why)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.text.renumbering import RenumberingRefused, renumber
from astana.web.accounts.models import User
from astana.web.common.errors import ActionError
from astana.web.common.events import event
from astana.web.negotiation.access import access_text
from astana.web.negotiation.actions.common import (
    bump,
    check_version,
    core_proposals,
    latest_revision,
)
from astana.web.negotiation.actions.texts import audit_revision, store_revision
from astana.web.negotiation.models import TextRevision
from astana.web.negotiation.presenting import text_title


@transaction.atomic
def revision_renumber(*, user: User, text_id: int, based_on: int) -> TextRevision:
    """The mediator issues Rev.N+1 with every label its number in sequence (``4 bis.``
    becomes ``5.``); the audit entry carries the concordance old label -> new label. Refused
    while proposals are open or brackets stand, and when nothing would change."""
    actor, text = access_text(user, text_id, need=Action.REVISION_RENUMBER)
    check_version(text, based_on)
    previous_row, previous = latest_revision(text)
    try:
        revision, rows = renumber(previous, core_proposals(text))
    except RenumberingRefused as error:
        raise ActionError(str(error)) from error
    row = store_revision(text, revision, user)
    bump(text)
    audit_revision(
        actor,
        Action.REVISION_RENUMBER,
        row,
        previous_row,
        concordance=[r.to_dict() for r in rows],
    )
    event(
        actor.round,
        Action.REVISION_RENUMBER,
        lambda: (
            _("%(title)s: Rev.%(n)s issued (technical renumbering, %(count)s labels changed)")
            % {"title": text_title(text), "n": revision.number, "count": len(rows)}
        ),
        text,
    )
    return row
