"""Who may do what in a round: one condition per line, used by actions, pages and the API.

A person acts for organisations; an organisation invited to a round in a role gives its
delegates that role there. Where a round has no invitations, the organisations' roles in the
process apply. Nothing confidential is read except through these helpers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.roles import Right, Role, has_right
from astana.web.accounts.access import permit
from astana.web.accounts.models import User
from astana.web.common.actors import Acting
from astana.web.common.errors import NotFound
from astana.web.negotiation.models import NegotiationText, RoundInvitation, TextProposal
from astana.web.processes.models import Organisation, Participation, Process, Round

__all__ = [
    "Actor",
    "access_proposal",
    "access_round",
    "access_text",
    "actor_in_round",
    "proposal_moves",
]


# A role acts for a delegation when it has a caucus (it also tables proposals and signs).
DELEGATION_RIGHT = Right.CAUCUS_USE


@dataclass(frozen=True, kw_only=True)
class Actor(Acting):
    """A user in a round: their roles there and the delegation they act for, if any."""

    round: Round
    delegation: Organisation | None = None

    @property
    def process(self) -> Process:
        return self.round.process

    @property
    def label(self) -> str:
        return self.delegation.slug if self.delegation else self.user.get_username()


def actor_in_round(user: User | AnonymousUser, rnd: Round) -> Actor:
    """The roles ``user`` holds in ``rnd`` and the delegation they act for."""
    if not user.is_authenticated or getattr(user, "person", None) is None:
        return Actor(user=user, round=rnd, roles=frozenset())
    org_ids = set(user.person.memberships.values_list("organisation_id", flat=True))
    # The round's invitations in one query (a round invites tens of organisations): whether it
    # has any, and which are the user's.
    invited = list(
        RoundInvitation.objects.filter(round=rnd).select_related("organisation").order_by("id")
    )
    rows: list[RoundInvitation] | list[Participation]
    if invited:
        rows = [row for row in invited if row.organisation_id in org_ids]
    else:
        rows = list(
            Participation.objects.filter(
                process_id=rnd.process_id, organisation_id__in=org_ids
            ).select_related("organisation")
        )
    pairs = [(Role(row.role), row.organisation) for row in rows]
    roles = frozenset(role for role, _ in pairs)
    delegation = next((org for role, org in pairs if has_right({role}, DELEGATION_RIGHT)), None)
    organisations = tuple(dict.fromkeys(org for _, org in pairs))
    return Actor(
        user=user, round=rnd, roles=roles, delegation=delegation, organisations=organisations
    )


def access_round(
    user: User | AnonymousUser, round_id: int, need: Right | Action = Right.TEXT_READ
) -> Actor:
    """The actor in round ``round_id`` holding ``need``; NotFound when they may not see it."""
    rnd = Round.objects.select_related("process").filter(pk=round_id).first()
    if rnd is None:
        raise NotFound(_("There is no round %(round_id)s.") % {"round_id": round_id})
    actor = actor_in_round(user, rnd)
    if not actor.roles:
        raise NotFound(
            _("There is no round %(round_id)s that you take part in.") % {"round_id": round_id}
        )
    permit(user, rnd.process, actor.roles, need)
    return actor


def access_text(
    user: User | AnonymousUser, text_id: int, need: Right | Action = Right.TEXT_READ
) -> tuple[Actor, NegotiationText]:
    """The text ``text_id`` and the actor, who must hold ``need`` in its round."""
    text = NegotiationText.objects.select_related("round__process").filter(pk=text_id).first()
    if text is None:
        raise NotFound(_("There is no text %(text_id)s.") % {"text_id": text_id})
    actor = actor_in_round(user, text.round)
    if not actor.can(Right.TEXT_READ):  # answered like a missing text: existence is not told
        raise NotFound(_("There is no text %(text_id)s.") % {"text_id": text_id})
    permit(user, text.round.process, actor.roles, need)
    return actor, text


def can_read_proposal(actor: Actor, proposal: TextProposal) -> bool:
    """A proposal never tabled (a draft, or a draft withdrawn before tabling) is read only by its
    author delegation, whatever state it reaches; a tabled one by every reader of the text."""
    if proposal.tabled_at is None:
        return actor.delegation is not None and actor.delegation.pk == proposal.author_id
    return actor.can(Right.TEXT_READ)


def proposal_moves(actor: Actor, proposal: TextProposal) -> frozenset[Action]:
    """What the actor may do with ``proposal`` now (the buttons a page shows): its delegation
    tables its draft and withdraws it while drafted or tabled; another delegation supports or
    opposes it once tabled. The actions check the same again."""
    if actor.delegation is None:
        return frozenset()
    if actor.delegation.pk == proposal.author_id:
        moves = {Action.PROPOSAL_TABLE} if proposal.state == "draft" else set()
        if proposal.state in ("draft", "tabled"):
            moves.add(Action.PROPOSAL_WITHDRAW)
    elif proposal.state == "tabled":
        moves = {Action.PROPOSAL_SUPPORT, Action.PROPOSAL_OPPOSE}
    else:
        moves = set()
    return frozenset(move for move in moves if actor.can(move))


def access_proposal(
    user: User | AnonymousUser, proposal_id: str, need: Right | Action = Right.TEXT_READ
) -> tuple[Actor, TextProposal]:
    """``proposal_id`` is the proposal's public id (never the row's id, which would count
    every delegation's drafts)."""
    proposal = (
        TextProposal.objects.select_related("text__round__process", "author")
        .filter(public_id=proposal_id)
        .first()
    )
    if proposal is None:
        raise NotFound(_("There is no proposal %(proposal_id)s.") % {"proposal_id": proposal_id})
    actor = actor_in_round(user, proposal.text.round)
    if not can_read_proposal(actor, proposal):
        raise NotFound(_("There is no proposal %(proposal_id)s.") % {"proposal_id": proposal_id})
    permit(user, proposal.text.round.process, actor.roles, need)
    return actor, proposal
