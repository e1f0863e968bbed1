"""Pages of a text in the negotiation room: the text with its proposals and positions, the
redline between revisions, and the forms that table, withdraw, support or oppose a proposal,
take a position, issue a revision or record agreement. Thin: parse the form, call one action
or selector, render.

A refused write re-renders the page with the message and the user's typed text kept in the
form (HTTP 409 for a stale version, 4xx for other refusals); nothing is lost.
"""

from __future__ import annotations

import contextlib
import inspect
import json
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from astana.core.language import direction, fallback_order
from astana.core.text import Document, Stance
from astana.core.text.insertion import suggest_label
from astana.web.api.forms import form_fields, form_input
from astana.web.api.schemas import BasedOnIn, Input
from astana.web.common.errors import ActionError, NotFound, Stale
from astana.web.common.pages import acting_user, refused, rights_of
from astana.web.consultation.selectors import consultations_beside_text
from astana.web.negotiation import actions, selectors
from astana.web.negotiation.access import access_proposal, access_text, proposal_moves
from astana.web.negotiation.actions.changes import KINDS
from astana.web.negotiation.models import RoundInvitation, TextProposal
from astana.web.negotiation.parallel import render_parallel, shown_in_another_language
from astana.web.negotiation.presenting import proposal_views, provision_names
from astana.web.negotiation.rendering import (
    reading_problems,
    render_provisions,
    render_redline,
)
from astana.web.negotiation.schemas import (
    ChangeIn,
    PositionIn,
    RevisionIssueIn,
)
from astana.web.negotiation.shared import shared_in_round


def _language(request: HttpRequest) -> str:
    return translation.get_language() or "en"


@login_required
@require_GET
def text_page(request: HttpRequest, text_id: int) -> HttpResponse:
    """The text as its reader may read it: rendered once per audience and state of the
    database, and served from that copy to the audience's other readers (``common.rendered``:
    when a text changes, every open page of it asks for itself again at once)."""

    def access() -> int:
        return access_text(request.user, text_id)[1].round.process_id

    return shared_in_round(
        request,
        ("text", text_id),
        access,
        lambda extra: _text_response(request, text_id, extra=extra),
        votes=True,  # the consultations beside the text
    )


def _text_response(
    request: HttpRequest,
    text_id: int,
    *,
    error: ActionError | None = None,
    form: str = "",
    typed: dict[str, Any] | None = None,
    status: int = 200,
    extra: dict[str, Any] | None = None,
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
    document = state.document
    labels = {i: document.label(i, state.view["language"]) for i in document.ids()}
    # What the reader found wrong in the source of a text created leniently: listed, and
    # marked at the provision where each falls (kept with the revision; see TextRevision).
    problems = reading_problems(state.revision.problems, labels)
    marks: dict[str, list[str]] = {}
    for problem in problems:
        if problem["provision"]:
            marks.setdefault(problem["provision"], []).append(problem["reason"])
    rendered = [
        {
            "state": s,
            "html": render_provisions(
                s.view["provisions"], names, stale, marks, anchors=s is columns[0]
            ),
            "language": s.view["language"],
            "direction": s.view["direction"],
        }
        for s in columns
    ]
    # Two or three languages side by side: one row per provision, so that the columns align.
    aligned = (
        render_parallel(
            [(s.view["language"], s.view["direction"], s.view["provisions"]) for s in columns],
            names,
            stale,
            marks,
        )
        if len(columns) > 1
        else ""
    )
    # Each provision as delegations cite it, by its labels and opening words ("Article 2 ¶1 —
    # The parties call for…"): in pickers, proposals, positions, blockers and comments.
    labels = provision_names(document, state.view["language"])
    positions = [
        {**pos, "party_name": names.get(pos["party"], pos["party"])}
        for pos in state.positions.get("positions", [])
    ]
    provisions = [(i, labels[i]) for i in document.ids()]
    shown = proposal_views(
        state.proposals,
        names,
        state.view["language"],
        known={(state.text.pk, state.revision.number): document},
    )
    suggested = ""
    chosen = (typed or {}).get("provision", "")
    if (typed or {}).get("kind") == "insert_provision" and chosen in document:
        above = document.parent(chosen)
        with contextlib.suppress(ValueError):
            suggested = suggest_label(
                document,
                above.id if above else None,
                chosen,
                (typed or {}).get("provision_kind") or document[chosen].kind,
                (typed or {}).get("language") or state.view["language"],
            )
    return render(
        request,
        "negotiation/text.html",
        {
            "state": state,
            "text": state.text,
            "round": state.text.round,
            "actor": state.actor,
            "columns": rendered,
            "aligned": aligned,
            "shown_elsewhere": shown_in_another_language(language, state.view["language"]),
            "view": view,
            "names": names,
            "positions": positions,
            "blockers": _blockers(state, names),
            "provisions": provisions,
            "labels": labels,
            "problems": problems,
            "new_kinds": NEW_KINDS,
            "suggested_label": suggested,
            "stances": [s.value for s in Stance],
            "kinds": KINDS,
            "revisions": list(state.text.revisions.values_list("number", flat=True)),
            "can": rights_of(state.actor),
            "proposal_rows": [
                (p, proposal_moves(state.actor, p), shown[p.public_id]) for p in state.proposals
            ],
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
            "sources": translation_sources(document, rights_of(state.actor)["text_translate"]),
            "experts": [
                i.organisation
                for i in RoundInvitation.objects.filter(
                    round=state.text.round, role="expert"
                ).select_related("organisation")
            ],
            **(extra or {}),
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


#: The kinds a proposed new provision may be, the most common first.
NEW_KINDS = ("paragraph", "subparagraph", "article", "chapter", "section", "clause", "recital",
             "heading", "option", "note")  # fmt: skip

_RELOAD = {"based_on": "The form is missing a valid 'based_on'; reload the page."}


def form_action(
    schema: type[Input], action: Callable[..., object], form: str, anchor: str = ""
) -> Callable[[HttpRequest, int], HttpResponse]:
    """The view of a text page's form that is one action and nothing more: the form parsed by
    the API's ``schema`` (the same fields, limits and messages), whose fields are the action's
    arguments beside the acting user and the text (checked here, when the view is made)."""
    taken = inspect.signature(action).parameters
    if missing := [name for name in schema.model_fields if name not in taken]:
        raise TypeError(f"{action!r} takes no argument {', '.join(missing)} of {schema.__name__}")

    @login_required
    @require_POST
    def view(request: HttpRequest, text_id: int) -> HttpResponse:
        def call() -> object:
            payload = form_input(schema, request.POST, messages=_RELOAD)
            return action(user=acting_user(request), text_id=text_id, **dict(payload))

        return _act(request, text_id, form, call, anchor)

    view.__name__ = view.__qualname__ = getattr(action, "__name__", form)
    return view


def _based_on(request: HttpRequest) -> int:
    return form_input(BasedOnIn, request.POST, messages=_RELOAD).based_on


def translation_sources(document: Document, can_translate: bool) -> str:
    """Each provision's text per language in the notation, for the translation form to start
    from (drafting.js); none for a reader who does not translate."""
    if not can_translate:
        return "{}"
    return json.dumps(
        {
            identity: {
                language: str(document[identity].text(language)) for language in document.languages
            }
            for identity in document.ids()
        }
    )


def change_of_form(change: dict[str, Any], post: Any) -> dict[str, Any]:
    """The change a drafting form describes. Its fields are the change's own (ChangeIn),
    flat; a new provision's text is the one text field, in the language chosen. The action,
    not the schema, judges the change: its refusals name what is wrong with this kind."""
    change.pop("texts", None)  # not a form field: built from "text" below
    change.pop("labels", None)  # neither: a label is the one "label" field, in "language"
    if change.get("kind") == "insert_provision":
        language = change.get("language")
        change["texts"] = {language: post.get("text", "")} if language else {}
    if change.get("kind") == "insert_words" and not change.get("text") and not change.get("after"):
        # On the form the words in "words" are where the new ones go (the API's ``words``
        # are the new words themselves, placed by ``after``).
        raise ActionError('Write the words to insert (in "Words to insert").')
    if change.get("kind") == "move_provision" and post.get("move_after"):
        # The form names the provision to move after in its own list (``after`` is words).
        change["after"] = post.get("move_after")
    # Fields a kind does not use are left out: a form sends every field it shows.
    used = _FIELDS_OF.get(str(change.get("kind")), set())
    return {k: v for k, v in change.items() if k in used or k == "kind"}


#: The fields each kind of change uses (the rest of a form's fields are ignored).
_FIELDS_OF: dict[str, set[str]] = {
    "replace_text": {"provision", "language", "text", "words", "occurrence"},
    "delete_words": {"provision", "language", "words", "occurrence"},
    "insert_words": {"provision", "language", "text", "words", "after", "before", "occurrence"},
    "add_alternative": {"provision", "language", "text", "words", "occurrence"},
    "insert_provision": {"provision", "language", "texts", "provision_kind", "label", "parent"},
    "delete_provision": {"provision"},
    "move_provision": {"provision", "parent", "after"},
}


@login_required
@require_POST
def proposal_draft(request: HttpRequest, text_id: int) -> HttpResponse:
    post = request.POST

    def call() -> object:
        return actions.proposal_draft(
            user=acting_user(request),
            text_id=text_id,
            change=change_of_form(form_fields(ChangeIn, post), post),
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


position_set = form_action(PositionIn, actions.position_set, "position", "#positions")


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
def revision_renumber(request: HttpRequest, text_id: int) -> HttpResponse:
    return _act(
        request,
        text_id,
        "renumber",
        lambda: actions.revision_renumber(
            user=acting_user(request), text_id=text_id, based_on=_based_on(request)
        ),
        "#concordance",
    )


@login_required
@require_POST
def agreement(request: HttpRequest, text_id: int) -> HttpResponse:
    post = request.POST
    step = post.get("step", "")
    if step in ("adref-all", "confirm-all"):
        done = _act(
            request,
            text_id,
            "agreement",
            lambda: actions.provisions_agree_all(
                user=acting_user(request),
                text_id=text_id,
                based_on=_based_on(request),
                confirm=step == "confirm-all",
            ),
        )
        if post.get("back") == "grid" and isinstance(done, HttpResponseRedirect):
            return HttpResponseRedirect(reverse("negotiation:grid", args=[text_id]))
        return done
    action = (
        actions.provision_confirm if step == "confirm" else actions.provision_agree_ad_referendum
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
    # Without an explicit ?language=, a text with no version in the reader's language is
    # compared in the first language it has (as the text page shows it).
    tried = [language] if request.GET.get("language") else list(fallback_order(language))
    for language in tried:
        try:
            text, result = selectors.revision_redline(request.user, text_id, old, new, language)
            break
        except NotFound as error:
            return refused(request, error)
        except ActionError as error:
            if language == tried[-1]:
                return refused(request, error)
    labels, languages = selectors.revision_labels(request.user, text_id, (old, new), language)
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
            "html": render_redline(
                result, labels, selectors.organisation_names(_language(request))
            ),
            "languages": languages,
            "changed": len(result.changed()),
            "revisions": list(text.revisions.values_list("number", flat=True)),
        },
    )
