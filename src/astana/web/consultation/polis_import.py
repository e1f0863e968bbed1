"""Import a Pol.is export (``votes.csv``, ``comments.csv``) into a consultation.

Read with the core readers, in one transaction: every statement of ``comments.csv`` (and any
statement only ``votes.csv`` names) becomes a statement of the consultation, accepted unless
Pol.is moderated it out (then rejected, with that reason); every voter becomes an anonymous
participant keyed ``polis-<voter id>``; each voter's latest vote per statement is stored. A
malformed file changes nothing. Convener only, and once per consultation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.consult import (
    MalformedPolisFile,
    OpinionMatrix,
    read_comments_csv,
    read_votes_csv,
)
from astana.web.accounts.models import User
from astana.web.common.characters import checked_plain
from astana.web.common.errors import ActionError
from astana.web.consultation.access import access_consultation
from astana.web.consultation.actions import audit
from astana.web.consultation.counts import add_vote_changes
from astana.web.consultation.models import Consultation, Participant, Statement, Vote

__all__ = ["ImportReport", "consultation_import"]

_ARABIC = range(0x0600, 0x0700)
MAX_IMPORTED_STATEMENT = 2000


@dataclass(frozen=True)
class ImportReport:
    statements: int
    participants: int
    votes: int


def _language(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if ord(c) in _ARABIC)
    return "ar" if letters and arabic * 2 >= len(letters) else "en"


@transaction.atomic
def consultation_import(
    *, user: User, consultation_id: int, votes_csv: bytes, comments_csv: bytes | None = None
) -> ImportReport:
    """Load a Pol.is conversation into the consultation (``consultation.import``)."""
    actor = access_consultation(user, consultation_id, Action.CONSULTATION_IMPORT, lock=True)
    consultation = actor.consultation
    if consultation.statements.filter(polis_id__isnull=False).exists():
        raise ActionError(_("Pol.is data was already imported into this consultation."))
    try:
        polis_votes = read_votes_csv(votes_csv)
        comments = read_comments_csv(comments_csv) if comments_csv else {}
    except MalformedPolisFile as error:
        raise ActionError(
            _("The Pol.is file is malformed: %(error)s") % {"error": error}
        ) from error
    matrix = OpinionMatrix.from_polis(polis_votes)
    now = timezone.now()
    ids = sorted(set(comments) | {int(s) for s in matrix.statement_ids.tolist()})
    rows = []
    for polis_id in ids:
        comment = comments.get(polis_id)
        text = " ".join(comment.text.split()) if comment else ""
        text = checked_plain(text or f"Pol.is statement {polis_id}", f"Pol.is statement {polis_id}")
        if len(text) > MAX_IMPORTED_STATEMENT:
            raise ActionError(
                _(
                    "Pol.is statement %(polis_id)s is %(count)s characters; at most "
                    "%(max_imported_statement)s."
                )
                % {
                    "polis_id": polis_id,
                    "count": len(text),
                    "max_imported_statement": MAX_IMPORTED_STATEMENT,
                }
            )
        out = comment is not None and comment.moderated == -1
        rows.append(
            Statement(
                consultation=consultation,
                text=text,
                language=_language(text),
                polis_id=polis_id,
                state=Statement.State.REJECTED if out else Statement.State.ACCEPTED,
                reason="Moderated out in Pol.is." if out else "",
                moderated_by=user,
                moderated_at=now,
            )
        )
    Statement.objects.bulk_create(rows, batch_size=1000)
    by_polis = dict(
        consultation.statements.filter(polis_id__isnull=False).values_list("polis_id", "pk")
    )
    Participant.objects.bulk_create(
        [
            Participant(consultation=consultation, key=f"polis-{int(p)}")
            for p in matrix.participant_ids.tolist()
        ],
        batch_size=1000,
    )
    by_key = dict(
        consultation.participants.filter(key__startswith="polis-").values_list("key", "pk")
    )
    participant_pks = np.array(
        [by_key[f"polis-{int(p)}"] for p in matrix.participant_ids.tolist()], dtype=np.int64
    )
    statement_pks = np.array(
        [by_polis[int(s)] for s in matrix.statement_ids.tolist()], dtype=np.int64
    )
    csr = matrix.votes
    rows_of = np.repeat(np.arange(csr.shape[0]), np.diff(csr.indptr))
    votes = [
        Vote(participant_id=int(p), statement_id=int(s), value=int(v))
        for p, s, v in zip(
            participant_pks[rows_of].tolist(),
            statement_pks[csr.indices].tolist(),
            csr.data.tolist(),
            strict=True,
        )
    ]
    Vote.objects.bulk_create(votes, batch_size=2000)
    Consultation.objects.filter(pk=consultation.pk).update(changes=F("changes") + 1)
    add_vote_changes(consultation.pk, len(votes))
    report = ImportReport(len(rows), len(by_key), len(votes))
    audit(
        actor,
        Action.CONSULTATION_IMPORT,
        consultation,
        statements=report.statements,
        participants=report.participants,
        votes=report.votes,
    )
    return report
