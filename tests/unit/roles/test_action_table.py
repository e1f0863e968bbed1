"""The one table of actions (astana.core.actions): complete, consistent with the rights."""

from __future__ import annotations

import pytest

from astana.core.actions import (
    ACTIONS,
    Action,
    Audit,
    event_kind,
    guarded_actions,
    guarded_rights,
    holders,
    kept_private,
    may,
    spec,
)
from astana.core.roles import RIGHTS, Right, Role, has_right

# The actions no role gives: each checks its own rule (a person's own account, an open
# consultation's public votes, a witness's self-authenticating cosignature, the approvers a
# committee's definition names).
OPEN = {
    Action.COMMITTEE_APPROVE,
    Action.COSIGNATURE_ADD,
    Action.STATEMENT_SUBMIT,
    Action.STATEMENT_VOTE,
    Action.TOKEN_CREATE,
    Action.TOKEN_REVOKE,
    Action.SECOND_FACTOR_ENABLE,
    Action.SECOND_FACTOR_DISABLE,
    Action.RECOVERY_CODES_REGENERATE,
    Action.PROCESS_SECOND_FACTOR,
    Action.ACCOUNT_LOCKOUT,
    Action.ACCOUNT_UNLOCK,
}


def test_every_action_has_one_spec() -> None:
    assert set(ACTIONS) == set(Action)


def test_names_are_unique_and_dotted() -> None:
    names = [action.value for action in Action]
    assert len(names) == len(set(names))
    for name in names:
        head, _, tail = name.partition(".")
        assert head and tail and name == name.lower(), name


@pytest.mark.parametrize("action", list(Action), ids=str)
def test_every_right_is_held_by_a_role(action: Action) -> None:
    entry = spec(action)
    if action in OPEN:
        assert entry.right is None
        assert not any(may({role}, action) for role in Role)
        return
    assert entry.right is not None, f"{action} names no right"
    assert holders(action), f"no role holds {entry.right} for {action}"
    for role in Role:
        assert may({role}, action) == (entry.right in RIGHTS[role])


def test_every_right_is_needed_by_an_action_or_read() -> None:
    reads = {Right.TEXT_READ, Right.OUTCOME_READ, Right.AUDIT_READ, Right.CAUCUS_USE}
    used = {entry.right for entry in ACTIONS.values()} | reads
    assert set(Right) <= used, set(Right) - used


def test_categories() -> None:
    for action, entry in ACTIONS.items():
        assert entry.audit is None or entry.audit in set(Audit), action
        if entry.audit is Audit.CONFIDENTIAL:  # a person's own account: nothing announced
            assert entry.event is None and entry.right is None, action
    private = {a for a, entry in ACTIONS.items() if entry.audit is Audit.DELEGATION_PRIVATE}
    assert private == {
        Action.CAUCUS_NOTE_ADD,
        Action.PROPOSAL_DRAFT,
        Action.PROPOSAL_WITHDRAW,
    }
    for action in private:  # only a delegation does its own private work
        assert holders(action) <= {Role.PARTY, Role.GUARANTOR}, action


def test_event_kinds_are_action_names() -> None:
    names = {action.value for action in Action}
    for action, entry in ACTIONS.items():
        assert entry.event is None or entry.event in names, action


def test_second_factor_guards_signing_approving_publishing_convening() -> None:
    guarded = guarded_actions()
    # Issue 13: roles that sign, approve keys, publish or convene.
    for action in (
        Action.SIGNATURE_ADD,
        Action.KEY_REGISTER,
        Action.KEY_APPROVE,
        Action.KEY_REVOKE,
        Action.REVISION_PUBLISH,
        Action.DECISION_PUBLISH,
        Action.SESSION_PUBLISH_MINUTES,
        Action.ROUND_CREATE,
        Action.RULES_SET,
        Action.DECISION_CALL,
        Action.COMMITTEE_CREATE,
        Action.COMMITTEE_APPROVE,
    ):
        assert action in guarded, action
    for action in (Action.PROPOSAL_DRAFT, Action.VOTE_CAST, Action.DECISION_CLOSE):
        assert action not in guarded, action
    assert Right.DECISION_CALL in guarded_rights()
    assert Right.TEXT_READ not in guarded_rights()


def test_operation_ids() -> None:
    assert Action.PROPOSAL_TABLE.operation_id == "proposal.table"
    with pytest.raises(ValueError, match="no operation"):
        _ = Action.ACCOUNT_LOCKOUT.operation_id


def test_signing_delegations_are_parties_and_guarantors() -> None:
    """Signing's "party or guarantor" is a right now, not a recomputed pair of roles."""
    assert holders(Action.KEY_REGISTER) == {Role.PARTY, Role.GUARANTOR}
    assert holders(Action.SIGNATURE_ADD) == {Role.PARTY, Role.GUARANTOR}


def test_consultation_rights() -> None:
    """Consultations' managers and moderators are rights, not role lists of their own."""
    assert holders(Action.CONSULTATION_UPDATE) == {Role.CONVENER}
    assert holders(Action.STATEMENT_MODERATE) == {Role.CONVENER, Role.SECRETARIAT}
    assert has_right({Role.SECRETARIAT}, Right.CONSULTATION_MODERATE)


def test_what_is_kept_within_the_delegation() -> None:
    assert kept_private(Action.CAUCUS_NOTE_ADD)
    assert kept_private(Action.PROPOSAL_DRAFT)
    assert kept_private(Action.PROPOSAL_WITHDRAW)  # a draft withdrawn before tabling
    assert not kept_private(Action.PROPOSAL_WITHDRAW, tabled=True)
    assert not kept_private(Action.PROPOSAL_TABLE)
    assert not kept_private(Action.TOKEN_CREATE)


def test_event_kinds() -> None:
    assert event_kind(Action.TEXT_CREATE) == "revision.issue"  # Rev.1 is issued
    assert event_kind(Action.PROPOSAL_TABLE) == "proposal.table"
    with pytest.raises(ValueError, match="no live event"):
        event_kind(Action.CAUCUS_NOTE_ADD)
