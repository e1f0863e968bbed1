"""The second factor guards calling a decision and approving a committee's members (issue 13:
"roles that sign, approve keys, publish or convene"; the action table marks both): a process
that asks it of the mediator refuses an unverified mediator's call, and one that asks it of
the guarantors refuses an unverified guarantor's approval, with nothing changed. Closing a
decision, nominating and approving for a role the process does not ask stay as they were."""

from __future__ import annotations

import pytest

from astana.core.actions import Action
from astana.web.accounts.demo import DEMO_PROCESS
from astana.web.accounts.second_factor import second_factor_roles_set
from astana.web.common.errors import Forbidden
from astana.web.decisions import actions
from astana.web.decisions.models import Approval, Committee, Decision
from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import Round

from .conftest import call, user
from .test_committees import FIRST_LIST, _nominate

pytestmark = pytest.mark.django_db


def test_an_unverified_mediator_may_not_call_a_decision(
    sandbox: Round, roadmap: NegotiationText
) -> None:
    second_factor_roles_set(process_slug=DEMO_PROCESS, roles=["mediator"])
    with pytest.raises(Forbidden, match=r"second factor of its mediator for decision\.call"):
        call(sandbox, roadmap)
    assert not Decision.objects.exists()
    second_factor_roles_set(process_slug=DEMO_PROCESS, roles=[])
    assert call(sandbox, roadmap).is_open


def test_closing_a_decision_is_not_guarded(sandbox: Round, roadmap: NegotiationText) -> None:
    decision = call(sandbox, roadmap)
    second_factor_roles_set(process_slug=DEMO_PROCESS, roles=["mediator"])
    closed = actions.decision_close(user=user("mediator"), decision_id=decision.pk)
    assert not closed.is_open
    assert Action.DECISION_CLOSE.spec.second_factor is False


def test_an_unverified_guarantor_may_not_approve_a_committee(committee: Committee) -> None:
    _nominate(committee, FIRST_LIST)  # by the convener, whom the process does not ask
    second_factor_roles_set(process_slug=DEMO_PROCESS, roles=["guarantor"])
    with pytest.raises(Forbidden, match=r"second factor of its guarantor for committee\.approve"):
        actions.committee_approve(user=user("guarantor"), committee_id=committee.pk)
    assert not Approval.objects.exists()
    # The other approver (an observer, whom the process does not ask) approves.
    assert actions.committee_approve(user=user("observer"), committee_id=committee.pk)
    second_factor_roles_set(process_slug=DEMO_PROCESS, roles=[])
    assert actions.committee_approve(user=user("guarantor"), committee_id=committee.pk)
