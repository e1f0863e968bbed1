"""Pages of decisions and committees. Thin: parse the form, call one action or selector, render.

A refused write re-renders the page with the message (and the status of the refusal);
nothing changed. The public reads published outcomes and formed committees only.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from astana.core.roles import Right
from astana.web.api.forms import form_input, form_texts
from astana.web.common.errors import ActionError, NotFound
from astana.web.common.pages import (
    acting_user,
    form_number,
    refused,
    rights_of,
    shown_on_page,
    shows_refusals,
)
from astana.web.decisions import actions, selectors
from astana.web.decisions.access import access_committee, access_decision
from astana.web.decisions.composition import body_name
from astana.web.decisions.nominee_list import MAX_LIST_BYTES
from astana.web.decisions.schemas import VoteIn
from astana.web.decisions.views_create import default_rules, flag, rules_chosen
from astana.web.negotiation.actions.common import latest_revision
from astana.web.negotiation.presenting import provision_names, reading_language

__all__ = ["committee_list", "committee_page", "decision_page", "outcomes", "round_decisions"]


def _id(value: str, what: str) -> int:
    number = form_number(value)
    if number is None:
        raise ActionError(_("Choose the %(what)s.") % {"what": what})
    return number


def _round_post(request: HttpRequest, round_id: int, form: dict[str, str]) -> HttpResponse:
    step = form.get("step", "")
    if step == "rules":
        actions.rules_set(user=acting_user(request), round_id=round_id, **rules_chosen(form))
        return HttpResponseRedirect(reverse("decisions:round", args=[round_id]))
    if step != "call":
        raise ActionError(_("Unknown step."))
    subject = form.get("subject", "")
    text_field, provision = form.get("text_id", ""), form.get("provision", "")
    if subject == "provision" and ":" in provision:
        # The provision chosen by name carries its text: "<text>:<provision>".
        text_field, provision = provision.split(":", 1)
    decision = actions.decision_call(
        user=acting_user(request),
        round_id=round_id,
        subject=subject,
        questions=form_texts(form, "question"),
        text_id=_id(text_field, _("text")) if subject != "procedure" else None,
        provision=provision if subject == "provision" else "",
        secret=flag(form, "secret"),
    )
    return HttpResponseRedirect(reverse("decisions:decision", args=[decision.pk]))


def _provision_choices(rnd: Any) -> list[tuple[Any, list[tuple[str, str]]]]:
    """Each text of ``rnd`` with its provisions named in words in the reader's language
    (label and opening words), for choosing what a decision is on; "<text>:<provision>"."""
    choices = []
    for text in rnd.texts.order_by("slug"):
        if not text.revisions.exists():
            continue
        document = latest_revision(text)[1].document
        names = provision_names(document, reading_language(document))
        choices.append(
            (text, [(f"{text.pk}:{p.id}", names[p.id]) for p in document.walk() if p.id in names])
        )
    return choices


@login_required
@shows_refusals
def round_decisions(request: HttpRequest, round_id: int) -> HttpResponse:
    """A round's rules of procedure and decisions; the mediator calls, the convener sets rules."""
    error, typed, status = None, {}, 200
    if request.method == "POST":
        typed = request.POST.dict()
        try:
            return _round_post(request, round_id, typed)
        except ActionError as refusal:
            error, status = shown_on_page(refusal)
    actor, views = selectors.decisions_in_round(request.user, round_id)
    rnd, can = actor.round, rights_of(actor)
    return render(
        request,
        "decisions/round.html",
        {
            "actor": actor,
            "round": rnd,
            "rules": selectors.rules_for_round(rnd),
            "views": views,
            "texts": rnd.texts.order_by("slug"),
            "provision_choices": _provision_choices(rnd) if can["decision_call"] else [],
            "open_session": rnd.sessions.filter(is_open=True).first(),
            "sessions": rnd.sessions.order_by("number"),
            "can": can,
            "error": error,
            "typed": typed,
        },
        status=status,
    )


@login_required
@shows_refusals
def decision_page(request: HttpRequest, decision_id: int) -> HttpResponse:
    """One decision: the question, the vote (for the parties), the outcome once closed."""
    error, status = None, 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "vote":
                vote = form_input(VoteIn, request.POST)
                actions.vote_cast(
                    user=acting_user(request), decision_id=decision_id, choice=vote.choice
                )
            elif step == "close":
                actions.decision_close(user=acting_user(request), decision_id=decision_id)
            elif step == "publish":
                actions.decision_publish(user=acting_user(request), decision_id=decision_id)
            else:
                raise ActionError(_("Unknown step."))
            return HttpResponseRedirect(reverse("decisions:decision", args=[decision_id]))
        except ActionError as refusal:
            error, status = shown_on_page(refusal)
    actor, decision = access_decision(request.user, decision_id)
    return render(
        request,
        "decisions/decision.html",
        {
            "actor": actor,
            "round": actor.round,
            "view": selectors.decision_view(actor, decision),
            "session": decision.session,
            "can": rights_of(actor),
            "error": error,
        },
        status=status,
    )


@require_GET
@shows_refusals
def outcomes(request: HttpRequest, round_id: int) -> HttpResponse:
    """The published outcomes of a round: open to the public."""
    rnd, views = selectors.published_outcomes(round_id)
    return render(request, "decisions/outcomes.html", {"round": rnd, "views": views})


@require_GET
def committee_list(request: HttpRequest, process_slug: str) -> HttpResponse:
    """A process's committees; the convener is offered a new one and the default rules."""
    try:
        actor, committees = selectors.committees_in_process(request.user, process_slug)
    except ActionError as refusal:
        return refused(request, refusal)
    rules, _ = default_rules(actor.process)
    return render(
        request,
        "decisions/committees.html",
        {
            "process": actor.process,
            "committees": committees,
            "can": rights_of(actor),
            "rules": rules,
            "typed": {},
        },
    )


def _committee_post(request: HttpRequest, committee_id: int, form: dict[str, Any]) -> None:
    step, user = form.get("step", ""), acting_user(request)
    if step == "nominate":
        actions.committee_nominate(
            user=user,
            committee_id=committee_id,
            name=form.get("name", ""),
            bloc=form.get("bloc", ""),
            gender=form.get("gender", ""),
            in_small_body=flag(form, "in_small_body"),
            co_chair=flag(form, "co_chair"),
        )
    elif step == "nominate_list":
        upload = request.FILES.get("file")
        members = form.get("members", "")
        if upload is not None:
            if upload.size is None or upload.size > MAX_LIST_BYTES:
                raise ActionError(
                    _("The file is larger than %(value)s kB.") % {"value": MAX_LIST_BYTES // 1000}
                )
            try:
                members = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ActionError(
                    _("The file is not UTF-8 text (save the CSV as UTF-8).")
                ) from None
        actions.committee_nominate_list(
            user=user, committee_id=committee_id, members=members, bloc=form.get("bloc", "")
        )
    elif step == "withdraw":
        actions.committee_withdraw(user=user, nominee_id=_id(form.get("nominee", ""), "member"))
    elif step == "replace":
        actions.committee_replace(
            user=user,
            nominee_id=_id(form.get("nominee", ""), "member"),
            name=form.get("name", ""),
            gender=form.get("gender", ""),
        )
    elif step == "approve":
        actions.committee_approve(
            user=user, committee_id=committee_id, approver=form.get("approver", "")
        )
    else:
        raise ActionError(_("Unknown step."))


def committee_page(request: HttpRequest, committee_id: int) -> HttpResponse:
    """A committee: its rules, members per bloc and the live check of every rule."""
    error, typed, status = None, {}, 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return HttpResponseRedirect(f"{reverse('accounts:login')}?next={request.path}")
        typed = request.POST.dict()
        try:
            _committee_post(request, committee_id, typed)
            return HttpResponseRedirect(reverse("decisions:committee", args=[committee_id]))
        except ActionError as refusal:
            if isinstance(refusal, NotFound):
                return refused(request, refusal)
            error, status = refusal, refusal.status
    try:
        actor, committee = access_committee(request.user, committee_id)
    except ActionError as refusal:
        return refused(request, refusal)
    view = selectors.committee_view(actor, committee)
    language = translation.get_language() or "en"
    definition = committee.definition
    # Organisations by their names in the reader's language, never by their identifiers.
    slugs = {b["nominated_by"] for b in definition["blocs"]} | set(definition["approvers"])
    bodies = {slug: body_name(slug, language) for slug in slugs}
    blocs = [
        {
            **bloc,
            "body": bodies[bloc["nominated_by"]],
            "members": [n for n in view.nominees if n.active and n.bloc == bloc["name"]],
        }
        for bloc in definition["blocs"]
    ]
    return render(
        request,
        "decisions/committee.html",
        {
            "committee": committee,
            "view": view,
            "violations": view.messages(language, bodies),
            "blocs": blocs,
            "approvers": [bodies[a] for a in definition["approvers"]],
            "approving_for": [(a, bodies[a]) for a in view.approving_for],
            "former": [n for n in view.nominees if not n.active],
            "may_read_all": actor.can(Right.OUTCOME_READ),
            "error": error,
            "typed": typed,
        },
        status=status,
    )
