"""Who holds which role in a process: a person acts for organisations and inherits their roles."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from astana.core.actions import Action
from astana.core.roles import Right, Role, has_right
from astana.web.accounts.models import User
from astana.web.accounts.second_factor import require_second_factor
from astana.web.common import rights_words
from astana.web.common.errors import Forbidden
from astana.web.processes.models import Participation, Process

__all__ = ["permit", "roles_in_process", "user_has_right"]


def roles_in_process(user: User | AnonymousUser, process: Process) -> frozenset[Role]:
    """The roles ``user`` holds in ``process`` through the organisations they act for."""
    if not user.is_authenticated:
        return frozenset()
    person = getattr(user, "person", None)
    if person is None:
        return frozenset()
    organisations = person.memberships.values_list("organisation_id", flat=True)
    roles = Participation.objects.filter(
        process=process, organisation_id__in=organisations
    ).values_list("role", flat=True)
    return frozenset(Role(r) for r in roles)


def user_has_right(user: User | AnonymousUser, process: Process, right: Right) -> bool:
    return has_right(roles_in_process(user, process), right)


def permit(
    user: User | AnonymousUser,
    process: Process,
    roles: frozenset[Role],
    need: Action | Right,
    *,
    where: str = "round",
    refusal: str = "",
) -> None:
    """The one permission check: refuse ``need`` (an action of :mod:`astana.core.actions`,
    or a right to read) unless one of ``roles`` carries its right, then ask the second factor
    where the action table guards the action. ``refusal`` replaces the default message, which
    names the missing right."""
    right = need.right if isinstance(need, Action) else need
    if right is None or not has_right(roles, right):
        # Said in words ("does not let you record a position"), never by the dotted name.
        raise Forbidden(refusal or rights_words.refusal(right, where))
    if isinstance(need, Action):
        require_second_factor(user, process, roles, need)
