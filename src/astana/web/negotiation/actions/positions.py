"""``position.set``, ``provision.agree_ad_referendum``, ``provision.confirm``: where each party
stands on each provision, and agreement provision by provision. Each is bound to the
provision's wording in the latest revision: setting a position again on a new wording is
how a party confirms it."""

from __future__ import annotations

from django.db import transaction

from astana.core.actions import Action
from astana.core.text import AgreementError, Position, Stance, Wording
from astana.web.accounts.models import User
from astana.web.common.audit import audit
from astana.web.common.characters import checked_text
from astana.web.common.errors import ActionError, Forbidden
from astana.web.common.events import event
from astana.web.negotiation.access import access_text
from astana.web.negotiation.actions.common import bump, check_version, latest_revision, positions_of
from astana.web.negotiation.models import NegotiationText
from astana.web.negotiation.presenting import delegation_name, provision_name

# How a live event's summary says a position (in words, not the stance's code).
STANCE_WORDS = {
    "support": "supports",
    "support_with_reservation": "supports with a reservation",
    "cannot_accept": "cannot accept",
}

MAX_RESERVATION = 5_000


@transaction.atomic
def position_set(
    *, user: User, text_id: int, based_on: int, provision: str, stance: str, reservation: str = ""
) -> NegotiationText:
    """A party states its position on a provision of the current revision."""
    actor, text = access_text(user, text_id, need=Action.POSITION_SET)
    if actor.delegation is None:
        raise Forbidden("Only a party states positions.")
    if actor.delegation.slug not in positions_of(text).parties:
        raise Forbidden(
            "Positions are stated by the parties to the text; your delegation is not one."
        )
    check_version(text, based_on)
    try:
        stance_value = Stance(stance)
    except ValueError as error:
        choices = ", ".join(s.value for s in Stance)
        raise ActionError(f"The position must be one of: {choices}.") from error
    if len(reservation) > MAX_RESERVATION:
        raise ActionError(f"The reservation is longer than {MAX_RESERVATION} characters.")
    reservation = checked_text(reservation, "The reservation", line_breaks=True)
    _, revision = latest_revision(text)
    if provision not in revision.document:
        raise ActionError(f"There is no provision {provision!r} in Rev.{revision.number}.")
    positions = positions_of(text)
    if actor.delegation.slug not in positions.parties:
        raise Forbidden(
            "Positions are stated by the parties to the text; your delegation is not one."
        )
    try:
        position = Position(actor.delegation.slug, provision, stance_value, reservation.strip())
        positions = positions.record(position, on=revision)
    except ValueError as error:
        raise ActionError(str(error)) from error
    text.positions = positions.to_dict()
    text.save(update_fields=["positions"])
    bump(text)
    audit(
        actor,
        Action.POSITION_SET,
        text,
        f"{text.pk}/{provision}",
        provision=provision,
        stance=stance_value.value,
        reservation=reservation.strip(),
        revision=revision.number,
        wording=Wording.of(revision, provision).fingerprint,
    )
    summary = (
        f"{delegation_name(actor.delegation)} {STANCE_WORDS[stance_value.value]} "
        f"{provision_name(revision.document, provision)}"
    )
    event(actor.round, Action.POSITION_SET, summary, text)
    return text


def _agreement(
    user: User, text_id: int, based_on: int, provision: str, confirm: bool
) -> NegotiationText:
    actor, text = access_text(
        user,
        text_id,
        need=Action.PROVISION_CONFIRM if confirm else Action.PROVISION_AGREE_AD_REFERENDUM,
    )
    check_version(text, based_on)
    _, revision = latest_revision(text)
    positions = positions_of(text)
    try:
        if confirm:
            positions = positions.confirm(revision, provision)
        else:
            positions = positions.agree_ad_referendum(revision, provision)
    except AgreementError as error:
        raise ActionError(str(error)) from error
    text.positions = positions.to_dict()
    text.save(update_fields=["positions"])
    bump(text)
    action = Action.PROVISION_CONFIRM if confirm else Action.PROVISION_AGREE_AD_REFERENDUM
    wording = positions.agreements[provision].wording
    audit(
        actor,
        action,
        text,
        f"{text.pk}/{provision}",
        provision=provision,
        revision=wording.revision,
        wording=wording.fingerprint,
    )
    state = "agreed" if confirm else "agreed ad referendum"
    event(actor.round, action, f"{provision_name(revision.document, provision)}: {state}", text)
    return text


@transaction.atomic
def provision_agree_ad_referendum(
    *, user: User, text_id: int, based_on: int, provision: str
) -> NegotiationText:
    """The mediator records that every party accepts ``provision`` pending its leadership."""
    return _agreement(user, text_id, based_on, provision, confirm=False)


@transaction.atomic
def provision_confirm(
    *, user: User, text_id: int, based_on: int, provision: str
) -> NegotiationText:
    """The mediator records that the leaderships confirmed: ``provision`` is agreed."""
    return _agreement(user, text_id, based_on, provision, confirm=True)
