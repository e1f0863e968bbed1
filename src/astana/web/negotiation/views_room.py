"""Pages of a round in the negotiation room: the room (its texts, a new text), the caucus of
one delegation and the round's audit. Thin: parse the form, call one action or selector,
render; a refused write re-renders the page with the message and the typed text kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from astana.core.roles import Right, has_right
from astana.web.api.forms import form_input, form_texts
from astana.web.common.errors import ActionError, NotFound
from astana.web.common.pages import acting_user, refused, rights_of
from astana.web.negotiation import actions, selectors
from astana.web.negotiation.access import access_round
from astana.web.negotiation.audit_words import ACTION_WORDS, action_word, audit_rows
from astana.web.negotiation.models import NegotiationText
from astana.web.negotiation.presenting import delegation_name
from astana.web.negotiation.schemas import (
    CaucusNoteIn,
)
from astana.web.negotiation.shared import shared_in_round
from astana.web.processes.models import ROLE_CHOICES, Organisation


@login_required
def room(request: HttpRequest, round_id: int) -> HttpResponse:
    if request.method != "POST":
        return shared_in_round(
            request,
            ("room", round_id),
            lambda: access_round(request.user, round_id).round.process_id,
            lambda extra: _room_page(request, round_id, extra=extra),
        )
    typed = request.POST.dict()
    upload = request.FILES.get("file")
    # One checkbox is the mediator's confirmation: read leniently and mark the problems.
    accept = typed.get("accept_problems") == "on"
    try:
        notation = actions.source_notation(
            notation=typed.get("notation", ""),
            filename=upload.name or "" if upload else "",
            data=upload.read() if upload else None,
            from_pdf=typed.get("from_pdf") == "on",
        )
        # Refused, the form shows what was read, to be put right there or accepted.
        typed["notation"], typed["from_pdf"] = notation, ""
        text = actions.text_create(
            user=acting_user(request),
            round_id=round_id,
            slug=typed.get("slug", ""),
            titles=form_texts(typed, "title"),
            notation=notation,
            lenient=accept,
            accept_problems=accept,
        )
    except ActionError as refusal:
        if isinstance(refusal, NotFound):
            return refused(request, refusal)
        return _room_page(request, round_id, error=refusal, typed=typed, status=refusal.status)
    return HttpResponseRedirect(reverse("negotiation:text", args=[text.pk]))


def _room_page(
    request: HttpRequest,
    round_id: int,
    *,
    error: ActionError | None = None,
    typed: dict[str, str] | None = None,
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
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
            "typed": typed or {},
            "invitable": _invitable(actor),
            "roles": [(code, str(label)) for code, label in ROLE_CHOICES],
            **(extra or {}),
        },
        status=status,
    )


def _invitable(actor: Any) -> list[tuple[str, str]]:
    """The organisations the convener may invite, by name in the reader's language (none
    to read for a role that does not invite)."""
    if not has_right(actor.roles, Right.PARTICIPANT_INVITE):
        return []
    rows = Organisation.objects.all()
    return sorted(((o.slug, delegation_name(o)) for o in rows), key=lambda pair: pair[1])


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
    language = translation.get_language() or "en"
    return render(
        request,
        "negotiation/audit.html",
        {
            "round": actor.round,
            "entries": entries[:500],
            # Each entry in words: the action, who by name, the object as people name it.
            "rows": audit_rows(entries[:500], language),
            "action_words": {a: action_word(a) for a in ACTION_WORDS},
            # The organisations to filter by, by name (the slug is the option's value).
            "organisations": sorted(
                {
                    (e.organisation.slug, delegation_name(e.organisation, language))
                    for e in selectors.audit_entries(request.user, round_id).select_related(
                        "organisation"
                    )
                    if e.organisation is not None
                },
                key=lambda pair: pair[1],
            ),
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
