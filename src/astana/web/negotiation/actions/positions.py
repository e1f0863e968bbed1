"""``position.set``, ``provision.agree_ad_referendum``, ``provision.confirm``: where each party
stands on each provision, and agreement provision by provision. Each is bound to the
provision's wording in the latest revision: setting a position again on a new wording is
how a party confirms it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from astana.core.actions import Action
from astana.core.text import (
    AgreementError,
    Position,
    Positions,
    Provision,
    ProvisionState,
    Revision,
    Stance,
    Wording,
    position_grid,
)
from astana.web.accounts.models import User
from astana.web.common.audit import audit
from astana.web.common.characters import checked_text
from astana.web.common.errors import ActionError, Forbidden, Stale
from astana.web.common.events import event
from astana.web.negotiation.access import Actor, access_text
from astana.web.negotiation.actions.common import bump, check_version, latest_revision, positions_of
from astana.web.negotiation.models import NegotiationText
from astana.web.negotiation.presenting import (
    delegation_name,
    delegation_names,
    provision_name,
)

# How a live event's summary says a position (in words, not the stance's code).
STANCE_WORDS = {
    "support": gettext_noop("%(delegation)s supports %(provision)s"),
    "support_with_reservation": gettext_noop(
        "%(delegation)s supports %(provision)s with a reservation"
    ),
    "cannot_accept": gettext_noop("%(delegation)s cannot accept %(provision)s"),
}

MAX_RESERVATION = 5_000
#: The most cells one grid form sets at once (a text of a few hundred provisions).
MAX_CELLS = 1_000


@dataclass(frozen=True)
class CellChange:
    """One cell of a delegation's row in the grid, as the form sends it: the position to
    record, and ``was``, the token of what the cell held when the form was loaded."""

    provision: str
    stance: str
    reservation: str = ""
    was: str = ""


@transaction.atomic
def position_set(
    *, user: User, text_id: int, based_on: int, provision: str, stance: str, reservation: str = ""
) -> NegotiationText:
    """A party states its position on a provision of the current revision."""
    actor, text = access_text(user, text_id, need=Action.POSITION_SET)
    if actor.delegation is None:
        raise Forbidden(_("Only a party states positions."))
    if actor.delegation.slug not in positions_of(text).parties:
        raise Forbidden(
            _("Positions are stated by the parties to the text; your delegation is not one.")
        )
    check_version(text, based_on)
    try:
        stance_value = Stance(stance)
    except ValueError as error:
        choices = ", ".join(s.value for s in Stance)
        raise ActionError(
            _("The position must be one of: %(choices)s.") % {"choices": choices}
        ) from error
    if len(reservation) > MAX_RESERVATION:
        raise ActionError(
            _("The reservation is longer than %(max_reservation)s characters.")
            % {"max_reservation": MAX_RESERVATION}
        )
    reservation = checked_text(reservation, "The reservation", line_breaks=True)
    revision = latest_revision(text)[1]
    if provision not in revision.document:
        raise ActionError(
            _("There is no provision %(provision)s in Rev.%(number)s.")
            % {"provision": repr(provision), "number": revision.number}
        )
    positions = positions_of(text)
    if actor.delegation.slug not in positions.parties:
        raise Forbidden(
            _("Positions are stated by the parties to the text; your delegation is not one.")
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
    delegation, stance_said = actor.delegation, STANCE_WORDS[stance_value.value]
    event(
        actor.round,
        Action.POSITION_SET,
        lambda: (
            _(stance_said)
            % {
                "delegation": delegation_name(delegation),
                "provision": provision_name(revision.document, provision),
            }
        ),
        text,
    )
    return text


def _agreement(
    user: User, text_id: int, based_on: int, provision: str, confirm: bool
) -> NegotiationText:
    action = Action.PROVISION_CONFIRM if confirm else Action.PROVISION_AGREE_AD_REFERENDUM
    actor, text = access_text(user, text_id, need=action)
    check_version(text, based_on)
    revision = latest_revision(text)[1]
    positions = positions_of(text)
    try:
        if confirm:
            positions = positions.confirm(revision, provision)
        else:
            positions = positions.agree_ad_referendum(revision, provision)
    except AgreementError as error:
        raise ActionError(
            _agreement_refusal(error, revision, positions, provision, confirm=confirm)
        ) from error
    _record_agreements(actor, text, revision, positions, [provision], action)
    _agreement_event(actor, action, text, revision, [provision], confirm=confirm)
    return text


def _agreement_event(
    actor: Actor,
    action: Action,
    text: NegotiationText,
    revision: Revision,
    provisions: Sequence[str],
    *,
    confirm: bool,
) -> None:
    """The live event of agreement on ``provisions``, named in each reader's language."""

    def summary() -> str:
        names = _(", ").join(provision_name(revision.document, p) for p in provisions)
        if confirm:
            return _("%(provisions)s: agreed") % {"provisions": names}
        return _("%(provisions)s: agreed ad referendum") % {"provisions": names}

    event(actor.round, action, summary, text)


def _record_agreements(
    actor: Actor,
    text: NegotiationText,
    revision: Revision,
    positions: Positions,
    provisions: Sequence[str],
    action: Action,
) -> None:
    """Store ``positions`` and write one audit entry per provision agreed (its wording)."""
    text.positions = positions.to_dict()
    text.save(update_fields=["positions"])
    bump(text)
    for provision in provisions:
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


def _agreement_refusal(
    error: AgreementError,
    revision: Revision,
    positions: Positions,
    provision: str,
    *,
    confirm: bool = False,
) -> str:
    """Why ``provision`` cannot be agreed (or, with ``confirm``, confirmed), in words: the
    core's message names identities."""
    document = revision.document
    if provision not in document:
        return _("There is no such provision in the text.")
    name = provision_name(document, provision)
    current = document[provision]
    state = positions.state(current)
    if state is ProvisionState.AGREED:
        return _("%(provision)s is already agreed.") % {"provision": name}
    if document.is_bracketed(provision):
        return _(
            "%(provision)s still carries brackets: agreement is recorded on a clean wording."
        ) % {"provision": name}
    missing = positions.must_confirm(current)
    not_accepted = _(
        "%(provision)s is not accepted on its present wording by: %(parties)s. Each must "
        "state its position on the current wording first."
    ) % {"provision": name, "parties": _(", ").join(_missing_parties(positions, current, missing))}
    if confirm and state is not ProvisionState.AGREED_AD_REFERENDUM:
        first = _(
            "%(provision)s is not agreed ad referendum on its present wording: record that "
            "first, then the leaderships' confirmation."
        ) % {"provision": name}
        return f"{first} {not_accepted}" if missing else first
    if missing:
        return not_accepted
    if state is not ProvisionState.AGREED_AD_REFERENDUM:
        return _(
            "%(provision)s is not agreed ad referendum on its present wording: record that "
            "first, then the leaderships' confirmation."
        ) % {"provision": name}
    return str(error)


def _missing_parties(positions: Positions, provision: Provision, slugs: Sequence[str]) -> list[str]:
    """The parties in ``slugs`` by name, each whose position was given on another wording
    of ``provision`` marked with that wording's revision."""
    out = []
    for slug, name in zip(slugs, delegation_names(slugs), strict=True):
        position = positions.positions.get((slug, provision.id))
        if position is not None and not position.wording.matches(provision):
            if position.wording.revision is None:
                name = _("%(party)s (given on an earlier wording)") % {"party": name}
            else:
                name = _("%(party)s (given on Rev.%(n)s wording)") % {
                    "party": name,
                    "n": position.wording.revision,
                }
        out.append(name)
    return out


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


@transaction.atomic
def provisions_agree_all(
    *, user: User, text_id: int, based_on: int, confirm: bool
) -> tuple[NegotiationText, list[str]]:
    """The mediator records, in one step, what :func:`provision_agree_ad_referendum` (or,
    with ``confirm``, :func:`provision_confirm`) records for each provision that is ready
    for it: every provision free of brackets that every party accepts on its present
    wording (or, to confirm, every one agreed ad referendum on it). One audit entry per
    provision, as one by one; one live event. Refused, changing nothing, when none is ready.
    Returns the text and the provisions agreed, in the text's order."""
    action = Action.PROVISION_CONFIRM if confirm else Action.PROVISION_AGREE_AD_REFERENDUM
    actor, text = access_text(user, text_id, need=action)
    check_version(text, based_on)
    revision = latest_revision(text)[1]  # not `_, …`: `_` translates here
    positions = positions_of(text)
    chosen = positions.awaiting_confirmation(revision) if confirm else positions.ready(revision)
    if not chosen:
        raise ActionError(
            _("No provision is agreed ad referendum on its present wording: nothing to confirm.")
            if confirm
            else _(
                "No provision is ready: each needs a wording free of brackets that every party "
                "accepts (see what blocks adoption)."
            )
        )
    for provision in chosen:
        if confirm:
            positions = positions.confirm(revision, provision)
        else:
            positions = positions.agree_ad_referendum(revision, provision)
    _record_agreements(actor, text, revision, positions, chosen, action)
    _agreement_event(actor, action, text, revision, chosen, confirm=confirm)
    return text, chosen


@transaction.atomic
def positions_set_row(
    *,
    user: User,
    text_id: int,
    revision: int,
    cells: Sequence[CellChange],
    labels: dict[str, str] | None = None,
) -> NegotiationText:
    """A delegation sets many cells of its own row of the grid at once, each through
    :func:`position_set`: all or nothing. ``revision`` is the revision the grid was loaded
    on; a cell to be written whose content changed since (``was``) is refused, with what
    changed, and so is the whole form if a revision was issued since. A cell that asks for
    what it already holds on the present wording is left as it is (nothing to overwrite).
    ``labels`` names provisions in messages."""
    actor, text = access_text(user, text_id, need=Action.POSITION_SET)
    if actor.delegation is None:
        raise Forbidden(_("Only a party states positions."))
    if len(cells) > MAX_CELLS:
        raise ActionError(_("A grid form sets at most %(n)d positions.") % {"n": MAX_CELLS})
    locked = NegotiationText.objects.select_for_update().get(pk=text.pk)
    __, latest = latest_revision(locked)
    names = labels or {}
    if revision != latest.number:
        raise Stale(
            _(
                "A new revision was issued since you loaded the grid (you had Rev.%(old)d, it "
                "is now Rev.%(new)d). Nothing was saved; positions are given on the current "
                "wording: review it and set them again."
            )
            % {"old": revision, "new": latest.number},
            [],
        )
    party = actor.delegation.slug
    positions = positions_of(locked)
    if party not in positions.parties:
        raise Forbidden(
            _("Positions are stated by the parties to the text; your delegation is not one.")
        )
    grid = position_grid(latest.document, positions)
    seen: set[str] = set()
    changed: list[str] = []
    todo: list[CellChange] = []
    for change in cells:
        if change.provision in seen:
            raise ActionError(
                _("The form sets %(provision)s twice.")
                % {"provision": names.get(change.provision, change.provision)}
            )
        seen.add(change.provision)
        cell = grid.cell(party, change.provision)
        if cell is None:
            raise ActionError(
                _("There is no provision %(provision)s with text in Rev.%(n)d.")
                % {"provision": change.provision, "n": latest.number}
            )
        same = (
            cell.current
            and cell.stance is not None
            and str(cell.stance) == change.stance
            and cell.reservation == change.reservation.strip()
        )
        if same or not change.stance:
            continue  # nothing to write: whatever happened since, nothing is overwritten
        if cell.token != change.was:
            changed.append(names.get(change.provision, change.provision))
            continue
        todo.append(change)
    if changed:
        raise Stale(
            _(
                "Your delegation's position changed since you loaded the grid on: %(list)s. "
                "Nothing was saved; the grid shows the positions as they are now, with your "
                "choices kept: review them and record again."
            )
            % {"list": ", ".join(changed)},
            changed,
        )
    for change in todo:
        try:
            position_set(
                user=user,
                text_id=text_id,
                based_on=locked.version,
                provision=change.provision,
                stance=change.stance,
                reservation=change.reservation,
            )
        except Stale:
            raise
        except ActionError as error:
            where = names.get(change.provision, change.provision)
            refused = type(error)(f"{where}: {error}")
            raise refused from error
        locked.refresh_from_db(fields=["version"])
    text.refresh_from_db()
    return text
