"""Pages for rounds and sessions at work: the convener creates a round and invites, the host
opens and closes sessions, the secretariat keeps agenda, attendance and minutes; experts
comment where the mediator invites them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from astana.core.roles import Right
from astana.web.api.forms import form_input, form_texts
from astana.web.common.access import process_named
from astana.web.common.errors import ActionError, NotFound
from astana.web.common.pages import acting_user, form_number, refused, shown_on_page, shows_refusals
from astana.web.negotiation import actions
from astana.web.negotiation.access import access_round
from astana.web.negotiation.models import RoundInvitation
from astana.web.negotiation.presenting import delegation_name
from astana.web.negotiation.schemas import CommentIn, ExpertInviteIn
from astana.web.negotiation.views_texts import _text_response
from astana.web.processes.models import Organisation, Session


def _int(value: str) -> int:
    if form_number(value) is None:
        raise ActionError("The form is missing a valid version; reload the page.")
    return int(value)


@login_required
@shows_refusals
def round_new(request: HttpRequest, process_slug: str) -> HttpResponse:
    process = process_named(process_slug)
    error, typed, status = None, {}, 200
    if request.method == "POST":
        typed = request.POST.dict()
        # "organisation: role", the organisation by its name in any language (which may
        # hold a colon: the role is after the last one).
        lines = [line for line in typed.get("invitations", "").splitlines() if line.strip()]
        invitations = [
            (line.rsplit(":", 1)[0].strip(), line.rsplit(":", 1)[1].strip())
            for line in lines
            if ":" in line
        ]
        bad = [line for line in lines if ":" not in line]
        try:
            if bad:
                raise ActionError(
                    _("Each invitation is 'organisation: role'; not %(line)s.")
                    % {"line": repr(bad[0])}
                )
            rnd = actions.round_create(
                user=acting_user(request),
                process_slug=process_slug,
                slug=typed.get("slug", ""),
                titles=form_texts(typed, "title"),
                venues=form_texts(typed, "venue"),
                start=typed.get("start", ""),
                end=typed.get("end", ""),
                invitations=invitations,
            )
            return HttpResponseRedirect(reverse("negotiation:room", args=[rnd.pk]))
        except ActionError as refusal:
            error, status = shown_on_page(refusal)
    return render(
        request,
        "negotiation/round_new.html",
        {
            "process": process,
            "error": error,
            "typed": typed,
            "organisations": sorted(Organisation.objects.all(), key=delegation_name),
        },
        status=status,
    )


@login_required
@shows_refusals
def round_admin(request: HttpRequest, round_id: int) -> HttpResponse:
    """Open or close a session (host); publish a closed session's minutes, invite an
    organisation (convener)."""
    if request.method != "POST":
        return HttpResponseRedirect(reverse("negotiation:room", args=[round_id]))
    post = request.POST
    step = post.get("step", "")
    if step == "open":
        actions.session_open(
            user=acting_user(request),
            round_id=round_id,
            titles=form_texts(post, "title"),
        )
    elif step in ("close", "publish_minutes"):  # a session's number and its version
        session_action = (
            actions.session_close if step == "close" else actions.session_publish_minutes
        )
        session_action(
            user=acting_user(request),
            round_id=round_id,
            number=_int(post.get("number", "")),
            based_on=_int(post.get("based_on", "")),
        )
    elif step == "invite":
        actions.participant_invite(
            user=acting_user(request),
            round_id=round_id,
            organisation=post.get("organisation", ""),
            role=post.get("role", ""),
        )
    else:
        raise ActionError("Unknown step.")
    return HttpResponseRedirect(reverse("negotiation:room", args=[round_id]))


@login_required
@shows_refusals
def session_record(request: HttpRequest, round_id: int, number: int) -> HttpResponse:
    actor = access_round(request.user, round_id, need=Right.RECORD_EDIT)
    session = Session.objects.filter(round=actor.round, number=number).first()
    if session is None:
        return refused(request, NotFound(f"This round has no session {number}."))
    error, typed, status = None, {}, 200
    if request.method == "POST":
        typed = request.POST.dict()
        try:
            actions.session_record(
                user=acting_user(request),
                round_id=round_id,
                number=number,
                based_on=_int(typed.get("based_on", "")),
                agenda=typed.get("agenda", "").splitlines(),
                agenda_language=typed.get("agenda_language", "en"),
                attendance=request.POST.getlist("attendance"),
                minutes=form_texts(typed, "minutes"),
            )
            return HttpResponseRedirect(reverse("negotiation:room", args=[round_id]))
        except ActionError as refusal:
            error, status = shown_on_page(refusal)
            session.refresh_from_db()
    invited = RoundInvitation.objects.filter(round=actor.round).select_related("organisation")
    return render(
        request,
        "negotiation/session_record.html",
        {
            "round": actor.round,
            "session": session,
            "error": error,
            "typed": typed,
            "organisations": sorted({i.organisation for i in invited}, key=lambda o: o.slug),
            "present": set(session.attendance.values_list("slug", flat=True)),
            "agenda": "\n".join(i.text_en or i.text_ar or i.text_ru for i in session.agenda.all()),
            "can": {
                "caucus_use": actor.can(Right.CAUCUS_USE),
                "audit_read": actor.can(Right.AUDIT_READ),
            },
        },
        status=status,
    )


@login_required
def text_comments(request: HttpRequest, text_id: int) -> HttpResponse:
    """Invite an expert (mediator) or add a comment (invited expert)."""
    if request.method != "POST":
        return HttpResponseRedirect(reverse("negotiation:text", args=[text_id]))
    post = request.POST
    try:
        if post.get("step") == "invite":
            invite = form_input(ExpertInviteIn, post)
            actions.expert_invite(
                user=acting_user(request), text_id=text_id, organisation=invite.organisation
            )
        else:
            comment = form_input(CommentIn, post)
            actions.comment_add(
                user=acting_user(request),
                text_id=text_id,
                provision=comment.provision,
                body=comment.body,
            )
    except ActionError as refusal:
        if isinstance(refusal, NotFound):
            return refused(request, refusal)
        return _text_response(
            request,
            text_id,
            error=refusal,
            form="comment",
            typed=post.dict(),
            status=refusal.status,
        )
    return HttpResponseRedirect(reverse("negotiation:text", args=[text_id]) + "#comments")
