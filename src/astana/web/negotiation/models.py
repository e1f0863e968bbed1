"""Storage of the negotiation room. The negotiating text itself is a pure-core value
(:mod:`astana.core.text`); rows here hold its plain-data form (``to_dict``) so that every
revision can be rebuilt exactly and its hash re-checked.

Optimistic concurrency: a text has a ``version`` that every change to it (a proposal tabled,
withdrawn, supported or opposed, a position set, a revision issued) increments, and each
change writes a live event (:class:`astana.web.common.models.RoundEvent`) with the new
version. A request based on an older version is refused and told, from those events, what
changed in between.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from astana.web.processes.models import (
    ROLE_CHOICES,
    Organisation,
    Round,
    TranslatedMixin,
    text_columns,
)


class RoundInvitation(models.Model):
    """An organisation invited to a round in a role; its delegates act in that role there."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation", "role"], name="invitation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} as {self.role} in {self.round}"


class NegotiationText(TranslatedMixin, models.Model):
    """A document negotiated in a round: owned by the mediator, revised as Rev.1, Rev.2, ..."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="texts")
    slug = models.SlugField(max_length=80)
    title_ar, title_en, title_ru = text_columns(300)
    version = models.PositiveIntegerField(default=1)
    positions = models.JSONField(default=dict)
    next_proposal = models.PositiveIntegerField(default=1)
    # How many registered witnesses must cosign the checkpoint in a bundle of this text.
    witnesses_required = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "slug"], name="text_unique_slug")]

    def __str__(self) -> str:
        return f"{self.round}: {self.slug}"

    @property
    def document_id(self) -> str:
        """How signatures and the public log name this text: ``<round>/<text>``."""
        return f"{self.round.slug}/{self.slug}"

    @property
    def latest(self) -> TextRevision:
        return self.revisions.order_by("-number").first()  # type: ignore[return-value]


class TextRevision(models.Model):
    """An issued revision: immutable; ``document`` is the core Document's plain data."""

    text = models.ForeignKey(NegotiationText, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    document = models.JSONField()
    sha256 = models.CharField(max_length=64)
    folded = models.JSONField(default=list)
    kept = models.JSONField(default=list)
    # What the reader found wrong in the source of a text created leniently (Rev.1 only):
    # ``{"line", "column", "reason", "hint", "provision"}`` each, ``provision`` the identity
    # holding the line or null. Kept with the revision: a later one, issued from the room's
    # proposals, has none, so the marks go once the mediator issues Rev.2.
    problems = models.JSONField(default=list, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    # Its ``revision.issued`` entry in the public log.
    log_entry = models.ForeignKey(
        "signing.LogLeaf", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["text", "number"]
        constraints = [
            models.UniqueConstraint(fields=["text", "number"], name="revision_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.text} Rev.{self.number}"


def new_public_id() -> str:
    """A random, unguessable name for a proposal in URLs and the API (22 URL-safe characters):
    unlike the row's id it says nothing about how many drafts other delegations wrote."""
    return secrets.token_urlsafe(16)


class TextProposal(models.Model):
    """A party's proposal; one never tabled (``tabled_at`` empty: a draft, or a draft withdrawn
    before tabling) is visible only to its delegation (the caucus), whatever its state.

    People name it by ``reference`` (``P3``, the third tabled on the text; a draft has a
    random ``D...``), URLs and the API by ``public_id``; the row's id is never shown.
    """

    text = models.ForeignKey(NegotiationText, on_delete=models.CASCADE, related_name="proposals")
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    reference = models.CharField(max_length=20)
    author = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="proposals")
    state = models.CharField(max_length=20)
    data = models.JSONField()
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    tabled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["text", "id"]
        constraints = [
            models.UniqueConstraint(fields=["text", "reference"], name="proposal_unique_ref")
        ]

    def __str__(self) -> str:
        return f"{self.text} {self.reference}"


class CaucusNote(models.Model):
    """A delegation's private note in a round: nobody outside the delegation reads it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="caucus_notes")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="caucus_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    # 1, 2, 3, ... within the delegation's caucus in the round (the row's id would count
    # every other delegation's notes too).
    number = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation", "number"], name="caucus_note_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"caucus note of {self.organisation} in {self.round}"


class ExpertInvitation(models.Model):
    """The mediator invites an expert organisation to comment on a text."""

    text = models.ForeignKey(
        NegotiationText, on_delete=models.CASCADE, related_name="expert_invitations"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["text", "organisation"], name="expert_invitation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} invited to comment on {self.text}"


class TextComment(models.Model):
    """An invited expert's comment on a provision of a text, read by everyone who reads the text."""

    text = models.ForeignKey(NegotiationText, on_delete=models.CASCADE, related_name="comments")
    provision = models.CharField(max_length=120)
    revision = models.PositiveIntegerField()
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"comment on {self.text} {self.provision}"


class EventStream(models.Model):
    """An open stream of a round's live events (``/rounds/<id>/events``): one row while it is
    open, so that every worker process over the same database counts the streams of a user and
    of a worker (``astana.web.negotiation.streams``). The stream refreshes ``seen`` as it
    polls; a row not refreshed for a while is a stream whose worker died, and no longer counts.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    worker = models.CharField(max_length=200)  # host:pid of the process serving it
    opened = models.DateTimeField(auto_now_add=True)
    seen = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["worker"]), models.Index(fields=["seen"])]

    def __str__(self) -> str:
        return f"stream of {self.user_id} on {self.worker}"
