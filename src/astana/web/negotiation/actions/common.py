"""What the room's actions share: the version check and rebuilding
core values from rows. (The audit entry and the live event are the shared base's:
:mod:`astana.web.common.audit`, :mod:`astana.web.common.events`.)"""

from __future__ import annotations

import hashlib
import json

from django.db.models import F
from django.utils.translation import gettext as _

from astana.core.roles import Role
from astana.core.text import Document, Positions, Proposal, Revision
from astana.web.common.errors import Stale, Tampered
from astana.web.common.kept import Kept
from astana.web.common.models import RoundEvent
from astana.web.negotiation.models import (
    NegotiationText,
    RoundInvitation,
    TextProposal,
    TextRevision,
)
from astana.web.processes.models import Participation, Round

MAX_TEXT = 200_000
# Proposals in the order they were tabled (P1, P2, ...), then drafts in the order written: the
# order in which delegations drafted what they later tabled stays theirs.
TABLED_ORDER = (F("tabled_at").asc(nulls_last=True), "id")


def bump(text: NegotiationText) -> None:
    """Increment the text's version (in the database, so concurrent writers serialise)."""
    NegotiationText.objects.filter(pk=text.pk).update(version=F("version") + 1)
    text.refresh_from_db(fields=["version"])


def check_version(text: NegotiationText, based_on: int) -> None:
    """Refuse a request based on an older version of the text, saying what changed since."""
    locked = NegotiationText.objects.select_for_update().get(pk=text.pk)
    text.version = locked.version
    if based_on == locked.version:
        return
    if based_on > locked.version or based_on < 1:
        raise Stale(
            _("Version %(old)s of this text does not exist; it is at version %(new)s.")
            % {"old": based_on, "new": locked.version},
            [],
        )
    changes = [
        row.said()  # in the reader's language
        for row in RoundEvent.objects.filter(
            text=text, version__gt=based_on, audience__isnull=True
        ).only("summary", "summaries")
    ]
    raise Stale(
        _(
            "The text changed since you loaded it (your version %(old)s, now %(new)s). Nothing "
            "was saved; what you typed is kept. Review the changes and submit again."
        )
        % {"old": based_on, "new": locked.version},
        changes,
    )


def round_parties(rnd: Round) -> list[str]:
    """The slugs of the parties to texts in ``rnd`` (organisations invited as parties)."""
    invited = RoundInvitation.objects.filter(round=rnd)
    if invited.exists():
        rows = invited.filter(role=Role.PARTY.value)
    else:
        rows = Participation.objects.filter(process_id=rnd.process_id, role=Role.PARTY.value)  # type: ignore[assignment]
    return sorted({row.organisation.slug for row in rows.select_related("organisation")})


def latest_revision(text: NegotiationText) -> tuple[TextRevision, Revision]:
    row = text.revisions.order_by("-number").first()
    assert row is not None  # a text is created with Rev.1
    return row, revision_of(row)


#: Issued revisions as core values, by everything they are read from: the stored document's
#: bytes (as its canonical JSON), number, folded and kept proposals and hash. A revision never
#: changes once issued, so a page, a download or an event reads it once per process, not once
#: per request (the Paris text, 468 provisions: 36 ms to read and check, 2.4 ms to make the
#: key, here); an edited row is another key, read and checked again, and refused.
_REVISIONS: Kept[tuple[object, ...], Revision] = Kept(16)


def revision_of(row: TextRevision) -> Revision:
    """The core revision of a stored row; ``Tampered`` if its text no longer has the hash it
    was issued (and logged) with: an edited revision is never shown, downloaded or signed."""
    stored = json.dumps(row.document, sort_keys=True, ensure_ascii=False)
    key = (
        hashlib.blake2b(stored.encode(), digest_size=32).digest(),
        row.number,
        json.dumps([row.folded, row.kept]),
        row.sha256,
    )
    return _REVISIONS.get(key, lambda: _checked_revision(row))


def _checked_revision(row: TextRevision) -> Revision:
    try:
        # Every label as shown in this revision is stored on load (the hash is the same), so
        # that no insertion proposed against it moves another provision's label.
        document = Document.from_dict(row.document).frozen()
        revision = Revision(row.number, document, tuple(row.folded), tuple(row.kept))
        intact = revision.hash == row.sha256
    except (KeyError, TypeError, ValueError):
        intact = False
    if not intact:
        raise Tampered(
            f"The stored text of Rev.{row.number} does not match the SHA-256 it was issued with "
            f"({row.sha256[:16]}…): it was changed after issue and is not shown. The record "
            "must be restored; `astana audit` names what changed."
        )
    return revision


def positions_of(text: NegotiationText) -> Positions:
    if text.positions:
        return Positions.from_dict(text.positions)
    return Positions(tuple(round_parties(text.round)))


def core_proposals(
    text: NegotiationText, *, include_drafts_of: int | None = None
) -> list[Proposal]:
    """The text's proposals as core values: every one ever tabled, plus one delegation's
    never-tabled ones (its drafts, and drafts it withdrew before tabling)."""
    rows = TextProposal.objects.filter(text=text, tabled_at__isnull=False)
    if include_drafts_of is not None:
        rows = rows | TextProposal.objects.filter(
            text=text, tabled_at__isnull=True, author_id=include_drafts_of
        )
    return [Proposal.from_dict(row.data) for row in rows.order_by(*TABLED_ORDER)]
