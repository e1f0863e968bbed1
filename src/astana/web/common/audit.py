"""The one way to write the audit trail: :func:`audit`, called by every action of every app
(and by the account and login events that no action runs).

``action`` is an action of the table (``Action.PROPOSAL_TABLE``, "proposal.table"), which
gives the entry's category. Who acted is taken from what the caller has: an actor of a round
(its delegation, else its first organisation, and its round), an actor of a process or a
consultation (its first organisation, if any), a user, or None (the platform itself: a
lock-out, a command-line operator)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from astana.core.actions import Action, kept_private
from astana.web.common.actors import Acting
from astana.web.common.models import AuditEntry

if TYPE_CHECKING:  # the login model is the accounts app's, which builds on this one
    from astana.web.accounts.models import User
    from astana.web.processes.models import Organisation, Round

__all__ = ["audit"]


def audit(
    actor: Acting | User | AnonymousUser | None,
    action: Action,
    obj: object,
    object_id: object,
    *,
    in_round: Round | None = None,
    for_organisation: Organisation | None = None,
    **detail: Any,
) -> AuditEntry:
    """One audit row for ``action`` done to ``obj`` (recorded by its type's name and
    ``object_id``; a model class where there is no object, e.g. an unknown user's name);
    Its category comes from the action table (``astana.core.actions``): a delegation-private
    action (caucus activity) on an object never tabled is kept from the convener's view.
    The round is the actor's round unless ``in_round`` names one; the organisation, the
    actor's delegation or first organisation unless ``for_organisation`` names one."""
    user: User | AnonymousUser | None
    if isinstance(actor, AbstractBaseUser | AnonymousUser):
        user = actor
        organisation, rnd = None, None
    elif actor is None:
        user, organisation, rnd = None, None, None
    else:
        user = actor.user
        organisations = getattr(actor, "organisations", ())
        organisation = getattr(actor, "delegation", None) or (
            organisations[0] if organisations else None
        )
        rnd = getattr(actor, "round", None)
    return AuditEntry.objects.create(
        confidential=kept_private(action, tabled=getattr(obj, "tabled_at", None) is not None),
        action=action,
        actor=user if user is not None and not isinstance(user, AnonymousUser) else None,
        organisation=for_organisation or organisation,
        round=in_round or rnd,
        object_type=(obj if isinstance(obj, type) else type(obj)).__name__.lower(),
        object_id=str(object_id),
        detail=detail,
    )
