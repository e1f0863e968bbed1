"""What every action shares: the audit entry, the live event, the version check, and
rebuilding core values from rows."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Max, QuerySet

from astana.core.actions import Action, event_kind, kept_private
from astana.core.roles import Role
from astana.core.text import Document, Positions, Proposal, Revision
from astana.core.text.characters import UnsafeTextError, check_characters, check_controls
from astana.web.negotiation.access import Actor
from astana.web.negotiation.errors import ActionError, Stale, Tampered
from astana.web.negotiation.models import (
    AuditEntry,
    NegotiationText,
    RoundEvent,
    RoundInvitation,
    TextProposal,
    TextRevision,
)
from astana.web.processes.models import Organisation, Participation, Round

MAX_TEXT = 200_000
# Proposals in the order they were tabled (P1, P2, ...), then drafts in the order written: the
# order in which delegations drafted what they later tabled stays theirs.
TABLED_ORDER = (F("tabled_at").asc(nulls_last=True), "id")


def audit(actor: Actor, action: Action, obj: object, object_id: object, **detail: Any) -> None:
    """One audit row for ``action``. Its category comes from the action table: a
    delegation-private action (caucus activity) on an object never tabled is kept out of the
    convener's view."""
    user = actor.user if actor.user.is_authenticated else None
    AuditEntry.objects.create(
        confidential=kept_private(action, tabled=getattr(obj, "tabled_at", None) is not None),
        action=action,
        actor=user,
        organisation=actor.delegation or (actor.organisations[0] if actor.organisations else None),
        round=actor.round,
        object_type=type(obj).__name__.lower(),
        object_id=str(object_id),
        detail=detail,
    )


def event(
    rnd: Round,
    action: Action,
    summary: str,
    text: NegotiationText | None = None,
    *,
    audience: Organisation | None = None,
) -> None:
    """The live event of ``action`` (its kind from the action table); with ``audience``, only
    that delegation's pages receive it, which only a delegation-private action asks. Its
    number counts within its scope (the round's shared events, or that delegation's own)."""
    if audience is not None and not kept_private(action):
        raise ValueError(f"{action.value} is not delegation-private: its events are the round's.")
    RoundEvent.objects.create(
        round=rnd,
        text=text,
        version=text.version if text else 0,
        kind=event_kind(action),
        summary=summary[:500],
        audience=audience,
        number=next_number(rnd, RoundEvent.objects.filter(round=rnd, audience=audience)),
    )


def next_number(rnd: Round, scope: QuerySet[Any]) -> int:
    """The next number (1, 2, 3, ...) in one scope of ``rnd``: its rows in ``scope`` count, no
    other. The round's row is locked first, so writers in the round take numbers one at a
    time, in the order they commit; a unique constraint per scope backs this up. Take it
    last in a transaction (actions write their event at their end, after the log's lock), so
    that no two writers wait on each other in opposite orders."""
    list(Round.objects.select_for_update().filter(pk=rnd.pk).values_list("pk", flat=True))
    return int(scope.aggregate(last=Max("number"))["last"] or 0) + 1


def bump(text: NegotiationText) -> None:
    """Increment the text's version (in the database, so concurrent writers serialise)."""
    NegotiationText.objects.filter(pk=text.pk).update(version=F("version") + 1)
    text.refresh_from_db(fields=["version"])


def check_version(text: NegotiationText, based_on: int) -> None:
    """Refuse a request based on an older version of the text, saying what changed since."""
    locked = NegotiationText.objects.select_for_update().get(pk=text.pk)
    text.version = locked.version
    if based_on == locked.version:
        return
    if based_on > locked.version or based_on < 1:
        raise Stale(
            f"Version {based_on} of this text does not exist; it is at version {locked.version}.",
            [],
        )
    changes = list(
        RoundEvent.objects.filter(
            text=text, version__gt=based_on, audience__isnull=True
        ).values_list("summary", flat=True)
    )
    raise Stale(
        f"The text changed since you loaded it (your version {based_on}, now {locked.version}). "
        "Nothing was saved; what you typed is kept. Review the changes and submit again.",
        changes,
    )


def checked_text(value: str, what: str, *, line_breaks: bool = False) -> str:
    """``value`` in Unicode NFC, or ActionError naming every direction control or invisible
    character in it with its line and column (``docs/text-engine.md``, character policy):
    for every text that is negotiated or signed."""
    try:
        return check_characters(value, what=what, line_breaks=line_breaks)
    except UnsafeTextError as error:
        raise ActionError(f"{error}. Nothing was saved.") from error


def checked_plain(value: str, what: str, *, line_breaks: bool = False) -> str:
    """``value`` unchanged, or ActionError naming every control character (NUL included)
    and lone surrogate in it with its line and column: for every free text that is not
    negotiated or signed (notes, comments, minutes, names, reasons...)."""
    try:
        return check_controls(value, what=what, line_breaks=line_breaks, tabs=line_breaks)
    except UnsafeTextError as error:
        raise ActionError(f"{error}. Nothing was saved.") from error


def round_parties(rnd: Round) -> list[str]:
    """The slugs of the parties to texts in ``rnd`` (organisations invited as parties)."""
    invited = RoundInvitation.objects.filter(round=rnd)
    if invited.exists():
        rows = invited.filter(role=Role.PARTY.value)
    else:
        rows = Participation.objects.filter(process_id=rnd.process_id, role=Role.PARTY.value)  # type: ignore[assignment]
    return sorted({row.organisation.slug for row in rows.select_related("organisation")})


def latest_revision(text: NegotiationText) -> tuple[TextRevision, Revision]:
    row = text.revisions.order_by("-number").first()
    assert row is not None  # a text is created with Rev.1
    return row, revision_of(row)


def revision_of(row: TextRevision) -> Revision:
    """The core revision of a stored row; ``Tampered`` if its text no longer has the hash it
    was issued (and logged) with: an edited revision is never shown, downloaded or signed."""
    try:
        revision = Revision(
            row.number, Document.from_dict(row.document), tuple(row.folded), tuple(row.kept)
        )
        intact = revision.hash == row.sha256
    except (KeyError, TypeError, ValueError):
        intact = False
    if not intact:
        raise Tampered(
            f"The stored text of Rev.{row.number} does not match the SHA-256 it was issued with "
            f"({row.sha256[:16]}…): it was changed after issue and is not shown. The record "
            "must be restored; `astana audit` names what changed."
        )
    return revision


def positions_of(text: NegotiationText) -> Positions:
    if text.positions:
        return Positions.from_dict(text.positions)
    return Positions(tuple(round_parties(text.round)))


def core_proposals(
    text: NegotiationText, *, include_drafts_of: int | None = None
) -> list[Proposal]:
    """The text's proposals as core values: every one ever tabled, plus one delegation's
    never-tabled ones (its drafts, and drafts it withdrew before tabling)."""
    rows = TextProposal.objects.filter(text=text, tabled_at__isnull=False)
    if include_drafts_of is not None:
        rows = rows | TextProposal.objects.filter(
            text=text, tabled_at__isnull=True, author_id=include_drafts_of
        )
    return [Proposal.from_dict(row.data) for row in rows.order_by(*TABLED_ORDER)]
