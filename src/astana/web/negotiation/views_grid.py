"""The positions grid page: provisions by parties, filterable, and the form by which a
delegation sets the cells of its own party at once (all or nothing, each through the
``position.set`` action). Thin: parse, call the selector or the action, render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from astana.core.text import GridFilter, Stance
from astana.web.common.errors import ActionError, NotFound
from astana.web.common.pages import acting_user, refused, rights_of
from astana.web.negotiation import actions, selectors
from astana.web.negotiation.access import access_text
from astana.web.negotiation.grid import GridState, grid_state
from astana.web.negotiation.shared import shared_in_round

#: The filters offered, in the order shown.
FILTERS = tuple(f for f in GridFilter if f is not GridFilter.ALL)


def _state(request: HttpRequest, text_id: int) -> GridState:
    return grid_state(
        request.user,
        text_id,
        language=translation.get_language() or "en",
        which=request.GET.get("state", ""),
        parties=tuple(dict.fromkeys(p for p in request.GET.getlist("party") if p)),
    )


def _page(
    request: HttpRequest,
    text_id: int,
    *,
    error: ActionError | None = None,
    typed: dict[str, Any] | None = None,
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    try:
        state = _state(request, text_id)
    except ActionError as refusal:
        return refused(request, refusal)
    rows = []
    for row in state.grid.rows:
        cells = []
        for cell in row.cells:
            entry: dict[str, Any] = {"cell": cell, "own": cell.party == state.own}
            if entry["own"]:
                # What the form shows: what the user typed (after a refusal), else the
                # position on the present wording (a stale one is not preselected: confirming
                # it is a choice, not a default).
                current = cell.current and cell.stance is not None
                if typed is not None:
                    entry["choice"] = typed.get(f"stance-{cell.provision}", "")
                    entry["reservation"] = typed.get(f"reservation-{cell.provision}", "")
                else:
                    entry["choice"] = str(cell.stance) if current else ""
                    entry["reservation"] = cell.reservation if current else ""
            cells.append(entry)
        rows.append(
            {
                "row": row,
                "title": state.titles[row.provision],
                "cells": cells,
                "confirm": [state.names.get(p, p) for p in row.standing.must_confirm],
            }
        )
    blockers = [
        {
            "title": state.titles[row.provision],
            "provision": row.provision,
            "bracketed": row.standing.bracketed,
            "state": str(row.standing.state),
            "confirm": [state.names.get(p, p) for p in row.standing.must_confirm],
        }
        for row in state.whole.blockers()
    ]
    return render(
        request,
        "negotiation/grid.html",
        {
            "state": state,
            "text": state.text,
            "round": state.text.round,
            "actor": state.actor,
            "can": rights_of(state.actor),
            "rows": rows,
            "progress": state.whole.progress,
            "adoptable": state.whole.adoptable,
            "blockers": blockers,
            "filters": FILTERS,
            "stances": [s.value for s in Stance],
            "own_name": state.names.get(state.own or "", ""),
            "error": error,
            "typed": typed or {},
            "last_event": selectors.event_cursor(state.actor),
            **(extra or {}),
        },
        status=status,
    )


@login_required
@require_GET
def grid_page(request: HttpRequest, text_id: int) -> HttpResponse:
    return shared_in_round(
        request,
        ("grid", text_id),
        lambda: access_text(request.user, text_id)[1].round.process_id,
        lambda extra: _page(request, text_id, extra=extra),
    )


def _cells(post: Any) -> list[actions.CellChange]:
    """The cells the form sets: every ``stance-<provision>`` with a stance chosen."""
    cells = []
    for key, stance in post.items():
        if not key.startswith("stance-") or not stance:
            continue
        provision = key[len("stance-") :]
        cells.append(
            actions.CellChange(
                provision=provision,
                stance=stance,
                reservation=post.get(f"reservation-{provision}", ""),
                was=post.get(f"was-{provision}", ""),
            )
        )
    return cells


@login_required
@require_POST
def grid_set(request: HttpRequest, text_id: int) -> HttpResponse:
    post = request.POST
    revision = post.get("revision", "")
    try:
        state = _state(request, text_id)
        if not (revision.isascii() and revision.isdigit()) or len(revision) > 9:
            raise ActionError(_("The form is missing a valid revision; reload the page."))
        actions.positions_set_row(
            user=acting_user(request),
            text_id=text_id,
            revision=int(revision),
            cells=_cells(post),
            labels=state.titles,
        )
    except ActionError as error:
        if isinstance(error, NotFound):
            return refused(request, error)
        return _page(request, text_id, error=error, typed=post.dict(), status=error.status)
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(
        reverse("negotiation:grid", args=[text_id]) + (f"?{query}" if query else "")
    )
