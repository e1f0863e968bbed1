"""Look-ups every app shares that tell nothing about what the reader may not see: a missing
object is ``NotFound`` (404), whatever the reason."""

from __future__ import annotations

from django.utils.translation import gettext as _

from astana.web.common.errors import NotFound
from astana.web.processes.models import Process

__all__ = ["process_named"]


def process_named(slug: str) -> Process:
    """The process ``slug`` names; ``NotFound`` (404) if there is none."""
    process = Process.objects.filter(slug=slug).first()
    if process is None:
        raise NotFound(_("There is no process %(slug)s.") % {"slug": repr(slug)})
    return process
