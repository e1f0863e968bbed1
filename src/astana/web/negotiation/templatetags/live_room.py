"""The live room on every page of a round: ``{% live_status %}`` (in the round's navigation:
where the page's event stream starts, one line announcing the latest change) and
``{% live_feed %}`` (at the end of the page: the round's events as a short list, the older
ones behind "show more", and the script that updates the page's marked regions in place).

The page's own view has checked the reader's rights; these read the reader's actor in the
round again (the same check as the event stream's), and render nothing for someone without a
role in it, so that no stream is opened that the server would refuse."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context

from astana.core.actions import ACTIONS
from astana.web.common.errors import ActionError
from astana.web.negotiation import selectors
from astana.web.negotiation.access import Actor, access_round

register = template.Library()

#: The events a page lists at once; the older ones are behind "show more".
FEED_SHOWN = 5
#: The events a page lists in all when it opens (the newest).
FEED_KEPT = 30

#: Every kind of live event the action table writes: a page listens to all of them.
EVENT_KINDS = " ".join(sorted({spec.event for spec in ACTIONS.values() if spec.event}))


def _actor(context: Context) -> Actor | None:
    """The reader's actor in the page's round (the view's own where it gave one); read once
    per request (kept on the request for the page's other tag)."""
    request = context.get("request")
    if request is not None and hasattr(request, "_live_actor"):
        return request._live_actor  # type: ignore[no-any-return]
    actor = context.get("actor")
    rnd = context.get("round")
    if not isinstance(actor, Actor) and rnd is not None and request is not None:
        try:
            actor = access_round(request.user, rnd.pk)
        except ActionError:
            actor = None
    found = actor if isinstance(actor, Actor) else None
    if request is not None:
        request._live_actor = found
    return found


def _page_url(context: Context) -> str:
    """The address a live refresh reads again: the page's own when it was a plain read; for a
    page shown in answer to a form (a refusal, with the typed text), the reading address the
    template gives as ``live_url``, with the page's query; without one, none (a notice then
    offers a reload)."""
    request = context.get("request")
    if request is None:
        return ""
    if request.method == "GET":
        return str(request.get_full_path())
    given = context.get("live_url")
    if not given:
        return ""
    query = request.GET.urlencode()
    return f"{given}?{query}" if query else str(given)


@register.inclusion_tag("negotiation/_live_status.html", takes_context=True)
def live_status(context: Context) -> dict[str, Any]:
    actor = _actor(context)
    if actor is None:
        return {"live": False}
    after = context.get("last_event") or selectors.event_cursor(actor)
    return {
        "live": True,
        "round": actor.round,
        "after": str(after),
        "page": _page_url(context),
    }


@register.inclusion_tag("negotiation/_live_feed.html", takes_context=True)
def live_feed(context: Context, open: bool = False) -> dict[str, Any]:
    """The feed, folded unless ``open`` (on a page whose subject is the feed)."""
    actor = _actor(context)
    if actor is None:
        return {"live": False}
    events = context.get("events")
    if events is None:
        events = selectors.recent_events(actor, FEED_KEPT)
    events = list(events)[:FEED_KEPT]
    return {
        "live": True,
        "open": open,
        "shown": events[:FEED_SHOWN],
        "older": events[FEED_SHOWN:],
        "count": FEED_SHOWN,
        "kept": FEED_KEPT,
        # Only on the pages the script updates (the audit's page names no action it hides).
        "kinds": EVENT_KINDS,
    }
