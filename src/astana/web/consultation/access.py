"""Who may do what with a consultation, one condition per line; actions, pages and the API
all ask here.

A consultation belongs to a process, so the roles a person holds there apply: the convener
creates, opens, closes and publishes consultations and imports Pol.is data; the secretariat
and the convener moderate statements. Once open, anyone may read a consultation; logged-in
users vote and submit statements, anonymous browsers too where the consultation allows
it. Results are read by those with a role in the process, and by everyone once published.
A draft is seen only by those with a role in the process (its existence is not leaked).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from astana.core.roles import Right, Role, has_right
from astana.web.accounts.access import roles_in_process
from astana.web.accounts.models import User
from astana.web.common.errors import Forbidden, NotFound
from astana.web.consultation.models import Consultation
from astana.web.processes.models import Process

__all__ = [
    "MANAGER_ROLES",
    "MODERATOR_ROLES",
    "ConsultationActor",
    "Need",
    "access_consultation",
    "consultation_actor",
    "process_roles",
]

MANAGER_ROLES = frozenset({Role.CONVENER})
MODERATOR_ROLES = frozenset({Role.CONVENER, Role.SECRETARIAT})
Need = str  # "read", "vote", "moderate", "manage", "results"


@dataclass(frozen=True)
class ConsultationActor:
    """A user (or an anonymous browser) before a consultation, with their process roles."""

    user: User | AnonymousUser
    consultation: Consultation
    roles: frozenset[Role]

    @property
    def is_anonymous(self) -> bool:
        return not self.user.is_authenticated

    @property
    def can_manage(self) -> bool:
        return bool(self.roles & MANAGER_ROLES)

    @property
    def can_moderate(self) -> bool:
        return bool(self.roles & MODERATOR_ROLES)

    @property
    def can_read(self) -> bool:
        if self.consultation.state != Consultation.State.DRAFT:
            return True
        return bool(self.roles)

    @property
    def can_vote(self) -> bool:
        if self.consultation.state != Consultation.State.OPEN:
            return False
        if self.user.is_authenticated:
            return True
        return self.consultation.allow_anonymous

    @property
    def can_read_results(self) -> bool:
        if self.consultation.results_published:
            return True
        return has_right(self.roles, Right.OUTCOME_READ)

    def may(self, need: Need) -> bool:
        return {
            "read": self.can_read,
            "vote": self.can_vote,
            "moderate": self.can_moderate,
            "manage": self.can_manage,
            "results": self.can_read_results,
        }[need]


def process_roles(user: User | AnonymousUser, process: Process) -> frozenset[Role]:
    return roles_in_process(user, process)


def consultation_actor(user: User | AnonymousUser, consultation: Consultation) -> ConsultationActor:
    return ConsultationActor(user, consultation, process_roles(user, consultation.process))


_REFUSALS = {
    "vote": "This consultation does not take votes or statements from you now"
    " (it is not open, or it asks you to log in first).",
    "moderate": "Only the secretariat and the convener moderate statements.",
    "manage": "Only the convener manages a consultation.",
    "results": "The results of this consultation are not published yet.",
}


def access_consultation(
    user: User | AnonymousUser, consultation_id: int, need: Need = "read", *, lock: bool = False
) -> ConsultationActor:
    """The actor before consultation ``consultation_id``, holding ``need``.

    NotFound when there is no such consultation or the user may not see it; Forbidden when
    they see it but may not do ``need``. ``lock`` takes a row lock (inside a transaction).
    """
    rows = Consultation.objects.select_related("process", "round")
    if lock:
        rows = rows.select_for_update(of=("self",))
    consultation = rows.filter(pk=consultation_id).first()
    if consultation is None:
        raise NotFound(f"There is no consultation {consultation_id}.")
    actor = consultation_actor(user, consultation)
    if not actor.can_read:
        raise NotFound(f"There is no consultation {consultation_id}.")
    if not actor.may(need):
        raise Forbidden(_REFUSALS.get(need, f"You may not {need} this consultation."))
    return actor
