"""Roles in a process and the rights each carries (DOMAIN.md, section 1).

This table is the single statement of who may do what; the action table
(:mod:`astana.core.actions`) names the right each action needs, and the web app's access
helpers and the role matrix tests read both. A person acts for an organisation and inherits
the roles that organisation holds in the process.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

__all__ = ["RIGHTS", "Right", "Role", "has_right"]


class Role(StrEnum):
    """An organisation's role in a process."""

    CONVENER = "convener"
    HOST = "host"
    MEDIATOR = "mediator"
    PARTY = "party"
    GUARANTOR = "guarantor"
    OBSERVER = "observer"
    EXPERT = "expert"
    SECRETARIAT = "secretariat"


class Right(StrEnum):
    """Something a role may do; dotted names double as permission keys."""

    ROUND_CREATE = "round.create"
    PARTICIPANT_INVITE = "participant.invite"
    RULES_SET = "rules.set"
    RECORD_PUBLISH = "record.publish"
    SESSION_OPEN = "session.open"
    SESSION_CLOSE = "session.close"
    AUDIT_READ = "audit.read"
    TEXT_OWN = "text.own"
    REVISION_ISSUE = "revision.issue"
    # Supply or correct a provision's version in a language (issues a revision).
    TEXT_TRANSLATE = "text.translate"
    DECISION_CALL = "decision.call"
    PROPOSAL_TABLE = "proposal.table"
    POSITION_SET = "position.set"
    VOTE_CAST = "vote.cast"
    SIGNATURE_ADD = "signature.add"
    CAUCUS_USE = "caucus.use"
    COMMITTEE_MANAGE = "committee.manage"
    KEY_REGISTER = "key.register"
    KEY_APPROVE = "key.approve"
    WITNESS_MANAGE = "witness.manage"
    SIGNATURE_COUNT_SET = "signature_count.set"
    CONSULTATION_MANAGE = "consultation.manage"
    CONSULTATION_MODERATE = "consultation.moderate"
    TEXT_READ = "text.read"
    OUTCOME_READ = "outcome.read"
    COMMENT_ADD = "comment.add"
    RECORD_EDIT = "record.edit"


_CONVENER: Final = frozenset(
    {
        Right.ROUND_CREATE,
        Right.PARTICIPANT_INVITE,
        Right.RULES_SET,
        Right.RECORD_PUBLISH,
        Right.AUDIT_READ,
        Right.TEXT_READ,
        Right.OUTCOME_READ,
        # Committees: the convener defines them, and nominates for a bloc's nominating body.
        Right.COMMITTEE_MANAGE,
        # The signing record: the convener approves and revokes keys, registers witnesses and
        # sets how many a document needs, and records a signature count as a publication.
        Right.KEY_APPROVE,
        Right.WITNESS_MANAGE,
        Right.SIGNATURE_COUNT_SET,
        # Consultations: the convener creates, opens, closes, publishes and imports them.
        Right.CONSULTATION_MANAGE,
        Right.CONSULTATION_MODERATE,
    }
)
_PARTY: Final = frozenset(
    {
        Right.PROPOSAL_TABLE,
        Right.POSITION_SET,
        Right.VOTE_CAST,
        Right.SIGNATURE_ADD,
        Right.KEY_REGISTER,
        Right.CAUCUS_USE,
        Right.TEXT_READ,
        Right.OUTCOME_READ,
    }
)

RIGHTS: Final[dict[Role, frozenset[Right]]] = {
    Role.CONVENER: _CONVENER,
    # The host opens and closes sessions and sees everything the convener sees (reads only).
    Role.HOST: frozenset(
        {
            Right.SESSION_OPEN,
            Right.SESSION_CLOSE,
            Right.AUDIT_READ,
            Right.TEXT_READ,
            Right.OUTCOME_READ,
        }
    ),
    Role.MEDIATOR: frozenset(
        {
            Right.TEXT_OWN,
            Right.REVISION_ISSUE,
            Right.TEXT_TRANSLATE,
            Right.DECISION_CALL,
            Right.TEXT_READ,
            Right.OUTCOME_READ,
        }
    ),
    Role.PARTY: _PARTY,
    # Guarantors act like parties for joint statements. They approve a committee's composition
    # as the approvers its definition names (whatever their role), not through a right.
    Role.GUARANTOR: _PARTY,
    Role.OBSERVER: frozenset({Right.TEXT_READ, Right.OUTCOME_READ}),
    Role.EXPERT: frozenset({Right.COMMENT_ADD, Right.TEXT_READ, Right.OUTCOME_READ}),
    # The secretariat edits records (a signature count among them), moderates statements and
    # supplies the language versions of the text (its translators).
    Role.SECRETARIAT: frozenset(
        {
            Right.RECORD_EDIT,
            Right.TEXT_TRANSLATE,
            Right.SIGNATURE_COUNT_SET,
            Right.CONSULTATION_MODERATE,
            Right.TEXT_READ,
            Right.OUTCOME_READ,
        }
    ),
}


def has_right(roles: frozenset[Role] | set[Role], right: Right) -> bool:
    """True when any of ``roles`` carries ``right``."""
    return any(right in RIGHTS[role] for role in roles)
