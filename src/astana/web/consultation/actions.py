"""Every change to a consultation: keyword-only, atomic, checking the right and writing the
audit entry itself (web pages, the API and the CLI call these and nothing else).

Dotted names (audit action, API operation id): ``consultation.create``,
``consultation.update``, ``statement.submit``, ``statement.moderate``, ``statement.vote``,
``consultation.import``. Votes are not audited one by one (a national consultation has
millions); the vote rows carry their own times.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.language import is_language
from astana.web.accounts.access import permit, roles_in_process
from astana.web.accounts.models import User
from astana.web.common.access import process_named
from astana.web.common.audit import audit as common_audit
from astana.web.common.characters import checked_plain, translations
from astana.web.common.errors import ActionError, NotFound
from astana.web.consultation.access import ConsultationActor, access_consultation
from astana.web.consultation.counts import record_vote
from astana.web.consultation.models import Consultation, Participant, Statement, Vote

__all__ = [
    "CHOICES",
    "MAX_REASON",
    "MAX_STATEMENT",
    "consultation_create",
    "consultation_update",
    "statement_moderate",
    "statement_submit",
    "statement_vote",
]

MAX_STATEMENT = 500
MAX_REASON = 1000
MAX_TITLE = 300
MAX_QUESTION = 1000
CHOICES = {"agree": 1, "disagree": -1, "pass": 0}
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def audit(actor: ConsultationActor | None, action: Action, obj: Any, **detail: Any) -> None:
    """One audit row for a process-level consultation (its round's, if it has one)."""
    consultation = obj if isinstance(obj, Consultation) else obj.consultation
    common_audit(
        actor,
        action,
        obj,
        obj.pk,
        in_round=consultation.round,
        **{"consultation": consultation.pk, **detail},
    )


def _texts(values: dict[str, str], what: str, limit: int, *, required: bool) -> dict[str, str]:
    cleaned = translations(values, f"The {what}").all_languages()
    if required and not any(cleaned.values()):
        raise ActionError(_("Give the %(what)s in at least one language.") % {"what": what})
    for lang, text in cleaned.items():
        if len(text) > limit:
            raise ActionError(
                _("The %(what)s (%(lang)s) is %(count)s characters; at most %(limit)s.")
                % {"what": what, "lang": lang, "count": len(text), "limit": limit}
            )
        checked_plain(text, f"The {what} ({lang})")
    return cleaned


@transaction.atomic
def consultation_create(
    *,
    user: User,
    process_slug: str,
    titles: dict[str, str],
    questions: dict[str, str] | None = None,
    round_id: int | None = None,
    allow_anonymous: bool = False,
    open_now: bool = False,
) -> Consultation:
    """A new consultation of a process (optionally of one of its rounds); convener only."""
    process = process_named(process_slug)
    permit(
        user,
        process,
        roles_in_process(user, process),
        Action.CONSULTATION_CREATE,
        where="process",
        refusal="Only the convener creates consultations.",
    )
    title = _texts(titles, "title", MAX_TITLE, required=True)
    question = _texts(questions or {}, "question", MAX_QUESTION, required=False)
    rnd = None
    if round_id is not None:
        rnd = process.rounds.filter(pk=round_id).first()
        if rnd is None:
            raise ActionError(
                _("Round %(round_id)s is not a round of this process.") % {"round_id": round_id}
            )
    consultation = Consultation.objects.create(
        process=process,
        round=rnd,
        allow_anonymous=allow_anonymous,
        state=Consultation.State.OPEN if open_now else Consultation.State.DRAFT,
        created_by=user,
        **{f"title_{k}": v for k, v in title.items()},
        **{f"question_{k}": v for k, v in question.items()},
    )
    actor = access_consultation(user, consultation.pk, Action.CONSULTATION_CREATE)
    audit(actor, Action.CONSULTATION_CREATE, consultation, title=title, state=consultation.state)
    return consultation


@transaction.atomic
def consultation_update(
    *,
    user: User,
    consultation_id: int,
    state: str | None = None,
    results_published: bool | None = None,
    allow_anonymous: bool | None = None,
) -> Consultation:
    """Open or close the consultation, publish its results, allow anonymous voting."""
    actor = access_consultation(user, consultation_id, Action.CONSULTATION_UPDATE, lock=True)
    consultation = actor.consultation
    changed: dict[str, Any] = {}
    if state is not None:
        if state not in Consultation.State.values:
            raise ActionError(
                _("A consultation is draft, open or closed, not %(state)s.")
                % {"state": repr(state)}
            )
        changed["state"] = state
    if results_published is not None:
        changed["results_published"] = results_published
    if allow_anonymous is not None:
        changed["allow_anonymous"] = allow_anonymous
    if not changed:
        raise ActionError(_("Nothing to change."))
    for field, value in changed.items():
        setattr(consultation, field, value)
    consultation.save(update_fields=list(changed))
    audit(actor, Action.CONSULTATION_UPDATE, consultation, **changed)
    return consultation


def ensure_participant(actor: ConsultationActor, key: str | None) -> Participant:
    """The actor's participant row, made on their first vote or statement."""
    found = participant_of(actor, key, create=True)
    assert found is not None  # creating either returns a row or raises
    return found


def participant_of(
    actor: ConsultationActor, key: str | None, *, create: bool
) -> Participant | None:
    """The actor's participant row: by user when logged in, else by the anonymous key."""
    consultation = actor.consultation
    if actor.user.is_authenticated:
        if create:
            row = Participant.objects.get_or_create(consultation=consultation, user=actor.user)[0]
            return row
        return Participant.objects.filter(consultation=consultation, user=actor.user).first()
    if not key or not _KEY.match(key):
        if create:
            raise ActionError(_("Your browser's participant key is missing: enable cookies."))
        return None
    if create:
        row, _new = Participant.objects.get_or_create(consultation=consultation, key=key)
        return row
    return Participant.objects.filter(consultation=consultation, key=key).first()


@transaction.atomic
def statement_submit(
    *,
    user: User | AnonymousUser,
    consultation_id: int,
    text: str,
    language: str,
    participant_key: str | None = None,
) -> Statement:
    """Submit a statement; it awaits moderation (a moderator's own is accepted at once)."""
    actor = access_consultation(user, consultation_id, Action.STATEMENT_SUBMIT, lock=True)
    text = checked_plain(" ".join((text or "").split()), "The statement")
    if not text:
        raise ActionError(_("Write the statement."))
    if len(text) > MAX_STATEMENT:
        raise ActionError(
            _("A statement is at most %(max_statement)s characters; this is %(count)s.")
            % {"max_statement": MAX_STATEMENT, "count": len(text)}
        )
    if not is_language(language):
        raise ActionError(_("Choose the statement's language: ar, en or ru."))
    consultation = actor.consultation
    if consultation.statements.filter(text=text).exclude(state=Statement.State.REJECTED).exists():
        raise ActionError(_("This statement is already in the consultation."))
    participant = ensure_participant(actor, participant_key)
    statement = Statement.objects.create(
        consultation=consultation,
        text=text,
        language=language,
        author=user if isinstance(user, User) else None,
        submitted_by=participant,
    )
    audit(actor, Action.STATEMENT_SUBMIT, statement, language=language)
    if actor.can_moderate:
        _moderate(actor, statement, Statement.State.ACCEPTED, "")
    return statement


def _moderate(actor: ConsultationActor, statement: Statement, state: str, reason: str) -> None:
    statement.state = state
    statement.reason = reason
    statement.moderated_by = actor.user if isinstance(actor.user, User) else None
    statement.moderated_at = timezone.now()
    statement.save(update_fields=["state", "reason", "moderated_by", "moderated_at"])
    Consultation.objects.filter(pk=statement.consultation_id).update(changes=F("changes") + 1)
    audit(actor, Action.STATEMENT_MODERATE, statement, state=state, reason=reason)


@transaction.atomic
def statement_moderate(
    *, user: User, statement_id: int, decision: str, reason: str = ""
) -> Statement:
    """Accept or reject a statement (a rejection says why); secretariat or convener."""
    found = Statement.objects.filter(pk=statement_id).values_list("consultation_id", flat=True)
    consultation_id = found.first()
    if consultation_id is None:
        raise NotFound(
            _("There is no statement %(statement_id)s.") % {"statement_id": statement_id}
        )
    actor = access_consultation(user, consultation_id, Action.STATEMENT_MODERATE, lock=True)
    statement = Statement.objects.select_related("consultation__round").get(pk=statement_id)
    reason = checked_plain(" ".join((reason or "").split()), "The reason")
    if len(reason) > MAX_REASON:
        raise ActionError(
            _("A reason is at most %(max_reason)s characters; this is %(count)s.")
            % {"max_reason": MAX_REASON, "count": len(reason)}
        )
    if decision == "accept":
        state = Statement.State.ACCEPTED
    elif decision == "reject":
        state = Statement.State.REJECTED
        if not reason:
            raise ActionError(_("Say why the statement is rejected."))
    else:
        raise ActionError(_("Moderation is accept or reject."))
    if statement.state == state and statement.reason == reason:
        raise ActionError(
            _("The statement is already %(value)s.") % {"value": statement.get_state_display()}
        )
    _moderate(actor, statement, state, reason if state == Statement.State.REJECTED else "")
    return statement


@transaction.atomic
def statement_vote(
    *,
    user: User | AnonymousUser,
    consultation_id: int,
    statement_id: int,
    choice: str,
    participant_key: str | None = None,
) -> Vote:
    """Agree, disagree or pass on an accepted statement; a repeat vote replaces the earlier.

    No lock on the consultation: the vote is one upsert on (participant, statement) and a
    counter of the participant's shard (``counts.record_vote``); repeating the same vote
    changes nothing. The consultation must be open when the vote reads it: a vote that
    began before the convener's closing committed may still land.
    """
    actor = access_consultation(user, consultation_id, Action.STATEMENT_VOTE)
    if choice not in CHOICES:
        raise ActionError(_("A vote is agree, disagree or pass."))
    state = (
        Statement.objects.filter(pk=statement_id, consultation_id=consultation_id)
        .values_list("state", flat=True)
        .first()
    )
    if state is None:
        raise NotFound(
            _("There is no statement %(statement_id)s in this consultation.")
            % {"statement_id": statement_id}
        )
    if state != Statement.State.ACCEPTED:
        raise ActionError(
            _("This statement is not open for votes (it was rejected or awaits moderation).")
        )
    participant = ensure_participant(actor, participant_key)
    value = CHOICES[choice]
    record_vote(
        consultation_id=consultation_id,
        participant_id=participant.pk,
        statement_id=statement_id,
        value=value,
    )
    return Vote(participant=participant, statement_id=statement_id, value=value)
