"""Proposals: ``proposal.list``, ``proposal.draft``, ``proposal.table``, ``proposal.withdraw``,
``proposal.support``, ``proposal.oppose``; the mediator's ``proposal.mediate`` and the
translators' ``translation.supply``. A draft is returned only to its own delegation."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from astana.core.actions import Action
from astana.web.api.auth import API_AUTH, caller
from astana.web.api.routing import Operations
from astana.web.api.schemas import BasedOnIn, Id
from astana.web.negotiation import actions, selectors
from astana.web.negotiation.access import access_text
from astana.web.negotiation.schemas import (
    ProposalDraftIn,
    ProposalMediateIn,
    ProposalOut,
    PublicId,
    RevisionOut,
    TranslationIn,
)

router = Router(auth=API_AUTH, tags=["proposals"])
api = Operations(router)


@api.get("/texts/{text_id}/proposals", "proposal.list")
def proposal_list(request: HttpRequest, text_id: Id) -> list[ProposalOut]:
    """Every proposal on the text the caller may read: all tabled ones, and their own drafts."""
    actor, text = access_text(caller(request), text_id)
    return [ProposalOut.of(row, actor.delegation) for row in selectors.proposals_for(actor, text)]


@api.post("/texts/{text_id}/proposals", Action.PROPOSAL_DRAFT)
def proposal_draft(
    request: HttpRequest, text_id: Id, payload: ProposalDraftIn
) -> Status[ProposalOut]:
    """A delegation drafts a proposal against the current revision (visible only to it)."""
    row = actions.proposal_draft(
        user=caller(request),
        text_id=text_id,
        change=payload.change.model_dump(exclude_none=True),
        justification=payload.justification,
    )
    return Status(201, ProposalOut.of(row, row.author))


@api.post("/proposals/{proposal_id}/table", Action.PROPOSAL_TABLE)
def proposal_table(request: HttpRequest, proposal_id: PublicId, payload: BasedOnIn) -> ProposalOut:
    """Table a draft: every reader of the text now sees it, attributed."""
    row = actions.proposal_table(
        user=caller(request), proposal_id=proposal_id, based_on=payload.based_on
    )
    return ProposalOut.of(row, row.author)


@api.post("/proposals/{proposal_id}/withdraw", Action.PROPOSAL_WITHDRAW)
def proposal_withdraw(
    request: HttpRequest, proposal_id: PublicId, payload: BasedOnIn
) -> ProposalOut:
    """The author withdraws a draft or a tabled proposal."""
    row = actions.proposal_withdraw(
        user=caller(request), proposal_id=proposal_id, based_on=payload.based_on
    )
    return ProposalOut.of(row, row.author)


@api.post("/proposals/{proposal_id}/support", Action.PROPOSAL_SUPPORT)
def proposal_support(
    request: HttpRequest, proposal_id: PublicId, payload: BasedOnIn
) -> ProposalOut:
    """Another delegation supports a tabled proposal."""
    row = actions.proposal_support(
        user=caller(request), proposal_id=proposal_id, based_on=payload.based_on
    )
    return ProposalOut.of(row, None)  # the caller is another delegation


@api.post("/proposals/{proposal_id}/oppose", Action.PROPOSAL_OPPOSE)
def proposal_oppose(request: HttpRequest, proposal_id: PublicId, payload: BasedOnIn) -> ProposalOut:
    """Another delegation opposes a tabled proposal."""
    row = actions.proposal_oppose(
        user=caller(request), proposal_id=proposal_id, based_on=payload.based_on
    )
    return ProposalOut.of(row, None)  # the caller is another delegation


@api.post("/texts/{text_id}/mediator-proposals", Action.PROPOSAL_MEDIATE)
def proposal_mediate(
    request: HttpRequest, text_id: Id, payload: ProposalMediateIn
) -> Status[ProposalOut]:
    """The mediator tables a mediator's proposal or a bridging text (no draft stage)."""
    row = actions.proposal_mediate(
        user=caller(request),
        text_id=text_id,
        based_on=payload.based_on,
        change=payload.change.model_dump(exclude_none=True),
        origin=payload.origin,
        justification=payload.justification,
    )
    return Status(201, ProposalOut.of(row, None))


@api.post("/texts/{text_id}/translations", Action.TRANSLATION_SUPPLY)
def translation_supply(
    request: HttpRequest, text_id: Id, payload: TranslationIn
) -> Status[RevisionOut]:
    """The mediator or the secretariat supplies or corrects a provision's language version:
    the next revision has it, no longer flagged as needing translation."""
    row = actions.translation_supply(
        user=caller(request),
        text_id=text_id,
        based_on=payload.based_on,
        provision=payload.provision,
        language=payload.language,
        text=payload.text,
    )
    return Status(201, RevisionOut.of(row))
