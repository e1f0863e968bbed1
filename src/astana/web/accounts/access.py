"""Who holds which role in a process: a person acts for organisations and inherits their roles."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from astana.core.roles import Right, Role, has_right
from astana.web.accounts.models import User
from astana.web.processes.models import Participation, Process

__all__ = ["roles_in_process", "user_has_right"]


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
