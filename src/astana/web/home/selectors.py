"""What needs a signed-in user, round by round, each read through its app's access rules:

- their delegation's drafts not tabled (only its own delegates read them);
- positions of their delegation given on an earlier wording of a provision (to renew);
- texts whose latest revision is adoptable and their delegation has not signed;
- open decisions they may vote on now;
- signing keys waiting for their approval (a convener of the process).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from astana.core.actions import Action
from astana.core.text import adoptable, position_grid
from astana.web.accounts.models import User
from astana.web.decisions.models import Decision
from astana.web.decisions.selectors import DecisionView, decision_view
from astana.web.negotiation.access import Actor, actor_in_round
from astana.web.negotiation.actions.common import latest_revision, positions_of
from astana.web.negotiation.grid import provision_title
from astana.web.negotiation.models import NegotiationText, TextProposal
from astana.web.processes.models import ROLE_LABELS, Round
from astana.web.signing.models import DelegateKey, DocumentSignature
from astana.web.signing.selectors import keys_to_approve

__all__ = ["Desk", "RoundNeeds", "my_desk"]

CURRENT = (Round.State.PLANNED, Round.State.IN_SESSION)


@dataclass
class RoundNeeds:
    round: Round
    actor: Actor
    drafts: list[TextProposal] = field(default_factory=list)
    renew: list[tuple[NegotiationText, list[str]]] = field(default_factory=list)
    sign: list[NegotiationText] = field(default_factory=list)
    votes: list[DecisionView] = field(default_factory=list)

    @property
    def roles(self) -> list[str]:
        """The user's roles in the round, in the reader's language."""
        return sorted(str(ROLE_LABELS[role.value]) for role in self.actor.roles)

    @property
    def count(self) -> int:
        return (
            len(self.drafts)
            + sum(len(titles) for _, titles in self.renew)
            + len(self.sign)
            + len(self.votes)
        )


@dataclass
class Desk:
    current: list[RoundNeeds]  # planned or in session, with what needs the user
    past: list[RoundNeeds]  # concluded or cancelled: listed, nothing asked
    keys: list[DelegateKey]  # pending keys the user may approve


def _rounds_of(user: User) -> list[Round]:
    person = getattr(user, "person", None)
    if person is None:
        return []
    orgs = list(person.memberships.values_list("organisation_id", flat=True))
    rows = (
        Round.objects.filter(
            Q(invitations__organisation_id__in=orgs)
            | Q(process__participations__organisation_id__in=orgs)
        )
        .distinct()
        .select_related("process")
        .order_by("-start", "-number")
    )
    return list(rows)


def _needs(actor: Actor, language: str) -> RoundNeeds:
    needs = RoundNeeds(round=actor.round, actor=actor)
    delegation = actor.delegation
    texts = list(NegotiationText.objects.filter(round=actor.round).order_by("created_at"))
    if delegation is not None:
        needs.drafts = list(
            TextProposal.objects.filter(
                text__round=actor.round, author=delegation, state="draft", tabled_at__isnull=True
            )
            .select_related("text")
            .order_by("text_id", "id")
        )
    for text in texts:
        row, revision = latest_revision(text)
        positions = positions_of(text)
        party = delegation.slug if delegation is not None else None
        if party in positions.parties and actor.can(Action.POSITION_SET):
            grid = position_grid(revision.document, positions, language)
            stale = [
                provision_title(revision.document, r.provision, language)
                for r in grid.rows
                for c in r.cells
                if c.party == party and c.stale
            ]
            if stale:
                needs.renew.append((text, stale))
        if (
            delegation is not None
            and actor.can(Action.SIGNATURE_ADD)
            and adoptable(revision.document, positions)
            and not DocumentSignature.objects.filter(
                text=text, revision=row.number, organisation=delegation
            ).exists()
        ):
            needs.sign.append(text)
    if actor.can(Action.VOTE_CAST):
        for decision in Decision.objects.filter(
            round=actor.round, state=Decision.State.OPEN
        ).select_related("session", "text"):
            view = decision_view(actor, decision)
            if view.may_vote:
                needs.votes.append(view)
    return needs


def my_desk(user: User, language: str) -> Desk:
    current, past = [], []
    for rnd in _rounds_of(user):
        actor = actor_in_round(user, rnd)
        if not actor.roles:  # invited elsewhere in the process, not to this round
            continue
        if rnd.state in CURRENT:
            current.append(_needs(actor, language))
        else:
            past.append(RoundNeeds(round=rnd, actor=actor))
    keys = [k for k in keys_to_approve(user) if k.state == DelegateKey.State.PENDING]
    return Desk(current=current, past=past, keys=keys)
