"""``decision.call``, ``vote.cast``, ``decision.close``, ``decision.publish``: the mediator puts
a question to the vote in an open session, the parties vote by name, the mediator closes the
vote and the outcome (the core's ``decide``, explained in Arabic, English and Russian) goes
into the session's minutes and the text's history; the convener publishes it.

Where the rules keep votes secret until closing, nothing said before closing (the audit
entry, the live event, the pages, the API) tells how anyone voted or how the count stands.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.language import LANGUAGES
from astana.web.accounts.models import User
from astana.web.common.audit import audit
from astana.web.common.characters import checked_text, translations
from astana.web.common.errors import ActionError, Forbidden
from astana.web.common.events import event
from astana.web.decisions.access import access_decision
from astana.web.decisions.counting import outcome_of, voter_key, voting_members
from astana.web.decisions.models import Decision, Vote
from astana.web.decisions.rule_words import rule_in_words
from astana.web.decisions.selectors import rules_for_round
from astana.web.negotiation.access import Actor, access_round
from astana.web.negotiation.actions.common import latest_revision
from astana.web.negotiation.models import NegotiationText
from astana.web.negotiation.presenting import delegation_name, reader
from astana.web.processes.models import Session

__all__ = ["decision_call", "decision_close", "decision_publish", "vote_cast"]

MAX_QUESTION = 1000
SUBJECTS = {choice.value for choice in Decision.Subject}
CHOICES = {choice.value for choice in Vote.Choice}
MINUTES_LINE = {
    "en": "Decision {number} ({question}): {explanation}",
    "ar": "القرار {number} ({question}): {explanation}",
    "ru": "Решение {number} ({question}): {explanation}",
}


def _questions(questions: Mapping[str, str]) -> dict[str, str]:
    cleaned = translations(questions, "The question")
    if not cleaned:
        raise ActionError(_("The question put to the vote is needed in at least one language."))
    if any(len(v) > MAX_QUESTION for v in cleaned.values()):
        raise ActionError(
            _("The question is at most %(max_question)s characters.")
            % {"max_question": MAX_QUESTION}
        )
    return {k: checked_text(v, f"The {k} question", line_breaks=True) for k, v in cleaned.items()}


def _open_session(actor: Actor) -> Session:
    session = Session.objects.select_for_update().filter(round=actor.round, is_open=True).first()
    if session is None:
        raise ActionError(_("No session of this round is open; a decision is taken in a session."))
    return session


def _subject(
    actor: Actor, subject: str, text_id: int | None, provision: str
) -> tuple[NegotiationText | None, str]:
    if subject not in SUBJECTS:
        raise ActionError(
            _("The subject is one of: %(subjects)s.") % {"subjects": ", ".join(sorted(SUBJECTS))}
        )
    if subject == Decision.Subject.PROCEDURE:
        if text_id is not None or provision:
            raise ActionError(_("A procedural question names no text or provision."))
        return None, ""
    text = (
        None
        if text_id is None
        else NegotiationText.objects.filter(pk=text_id, round=actor.round).first()
    )
    if text is None:
        raise ActionError(_("Name the text of this round that the decision is on."))
    if subject == Decision.Subject.DOCUMENT:
        if provision:
            raise ActionError(_("The adoption of a document names no provision."))
        return text, ""
    revision = latest_revision(text)[1]
    if not provision or provision not in revision.document:
        raise ActionError(
            _("There is no provision %(provision)s in Rev.%(number)s.")
            % {"provision": repr(provision), "number": revision.number}
        )
    return text, provision


@transaction.atomic
def decision_call(
    *,
    user: User,
    round_id: int,
    subject: str,
    questions: Mapping[str, str],
    text_id: int | None = None,
    provision: str = "",
    secret: bool = False,
) -> Decision:
    """The mediator puts a question to the vote in the open session, under the round's rules
    (``secret`` keeps the votes hidden until closing even where the rules do not)."""
    actor = access_round(user, round_id, need=Action.DECISION_CALL)
    session = _open_session(actor)
    text, provision = _subject(actor, subject, text_id, provision)
    question = _questions(questions)
    rules = rules_for_round(actor.round)
    members = voting_members(actor.round, rules.voting)
    if not members:
        raise ActionError(_("This round has no parties to vote; invite parties first."))
    number = (actor.round.decisions.aggregate(Max("number"))["number__max"] or 0) + 1
    decision = Decision.objects.create(
        round=actor.round,
        session=session,
        number=number,
        subject=subject,
        text=text,
        provision=provision,
        rule=rules.rule,
        voting=rules.voting,
        secret=rules.secret or secret,
        members=members,
        called_by=user,
        **{f"question_{k}": v for k, v in question.items()},
    )
    audit(
        actor,
        Action.DECISION_CALL,
        decision,
        decision.pk,
        number=number,
        subject=subject,
        provision=provision,
        rule=rules.rule,
        secret=decision.secret,
    )
    event(
        actor.round,
        Action.DECISION_CALL,
        lambda: (
            _("Decision %(n)s called: %(question)s (%(rule)s)")
            % {
                "n": number,
                "question": decision.tr("question", reader()).text,
                "rule": rule_in_words(rules.rule),
            }
        ),
        text,
    )
    return decision


@transaction.atomic
def vote_cast(*, user: User, decision_id: int, choice: str) -> Vote:
    """A party's vote (its delegation's, or its own where each member votes): once, by name."""
    actor, decision = access_decision(user, decision_id, need=Action.VOTE_CAST)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not decision.is_open:
        raise ActionError(
            _("Decision %(number)s is closed; no vote can be cast.") % {"number": decision.number}
        )
    if not decision.session.is_open:
        raise ActionError(
            _("Session %(number)s is closed; no vote can be cast.")
            % {"number": decision.session.number}
        )
    if choice not in CHOICES:
        raise ActionError(
            _("A vote is one of: %(choices)s.") % {"choices": ", ".join(sorted(CHOICES))}
        )
    delegation = actor.delegation
    if delegation is None:
        raise Forbidden(_("You act for no delegation that votes here."))
    key = voter_key(delegation.slug, user.get_username(), decision.voting)
    if key not in {m["key"] for m in decision.members}:
        raise Forbidden(
            _("%(slug)s is not a voting member of decision %(number)s.")
            % {"slug": delegation.slug, "number": decision.number}
        )
    earlier = Vote.objects.filter(decision=decision, voter=key).first()
    if earlier is not None:
        who = "You have" if key != delegation.slug else f"{delegation.slug} has"
        raise ActionError(
            _("%(who)s already voted on decision %(number)s; a vote cannot be changed.")
            % {"who": who, "number": decision.number}
        )
    vote = Vote.objects.create(
        decision=decision, voter=key, delegation=delegation, cast_by=user, choice=choice
    )
    if decision.secret:  # how anyone voted stays out of the log until the roll call at closing
        audit(actor, Action.VOTE_CAST, decision, decision.pk, voter=key)
    else:
        audit(actor, Action.VOTE_CAST, decision, decision.pk, voter=key, choice=choice)
    # The delegation by name (and the member voting for it, where each member votes).
    member = "" if key == delegation.slug else (user.get_full_name() or user.get_username())

    def summary() -> str:
        voter = delegation_name(delegation)
        if member:
            voter = _("%(delegation)s (%(member)s)") % {"delegation": voter, "member": member}
        words = {"voter": voter, "n": decision.number}
        if decision.secret:
            return _("%(voter)s voted on decision %(n)s") % words
        return {
            "yes": _("%(voter)s voted yes on decision %(n)s"),
            "no": _("%(voter)s voted no on decision %(n)s"),
            "abstain": _("%(voter)s abstained on decision %(n)s"),
        }[choice] % words

    event(actor.round, Action.VOTE_CAST, summary, decision.text)
    return vote


def _minutes(session: Session, decision: Decision) -> None:
    for language in LANGUAGES:
        line = MINUTES_LINE[language].format(
            number=decision.number,
            question=decision.tr("question", language).text,
            explanation=getattr(decision, f"explanation_{language}"),
        )
        minutes = getattr(session, f"minutes_{language}")
        setattr(session, f"minutes_{language}", f"{minutes}\n{line}".strip())
    session.version += 1
    session.save()


@transaction.atomic
def decision_close(*, user: User, decision_id: int) -> Decision:
    """The mediator closes the vote: the outcome is decided, explained, and recorded in the
    session's minutes, the audit log and the live feed of the text."""
    actor, decision = access_decision(user, decision_id, need=Action.DECISION_CLOSE)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not decision.is_open:
        raise ActionError(_("Decision %(number)s is already closed.") % {"number": decision.number})
    outcome = outcome_of(decision)
    decision.state = Decision.State.CLOSED
    decision.closed_at = timezone.now()
    decision.adopted = outcome.adopted
    decision.outcome = outcome.as_dict()
    for language in LANGUAGES:
        setattr(decision, f"explanation_{language}", outcome.explain(language))
    decision.save()
    session = Session.objects.select_for_update().get(pk=decision.session_id)
    _minutes(session, decision)
    roll_call = dict(decision.votes.values_list("voter", "choice"))
    target = decision.text if decision.text is not None else decision
    audit(
        actor,
        Action.DECISION_CLOSE,
        target,
        target.pk,
        decision=decision.number,
        provision=decision.provision,
        adopted=outcome.adopted,
        explanation=outcome.explain("en"),
        roll_call=roll_call,
    )
    event(
        actor.round,
        Action.DECISION_CLOSE,
        lambda: (
            _("Decision %(n)s: %(outcome)s")
            % {"n": decision.number, "outcome": outcome.explain(reader())}
        ),
        decision.text,
    )
    return decision


@transaction.atomic
def decision_publish(*, user: User, decision_id: int) -> Decision:
    """The convener publishes a closed decision's outcome to the public record."""
    actor, decision = access_decision(user, decision_id, need=Action.DECISION_PUBLISH)
    if decision.is_open:
        raise ActionError(
            _("Decision %(number)s is still open; close it first.") % {"number": decision.number}
        )
    if decision.published:
        raise ActionError(
            _("Decision %(number)s is already published.") % {"number": decision.number}
        )
    decision.published = True
    decision.save(update_fields=["published"])
    audit(actor, Action.DECISION_PUBLISH, decision, decision.pk, number=decision.number)
    event(
        actor.round,
        Action.DECISION_PUBLISH,
        lambda: _("Decision %(n)s published") % {"n": decision.number},
    )
    return decision
