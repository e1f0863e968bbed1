"""``expert.invite`` and ``comment.add``: experts comment on a text where the mediator asks."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.roles import Role
from astana.web.accounts.models import User
from astana.web.common.audit import audit
from astana.web.common.characters import checked_body
from astana.web.common.errors import ActionError, Forbidden
from astana.web.common.events import event
from astana.web.negotiation.access import access_text
from astana.web.negotiation.actions.common import latest_revision
from astana.web.negotiation.models import ExpertInvitation, RoundInvitation, TextComment
from astana.web.negotiation.presenting import delegation_name, provision_name

MAX_COMMENT = 10_000


@transaction.atomic
def expert_invite(*, user: User, text_id: int, organisation: str) -> ExpertInvitation:
    """The mediator invites an expert organisation of the round to comment on the text."""
    actor, text = access_text(user, text_id, need=Action.EXPERT_INVITE)
    invited = (
        RoundInvitation.objects.filter(
            round=text.round, organisation__slug=organisation, role=Role.EXPERT.value
        )
        .select_related("organisation")
        .first()
    )
    if invited is None:
        raise ActionError(
            _("%(organisation)s is not an expert in this round.")
            % {"organisation": repr(organisation)}
        )
    invitation, _new = ExpertInvitation.objects.get_or_create(
        text=text, organisation=invited.organisation
    )
    audit(actor, Action.EXPERT_INVITE, invitation, invitation.pk, organisation=organisation)
    event(
        text.round,
        Action.EXPERT_INVITE,
        lambda: (
            _("%(expert)s invited to comment") % {"expert": delegation_name(invited.organisation)}
        ),
        text,
    )
    return invitation


@transaction.atomic
def comment_add(*, user: User, text_id: int, provision: str, body: str) -> TextComment:
    """An invited expert comments on a provision of the current revision."""
    actor, text = access_text(user, text_id, need=Action.COMMENT_ADD)
    invited = ExpertInvitation.objects.filter(
        text=text, organisation__in=actor.organisations
    ).first()
    if invited is None:
        raise Forbidden(
            _("The mediator has not invited your organisation to comment on this text.")
        )
    body = checked_body(body, "The comment", MAX_COMMENT)
    revision = latest_revision(text)[1]
    if provision not in revision.document:
        raise ActionError(
            _("There is no provision %(provision)s in Rev.%(number)s.")
            % {"provision": repr(provision), "number": revision.number}
        )
    comment = TextComment.objects.create(
        text=text,
        provision=provision,
        revision=revision.number,
        organisation=invited.organisation,
        author=user,
        body=body,
    )
    audit(actor, Action.COMMENT_ADD, comment, comment.pk, provision=provision)
    event(
        text.round,
        Action.COMMENT_ADD,
        lambda: (
            _("%(expert)s commented on %(provision)s")
            % {
                "expert": delegation_name(invited.organisation),
                "provision": provision_name(revision.document, provision),
            }
        ),
        text,
    )
    return comment
