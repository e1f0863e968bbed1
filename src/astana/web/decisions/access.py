"""Who may do what with decisions and committees, one condition per line.

Decisions live in a round, so the round's roles apply (through
:func:`astana.web.negotiation.access.actor_in_round`). Committees belong to a process: the
roles of the organisations a person acts for there apply, and a committee's definition names
its nominating bodies and approvers, who act for it whatever their role. The public reads
only what is published: closed decisions the convener published, and formed committees.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.roles import Right
from astana.web.accounts.access import permit, roles_in_process
from astana.web.accounts.models import User
from astana.web.common.access import process_named
from astana.web.common.actors import ProcessActor
from astana.web.common.errors import NotFound
from astana.web.decisions.models import Committee, Decision
from astana.web.negotiation.access import Actor, actor_in_round
from astana.web.processes.models import Organisation, Process

__all__ = [
    "access_committee",
    "access_decision",
    "committee_actor",
    "process_actor",
    "process_actor_needing",
]


def access_decision(
    user: User | AnonymousUser, decision_id: int, need: Right | Action = Right.OUTCOME_READ
) -> tuple[Actor, Decision]:
    """The decision and the actor, who must take part in its round and hold ``need``."""
    decision = (
        Decision.objects.select_related("round__process", "session", "text")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise NotFound(_("There is no decision %(decision_id)s.") % {"decision_id": decision_id})
    actor = actor_in_round(user, decision.round)
    if not actor.can(Right.OUTCOME_READ):  # answered like a missing decision
        raise NotFound(_("There is no decision %(decision_id)s.") % {"decision_id": decision_id})
    permit(user, decision.round.process, actor.roles, need)
    return actor, decision


def process_actor(user: User | AnonymousUser, process: Process) -> ProcessActor:
    """The roles ``user`` holds in ``process`` and every organisation they act for."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    organisations: tuple[Organisation, ...] = ()
    if person is not None:
        organisations = tuple(
            Organisation.objects.filter(memberships__person=person).distinct().order_by("slug")
        )
    return ProcessActor(
        user=user,
        process=process,
        roles=roles_in_process(user, process),
        organisations=organisations,
    )


def process_actor_needing(
    user: User | AnonymousUser, process_slug: str, need: Action, refusal: str = ""
) -> ProcessActor:
    """The actor in the process ``process_slug`` names, who must be allowed ``need``;
    ``refusal`` is the message when they are not (by default, which right is missing)."""
    actor = process_actor(user, process_named(process_slug))
    permit(user, actor.process, actor.roles, need, where="process", refusal=refusal)
    return actor


def committee_actor(user: User | AnonymousUser, committee: Committee) -> ProcessActor:
    return process_actor(user, committee.process)


def can_read_committee(actor: ProcessActor, committee: Committee) -> bool:
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
) -> tuple[ProcessActor, Committee]:
    """The committee and the actor; NotFound when they may not see it (existence not leaked)."""
    committee = Committee.objects.select_related("process").filter(pk=committee_id).first()
    if committee is None:
        raise NotFound(
            _("There is no committee %(committee_id)s.") % {"committee_id": committee_id}
        )
    actor = committee_actor(user, committee)
    if not can_read_committee(actor, committee):
        raise NotFound(
            _("There is no committee %(committee_id)s.") % {"committee_id": committee_id}
        )
    return actor, committee


def may_nominate(actor: ProcessActor, bloc: Mapping[str, Any]) -> bool:
    """True for the bloc's nominating body, and for the convener where the bloc's rules let
    the convener record its nominations (``convener_nominates``)."""
    if actor.acts_for(bloc["nominated_by"]):
        return True
    return bool(bloc.get("convener_nominates")) and actor.can(Action.COMMITTEE_NOMINATE)
