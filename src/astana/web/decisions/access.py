"""Who may do what with decisions and committees, one condition per line.

Decisions live in a round, so the round's roles apply (through
:func:`astana.web.negotiation.access.actor_in_round`). Committees belong to a process: the
roles of the organisations a person acts for there apply, and a committee's definition names
its nominating bodies and approvers, who act for it whatever their role. The public reads
only what is published: closed decisions the convener published, and formed committees.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from astana.core.roles import Right, Role, has_right
from astana.web.accounts.access import roles_in_process
from astana.web.accounts.models import User
from astana.web.accounts.second_factor import require_second_factor
from astana.web.common.access import process_named
from astana.web.common.errors import Forbidden, NotFound
from astana.web.decisions.models import Committee, Decision
from astana.web.negotiation.access import Actor, actor_in_round
from astana.web.processes.models import Organisation, Process

__all__ = [
    "CommitteeActor",
    "access_committee",
    "access_decision",
    "committee_actor",
    "process_actor",
    "process_actor_needing",
]


def access_decision(
    user: User | AnonymousUser, decision_id: int, need: Right = Right.OUTCOME_READ
) -> tuple[Actor, Decision]:
    """The decision and the actor, who must take part in its round and hold ``need``."""
    decision = (
        Decision.objects.select_related("round__process", "session", "text")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise NotFound(f"There is no decision {decision_id}.")
    actor = actor_in_round(user, decision.round)
    if not actor.can(Right.OUTCOME_READ):  # answered like a missing decision
        raise NotFound(f"There is no decision {decision_id}.")
    if not actor.can(need):
        raise Forbidden(f"Your role in this round does not allow {need.value}.")
    require_second_factor(user, decision.round.process, actor.roles, need)
    return actor, decision


@dataclass(frozen=True)
class CommitteeActor:
    """A user before a committee's process: their roles there and the organisations they
    act for (which may be a bloc's nominating body or an approver)."""

    user: User | AnonymousUser
    process: Process
    roles: frozenset[Role]
    organisations: tuple[Organisation, ...]

    def can(self, right: Right) -> bool:
        return has_right(self.roles, right)

    def acts_for(self, slug: str) -> bool:
        return any(org.slug == slug for org in self.organisations)

    @property
    def label(self) -> str:
        return self.organisations[0].slug if self.organisations else self.user.get_username()


def process_actor(user: User | AnonymousUser, process: Process) -> CommitteeActor:
    """The roles ``user`` holds in ``process`` and every organisation they act for."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    organisations: tuple[Organisation, ...] = ()
    if person is not None:
        organisations = tuple(
            Organisation.objects.filter(memberships__person=person).distinct().order_by("slug")
        )
    return CommitteeActor(user, process, roles_in_process(user, process), organisations)


def process_actor_needing(
    user: User | AnonymousUser, process_slug: str, need: Right, refusal: str = ""
) -> CommitteeActor:
    """The actor in the process ``process_slug`` names, who must hold ``need``; ``refusal``
    is the message when they do not (by default, which right is missing)."""
    actor = process_actor(user, process_named(process_slug))
    if not actor.can(need):
        raise Forbidden(refusal or f"Your role in this process does not allow {need.value}.")
    require_second_factor(user, actor.process, actor.roles, need)
    return actor


def committee_actor(user: User | AnonymousUser, committee: Committee) -> CommitteeActor:
    return process_actor(user, committee.process)


def can_read_committee(actor: CommitteeActor, committee: Committee) -> bool:
    """Anyone with a role in the process, and the bodies the definition names (nominating
    bodies, approvers), read a committee as it forms; the public once it is formed."""
    if committee.formed:
        return True
    if actor.can(Right.OUTCOME_READ):
        return True
    definition = committee.definition
    named = [b["nominated_by"] for b in definition["blocs"]] + list(definition["approvers"])
    return any(actor.acts_for(slug) for slug in named)


def access_committee(
    user: User | AnonymousUser, committee_id: int
) -> tuple[CommitteeActor, Committee]:
    """The committee and the actor; NotFound when they may not see it (existence not leaked)."""
    committee = Committee.objects.select_related("process").filter(pk=committee_id).first()
    if committee is None:
        raise NotFound(f"There is no committee {committee_id}.")
    actor = committee_actor(user, committee)
    if not can_read_committee(actor, committee):
        raise NotFound(f"There is no committee {committee_id}.")
    return actor, committee
