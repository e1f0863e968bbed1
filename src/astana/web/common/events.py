"""Writing a round's live events and numbering rows within one scope of a round."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection
from django.db.models import Max, QuerySet
from django.utils import translation

from astana.core.actions import Action, event_kind, kept_private
from astana.web.common.models import RoundEvent
from astana.web.processes.models import Organisation, Round

if TYPE_CHECKING:  # an event names the room's text that changed; only annotations say so
    from astana.web.negotiation.models import NegotiationText

__all__ = ["CHANNEL", "Summary", "event", "next_number", "notify", "summaries"]

#: What an event says: a function that says it in the active language (gettext and names in
#: that language), called once per platform language when the event is written; a plain
#: string is stored as it stands and shown to every reader alike.
Summary = Callable[[], str] | str

#: The PostgreSQL notification channel of live events; the payload is the round's id.
CHANNEL = "astana_round_events"


def event(
    rnd: Round,
    action: Action,
    summary: Summary,
    text: NegotiationText | None = None,
    *,
    audience: Organisation | None = None,
) -> RoundEvent:
    """The live event of ``action`` (its kind from the action table); with ``audience``, only
    that delegation's pages receive it, which only a delegation-private action asks. Its
    number counts within its scope (the round's shared events, or that delegation's own).
    ``summary`` is said in each of the platform's languages, so each reader reads it in the
    language of the page (``RoundEvent.said``)."""
    if audience is not None and not kept_private(action):
        raise ValueError(f"{action.value} is not delegation-private: its events are the round's.")
    said = summaries(summary)
    notify(rnd.pk)
    return RoundEvent.objects.create(
        round=rnd,
        text=text,
        version=text.version if text else 0,
        kind=event_kind(action),
        summary=(summary if isinstance(summary, str) else said.get("en", ""))[:500],
        summaries={code: words[:500] for code, words in said.items()},
        audience=audience,
        number=next_number(rnd, RoundEvent.objects.filter(round=rnd, audience=audience)),
    )


def summaries(summary: Summary) -> dict[str, str]:
    """``summary`` in each platform language, by code ({} for a plain string, said as is)."""
    if isinstance(summary, str):
        return {}
    said: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            said[code] = str(summary())
    return said


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
