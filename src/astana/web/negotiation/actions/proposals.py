"""``proposal.draft``, ``proposal.table``, ``proposal.withdraw``, ``proposal.support``,
``proposal.oppose``: a delegation's proposals, drafted in its caucus, then tabled; and
``proposal.mediate``: the mediator's own proposal or bridging text, tabled at once."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from astana.core.actions import Action
from astana.core.roles import Right, Role, has_right
from astana.core.text import Proposal, ProposalStateError
from astana.web.accounts.models import User
from astana.web.common.audit import audit
from astana.web.common.characters import checked_text
from astana.web.common.errors import ActionError, Forbidden, Stale
from astana.web.common.events import event
from astana.web.negotiation.access import Actor, access_proposal, access_text
from astana.web.negotiation.actions.changes import change_from_spec
from astana.web.negotiation.actions.common import bump, check_version, latest_revision
from astana.web.negotiation.models import NegotiationText, RoundInvitation, TextProposal
from astana.web.negotiation.presenting import delegation_name, delegation_names
from astana.web.negotiation.templatetags.negotiation import term
from astana.web.processes.models import Organisation, Participation

MAX_JUSTIFICATION = 5_000


def _delegation(actor: Actor) -> Any:
    if actor.delegation is None:
        raise Forbidden(_("Only a delegation (a party or guarantor) acts on proposals."))
    return actor.delegation


def _checked_justification(justification: str) -> str:
    """A proposal's justification as given: at most ``MAX_JUSTIFICATION`` characters, through
    the character policy (line breaks allowed)."""
    if len(justification) > MAX_JUSTIFICATION:
        raise ActionError(
            _("The justification is longer than %(max_justification)s characters.")
            % {"max_justification": MAX_JUSTIFICATION}
        )
    return checked_text(justification, "The justification", line_breaks=True)


def _proposal_create(
    *,
    user: User,
    text: NegotiationText,
    reference: str,
    author: Organisation,
    change: Mapping[str, Any],
    justification: str,
    origin: str = "",
    tabled: bool = False,
) -> TextProposal:
    """A new proposal by ``author`` against the latest revision of ``text``: a draft, or one
    on the table at once (``tabled``)."""
    revision = latest_revision(text)[1]
    core = Proposal(
        reference,
        revision.number,
        author.slug,
        change_from_spec(change, revision.document, reference),
        justification=justification.strip(),
        origin=origin,
    )
    if tabled:
        core = core.table()
    return TextProposal.objects.create(
        text=text,
        reference=reference,
        author=author,
        state=str(core.state),
        data=core.to_dict(),
        created_by=user,
        tabled_at=timezone.now() if tabled else None,
    )


def _public_reference(text: NegotiationText) -> str:
    """The next public reference of a tabled proposal on ``text`` (``P<n>``), counted in the
    text's row."""
    NegotiationText.objects.filter(pk=text.pk).update(next_proposal=F("next_proposal") + 1)
    text.refresh_from_db(fields=["next_proposal"])
    return f"P{text.next_proposal - 1}"


@transaction.atomic
def proposal_draft(
    *, user: User, text_id: int, change: Mapping[str, Any], justification: str = ""
) -> TextProposal:
    """A delegation drafts a proposal against the current revision, in its caucus."""
    actor, text = access_text(user, text_id, need=Action.PROPOSAL_DRAFT)
    delegation = _delegation(actor)
    justification = _checked_justification(justification)
    # A draft has a private reference; the public P<n> is given when it is tabled, so that the
    # numbering of tabled proposals says nothing about other delegations' drafts.
    reference = f"D{secrets.token_hex(4).upper()}"
    row = _proposal_create(
        user=user,
        text=text,
        reference=reference,
        author=delegation,
        change=change,
        justification=justification,
    )
    # Caucus activity: recorded, never shown to the convener, never with its content.
    audit(actor, Action.PROPOSAL_DRAFT, row, reference, text=text.pk)
    event(
        actor.round,
        Action.PROPOSAL_DRAFT,
        lambda: (
            _("%(delegation)s drafted %(proposal)s")
            % {"delegation": delegation_name(delegation), "proposal": reference}
        ),
        text,
        audience=delegation,
    )
    return row


def _mediator(actor: Actor) -> Organisation:
    """The organisation the actor owns the text for (the mediator, in the round's roles)."""
    invited = RoundInvitation.objects.filter(round=actor.round)
    rows = (
        invited
        if invited.exists()
        else Participation.objects.filter(process_id=actor.round.process_id)
    ).filter(organisation__in=actor.organisations)
    for row in rows.select_related("organisation").order_by("organisation__slug"):
        if has_right({Role(row.role)}, Right.TEXT_OWN):
            return row.organisation
    raise Forbidden(_("Only the mediator tables a mediator's proposal."))


@transaction.atomic
def proposal_mediate(
    *,
    user: User,
    text_id: int,
    change: Mapping[str, Any],
    based_on: int,
    origin: str = "mediator",
    justification: str = "",
) -> TextProposal:
    """The mediator tables a proposal of their own against the current revision: a
    mediator's proposal (``origin="mediator"``) or a bridging text between the parties'
    positions (``"bridging"``). It has no draft stage (the mediator has no caucus): it is on
    the table at once, numbered like the parties' (P<n>), attributed to the mediator and
    marked as such wherever it is listed; the parties support or oppose it, and the mediator
    folds it in, keeps it in brackets or sets it aside when issuing a revision."""
    actor, text = access_text(user, text_id, need=Action.PROPOSAL_MEDIATE)
    if origin not in ("mediator", "bridging"):
        raise ActionError(_("A mediator's text is a mediator's proposal or a bridging text."))
    check_version(text, based_on)
    author = _mediator(actor)
    justification = _checked_justification(justification)
    reference = _public_reference(text)
    row = _proposal_create(
        user=user,
        text=text,
        reference=reference,
        author=author,
        change=change,
        justification=justification,
        origin=origin,
        tabled=True,
    )
    bump(text)
    audit(actor, Action.PROPOSAL_MEDIATE, row, reference, text=text.pk, origin=origin)
    bridging = origin == "bridging"
    event(
        actor.round,
        Action.PROPOSAL_MEDIATE,
        lambda: (
            (
                _("%(mediator)s tabled a bridging text, %(proposal)s")
                if bridging
                else _("%(mediator)s tabled a mediator's proposal, %(proposal)s")
            )
            % {"mediator": delegation_name(author), "proposal": reference}
        ),
        text,
    )
    return row


def _transition(
    user: User, proposal_id: str, based_on: int, action: Action
) -> tuple[Actor, TextProposal, Proposal]:
    actor, row = access_proposal(user, proposal_id, need=action)
    row = TextProposal.objects.select_for_update().get(pk=row.pk)
    if row.version != based_on:
        data, state = row.data, term(row.state)
        changes = [_("%(proposal)s is %(state)s") % {"proposal": row.reference, "state": state}]
        for backers, said in (
            ("supporters", _("%(proposal)s is supported by %(delegations)s")),
            ("opponents", _("%(proposal)s is opposed by %(delegations)s")),
        ):
            if data.get(backers):
                names = _(", ").join(delegation_names(data[backers]))
                changes.append(said % {"proposal": row.reference, "delegations": names})
        raise Stale(
            _(
                "Proposal %(reference)s changed since you loaded it (your version %(based_on)s, "
                "now %(version)s); it is now %(state)s. Nothing was saved."
            )
            % {
                "reference": row.reference,
                "based_on": based_on,
                "version": row.version,
                "state": state,
            },
            changes,
        )
    return actor, row, Proposal.from_dict(row.data)


def _save(row: TextProposal, core: Proposal, **extra: Any) -> None:
    row.state = str(core.state)
    row.data = core.to_dict()
    row.version += 1
    for key, value in extra.items():
        setattr(row, key, value)
    row.save()


@transaction.atomic
def proposal_table(*, user: User, proposal_id: str, based_on: int) -> TextProposal:
    """Put a draft on the table: every reader of the text now sees it, attributed."""
    actor, row, core = _transition(user, proposal_id, based_on, Action.PROPOSAL_TABLE)
    if actor.delegation is None or actor.delegation.pk != row.author_id:
        raise Forbidden(_("Only the delegation that drafted a proposal tables it."))
    revision = latest_revision(row.text)[1]
    if core.revision != revision.number:
        raise ActionError(
            _(
                "%(reference)s was drafted against Rev.%(revision)s; the text is now at "
                "Rev.%(number)s. Draft it again against the current revision."
            )
            % {"reference": row.reference, "revision": core.revision, "number": revision.number}
        )
    try:
        tabled = core.table()
    except ProposalStateError as error:
        raise ActionError(str(error)) from error
    public = _public_reference(row.text)
    _save(row, replace(tabled, id=public), tabled_at=timezone.now(), reference=public)
    bump(row.text)
    audit(actor, Action.PROPOSAL_TABLE, row, row.reference, text=row.text_id)
    event(
        actor.round,
        Action.PROPOSAL_TABLE,
        lambda: (
            _("%(delegation)s tabled %(proposal)s")
            % {"delegation": delegation_name(row.author), "proposal": row.reference}
        ),
        row.text,
    )
    return row


@transaction.atomic
def proposal_withdraw(*, user: User, proposal_id: str, based_on: int) -> TextProposal:
    actor, row, core = _transition(user, proposal_id, based_on, Action.PROPOSAL_WITHDRAW)
    if actor.delegation is None or actor.delegation.pk != row.author_id:
        raise Forbidden(_("Only the delegation that made a proposal withdraws it."))
    # A draft withdrawn before tabling stays its delegation's secret (access.can_read_proposal).
    was_tabled = row.tabled_at is not None
    try:
        withdrawn = core.withdraw()
    except ProposalStateError as error:
        raise ActionError(str(error)) from error
    _save(row, withdrawn)
    if was_tabled:
        bump(row.text)
    audit(
        actor,
        Action.PROPOSAL_WITHDRAW,
        row,
        row.reference,
        text=row.text_id,
    )
    event(
        actor.round,
        Action.PROPOSAL_WITHDRAW,
        lambda: (
            _("%(delegation)s withdrew %(proposal)s")
            % {"delegation": delegation_name(row.author), "proposal": row.reference}
        ),
        row.text,
        audience=None if was_tabled else row.author,
    )
    return row


def _back(user: User, proposal_id: str, based_on: int, support: bool) -> TextProposal:
    action = Action.PROPOSAL_SUPPORT if support else Action.PROPOSAL_OPPOSE
    actor, row, core = _transition(user, proposal_id, based_on, action)
    delegation = _delegation(actor)
    try:
        backed = core.support(delegation.slug) if support else core.oppose(delegation.slug)
    except ProposalStateError as error:
        raise ActionError(str(error)) from error
    _save(row, backed)
    bump(row.text)
    audit(actor, action, row, row.reference, text=row.text_id)
    event(
        actor.round,
        action,
        lambda: (
            (
                _("%(delegation)s supports %(proposal)s")
                if support
                else _("%(delegation)s opposes %(proposal)s")
            )
            % {"delegation": delegation_name(delegation), "proposal": row.reference}
        ),
        row.text,
    )
    return row


@transaction.atomic
def proposal_support(*, user: User, proposal_id: str, based_on: int) -> TextProposal:
    return _back(user, proposal_id, based_on, True)


@transaction.atomic
def proposal_oppose(*, user: User, proposal_id: str, based_on: int) -> TextProposal:
    return _back(user, proposal_id, based_on, False)
