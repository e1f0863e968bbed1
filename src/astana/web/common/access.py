"""Look-ups every app shares that tell nothing about what the reader may not see: a missing
object is ``NotFound`` (404), whatever the reason."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from astana.web.common.errors import NotFound
from astana.web.processes.models import Membership, Process

__all__ = ["audience", "process_named"]


def process_named(slug: str) -> Process:
    """The process ``slug`` names; ``NotFound`` (404) if there is none."""
    process = Process.objects.filter(slug=slug).first()
    if process is None:
        raise NotFound(_("There is no process %(slug)s.") % {"slug": repr(slug)})
    return process


def audience(user: Any) -> tuple[object, ...]:
    """What decides everything ``user`` may read: every role they hold anywhere comes from the
    organisations they belong to (invited to a round, taking part in a process), so two users
    of the same organisations, and alike in the account's own flags, read the same pages
    (``common.rendered`` shares a page between them). Anonymous readers are one audience."""
    if not user.is_authenticated:
        return ("anonymous",)
    organisations = Membership.objects.filter(person__user=user).values_list(
        "organisation_id", flat=True
    )
    return (tuple(sorted(set(organisations))), user.is_staff, user.is_superuser)
