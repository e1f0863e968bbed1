"""Roles in a process and the rights each carries (DOMAIN.md, section 1).

This table is the single statement of who may do what; the web app's access helpers and
the role matrix tests read it. A person acts for an organisation and inherits the roles
that organisation holds in the process.
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
    DECISION_CALL = "decision.call"
    PROPOSAL_TABLE = "proposal.table"
    POSITION_SET = "position.set"
    VOTE_CAST = "vote.cast"
    SIGNATURE_ADD = "signature.add"
    CAUCUS_USE = "caucus.use"
    COMMITTEE_APPROVE = "committee.approve"
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
    }
)
_PARTY: Final = frozenset(
    {
        Right.PROPOSAL_TABLE,
        Right.POSITION_SET,
        Right.VOTE_CAST,
        Right.SIGNATURE_ADD,
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
            Right.DECISION_CALL,
            Right.TEXT_READ,
            Right.OUTCOME_READ,
        }
    ),
    Role.PARTY: _PARTY,
    # Guarantors act like parties for joint statements and approve committee composition.
    Role.GUARANTOR: _PARTY | {Right.COMMITTEE_APPROVE},
    Role.OBSERVER: frozenset({Right.TEXT_READ, Right.OUTCOME_READ}),
    Role.EXPERT: frozenset({Right.COMMENT_ADD, Right.TEXT_READ, Right.OUTCOME_READ}),
    Role.SECRETARIAT: frozenset({Right.RECORD_EDIT, Right.TEXT_READ, Right.OUTCOME_READ}),
}


def has_right(roles: frozenset[Role] | set[Role], right: Right) -> bool:
    """True when any of ``roles`` carries ``right``."""
    return any(right in RIGHTS[role] for role in roles)
