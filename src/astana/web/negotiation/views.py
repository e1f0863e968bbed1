"""Pages of the negotiation room. Thin: parse the form, call one action or selector, render.

A refused write re-renders the page with the message and the user's typed text kept in the
form (HTTP 409 for a stale version, 4xx for other refusals); nothing is lost.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any, cast

from asgiref.sync import sync_to_async
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from astana.core.language import direction
from astana.core.roles import Right
from astana.core.text import Stance
from astana.web.accounts.models import User
from astana.web.api.forms import form_fields, form_input, form_texts
from astana.web.api.schemas import BasedOnIn
from astana.web.common.cursor import EventCursor
from astana.web.common.errors import ActionError, NotFound, Stale
from astana.web.common.pages import acting_user, refused, rights_of
from astana.web.consultation.selectors import consultations_beside_text
from astana.web.negotiation import actions, selectors, streams
from astana.web.negotiation.access import access_proposal, access_round, proposal_moves
from astana.web.negotiation.actions.changes import KINDS
from astana.web.negotiation.models import NegotiationText, RoundInvitation, TextProposal
from astana.web.negotiation.rendering import render_provisions, render_redline
from astana.web.negotiation.schemas import (
    CaucusNoteIn,
    ChangeIn,
    PositionIn,
    RevisionIssueIn,
)

EVENT_STREAM_SECONDS = 55
EVENT_POLL_SECONDS = 0.5
EVENT_BEAT_SECONDS = 10  # how often an open stream refreshes its row (streams.STALE_SECONDS)


def _language(request: HttpRequest) -> str:
    return translation.get_language() or "en"


@login_required
def room(request: HttpRequest, round_id: int) -> HttpResponse:
    error: ActionError | None = None
    typed: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        typed = request.POST.dict()
        try:
            text = actions.text_create(
                user=acting_user(request),
                round_id=round_id,
                slug=typed.get("slug", ""),
                titles=form_texts(typed, "title"),
                notation=typed.get("notation", ""),
            )
            return HttpResponseRedirect(reverse("negotiation:text", args=[text.pk]))
        except ActionError as refusal:
            if isinstance(refusal, NotFound):
                return refused(request, refusal)
            error, status = refusal, refusal.status
    try:
        actor, texts = selectors.texts_in_round(request.user, round_id)
    except ActionError as refusal:
        return refused(request, refusal)
    return render(
        request,
        "negotiation/room.html",
        {
            "actor": actor,
            "round": actor.round,
            "texts": texts,
            "events": selectors.recent_events(actor),
            "last_event": selectors.event_cursor(actor),
            "can": rights_of(actor),
            "error": error,
            "typed": typed,
        },
        status=status,
    )


@login_required
@require_GET
def text_page(request: HttpRequest, text_id: int) -> HttpResponse:
    return _text_response(request, text_id)


def _text_response(
    request: HttpRequest,
    text_id: int,
    *,
    error: ActionError | None = None,
    form: str = "",
    typed: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    language = _language(request)
    view = request.GET.get("view", "compilation")
    revision_param = request.GET.get("revision", "")
    digits = revision_param.isascii() and revision_param.isdigit()
    revision = int(revision_param) if digits else None  # out of range: the selector's 404
    try:
        state = selectors.text_state(
            request.user, text_id, language=language, view=view, revision=revision
        )
        languages = state.document.languages
        second = request.GET.get("compare", "")
        other = None
        if second in languages and second != state.view["language"]:
            other = selectors.text_state(
                request.user, text_id, language=second, view=view, revision=revision
            )
    except ActionError as refusal:
        return refused(request, refusal)
    names = selectors.organisation_names(language)
    columns = [state] + ([other] if other else [])
    stale = {s.provision: s for s in state.standing if s.stale or s.stale_agreement}
    rendered = [
        {
            "state": s,
            "html": render_provisions(s.view["provisions"], names, stale),
            "language": s.view["language"],
            "direction": s.view["direction"],
        }
        for s in columns
    ]
    positions = state.positions.get("positions", [])
    provisions = [p.id for p in state.document.walk()]
    return render(
        request,
        "negotiation/text.html",
        {
            "state": state,
            "text": state.text,
            "round": state.text.round,
            "actor": state.actor,
            "columns": rendered,
            "view": view,
            "names": names,
            "positions": positions,
            "blockers": _blockers(state, names),
            "provisions": provisions,
            "stances": [s.value for s in Stance],
            "kinds": KINDS,
            "revisions": list(state.text.revisions.values_list("number", flat=True)),
            "can": rights_of(state.actor),
            "proposal_rows": [(p, proposal_moves(state.actor, p)) for p in state.proposals],
            "error": error,
            "form": form,
            "typed": typed or {},
            "languages": languages,
            "is_latest": state.revision.number == state.latest_number,
            "last_event": selectors.event_cursor(state.actor),
            "comments": state.text.comments.select_related("organisation"),
            "invited_to_comment": state.text.expert_invitations.filter(
                organisation__in=state.actor.organisations
            ).exists(),
            "consultations": consultations_beside_text(request.user, state.text),
            "experts": [
                i.organisation
                for i in RoundInvitation.objects.filter(
                    round=state.text.round, role="expert"
                ).select_related("organisation")
            ],
        },
        status=status,
    )


def _blockers(state: selectors.TextState, names: dict[str, str]) -> list[dict[str, Any]]:
    """What keeps each provision from agreed on its present wording, and who must confirm."""
    out = []
    for s in state.standing:
        if not s.blocks_adoption:
            continue
        given = {p.party: p.wording for p in s.stale}
        confirm = [
            {"party": names.get(p, p), "stale": p in given, "revision": given[p].revision}
            if p in given
            else {"party": names.get(p, p), "stale": False, "revision": None}
            for p in s.must_confirm
        ]
        out.append(
            {
                "provision": s.provision,
                "bracketed": s.bracketed,
                "state": str(s.state),
                "confirm": confirm,
                "stale_agreement": s.stale_agreement,
            }
        )
    return out


def _act(
    request: HttpRequest, text_id: int, form: str, call: Callable[[], object], anchor: str = ""
) -> HttpResponse:
    try:
        call()
    except Stale as error:
        return _text_response(
            request, text_id, error=error, form=form, typed=request.POST.dict(), status=409
        )
    except ActionError as error:
        if isinstance(error, NotFound):
            return refused(request, error)
        return _text_response(
            request, text_id, error=error, form=form, typed=request.POST.dict(), status=error.status
        )
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(
        reverse("negotiation:text", args=[text_id]) + (f"?{query}" if query else "") + anchor
    )


_RELOAD = {"based_on": "The form is missing a valid 'based_on'; reload the page."}


def _based_on(request: HttpRequest) -> int:
    return form_input(BasedOnIn, request.POST, messages=_RELOAD).based_on


@login_required
@require_POST
def proposal_draft(request: HttpRequest, text_id: int) -> HttpResponse:
    post = request.POST

    def call() -> object:
        # The form's fields are the change's own (ChangeIn), flat; a new provision's text is
        # the one text field, in the language chosen. The action, not the schema, judges the
        # change: its refusals name what is wrong with this kind of change.
        change: dict[str, Any] = form_fields(ChangeIn, post)
        change.pop("texts", None)  # not a form field: built from "text" below
        if change.get("kind") == "insert_provision":
            language = change.get("language")
            change["texts"] = {language: post.get("text", "")} if language else {}
        return actions.proposal_draft(
            user=acting_user(request),
            text_id=text_id,
            change=change,
            justification=post.get("justification", ""),
        )

    return _act(request, text_id, "draft", call, "#proposals")


def _proposal_action(name: str) -> Callable[[HttpRequest, int, str], HttpResponse]:
    action = getattr(actions, f"proposal_{name}")

    @login_required
    @require_POST
    def view(request: HttpRequest, text_id: int, proposal_id: str) -> HttpResponse:
        def call() -> object:
            if not TextProposal.objects.filter(public_id=proposal_id, text_id=text_id).exists():
                raise NotFound(f"This text has no proposal {proposal_id}.")
            # A draft the user may not read is missing, whatever the form says: the form is
            # checked only after, so that a bad form does not tell that the draft exists.
            access_proposal(acting_user(request), proposal_id)
            return action(
                user=acting_user(request),
                proposal_id=proposal_id,
                based_on=_based_on(request),
            )

        return _act(request, text_id, f"proposal-{proposal_id}", call, "#proposals")

    view.__name__ = f"proposal_{name}"
    return view


proposal_table = _proposal_action("table")
proposal_withdraw = _proposal_action("withdraw")
proposal_support = _proposal_action("support")
proposal_oppose = _proposal_action("oppose")


@login_required
@require_POST
def position_set(request: HttpRequest, text_id: int) -> HttpResponse:
    def call() -> object:
        payload = form_input(PositionIn, request.POST, messages=_RELOAD)
        return actions.position_set(
            user=acting_user(request),
            text_id=text_id,
            based_on=payload.based_on,
            provision=payload.provision,
            stance=payload.stance,
            reservation=payload.reservation,
        )

    return _act(request, text_id, "position", call, "#positions")


@login_required
@require_POST
def revision_issue(request: HttpRequest, text_id: int) -> HttpResponse:
    post = request.POST
    choice = {
        key[len("choice-") :]: value for key, value in post.items() if key.startswith("choice-")
    }

    def call() -> object:
        payload = form_input(
            RevisionIssueIn,
            post,
            messages=_RELOAD,
            **{
                way: [k for k, v in choice.items() if v == way]
                for way in ("fold", "keep", "reject")
            },
        )
        return actions.revision_issue(
            user=acting_user(request),
            text_id=text_id,
            based_on=payload.based_on,
            fold=payload.fold,
            keep=payload.keep,
            reject=payload.reject,
        )

    return _act(request, text_id, "revision", call)


@login_required
@require_POST
def agreement(request: HttpRequest, text_id: int) -> HttpResponse:
    post = request.POST
    action = (
        actions.provision_confirm
        if post.get("step") == "confirm"
        else actions.provision_agree_ad_referendum
    )
    return _act(
        request,
        text_id,
        "agreement",
        lambda: action(
            user=acting_user(request),
            text_id=text_id,
            based_on=_based_on(request),
            provision=post.get("provision", ""),
        ),
    )


@login_required
@require_GET
def redline_page(request: HttpRequest, text_id: int) -> HttpResponse:
    language = request.GET.get("language") or _language(request)
    try:
        old = int(request.GET.get("old", "1"))
        new = int(request.GET.get("new", "2"))
    except ValueError:
        return refused(request, ActionError("Revisions are given by their numbers."))
    try:
        text, result = selectors.revision_redline(request.user, text_id, old, new, language)
    except ActionError as error:
        return refused(request, error)
    return render(
        request,
        "negotiation/redline.html",
        {
            "text": text,
            "round": text.round,
            "old": old,
            "new": new,
            "language": language,
            "direction": direction(language),
            "html": render_redline(result),
            "changed": len(result.changed()),
            "revisions": list(text.revisions.values_list("number", flat=True)),
        },
    )


@login_required
def caucus(request: HttpRequest, round_id: int) -> HttpResponse:
    error = None
    typed = ""
    status = 200
    if request.method == "POST":
        typed = request.POST.get("body", "")
        try:
            note = form_input(CaucusNoteIn, request.POST)
            actions.caucus_note_add(user=acting_user(request), round_id=round_id, body=note.body)
            return HttpResponseRedirect(reverse("negotiation:caucus", args=[round_id]))
        except ActionError as refusal:
            if isinstance(refusal, NotFound):
                return refused(request, refusal)
            error, status = refusal, refusal.status
    try:
        actor = access_round(request.user, round_id, need=Right.CAUCUS_USE)
        notes = selectors.caucus_notes(request.user, round_id)
    except ActionError as refusal:
        return refused(request, refusal)
    drafts = [
        (text, [p for p in selectors.proposals_for(actor, text) if p.state == "draft"])
        for text in NegotiationText.objects.filter(round=actor.round)
    ]
    return render(
        request,
        "negotiation/caucus.html",
        {
            "actor": actor,
            "round": actor.round,
            "notes": notes,
            "drafts": drafts,
            "error": error,
            "typed": typed,
        },
        status=status,
    )


@login_required
@require_GET
def audit(request: HttpRequest, round_id: int) -> HttpResponse:
    action = request.GET.get("action", "")[:40]
    organisation = request.GET.get("organisation", "")[:120]
    try:
        entries = selectors.audit_entries(
            request.user, round_id, action=action, organisation=organisation
        )
        actor = access_round(request.user, round_id, need=Right.AUDIT_READ)
    except ActionError as error:
        return refused(request, error)
    return render(
        request,
        "negotiation/audit.html",
        {
            "round": actor.round,
            "entries": entries[:500],
            "action": action,
            "organisation": organisation,
            # Only the actions of entries the reader may see (never a confidential one's name).
            "actions": sorted(
                set(
                    selectors.audit_entries(request.user, round_id).values_list("action", flat=True)
                )
            ),
        },
    )


def _poll(actor: Any, after: EventCursor, stream_id: int, beat: bool) -> list[Any]:
    """One poll of a stream: the new events (and, now and then, the stream's row refreshed);
    the database connection is given back before the stream sleeps again."""
    try:
        if beat:
            streams.stream_seen(stream_id)
        return selectors.events_since(actor, after)
    finally:
        streams.release_connection()


async def events(request: HttpRequest, round_id: int) -> HttpResponseBase:
    """Server-sent events: the round's live changes, read from the database (so a change made
    through any worker process reaches every page), for about a minute; the browser's
    EventSource reconnects by itself, sending Last-Event-ID. A user may hold a few streams
    and a worker a few hundred (``streams``): beyond, 429 or 503 with Retry-After."""
    user = await request.auser()
    try:
        actor = await sync_to_async(access_round)(user, round_id)
    except ActionError as error:
        return HttpResponse(
            str(error), status=error.status, content_type="text/plain; charset=utf-8"
        )
    start = request.headers.get("Last-Event-ID") or request.GET.get("after", "")
    try:
        after = EventCursor.parse(start[:40])
    except ValueError:
        after = EventCursor()  # none yet (or from an older page): everything, from the start
    # Only someone with a role in the round gets here (never the anonymous public).
    member = cast(User, user)
    opened = await sync_to_async(streams.stream_open)(user=member, round_id=actor.round.pk)
    if isinstance(opened, streams.Refusal):
        refused_stream = HttpResponse(
            opened.message, status=opened.status, content_type="text/plain; charset=utf-8"
        )
        refused_stream["Retry-After"] = str(streams.RETRY_SECONDS)
        return refused_stream
    stream_id = opened
    await sync_to_async(streams.release_connection)()

    async def stream() -> AsyncIterator[str]:
        nonlocal after
        try:
            yield "retry: 1000\n\n"
            loop = asyncio.get_running_loop()
            deadline = loop.time() + EVENT_STREAM_SECONDS
            next_beat = loop.time() + EVENT_BEAT_SECONDS
            while loop.time() < deadline:
                beat = loop.time() >= next_beat
                if beat:
                    next_beat = loop.time() + EVENT_BEAT_SECONDS
                found = await sync_to_async(_poll)(actor, after, stream_id, beat)
                for item, after in found:
                    data = json.dumps(
                        {
                            "ref": item.reference,
                            "kind": item.kind,
                            "summary": item.summary,
                            "version": item.version,
                            "text": item.text_id,
                        },
                        ensure_ascii=False,
                    )
                    yield f"id: {after}\nevent: {item.kind}\ndata: {data}\n\n"
                if not found:
                    yield ": keep-alive\n\n"
                await asyncio.sleep(EVENT_POLL_SECONDS)
        finally:
            # The stream ended, or its reader left (the task is cancelled): free the slot.
            await sync_to_async(streams.stream_close)(stream_id)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
