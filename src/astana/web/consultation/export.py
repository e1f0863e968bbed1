"""Export of a consultation in Pol.is' format (``votes.csv``, ``comments.csv``), for anyone who
may read its results: participants appear only as numbers, never as accounts."""

from __future__ import annotations

import io

import numpy as np
from django.http import HttpRequest, HttpResponse

from astana.core.consult import PolisVotes, write_comments_csv, write_votes_csv
from astana.core.consult import Statement as PolisStatement
from astana.web.common.pages import shows_refusals
from astana.web.consultation.access import access_consultation
from astana.web.consultation.models import Statement, Vote

__all__ = ["comments_csv", "votes_csv"]


def _csv(body: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@shows_refusals
def votes_csv(request: HttpRequest, consultation_id: int) -> HttpResponse:
    actor = access_consultation(request.user, consultation_id, "results")
    rows = list(
        Vote.objects.filter(
            statement__consultation=actor.consultation, statement__state=Statement.State.ACCEPTED
        )
        .order_by("updated_at", "id")
        .values_list("updated_at", "statement_id", "participant_id", "value")
    )
    votes = PolisVotes(
        timestamps=np.array([int(r[0].timestamp() * 1000) for r in rows], dtype=np.int64),
        statement_ids=np.array([r[1] for r in rows], dtype=np.int64),
        participant_ids=np.array([r[2] for r in rows], dtype=np.int64),
        votes=np.array([r[3] for r in rows], dtype=np.int8),
    )
    out = io.StringIO()
    write_votes_csv(votes, out)
    return _csv(out.getvalue(), f"consultation-{consultation_id}-votes.csv")


@shows_refusals
def comments_csv(request: HttpRequest, consultation_id: int) -> HttpResponse:
    actor = access_consultation(request.user, consultation_id, "results")
    statements = [
        PolisStatement(
            statement_id=s.pk,
            text=s.text,
            timestamp=int(s.created_at.timestamp() * 1000),
            moderated=1,
        )
        for s in actor.consultation.statements.filter(state=Statement.State.ACCEPTED).order_by("id")
    ]
    out = io.StringIO()
    write_comments_csv(statements, out)
    return _csv(out.getvalue(), f"consultation-{consultation_id}-comments.csv")
