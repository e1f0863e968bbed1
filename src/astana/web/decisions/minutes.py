"""Minutes wait for the decisions taken in their session: a session with a decision still
open, or closed but not yet published, keeps its minutes unpublished, since its outcome is in
them and would go public before the convener published the decision. The room's
``session.publish_minutes`` asks this through :mod:`astana.web.common.record` (registered
by ``DecisionsConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from astana.web.common.errors import ActionError
from astana.web.decisions.models import Decision
from astana.web.processes.models import Session

__all__ = ["refuse_minutes_before_decisions"]


def refuse_minutes_before_decisions(session: Session) -> None:
    """``ActionError`` naming the first decision of ``session`` that is open or unpublished."""
    pending = (
        Decision.objects.filter(session=session)
        .exclude(state=Decision.State.CLOSED, published=True)
        .order_by("number")
        .first()
    )
    if pending is not None:
        why = "still open" if pending.is_open else "closed but not published"
        raise ActionError(
            _(
                "Decision %(number)s of session %(number2)s is %(why)s; its outcome is "
                "in the minutes, so publish the decision first."
            )
            % {"number": pending.number, "number2": session.number, "why": why}
        )
