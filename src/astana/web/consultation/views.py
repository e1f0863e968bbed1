"""Pages of consultations. Thin: parse the form, call one action or selector, render.

An anonymous browser is known by a random key in a signed cookie, set on its first vote or
statement. A refused write re-renders the page with the message and the refusal's status;
nothing changed.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from astana.core.actions import Action
from astana.core.consult.groups import MIN_GROUP_SIZE
from astana.core.language import direction
from astana.web.accounts.models import User
from astana.web.api.forms import form_input, form_texts
from astana.web.common.errors import ActionError, Forbidden, NotFound
from astana.web.common.pages import form_number, refused
from astana.web.consultation import actions, selectors
from astana.web.consultation.access import access_consultation
from astana.web.consultation.models import LANGUAGE_CHOICES, Consultation, Statement
from astana.web.consultation.opinion_map import MapLabels, render_opinion_map
from astana.web.consultation.polis_import import consultation_import
from astana.web.consultation.schemas import ConsultationVoteIn, ModerationIn, StatementIn

__all__ = ["consultation_list", "consultation_page", "moderation_page", "results_page"]

COOKIE = "astana_consult"
SALT = "astana.consultation"
MAX_UPLOAD = 64 * 1024 * 1024


def participant_key(request: HttpRequest) -> str | None:
    """The anonymous browser's key from its signed cookie (None if absent or tampered)."""
    value = request.get_signed_cookie(COOKIE, default=None, salt=SALT)
    return str(value) if value else None


def keep_key(response: HttpResponse, key: str | None) -> HttpResponse:
    if key:
        response.set_signed_cookie(
            COOKIE, key, salt=SALT, max_age=365 * 24 * 3600, httponly=True, samesite="Lax"
        )
    return response


def _login(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(f"{reverse('accounts:login')}?next={request.path}")


def consultation_list(request: HttpRequest, process_slug: str) -> HttpResponse:
    """A process's consultations; the convener creates one here."""
    error, typed, status = None, {}, 200
    if request.method == "POST":
        if not isinstance(request.user, User):
            return _login(request)
        typed = request.POST.dict()
        try:
            consultation = actions.consultation_create(
                user=request.user,
                process_slug=process_slug,
                titles=form_texts(typed, "title"),
                questions=form_texts(typed, "question"),
                allow_anonymous=typed.get("allow_anonymous") == "on",
                open_now=typed.get("open_now") == "on",
            )
            return HttpResponseRedirect(reverse("consultation:page", args=[consultation.pk]))
        except ActionError as refusal:
            if isinstance(refusal, NotFound):
                return refused(request, refusal)
            error, status = refusal, refusal.status
    try:
        process, can_create, rows = selectors.consultations_in_process(request.user, process_slug)
    except ActionError as refusal:
        return refused(request, refusal)
    context = {"process": process, "consultations": rows, "can_create": can_create}
    context |= {"error": error, "typed": typed}
    return render(request, "consultation/list.html", context, status=status)


def _page_post(request: HttpRequest, consultation_id: int, key: str | None) -> None:
    form, user = request.POST, request.user
    step = form.get("step", "")
    if step == "vote":
        vote = form_input(
            ConsultationVoteIn, form, messages={"statement": "Choose the statement you vote on."}
        )
        actions.statement_vote(
            user=user,
            consultation_id=consultation_id,
            statement_id=vote.statement,
            choice=vote.choice,
            participant_key=key,
        )
    elif step == "submit":
        statement = form_input(StatementIn, form)
        actions.statement_submit(
            user=user,
            consultation_id=consultation_id,
            text=statement.text,
            language=statement.language,
            participant_key=key,
        )
    elif step == "update" and isinstance(user, User):
        flag = {"on": True, "off": False}
        actions.consultation_update(
            user=user,
            consultation_id=consultation_id,
            state=form.get("state") or None,
            results_published=flag.get(form.get("publish", "")),
            allow_anonymous=flag.get(form.get("anonymous", "")),
        )
    else:
        raise (
            Forbidden(_("Log in to change this consultation."))
            if step == "update"
            else ActionError(_("Unknown step."))
        )


def consultation_page(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """Vote on one statement at a time; submit a statement; the convener's controls."""
    error, typed, status = None, {}, 200
    key = participant_key(request)
    new_key = None
    if request.method == "POST":
        typed = request.POST.dict()
        if not request.user.is_authenticated and key is None:
            key = new_key = secrets.token_urlsafe(24)
        try:
            _page_post(request, consultation_id, key)
            step = "submitted" if typed.get("step") == "submit" else ""
            url = reverse("consultation:page", args=[consultation_id])
            return keep_key(HttpResponseRedirect(url + (f"?{step}=1" if step else "")), new_key)
        except ActionError as refusal:
            if isinstance(refusal, NotFound) and "statement" not in str(refusal):
                return refused(request, refusal)
            error, status = refusal, refusal.status
    try:
        actor = access_consultation(request.user, consultation_id)
    except ActionError as refusal:
        return refused(request, refusal)
    progress = selectors.next_statement(actor, key)
    context: dict[str, Any] = {
        "consultation": actor.consultation,
        "actor": actor,
        "progress": progress,
        "submitted": "submitted" in request.GET,
        "error": error,
        "typed": typed,
        "max_statement": actions.MAX_STATEMENT,
        "languages": LANGUAGE_CHOICES,
        "needs_login": not actor.can_vote
        and actor.consultation.state == Consultation.State.OPEN
        and not request.user.is_authenticated,
    }
    return render(request, "consultation/page.html", context, status=status)


def moderation_page(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """The moderation queue (secretariat, convener) and the convener's Pol.is import."""
    if not isinstance(request.user, User):
        return _login(request)
    error, status, report = None, 200, None
    if request.method == "POST":
        try:
            if request.POST.get("step") == "import":
                votes = request.FILES.get("votes")
                comments = request.FILES.get("comments")
                if votes is None:
                    raise ActionError(_("Choose the votes.csv file."))
                if (votes.size or 0) > MAX_UPLOAD or (
                    comments and (comments.size or 0) > MAX_UPLOAD
                ):
                    raise ActionError(_("A file is larger than 64 MB; use the API or the CLI."))
                report = consultation_import(
                    user=request.user,
                    consultation_id=consultation_id,
                    votes_csv=votes.read(),
                    comments_csv=comments.read() if comments else None,
                )
            else:
                statement = request.POST.get("statement", "")
                moderation = form_input(ModerationIn, request.POST)
                actions.statement_moderate(
                    user=request.user,
                    statement_id=form_number(statement) or 0,
                    decision=moderation.decision,
                    reason=moderation.reason,
                )
                url = reverse("consultation:moderate", args=[consultation_id])
                return HttpResponseRedirect(url)
        except ActionError as refusal:
            if isinstance(refusal, NotFound) and "statement" not in str(refusal):
                return refused(request, refusal)
            error, status = refusal, refusal.status
    try:
        actor = access_consultation(request.user, consultation_id, Action.STATEMENT_MODERATE)
    except ActionError as refusal:
        return refused(request, refusal)
    rows = actor.consultation.statements.select_related("author").order_by("id")
    context = {
        "consultation": actor.consultation,
        "actor": actor,
        "pending": [s for s in rows if s.state == Statement.State.PENDING],
        "moderated": [s for s in rows if s.state != Statement.State.PENDING],
        "error": error,
        "report": report,
    }
    return render(request, "consultation/moderate.html", context, status=status)


def group_letters(language: str) -> list[str]:
    """The names of groups A-E, in Arabic letters for Arabic readers."""
    return ["أ", "ب", "ج", "د", "هـ"] if language == "ar" else list("ABCDE")


def map_labels(language: str) -> MapLabels:
    letters = group_letters(language)
    return MapLabels(
        title=_("Opinion map"),
        first_axis=_("first axis"),
        second_axis=_("second axis"),
        group=lambda g: _("Group %(letter)s") % {"letter": letters[g % len(letters)]},
        statement=lambda n: _("Statement %(number)s") % {"number": n},
    )


@require_GET
def results_page(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """The latest stored analysis: the opinion map, each group's statements, consensus."""
    try:
        actor = access_consultation(request.user, consultation_id, "results")
    except ActionError as refusal:
        return refused(request, refusal)
    results = selectors.results_of(actor.consultation)
    language = translation.get_language() or "en"
    svg = ""
    if results.ok and results.analysis is not None:
        statements = {
            s.pk: (results.numbers[s.pk], s.text)
            for s in actor.consultation.statements.filter(state=Statement.State.ACCEPTED)
        }
        svg = render_opinion_map(
            results.analysis.result.get("map", {}),
            statements,
            rtl=direction(translation.get_language() or "en") == "rtl",
            labels=map_labels(language),
        )
    letters = group_letters(language)
    context = {
        "consultation": actor.consultation,
        "actor": actor,
        "results": results,
        "map_svg": svg,
        "named_groups": [(letters[g.number % len(letters)], g) for g in results.groups],
        "smallest_group": MIN_GROUP_SIZE,
        "grouping_minimum": 2 * MIN_GROUP_SIZE,
        "statements": actor.consultation.statements.filter(state=Statement.State.ACCEPTED).order_by(
            "id"
        ),
    }
    return render(request, "consultation/results.html", context)
