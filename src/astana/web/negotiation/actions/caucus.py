"""``caucus.note_add``: a delegation's private notes in a round."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.web.accounts.models import User
from astana.web.common.audit import audit
from astana.web.common.characters import checked_body
from astana.web.common.errors import Forbidden
from astana.web.common.events import next_number
from astana.web.negotiation.access import access_round
from astana.web.negotiation.models import CaucusNote

MAX_NOTE = 20_000


@transaction.atomic
def caucus_note_add(*, user: User, round_id: int, body: str) -> CaucusNote:
    actor = access_round(user, round_id, need=Action.CAUCUS_NOTE_ADD)
    if actor.delegation is None:
        raise Forbidden(_("Only a delegation has a caucus."))
    body = checked_body(body, "The note", MAX_NOTE)
    mine = CaucusNote.objects.filter(round=actor.round, organisation=actor.delegation)
    note = CaucusNote.objects.create(
        round=actor.round,
        organisation=actor.delegation,
        author=user,
        body=body,
        number=next_number(actor.round, mine),
    )
    # The audit entry records that a note was written, never what it says.
    audit(actor, Action.CAUCUS_NOTE_ADD, note, note.pk, length=len(body))
    return note
