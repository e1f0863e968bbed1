"""Writing a round's live events and numbering rows within one scope of a round."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Max, QuerySet

from astana.core.actions import Action, event_kind, kept_private
from astana.web.common.models import RoundEvent
from astana.web.processes.models import Organisation, Round

if TYPE_CHECKING:  # an event names the room's text that changed; only annotations say so
    from astana.web.negotiation.models import NegotiationText

__all__ = ["CHANNEL", "event", "next_number", "notify"]

#: The PostgreSQL notification channel of live events; the payload is the round's id.
CHANNEL = "astana_round_events"


def event(
    rnd: Round,
    action: Action,
    summary: str,
    text: NegotiationText | None = None,
    *,
    audience: Organisation | None = None,
) -> RoundEvent:
    """The live event of ``action`` (its kind from the action table); with ``audience``, only
    that delegation's pages receive it, which only a delegation-private action asks. Its
    number counts within its scope (the round's shared events, or that delegation's own)."""
    if audience is not None and not kept_private(action):
        raise ValueError(f"{action.value} is not delegation-private: its events are the round's.")
    notify(rnd.pk)
    return RoundEvent.objects.create(
        round=rnd,
        text=text,
        version=text.version if text else 0,
        kind=event_kind(action),
        summary=summary[:500],
        audience=audience,
        number=next_number(rnd, RoundEvent.objects.filter(round=rnd, audience=audience)),
    )


def next_number(rnd: Round, scope: QuerySet[Any]) -> int:
    """The next number (1, 2, 3, ...) in one scope of ``rnd``: its rows in ``scope`` count, no
    other. The round's row is locked first, so writers in the round take numbers one at a
    time, in the order they commit; a unique constraint per scope backs this up. Take it
    last in a transaction (actions write their event at their end, after the log's lock), so
    that no two writers wait on each other in opposite orders."""
    list(Round.objects.select_for_update().filter(pk=rnd.pk).values_list("pk", flat=True))
    return int(scope.aggregate(last=Max("number"))["last"] or 0) + 1


def notify(round_id: int) -> None:
    """Tell every worker's live-event hub (``negotiation.live``) that ``round_id`` has a new
    event: on PostgreSQL a ``pg_notify`` in the writing transaction, delivered when it commits
    and never if it rolls back; on SQLite the hubs look for themselves."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, str(round_id)])
