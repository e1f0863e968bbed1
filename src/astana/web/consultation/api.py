"""API routes of consultations; ``api/urls.py`` registers ``router`` (prefix "").

Operation ids are the dotted action names. Reads of an open consultation, its next
statement and its published results are public; anonymous callers vote and submit
statements where the consultation allows it, naming themselves by a random ``participant``
key of 16–64 characters (``[A-Za-z0-9_-]``) they keep between calls. Everything else needs
a token or the site's session.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from astana.core.actions import Action
from astana.core.language import LANGUAGES
from astana.web.api.auth import API_AUTH, PUBLIC_AUTH, caller, reader
from astana.web.api.routing import Operations
from astana.web.api.schemas import Id
from astana.web.consultation import actions, selectors
from astana.web.consultation.access import ConsultationActor, access_consultation
from astana.web.consultation.models import Consultation, Statement
from astana.web.consultation.polis_import import consultation_import
from astana.web.consultation.schemas import (
    ConsultationIn,
    ConsultationOut,
    ConsultationStatementOut,
    ConsultationUpdateIn,
    ConsultationVoteIn,
    ConsultationVoteOut,
    ImportIn,
    ImportOut,
    Key,
    ModerationIn,
    NextOut,
    StatementIn,
)

__all__ = ["OPERATIONS", "router"]

router = Router(auth=API_AUTH, tags=["consultation"])
api = Operations(router)


def _statement(s: Statement) -> ConsultationStatementOut:
    return ConsultationStatementOut(
        id=s.pk, text=s.text, language=s.language, state=s.state, reason=s.reason
    )


def _consultation(actor: ConsultationActor) -> ConsultationOut:
    c: Consultation = actor.consultation
    rows = c.statements.order_by("id")
    if not actor.can_moderate:
        rows = rows.filter(state=Statement.State.ACCEPTED)
    return ConsultationOut(
        id=c.pk,
        process=c.process.slug,
        round=c.round_id,
        titles={k: v for k in LANGUAGES if (v := getattr(c, f"title_{k}"))},
        questions={k: v for k in LANGUAGES if (v := getattr(c, f"question_{k}"))},
        state=c.state,
        allow_anonymous=c.allow_anonymous,
        results_published=c.results_published,
        statements=[_statement(s) for s in rows],
    )


@api.post("/consultations", Action.CONSULTATION_CREATE)
def consultation_create(request: HttpRequest, payload: ConsultationIn) -> Status[ConsultationOut]:
    """A new consultation of a process (convener only)."""
    created = actions.consultation_create(
        user=caller(request),
        process_slug=payload.process,
        titles=dict(payload.titles),
        questions=dict(payload.questions),
        round_id=payload.round,
        allow_anonymous=payload.allow_anonymous,
        open_now=payload.open,
    )
    return Status(201, _consultation(access_consultation(caller(request), created.pk)))


@api.get("/consultations/{consultation_id}", "consultation.read", auth=PUBLIC_AUTH)
def consultation_read(request: HttpRequest, consultation_id: Id) -> ConsultationOut:
    """A consultation and its accepted statements (moderators: every statement)."""
    return _consultation(access_consultation(reader(request), consultation_id))


@api.patch("/consultations/{consultation_id}", Action.CONSULTATION_UPDATE)
def consultation_update(
    request: HttpRequest, consultation_id: Id, payload: ConsultationUpdateIn
) -> ConsultationOut:
    """Open or close, publish the results, allow anonymous votes (convener only)."""
    actions.consultation_update(
        user=caller(request),
        consultation_id=consultation_id,
        state=payload.state,
        results_published=payload.results_published,
        allow_anonymous=payload.allow_anonymous,
    )
    return _consultation(access_consultation(caller(request), consultation_id))


@api.post("/consultations/{consultation_id}/statements", Action.STATEMENT_SUBMIT, auth=PUBLIC_AUTH)
def statement_submit(
    request: HttpRequest, consultation_id: Id, payload: StatementIn
) -> Status[ConsultationStatementOut]:
    """Submit a statement; it awaits moderation (a moderator's is accepted at once)."""
    statement = actions.statement_submit(
        user=reader(request),
        consultation_id=consultation_id,
        text=payload.text,
        language=payload.language,
        participant_key=payload.participant,
    )
    return Status(201, _statement(statement))


@api.post("/statements/{statement_id}/moderation", Action.STATEMENT_MODERATE)
def statement_moderate(
    request: HttpRequest, statement_id: Id, payload: ModerationIn
) -> ConsultationStatementOut:
    """Accept, or reject with a reason (secretariat, convener)."""
    statement = actions.statement_moderate(
        user=caller(request),
        statement_id=statement_id,
        decision=payload.decision,
        reason=payload.reason,
    )
    return _statement(statement)


@api.get("/consultations/{consultation_id}/next", "statement.next", auth=PUBLIC_AUTH)
def statement_next(
    request: HttpRequest, consultation_id: Id, participant: Key | None = None
) -> NextOut:
    """The next statement for the caller (Pol.is' priority), or null when all are voted."""
    actor = access_consultation(reader(request), consultation_id, Action.STATEMENT_VOTE)
    progress = selectors.next_statement(actor, participant)
    chosen = progress.statement
    return NextOut(
        statement=_statement(chosen) if chosen else None,
        voted=progress.voted,
        total=progress.total,
    )


@api.post("/consultations/{consultation_id}/votes", Action.STATEMENT_VOTE, auth=PUBLIC_AUTH)
def statement_vote(
    request: HttpRequest, consultation_id: Id, payload: ConsultationVoteIn
) -> ConsultationVoteOut:
    """Agree, disagree or pass on a statement; a repeat vote replaces the earlier one."""
    vote = actions.statement_vote(
        user=reader(request),
        consultation_id=consultation_id,
        statement_id=payload.statement,
        choice=payload.choice,
        participant_key=payload.participant,
    )
    names = {value: name for name, value in actions.CHOICES.items()}
    return ConsultationVoteOut(statement=vote.statement_id, choice=names[vote.value])


@api.get("/consultations/{consultation_id}/results", "consultation.results", auth=PUBLIC_AUTH)
def consultation_results(request: HttpRequest, consultation_id: Id) -> dict[str, Any]:
    """The latest stored analysis: groups and their statements, consensus, staleness."""
    actor = access_consultation(reader(request), consultation_id, "results")
    return selectors.results_of(actor.consultation).as_dict()


@api.post("/consultations/{consultation_id}/import", Action.CONSULTATION_IMPORT)
def consultation_import_polis(
    request: HttpRequest, consultation_id: Id, payload: ImportIn
) -> ImportOut:
    """Import a Pol.is export (the text of votes.csv and comments.csv), convener only."""
    report = consultation_import(
        user=caller(request),
        consultation_id=consultation_id,
        votes_csv=payload.votes_csv.encode(),
        comments_csv=payload.comments_csv.encode() if payload.comments_csv else None,
    )
    return ImportOut(
        statements=report.statements, participants=report.participants, votes=report.votes
    )


OPERATIONS = frozenset(
    operation.operation_id or ""
    for view in router.path_operations.values()
    for operation in view.operations
)
