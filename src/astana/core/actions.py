"""The one table of actions: every change of state the platform offers, named once.

An action's dotted name (``"proposal.table"``) is its audit entry's action, its live event's
kind (where it has one) and its API operation id; its spec says which right of
:data:`astana.core.roles.RIGHTS` it needs, how its audit entry is seen, and whether the
process may ask a second factor for it. The web app's permission check, its audit entry, its
live event, the API's operation ids, the second factor's guarded actions and the generated
role-matrix tests all read this table (docs/architecture.md, "The action table").

To add an action: add its member to :class:`Action` and its :class:`Spec` to
:data:`ACTIONS` (a unit test fails when one is missing), then call it by that member.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from astana.core.roles import RIGHTS, Right, Role, has_right

__all__ = [
    "ACTIONS",
    "Action",
    "Audit",
    "Spec",
    "event_kind",
    "guarded_actions",
    "guarded_rights",
    "holders",
    "kept_private",
    "may",
    "spec",
]


class Audit(StrEnum):
    """How an action's audit entry is seen (DOMAIN.md, section 1: confidentiality)."""

    # Done in the open: the entry is read by the audit readers (convener, host), and the live
    # event (if any) reaches every reader of the round.
    PUBLIC = "public"
    # About a person's own account (tokens, the second factor, logins): the entry is read by
    # the audit readers only, and no live event announces it.
    CONFIDENTIAL = "confidential"
    # A delegation's own work (caucus notes, drafts): the entry is kept from every reader, the
    # convener included, and the live event reaches only the delegation, until the delegation
    # tables the object (an object that cannot be tabled stays private).
    DELEGATION_PRIVATE = "delegation-private"


class Action(StrEnum):
    """Every change of state, by its dotted name."""

    # Rounds and sessions
    ROUND_CREATE = "round.create"
    PARTICIPANT_INVITE = "participant.invite"
    SESSION_OPEN = "session.open"
    SESSION_CLOSE = "session.close"
    SESSION_RECORD = "session.record"
    SESSION_PUBLISH_MINUTES = "session.publish_minutes"
    # The negotiating text
    TEXT_CREATE = "text.create"
    REVISION_ISSUE = "revision.issue"
    REVISION_RENUMBER = "revision.renumber"
    PROVISION_AGREE_AD_REFERENDUM = "provision.agree_ad_referendum"
    PROVISION_CONFIRM = "provision.confirm"
    EXPERT_INVITE = "expert.invite"
    COMMENT_ADD = "comment.add"
    CAUCUS_NOTE_ADD = "caucus.note_add"
    TRANSLATION_SUPPLY = "translation.supply"
    PROPOSAL_DRAFT = "proposal.draft"
    PROPOSAL_TABLE = "proposal.table"
    PROPOSAL_MEDIATE = "proposal.mediate"
    PROPOSAL_WITHDRAW = "proposal.withdraw"
    PROPOSAL_SUPPORT = "proposal.support"
    PROPOSAL_OPPOSE = "proposal.oppose"
    POSITION_SET = "position.set"
    # Decisions and committees
    RULES_SET = "rules.set"
    DECISION_CALL = "decision.call"
    VOTE_CAST = "vote.cast"
    DECISION_CLOSE = "decision.close"
    DECISION_PUBLISH = "decision.publish"
    SIGNATURE_COUNT_SET = "signature_count.set"
    COMMITTEE_CREATE = "committee.create"
    COMMITTEE_NOMINATE = "committee.nominate"
    COMMITTEE_NOMINATE_LIST = "committee.nominate_list"
    COMMITTEE_WITHDRAW = "committee.withdraw"
    COMMITTEE_REPLACE = "committee.replace"
    COMMITTEE_APPROVE = "committee.approve"
    # The signing record
    KEY_REGISTER = "key.register"
    KEY_APPROVE = "key.approve"
    KEY_REVOKE = "key.revoke"
    SIGNATURE_STATEMENT = "signature.statement"
    SIGNATURE_ADD = "signature.add"
    REVISION_PUBLISH = "revision.publish"
    WITNESS_REGISTER = "witness.register"
    WITNESSES_REQUIRE = "witnesses.require"
    COSIGNATURE_ADD = "cosignature.add"
    # Consultations
    CONSULTATION_CREATE = "consultation.create"
    CONSULTATION_UPDATE = "consultation.update"
    CONSULTATION_IMPORT = "consultation.import"
    STATEMENT_SUBMIT = "statement.submit"
    STATEMENT_MODERATE = "statement.moderate"
    STATEMENT_VOTE = "statement.vote"
    # A person's own account
    TOKEN_CREATE = "token.create"
    TOKEN_REVOKE = "token.revoke"
    SECOND_FACTOR_ENABLE = "second_factor.enable"
    SECOND_FACTOR_DISABLE = "second_factor.disable"
    RECOVERY_CODES_REGENERATE = "recovery_codes.regenerate"
    PROCESS_SECOND_FACTOR = "process.second_factor"
    ACCOUNT_LOCKOUT = "account.lockout"
    ACCOUNT_UNLOCK = "account.unlock"

    @property
    def spec(self) -> Spec:
        return ACTIONS[self]

    @property
    def right(self) -> Right | None:
        return ACTIONS[self].right

    @property
    def operation_id(self) -> str:
        """The API operation id (the action's name); ValueError when the API does not offer it."""
        if not ACTIONS[self].api:
            raise ValueError(f"The API offers no operation {self.value!r}.")
        return self.value


@dataclass(frozen=True)
class Spec:
    """What the table says of one action.

    ``right``: the right of :data:`RIGHTS` it needs; None where no role gives it (a person's
    own account, an anonymous vote in an open consultation, a witness's cosignature: each
    checked by its own rule in its action). ``audit``: how its audit entry is seen, None when
    it writes none. ``event``: the kind of the live event it writes, None when it writes none.
    ``second_factor``: the process may ask a second factor of the roles that do it.
    ``api``: the API offers it, under the operation id of its name.
    """

    right: Right | None
    audit: Audit | None = Audit.PUBLIC
    event: str | None = None
    second_factor: bool = False
    api: bool = True


_P = Audit.PUBLIC
_C = Audit.CONFIDENTIAL
_D = Audit.DELEGATION_PRIVATE


def _live(right: Right, event: str, *, audit: Audit = _P, second_factor: bool = False) -> Spec:
    return Spec(right, audit, event, second_factor)


_TABLE: Final[dict[Action, Spec]] = {
    Action.ROUND_CREATE: _live(Right.ROUND_CREATE, "round.create", second_factor=True),
    Action.PARTICIPANT_INVITE: _live(
        Right.PARTICIPANT_INVITE, "participant.invite", second_factor=True
    ),
    Action.SESSION_OPEN: _live(Right.SESSION_OPEN, "session.open"),
    Action.SESSION_CLOSE: _live(Right.SESSION_CLOSE, "session.close"),
    Action.SESSION_RECORD: _live(Right.RECORD_EDIT, "session.record"),
    Action.SESSION_PUBLISH_MINUTES: _live(
        Right.RECORD_PUBLISH, "session.publish_minutes", second_factor=True
    ),
    # Creating a text issues its Rev.1: the live event says so.
    Action.TEXT_CREATE: _live(Right.TEXT_OWN, "revision.issue"),
    Action.REVISION_ISSUE: _live(Right.REVISION_ISSUE, "revision.issue", second_factor=True),
    # The technical renumbering of a clean text issues a revision too: the same live event.
    Action.REVISION_RENUMBER: _live(Right.REVISION_ISSUE, "revision.issue", second_factor=True),
    Action.PROVISION_AGREE_AD_REFERENDUM: _live(
        Right.REVISION_ISSUE, "provision.agree_ad_referendum", second_factor=True
    ),
    Action.PROVISION_CONFIRM: _live(Right.REVISION_ISSUE, "provision.confirm", second_factor=True),
    Action.EXPERT_INVITE: _live(Right.TEXT_OWN, "expert.invite"),
    Action.COMMENT_ADD: _live(Right.COMMENT_ADD, "comment.add"),
    Action.CAUCUS_NOTE_ADD: Spec(Right.CAUCUS_USE, _D),
    Action.PROPOSAL_DRAFT: _live(Right.PROPOSAL_TABLE, "proposal.draft", audit=_D),
    Action.PROPOSAL_TABLE: _live(Right.PROPOSAL_TABLE, "proposal.table"),
    # The mediator's proposal or bridging text: tabled at once (the mediator has no caucus),
    # announced like a party's tabled proposal.
    Action.PROPOSAL_MEDIATE: _live(Right.TEXT_OWN, "proposal.table"),
    # A language version supplied or corrected issues the next revision (docs/text-engine.md,
    # "Translations"): guarded like any revision.
    Action.TRANSLATION_SUPPLY: _live(Right.TEXT_TRANSLATE, "revision.issue", second_factor=True),
    # A draft withdrawn before it was tabled stays its delegation's secret.
    Action.PROPOSAL_WITHDRAW: _live(Right.PROPOSAL_TABLE, "proposal.withdraw", audit=_D),
    Action.PROPOSAL_SUPPORT: _live(Right.POSITION_SET, "proposal.support"),
    Action.PROPOSAL_OPPOSE: _live(Right.POSITION_SET, "proposal.oppose"),
    Action.POSITION_SET: _live(Right.POSITION_SET, "position.set"),
    # A round's rules announce themselves; a process's default rules write no event.
    Action.RULES_SET: _live(Right.RULES_SET, "rules.set", second_factor=True),
    Action.DECISION_CALL: _live(Right.DECISION_CALL, "decision.call", second_factor=True),
    Action.VOTE_CAST: _live(Right.VOTE_CAST, "vote.cast"),
    Action.DECISION_CLOSE: _live(Right.DECISION_CALL, "decision.close"),
    Action.DECISION_PUBLISH: _live(Right.RECORD_PUBLISH, "decision.publish", second_factor=True),
    # The secretariat records a count; the convener's recording is a publication (guarded).
    Action.SIGNATURE_COUNT_SET: Spec(Right.SIGNATURE_COUNT_SET, second_factor=True),
    # Committees: a bloc's nominating body (whatever its role) nominates, withdraws and
    # replaces, one member or a whole list; the convener too, for a bloc whose rules say so
    # (the right below); only the approvers the definition names approve (guarantors,
    # typically, but by name: no role gives it).
    Action.COMMITTEE_CREATE: Spec(Right.COMMITTEE_MANAGE, second_factor=True),
    Action.COMMITTEE_NOMINATE: Spec(Right.COMMITTEE_MANAGE),
    Action.COMMITTEE_NOMINATE_LIST: Spec(Right.COMMITTEE_MANAGE),
    Action.COMMITTEE_WITHDRAW: Spec(Right.COMMITTEE_MANAGE),
    Action.COMMITTEE_REPLACE: Spec(Right.COMMITTEE_MANAGE),
    Action.COMMITTEE_APPROVE: Spec(None, second_factor=True),
    # The signing record (its verifiable entries are in the log, not in the audit).
    Action.KEY_REGISTER: Spec(Right.KEY_REGISTER, second_factor=True),
    # The key's owner revokes their own key too (checked in the action).
    Action.KEY_APPROVE: Spec(Right.KEY_APPROVE, second_factor=True),
    Action.KEY_REVOKE: Spec(Right.KEY_APPROVE, second_factor=True),
    # Prepares the statement to sign: a read, guarded like the signature it leads to.
    Action.SIGNATURE_STATEMENT: Spec(Right.SIGNATURE_ADD, None, second_factor=True),
    Action.SIGNATURE_ADD: _live(Right.SIGNATURE_ADD, "signature.add", second_factor=True),
    Action.REVISION_PUBLISH: _live(Right.RECORD_PUBLISH, "revision.publish", second_factor=True),
    Action.WITNESS_REGISTER: Spec(Right.WITNESS_MANAGE, second_factor=True),
    Action.WITNESSES_REQUIRE: Spec(Right.WITNESS_MANAGE, second_factor=True),
    # A witness's cosignature authenticates itself.
    Action.COSIGNATURE_ADD: Spec(None, None),
    Action.CONSULTATION_CREATE: Spec(Right.CONSULTATION_MANAGE),
    Action.CONSULTATION_UPDATE: Spec(Right.CONSULTATION_MANAGE),
    Action.CONSULTATION_IMPORT: Spec(Right.CONSULTATION_MANAGE),
    # Anyone submits and votes in an open consultation (anonymous browsers where it allows);
    # votes are not audited one by one.
    Action.STATEMENT_SUBMIT: Spec(None),
    Action.STATEMENT_MODERATE: Spec(Right.CONSULTATION_MODERATE),
    Action.STATEMENT_VOTE: Spec(None, None),
    Action.TOKEN_CREATE: Spec(None, _C),
    Action.TOKEN_REVOKE: Spec(None, _C),
    Action.SECOND_FACTOR_ENABLE: Spec(None, _C, api=False),
    Action.SECOND_FACTOR_DISABLE: Spec(None, _C, api=False),
    Action.RECOVERY_CODES_REGENERATE: Spec(None, _C, api=False),
    Action.PROCESS_SECOND_FACTOR: Spec(None, _C, api=False),
    Action.ACCOUNT_LOCKOUT: Spec(None, _C, api=False),
    Action.ACCOUNT_UNLOCK: Spec(None, _C, api=False),
}
ACTIONS: Final[Mapping[Action, Spec]] = MappingProxyType(_TABLE)


def spec(action: Action) -> Spec:
    return ACTIONS[action]


def may(roles: Iterable[Role], action: Action) -> bool:
    """True when one of ``roles`` carries the right ``action`` needs (False for an action no
    role gives: its own rule decides)."""
    right = ACTIONS[action].right
    return right is not None and has_right(frozenset(roles), right)


def kept_private(action: Action, *, tabled: bool = False) -> bool:
    """Whether ``action``'s audit entry (and live event) is kept within the delegation: a
    delegation-private action on an object not (or never) tabled."""
    return ACTIONS[action].audit is Audit.DELEGATION_PRIVATE and not tabled


def event_kind(action: Action) -> str:
    """The kind of live event ``action`` writes; ValueError when it writes none."""
    kind = ACTIONS[action].event
    if kind is None:
        raise ValueError(f"{action.value} writes no live event.")
    return kind


def guarded_actions() -> frozenset[Action]:
    """The actions for which a process may ask a second factor."""
    return frozenset(action for action, entry in ACTIONS.items() if entry.second_factor)


def guarded_rights() -> frozenset[Right]:
    """The rights used by a guarded action (what the second factor protects, by right)."""
    return frozenset(
        entry.right for entry in ACTIONS.values() if entry.second_factor and entry.right
    )


def holders(action: Action) -> frozenset[Role]:
    """The roles whose rights give ``action``."""
    right = ACTIONS[action].right
    return frozenset(role for role, rights in RIGHTS.items() if right in rights)
