"""The room's pages served from a copy per audience (``common.rendered``): the text, its
positions grid and the room of a round. When anything in a round changes, every open page of
it reads itself again at once (``static/js/live.js``); each of these is rendered once per
audience and state of the database, and served from that copy to the other readers."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django.http import HttpRequest, HttpResponse

from astana.web.common.errors import ActionError
from astana.web.common.rendered import audience_in_state, in_state, shared_page
from astana.web.consultation.counts import process_votes

__all__ = ["shared_in_round"]


def shared_in_round(
    request: HttpRequest,
    page: Hashable,
    access: Callable[[], int],
    render: Callable[[dict[str, Any]], HttpResponse],
    *,
    votes: bool = False,
) -> HttpResponse:
    """``render``'s page, shared within the reader's audience. ``access()`` checks that the
    reader may read ``page`` (raising the refusal ``render`` will show) and says the process
    it belongs to; it must need no second factor (reading does not), since its answer is
    kept for the state of the database. With ``votes``, the page shows a consultation's
    votes, which do not move the database's stamp: their count is part of its key."""

    def decide() -> int | None:
        try:
            return access()
        except ActionError:
            return None  # the page says why, to this reader alone

    def readers(stamp: tuple[int, int]) -> Hashable | None:
        process_id = in_state(stamp, (page, request.user.pk), decide)
        if process_id is None:
            return None
        who = audience_in_state(stamp, request.user)
        return (who, process_votes(process_id)) if votes else who

    return shared_page(request, readers, render)
