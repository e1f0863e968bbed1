"""``round.create``, ``participant.invite``, ``session.open``, ``session.close``,
``session.record``, ``session.publish_minutes``: rounds and sessions at work (the convener,
the host, the secretariat)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.language import LANGUAGES, is_language
from astana.core.roles import Role
from astana.web.accounts.access import permit, roles_in_process
from astana.web.accounts.models import User
from astana.web.archive.indexing import rebuild_search_index
from astana.web.common.access import process_named
from astana.web.common.audit import audit
from astana.web.common.characters import checked_plain, translations
from astana.web.common.errors import ActionError, NotFound, Stale
from astana.web.common.events import event
from astana.web.common.record import check_minutes_publishable, log_minutes
from astana.web.negotiation.access import Actor, access_round, actor_in_round
from astana.web.negotiation.models import RoundInvitation
from astana.web.negotiation.presenting import delegation_name, reader
from astana.web.negotiation.templatetags.negotiation import role_word
from astana.web.processes.models import (
    AgendaItem,
    Organisation,
    Round,
    Session,
    validate_partial_date,
)
from astana.web.processes.naming import organisation_named, role_named

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
MAX_MINUTES = 50_000
ROLES = {r.value for r in Role}


def _texts(
    values: Mapping[str, str], what: str, *, required: bool, limit: int, line_breaks: bool = False
) -> dict[str, str]:
    """``values`` by language, checked; ``what`` names them in the reader's words."""
    cleaned = dict(translations(values, f"The {what}"))
    if required and not cleaned:
        raise ActionError(_("The %(what)s is needed in at least one language.") % {"what": what})
    if any(len(v) > limit for v in cleaned.values()):
        raise ActionError(
            _("The %(what)s is at most %(limit)s characters.") % {"what": what, "limit": limit}
        )
    for language, value in cleaned.items():
        checked_plain(value, f"The {language} {what}", line_breaks=line_breaks)
    return cleaned


def _date(value: str, what: str) -> str:
    try:
        validate_partial_date(value)
    except Exception as error:
        raise ActionError(
            _("The %(what)s must be a date like 2026-05-25.") % {"what": what}
        ) from error
    return value


def _invite(rnd: Round, organisation: str, role: str) -> RoundInvitation:
    """Invite ``organisation`` (its identifier, or its name or short name in any language)
    as ``role`` (its code, or its word in any language)."""
    named_role = role_named(role)
    if named_role is None or named_role not in ROLES:
        raise ActionError(
            _("The role must be one of: %(roles)s.")
            % {"roles": ", ".join(role_word(r) for r in sorted(ROLES))}
        )
    role = named_role
    org = organisation_named(organisation)
    if org is None:
        raise ActionError(
            _("There is no organisation %(organisation)s.") % {"organisation": repr(organisation)}
        )
    invitation, _new = RoundInvitation.objects.get_or_create(round=rnd, organisation=org, role=role)
    return invitation


@transaction.atomic
def round_create(
    *,
    user: User,
    process_slug: str,
    slug: str,
    titles: Mapping[str, str],
    venues: Mapping[str, str],
    start: str,
    end: str = "",
    invitations: Sequence[tuple[str, str]] = (),
) -> Round:
    """The convener creates a round of a process and invites organisations by role."""
    process = process_named(process_slug)
    roles = roles_in_process(user, process)
    permit(user, process, roles, Action.ROUND_CREATE, refusal="Only the convener creates rounds.")
    if not _SLUG.match(slug):
        raise ActionError(_("The short name must be lower-case letters, digits or dashes."))
    if Round.objects.filter(process=process, slug=slug).exists():
        raise ActionError(
            _("The process already has a round named %(slug)s.") % {"slug": repr(slug)}
        )
    title = _texts(titles, _("title"), required=True, limit=300)
    venue = _texts(venues, _("venue"), required=True, limit=300)
    start = _date(start, _("start date"))
    if end:
        end = _date(end, _("end date"))
        if end < start:
            raise ActionError(_("The round cannot end before it starts."))
    number = (process.rounds.aggregate(Max("number"))["number__max"] or 0) + 1
    rnd = Round.objects.create(
        process=process,
        slug=slug,
        number=number,
        start=start,
        end=end,
        state=Round.State.PLANNED,
        **{f"title_{k}": v for k, v in title.items()},
        **{f"venue_{k}": v for k, v in venue.items()},
    )
    person = getattr(user, "person", None)
    conveners = Organisation.objects.filter(
        participations__process=process,
        participations__role=Role.CONVENER.value,
        memberships__person=person,
    ).distinct()
    for org in conveners:
        RoundInvitation.objects.get_or_create(round=rnd, organisation=org, role=Role.CONVENER.value)
    invited = [_invite(rnd, organisation, role) for organisation, role in invitations]
    actor = actor_in_round(user, rnd)
    audit(
        actor,
        Action.ROUND_CREATE,
        rnd,
        rnd.pk,
        slug=slug,
        invitations=[[i.organisation.slug, i.role] for i in invited],
    )
    event(
        rnd,
        Action.ROUND_CREATE,
        lambda: _("%(round)s created") % {"round": rnd.tr("title", reader()).text},
    )
    return rnd


@transaction.atomic
def participant_invite(
    *, user: User, round_id: int, organisation: str, role: str
) -> RoundInvitation:
    actor = access_round(user, round_id, need=Action.PARTICIPANT_INVITE)
    invitation = _invite(actor.round, organisation, role)
    invited, role = invitation.organisation, invitation.role
    audit(
        actor,
        Action.PARTICIPANT_INVITE,
        invitation,
        invitation.pk,
        organisation=invited.slug,
        role=role,
    )
    event(
        actor.round,
        Action.PARTICIPANT_INVITE,
        lambda: (
            _("%(organisation)s invited as %(role)s")
            % {"organisation": delegation_name(invited), "role": role_word(role)}
        ),
    )
    return invitation


def _session(actor: Actor, number: int) -> Session:
    session = Session.objects.select_for_update().filter(round=actor.round, number=number).first()
    if session is None:
        raise NotFound(_("This round has no session %(number)s.") % {"number": number})
    return session


@transaction.atomic
def session_open(*, user: User, round_id: int, titles: Mapping[str, str] | None = None) -> Session:
    """The host opens the next session of the round (a named official opens it)."""
    actor = access_round(user, round_id, need=Action.SESSION_OPEN)
    rnd = actor.round
    if rnd.sessions.filter(is_open=True).exists():
        raise ActionError(_("A session of this round is already open; close it first."))
    if rnd.state in (Round.State.CONCLUDED, Round.State.CANCELLED):
        raise ActionError(
            _("The round is %(state)s; no session can open.") % {"state": rnd.get_state_display()}
        )
    title = _texts(titles or {}, _("title"), required=False, limit=300)
    number = (rnd.sessions.aggregate(Max("number"))["number__max"] or 0) + 1
    session = Session.objects.create(
        round=rnd,
        slug=f"{rnd.slug}-session-{number}"[:120],
        number=number,
        date=timezone.now().date().isoformat(),
        opened_by=getattr(user, "person", None),
        is_open=True,
        opened_at=timezone.now(),
        **{f"title_{k}": v for k, v in title.items()},
    )
    if rnd.state == Round.State.PLANNED:
        rnd.state = Round.State.IN_SESSION
        rnd.save(update_fields=["state"])
    audit(actor, Action.SESSION_OPEN, session, session.pk, number=number)
    event(rnd, Action.SESSION_OPEN, lambda: _("Session %(n)s opened") % {"n": number})
    return session


@transaction.atomic
def session_close(*, user: User, round_id: int, number: int, based_on: int) -> Session:
    actor = access_round(user, round_id, need=Action.SESSION_CLOSE)
    session = _session(actor, number)
    _check(session, based_on)
    if not session.is_open:
        raise ActionError(_("Session %(number)s is not open.") % {"number": number})
    session.is_open = False
    session.closed_at = timezone.now()
    session.version += 1
    session.save()
    audit(actor, Action.SESSION_CLOSE, session, session.pk, number=number)
    event(actor.round, Action.SESSION_CLOSE, lambda: _("Session %(n)s closed") % {"n": number})
    return session


def _check(session: Session, based_on: int) -> None:
    if session.version != based_on:
        raise Stale(
            _(
                "Session %(number)s changed since you loaded it (your version %(based_on)s, "
                "now %(version)s). Nothing was saved; what you typed is kept."
            )
            % {"number": session.number, "based_on": based_on, "version": session.version},
            [
                _("session %(number)s is at version %(version)s")
                % {"number": session.number, "version": session.version}
            ],
        )


@transaction.atomic
def session_record(
    *,
    user: User,
    round_id: int,
    number: int,
    based_on: int,
    agenda: Sequence[str],
    agenda_language: str,
    attendance: Sequence[str],
    minutes: Mapping[str, str],
) -> Session:
    """The secretariat keeps a session's agenda, attendance and minutes."""
    actor = access_round(user, round_id, need=Action.SESSION_RECORD)
    session = _session(actor, number)
    _check(session, based_on)
    if not is_language(agenda_language):
        raise ActionError(_("The agenda's language must be ar, en or ru."))
    items = [item.strip() for item in agenda if item.strip()]
    if len(items) > 100 or any(len(i) > 1000 for i in items):
        raise ActionError(_("An agenda has at most 100 items of at most 1,000 characters."))
    for number, item in enumerate(items, start=1):
        checked_plain(item, f"Agenda item {number}")
    organisations = list(Organisation.objects.filter(slug__in=set(attendance)))
    unknown = set(attendance) - {o.slug for o in organisations}
    if unknown:
        raise ActionError(
            _("Unknown organisations in the attendance: %(unknown)s.")
            % {"unknown": ", ".join(sorted(unknown))}
        )
    texts = _texts(minutes, _("minutes"), required=False, limit=MAX_MINUTES, line_breaks=True)
    existing = list(session.agenda.order_by("order"))
    for order, item in enumerate(items, start=1):
        row = (
            existing[order - 1]
            if order <= len(existing)
            else AgendaItem(session=session, order=order)
        )
        setattr(row, f"text_{agenda_language}", item)
        row.save()
    for row in existing[len(items) :]:
        row.delete()
    session.attendance.set(organisations)
    for language in LANGUAGES:
        setattr(session, f"minutes_{language}", texts.get(language, ""))
    session.version += 1
    session.save()
    if session.minutes_published_at is not None:
        log_minutes(session)  # a correction of published minutes goes on the record too
    audit(
        actor,
        Action.SESSION_RECORD,
        session,
        session.pk,
        number=number,
        agenda=len(items),
        attendance=sorted(attendance),
    )
    event(
        actor.round,
        Action.SESSION_RECORD,
        lambda: _("Session %(n)s: agenda, attendance and minutes updated") % {"n": number},
    )
    return session


@transaction.atomic
def session_publish_minutes(*, user: User, round_id: int, number: int, based_on: int) -> Session:
    """The convener publishes a closed session's minutes to the public archive. Until then
    they are the participants' record. A session with a decision still open, or closed but
    not yet published, is refused: its outcome is in the minutes and would go public with
    them, before the convener published the decision."""
    actor = access_round(user, round_id, need=Action.SESSION_PUBLISH_MINUTES)
    session = _session(actor, number)
    _check(session, based_on)
    if session.minutes_published_at is not None:
        raise ActionError(
            _("The minutes of session %(number)s are already published.") % {"number": number}
        )
    if session.is_open:
        raise ActionError(
            _("Session %(number)s is still open; the host closes it first.") % {"number": number}
        )
    check_minutes_publishable(session)  # decisions: none of the session's open or unpublished
    session.minutes_published_at = timezone.now()
    session.version += 1
    session.save()
    log_minutes(session)  # the public record keeps their hash: a later edit in the database shows
    rebuild_search_index()
    audit(actor, Action.SESSION_PUBLISH_MINUTES, session, session.pk, number=number)
    event(
        actor.round,
        Action.SESSION_PUBLISH_MINUTES,
        lambda: _("Session %(n)s: minutes published") % {"n": number},
    )
    return session
