"""API routes of decisions and committees; ``api/urls.py`` registers ``router`` (prefix "").

Operation ids are the dotted action names. Reads of a round's decisions need a role in the
round; ``outcome.list`` and ``signature_count.read`` are public (published outcomes only),
and so are formed committees.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from astana.core.actions import Action
from astana.core.language import LANGUAGES
from astana.core.roles import Right
from astana.web.api.auth import API_AUTH, PUBLIC_AUTH, caller, reader
from astana.web.api.routing import Operations
from astana.web.api.schemas import Id
from astana.web.common.errors import NotFound
from astana.web.decisions import actions, selectors
from astana.web.decisions.access import access_committee, access_decision
from astana.web.decisions.models import Committee, Decision, SignatureCount
from astana.web.decisions.schemas import (
    ApprovalIn,
    ApprovalOut,
    CommitteeIn,
    CommitteeOut,
    DecisionIn,
    DecisionOut,
    NominationIn,
    NominationListIn,
    ReplacementIn,
    RulesIn,
    RulesOut,
    SignatureCountIn,
    SignatureCountOut,
    VoteIn,
    VoteOut,
)
from astana.web.negotiation.access import access_round
from astana.web.processes.models import OutcomeDocument

__all__ = ["router"]

router = Router(auth=API_AUTH, tags=["decisions"])
api = Operations(router)


def _decision(request: HttpRequest, decision: Decision) -> DecisionOut:
    actor, fresh = access_decision(caller(request), decision.pk)
    return DecisionOut(**selectors.decision_view(actor, fresh).as_dict())


def _committee(request: HttpRequest, committee: Committee | int) -> CommitteeOut:
    pk = committee if isinstance(committee, int) else committee.pk
    actor, fresh = access_committee(reader(request), pk)
    return CommitteeOut(**selectors.committee_view(actor, fresh).as_dict())


@api.get("/rounds/{round_id}/rules", "rules.read")
def rules_read(request: HttpRequest, round_id: Id) -> RulesOut:
    """The rules of procedure the round decides by (its own, or the process's default)."""
    actor = access_round(caller(request), round_id, need=Right.OUTCOME_READ)
    rules = selectors.rules_for_round(actor.round)
    return RulesOut(
        rule=rules.rule, voting=rules.voting, secret=rules.secret, own=bool(rules.round_id)
    )


@api.put("/rounds/{round_id}/rules", Action.RULES_SET)
def rules_set(request: HttpRequest, round_id: Id, payload: RulesIn) -> RulesOut:
    """The convener sets the round's rules; decisions already called keep theirs."""
    rules = actions.rules_set(
        user=caller(request),
        round_id=round_id,
        rule=payload.rule,
        voting=payload.voting,
        secret=payload.secret,
    )
    return RulesOut(rule=rules.rule, voting=rules.voting, secret=rules.secret, own=True)


@api.get("/rounds/{round_id}/decisions", "decision.list")
def decision_list(request: HttpRequest, round_id: Id) -> list[DecisionOut]:
    """The round's decisions, newest first; secret votes stay hidden until closing."""
    _, views = selectors.decisions_in_round(caller(request), round_id)
    return [DecisionOut(**view.as_dict()) for view in views]


@api.post("/rounds/{round_id}/decisions", Action.DECISION_CALL)
def decision_call(request: HttpRequest, round_id: Id, payload: DecisionIn) -> Status[DecisionOut]:
    """The mediator puts a question to the vote in the open session."""
    decision = actions.decision_call(
        user=caller(request),
        round_id=round_id,
        subject=payload.subject,
        questions=payload.questions.model_dump(),
        text_id=payload.text_id,
        provision=payload.provision,
        secret=payload.secret,
    )
    return Status(201, _decision(request, decision))


@api.get("/decisions/{decision_id}", "decision.read")
def decision_read(request: HttpRequest, decision_id: Id) -> DecisionOut:
    actor, decision = access_decision(caller(request), decision_id)
    return DecisionOut(**selectors.decision_view(actor, decision).as_dict())


@api.post("/decisions/{decision_id}/votes", Action.VOTE_CAST)
def vote_cast(request: HttpRequest, decision_id: Id, payload: VoteIn) -> Status[VoteOut]:
    """A party votes yes, no (a formal objection) or abstain: once, recorded by name."""
    vote = actions.vote_cast(user=caller(request), decision_id=decision_id, choice=payload.choice)
    return Status(201, VoteOut(decision_id=decision_id, voter=vote.voter, choice=vote.choice))


@api.post("/decisions/{decision_id}/close", Action.DECISION_CLOSE)
def decision_close(request: HttpRequest, decision_id: Id) -> DecisionOut:
    """The mediator closes the vote; the outcome goes into the minutes and the text's history."""
    decision = actions.decision_close(user=caller(request), decision_id=decision_id)
    return _decision(request, decision)


@api.post("/decisions/{decision_id}/publish", Action.DECISION_PUBLISH)
def decision_publish(request: HttpRequest, decision_id: Id) -> DecisionOut:
    """The convener publishes a closed decision's outcome to the public record."""
    decision = actions.decision_publish(user=caller(request), decision_id=decision_id)
    return _decision(request, decision)


@api.get("/rounds/{round_id}/outcomes", "outcome.list", auth=PUBLIC_AUTH)
def outcome_list(request: HttpRequest, round_id: Id) -> list[DecisionOut]:
    """Published outcomes of a round: public, no credential needed."""
    _, views = selectors.published_outcomes(round_id)
    return [DecisionOut(**view.as_dict()) for view in views]


def _signatures(count: SignatureCount) -> SignatureCountOut:
    return SignatureCountOut(
        document=count.document.slug,
        rule=count.rule,
        parties=count.parties,
        signed=count.signed,
        counted=count.counted,
        adopted=count.adopted,
        explanations={k: getattr(count, f"explanation_{k}") for k in LANGUAGES},
        notes={k: getattr(count, f"note_{k}") for k in LANGUAGES},
    )


@api.get("/documents/{slug}/signature-count", "signature_count.read", auth=PUBLIC_AUTH)
def signature_count_read(request: HttpRequest, slug: str) -> SignatureCountOut:
    """How many parties signed the outcome document, of how many, under which rule (public)."""
    count = SignatureCount.objects.select_related("document").filter(document__slug=slug).first()
    if count is None:
        if not OutcomeDocument.objects.filter(slug=slug).exists():
            raise NotFound(_("There is no document %(slug)s.") % {"slug": repr(slug)})
        raise NotFound(_("No signature count is recorded for %(slug)s.") % {"slug": repr(slug)})
    return _signatures(count)


@api.put("/documents/{slug}/signature-count", Action.SIGNATURE_COUNT_SET)
def signature_count_set(
    request: HttpRequest, slug: str, payload: SignatureCountIn
) -> SignatureCountOut:
    """The secretariat (or the convener) records the count; leave the numbers out when the
    sources give none."""
    count = actions.signature_count_set(
        user=caller(request),
        document_slug=slug,
        rule=payload.rule,
        parties=payload.parties,
        signed=payload.signed,
        notes=payload.notes.model_dump(),
    )
    return _signatures(count)


@api.get("/processes/{process_slug}/committees", "committee.list", auth=PUBLIC_AUTH)
def committee_list(request: HttpRequest, process_slug: str) -> list[CommitteeOut]:
    """The process's committees: as they form for its participants, formed ones for anyone."""
    actor, committees = selectors.committees_in_process(reader(request), process_slug)
    return [CommitteeOut(**selectors.committee_view(actor, c).as_dict()) for c in committees]


@api.post("/processes/{process_slug}/committees", Action.COMMITTEE_CREATE)
def committee_create(
    request: HttpRequest, process_slug: str, payload: CommitteeIn
) -> Status[CommitteeOut]:
    """The convener defines a committee: blocs, seats, small body, co-chairs, quotas, approvers."""
    committee = actions.committee_create(
        user=caller(request),
        process_slug=process_slug,
        slug=payload.slug,
        names=payload.names.model_dump(),
        definition=payload.definition.model_dump(),
    )
    return Status(201, _committee(request, committee))


@api.get("/committees/{committee_id}", "committee.read", auth=PUBLIC_AUTH)
def committee_read(request: HttpRequest, committee_id: Id) -> CommitteeOut:
    """The committee, its members and the live check: exactly which rule fails, by how much."""
    return _committee(request, committee_id)


@api.post("/committees/{committee_id}/nominees", Action.COMMITTEE_NOMINATE)
def committee_nominate(
    request: HttpRequest, committee_id: Id, payload: NominationIn
) -> Status[CommitteeOut]:
    """A bloc's nominating body (or the convener on its behalf) nominates a member."""
    actions.committee_nominate(user=caller(request), committee_id=committee_id, **payload.dict())
    return Status(201, _committee(request, committee_id))


@api.post("/committees/{committee_id}/nominee-lists", Action.COMMITTEE_NOMINATE_LIST)
def committee_nominate_list(
    request: HttpRequest, committee_id: Id, payload: NominationListIn
) -> Status[CommitteeOut]:
    """A bloc's nominating body adds a list of members at once; a list with any bad line is
    refused with every problem named by its line (``changes``), and nothing is added."""
    actions.committee_nominate_list(
        user=caller(request), committee_id=committee_id, **payload.dict()
    )
    return Status(201, _committee(request, committee_id))


@api.post("/nominees/{nominee_id}/withdraw", Action.COMMITTEE_WITHDRAW)
def committee_withdraw(request: HttpRequest, nominee_id: Id) -> CommitteeOut:
    nominee = actions.committee_withdraw(user=caller(request), nominee_id=nominee_id)
    return _committee(request, nominee.committee_id)


@api.post("/nominees/{nominee_id}/replace", Action.COMMITTEE_REPLACE)
def committee_replace(
    request: HttpRequest, nominee_id: Id, payload: ReplacementIn
) -> Status[CommitteeOut]:
    """Replace a member by another of the same bloc; the replacement needs every approval."""
    new = actions.committee_replace(user=caller(request), nominee_id=nominee_id, **payload.dict())
    return Status(201, _committee(request, new.committee_id))


@api.post("/committees/{committee_id}/approvals", Action.COMMITTEE_APPROVE)
def committee_approve(
    request: HttpRequest, committee_id: Id, payload: ApprovalIn
) -> Status[ApprovalOut]:
    """A named approver approves the listed members, or every member it has not approved."""
    approvals = actions.committee_approve(
        user=caller(request),
        committee_id=committee_id,
        approver=payload.approver,
        nominees=payload.nominees,
    )
    return Status(
        201,
        ApprovalOut(
            approver=approvals[0].approver.slug,
            nominees=[a.nominee_id for a in approvals],
            committee=_committee(request, committee_id),
        ),
    )


# Every operation of this router, for the API's matrix check (tests/integration/decisions
# hold this router's own role matrix, which checks that it covers every route tagged decisions).
OPERATIONS = frozenset(
    operation.operation_id or ""
    for view in router.path_operations.values()
    for operation in view.operations
)
