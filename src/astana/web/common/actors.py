"""The one kind of actor every app uses: someone acting, with the roles they hold where they
act and the organisations they act for. Each app's kind says where: before a process
(:class:`ProcessActor`), in a round (``negotiation.access.Actor``), before a consultation
(``consultation.access.ConsultationActor``). All ask :meth:`Acting.can` of the action table
(``astana.core.actions``); the permission check is ``accounts.access.permit``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from astana.core.actions import Action
from astana.core.roles import Right, Role, has_right
from astana.web.processes.models import Organisation, Process

if TYPE_CHECKING:  # the login model is the accounts app's, which builds on this one
    from django.contrib.auth.models import AnonymousUser

    from astana.web.accounts.models import User

__all__ = ["Acting", "ProcessActor"]


@dataclass(frozen=True, kw_only=True)
class Acting:
    """Someone acting: the user, the roles they hold where they act, and the organisations they
    act for. The one actor of the web app; each kind says where it acts (a process, a round,
    a consultation), and all ask :meth:`can` of the action table."""

    user: User | AnonymousUser
    roles: frozenset[Role]
    organisations: tuple[Organisation, ...] = ()

    def can(self, need: Right | Action) -> bool:
        """True when the roles carry ``need`` (a right, or the right an action needs)."""
        right = need.right if isinstance(need, Action) else need
        return right is not None and has_right(self.roles, right)

    def acts_for(self, slug: str) -> bool:
        return any(org.slug == slug for org in self.organisations)

    @property
    def label(self) -> str:
        return self.organisations[0].slug if self.organisations else self.user.get_username()


@dataclass(frozen=True, kw_only=True)
class ProcessActor(Acting):
    """A user before a process (its committees, its default rules, its documents)."""

    process: Process
