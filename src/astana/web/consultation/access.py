"""Who may do what with a consultation, one condition per line; actions, pages and the API
all ask here.

A consultation belongs to a process, so the roles a person holds there apply, through the
rights the action table names (``consultation.manage``: the convener creates, opens, closes
and publishes consultations and imports Pol.is data; ``consultation.moderate``: the
secretariat and the convener moderate statements). Once open, anyone may read a
consultation; logged-in users vote and submit statements, anonymous browsers too where the
consultation allows it. Results are read by those with a role in the process, and by
everyone once published. A draft is seen only by those with a role in the process (its
existence is not leaked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from astana.core.actions import Action, may
from astana.core.roles import Right, Role, has_right
from astana.web.accounts.access import permit, roles_in_process
from astana.web.accounts.models import User
from astana.web.common.actors import Acting
from astana.web.common.errors import Forbidden, NotFound
from astana.web.consultation.models import Consultation
from astana.web.processes.models import Process

__all__ = [
    "ConsultationActor",
    "Need",
    "access_consultation",
    "consultation_actor",
    "process_roles",
]

# An action of the table, or one of the two reads whose rule is the consultation's state.
Need = Action | Literal["read", "results"]
# Anyone submits statements and votes in an open consultation (anonymous browsers where it
# allows them): no role gives these, the consultation's state does.
OPEN_ACTIONS = frozenset({Action.STATEMENT_SUBMIT, Action.STATEMENT_VOTE})


@dataclass(frozen=True, kw_only=True)
class ConsultationActor(Acting):
    """A user (or an anonymous browser) before a consultation, with their process roles."""

    consultation: Consultation

    @property
    def process(self) -> Process:
        return self.consultation.process

    @property
    def is_anonymous(self) -> bool:
        return not self.user.is_authenticated

    @property
    def can_manage(self) -> bool:
        return may(self.roles, Action.CONSULTATION_UPDATE)

    @property
    def can_moderate(self) -> bool:
        return may(self.roles, Action.STATEMENT_MODERATE)

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
        if need == "read":
            return self.can_read
        if need == "results":
            return self.can_read_results
        if need in OPEN_ACTIONS:
            return self.can_vote
        return may(self.roles, need)


def process_roles(user: User | AnonymousUser, process: Process) -> frozenset[Role]:
    return roles_in_process(user, process)


def consultation_actor(user: User | AnonymousUser, consultation: Consultation) -> ConsultationActor:
    return ConsultationActor(
        user=user, consultation=consultation, roles=process_roles(user, consultation.process)
    )


_CLOSED = (
    "This consultation does not take votes or statements from you now"
    " (it is not open, or it asks you to log in first)."
)
_REFUSALS: dict[Need, str] = {
    Action.STATEMENT_SUBMIT: _CLOSED,
    Action.STATEMENT_VOTE: _CLOSED,
    Action.STATEMENT_MODERATE: "Only the secretariat and the convener moderate statements.",
    Action.CONSULTATION_CREATE: "Only the convener manages a consultation.",
    Action.CONSULTATION_UPDATE: "Only the convener manages a consultation.",
    Action.CONSULTATION_IMPORT: "Only the convener manages a consultation.",
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
    # No ORDER BY (one row at most): compiling one costs more than the query on the vote path.
    consultation = next(iter(rows.filter(pk=consultation_id).order_by()[:1]), None)
    if consultation is None:
        raise NotFound(
            _("There is no consultation %(consultation_id)s.")
            % {"consultation_id": consultation_id}
        )
    actor = consultation_actor(user, consultation)
    if not actor.can_read:
        raise NotFound(
            _("There is no consultation %(consultation_id)s.")
            % {"consultation_id": consultation_id}
        )
    if not actor.may(need):
        raise Forbidden(_REFUSALS.get(need, f"You may not {need} this consultation."))
    if isinstance(need, Action) and need not in OPEN_ACTIONS:
        permit(user, consultation.process, actor.roles, need, refusal=_REFUSALS.get(need, ""))
    return actor
