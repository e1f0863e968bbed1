"""Consultations: statements, their moderation, participants, votes and stored analyses.

A consultation belongs to a process (and, optionally, to one of its rounds). Statements are
short texts in one language each; only accepted statements are shown for voting and enter
the analysis. A participant is a logged-in user or an anonymous browser (identified by a
random key kept in a signed cookie); each votes at most once per statement (a repeat vote
updates the row: an upsert on the unique (participant, statement), never a lock on the
consultation). The consultation's version, which a stored analysis compares with its own,
is ``Consultation.changes`` (statements accepted or rejected, imports) plus the votes cast
or changed, counted in ``VoteCount`` rows sharded by participant so that concurrent voters
never wait on one row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from astana.core.language import LANGUAGE_NAMES, Direction, direction
from astana.web.processes.models import Process, Round, TranslatedMixin, text_columns

__all__ = [
    "VOTE_SHARDS",
    "Analysis",
    "Consultation",
    "Participant",
    "Statement",
    "Vote",
    "VoteCount",
]

VOTE_SHARDS = 32  # rows that count a consultation's votes (by participant id modulo)

LANGUAGE_CHOICES = list(LANGUAGE_NAMES.items())


class Consultation(TranslatedMixin, models.Model):
    """A question put to the wider public, with statements to agree or disagree with."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="consultations")
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.CASCADE, related_name="consultations"
    )
    title_ar, title_en, title_ru = text_columns(300)
    question_ar, question_en, question_ru = text_columns(1000)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    allow_anonymous = models.BooleanField(default=False)
    results_published = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Incremented on every change to the analysis' input other than a vote (moderation,
    # imports); votes are counted in ``VoteCount``.
    changes = models.PositiveBigIntegerField(default=0)
    # Where imported votes come from and under which licence (shown with the results), e.g.
    # "Pol.is open data, The Computational Democracy Project, CC BY 4.0".
    source = models.CharField(max_length=500, blank=True, default="")
    source_url = models.URLField(max_length=500, blank=True, default="")
    # The analysis' claim: who analyses this consultation now, and until when (a lease, so
    # a server killed in the middle leaves no claim behind for long).
    analysing_by = models.CharField(max_length=64, blank=True, default="")
    analysing_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.tr("title", "en"))


class Participant(models.Model):
    """Someone who votes: a user, or an anonymous browser's key (or a Pol.is voter id)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # NULL for users: a unique key among anonymous participants, absent for the others.
    key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="consultation_participant_user"
            ),
            models.UniqueConstraint(
                fields=["consultation", "key"], name="consultation_participant_key"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(key__isnull=False),
                name="consultation_participant_identified",
            ),
        ]

    def __str__(self) -> str:
        return f"participant {self.pk} of consultation {self.consultation_id}"


class Statement(models.Model):
    """A short statement, in one language; voted on once accepted by a moderator."""

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting moderation")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="statements"
    )
    text = models.CharField(max_length=2000)
    language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    reason = models.CharField(max_length=1000, blank=True, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    polis_id = models.IntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "polis_id"], name="consultation_statement_polis_id"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def direction(self) -> Direction:
        return direction(self.language)


class Vote(models.Model):
    """One participant's vote on one statement: 1 agree, -1 disagree, 0 pass."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField()
    cast_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement"], name="consultation_vote_once"
            ),
            models.CheckConstraint(
                condition=Q(value__in=(-1, 0, 1)), name="consultation_vote_value"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} on {self.statement_id}: {self.value}"


class VoteCount(models.Model):
    """Votes cast or changed in a consultation, one of ``VOTE_SHARDS`` counters."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="vote_counts"
    )
    shard = models.PositiveSmallIntegerField()
    changes = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "shard"], name="consultation_vote_count_shard"
            )
        ]

    def __str__(self) -> str:
        return f"shard {self.shard} of consultation {self.consultation_id}: {self.changes}"


class Analysis(models.Model):
    """A stored run of the analysis: its JSON and how much input it saw."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="analyses"
    )
    computed_at = models.DateTimeField(auto_now_add=True)
    at_change = models.PositiveBigIntegerField()
    at_vote_change = models.PositiveBigIntegerField(default=0)
    vote_count = models.PositiveIntegerField()
    participant_count = models.PositiveIntegerField()
    seconds = models.FloatField(default=0.0)
    result = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at_change", "-id"]
        get_latest_by = "at_change"

    def __str__(self) -> str:
        return f"analysis of consultation {self.consultation_id} at change {self.at_change}"
