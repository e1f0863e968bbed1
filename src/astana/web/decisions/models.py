"""Storage of decisions and committees (DOMAIN.md sections 4 and 5).

The rules themselves are pure-core values (:mod:`astana.core.rules`); rows here hold their
text (``consensus else 75% of members``) or plain-data form, so every outcome can be
recomputed and explained again. Rows are written only by :mod:`astana.web.decisions.actions`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from astana.web.negotiation.models import NegotiationText
from astana.web.processes.models import (
    Organisation,
    OutcomeDocument,
    Process,
    Round,
    Session,
    TranslatedMixin,
    text_columns,
)

__all__ = [
    "Approval",
    "Committee",
    "Decision",
    "Nominee",
    "RulesOfProcedure",
    "SignatureCount",
    "Vote",
]

DEFAULT_RULE = "consensus"


class RulesOfProcedure(models.Model):
    """How a body decides: a process's default (``round`` empty) or one round's own rules."""

    class Voting(models.TextChoices):
        DELEGATION = "delegation", "one vote per delegation"
        MEMBER = "member", "one vote per member of a delegation"

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    round = models.OneToOneField(
        Round, null=True, blank=True, on_delete=models.CASCADE, related_name="rules_of_procedure"
    )
    rule = models.CharField(max_length=500, default=DEFAULT_RULE)
    voting = models.CharField(max_length=20, choices=Voting.choices, default=Voting.DELEGATION)
    # Votes and running counts stay hidden until the decision is closed.
    secret = models.BooleanField(default=False)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["process"],
                condition=models.Q(round__isnull=True),
                name="rules_one_default_per_process",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} ({self.voting})"


class Decision(TranslatedMixin, models.Model):
    """A question the mediator put to the vote in a session, and, once closed, its outcome."""

    class Subject(models.TextChoices):
        PROVISION = "provision", "a provision"
        DOCUMENT = "document", "adoption of a document"
        PROCEDURE = "procedure", "a procedural question"

    class State(models.TextChoices):
        OPEN = "open", "open for votes"
        CLOSED = "closed", "closed"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="decisions")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveIntegerField()
    subject = models.CharField(max_length=20, choices=Subject.choices)
    text = models.ForeignKey(
        NegotiationText, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    provision = models.CharField(max_length=200, blank=True, default="")
    question_ar, question_en, question_ru = text_columns(1000)
    # The rules as they stood when the decision was called (later changes do not apply).
    rule = models.CharField(max_length=500)
    voting = models.CharField(max_length=20, choices=RulesOfProcedure.Voting.choices)
    secret = models.BooleanField(default=False)
    # Who may vote: [{"key": ..., "delegation": slug, "label": ...}], frozen at the call.
    members = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    adopted = models.BooleanField(null=True, blank=True)
    outcome = models.JSONField(default=dict, blank=True)
    explanation_ar, explanation_en, explanation_ru = text_columns()
    published = models.BooleanField(default=False)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    called_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="decision_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.round}, decision {self.number}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class Vote(models.Model):
    """One voter's vote (a delegation's, or a delegate's): recorded by name, never changed."""

    class Choice(models.TextChoices):
        YES = "yes", "yes"
        NO = "no", "no (a formal objection)"
        ABSTAIN = "abstain", "abstain"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    voter = models.CharField(max_length=250)
    delegation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(max_length=10, choices=Choice.choices)
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "voter"], name="vote_one_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.voter}: {self.choice} on {self.decision}"


class SignatureCount(TranslatedMixin, models.Model):
    """How many parties signed an outcome document of how many, under a rule
    (``majority of members``); ``parties``/``signed`` empty when the sources give no numbers."""

    document = models.OneToOneField(
        OutcomeDocument, on_delete=models.CASCADE, related_name="signature_count"
    )
    rule = models.CharField(max_length=500, default="majority of members")
    parties = models.PositiveIntegerField(null=True, blank=True)
    signed = models.PositiveIntegerField(null=True, blank=True)
    adopted = models.BooleanField(null=True, blank=True)
    explanation_ar, explanation_en, explanation_ru = text_columns()
    note_ar, note_en, note_ru = text_columns()

    def __str__(self) -> str:
        return f"signatures of {self.document}: {self.signed} of {self.parties}"

    @property
    def counted(self) -> bool:
        return self.parties is not None and self.signed is not None


class Committee(TranslatedMixin, models.Model):
    """A committee of a process, with its composition rules as plain data (see
    :func:`astana.web.decisions.composition.definition_of`)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="committees")
    slug = models.SlugField(max_length=120)
    name_ar, name_en, name_ru = text_columns(300)
    definition = models.JSONField()
    is_sandbox = models.BooleanField(default=False)
    # Every change to its members increments it; "formed" once every rule holds.
    version = models.PositiveIntegerField(default=1)
    formed = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["process", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["process", "slug"], name="committee_unique_slug")
        ]

    def __str__(self) -> str:
        return str(self.tr("name", "en"))


class Nominee(models.Model):
    """A person nominated to a committee by a bloc's nominating body."""

    class State(models.TextChoices):
        NOMINATED = "nominated", "nominated"
        WITHDRAWN = "withdrawn", "withdrawn"
        REPLACED = "replaced", "replaced"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="nominees")
    name = models.CharField(max_length=200)
    bloc = models.CharField(max_length=100)
    gender = models.CharField(max_length=10, choices=[("woman", "woman"), ("man", "man")])
    nominated_by = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    in_small_body = models.BooleanField(default=False)
    co_chair = models.BooleanField(default=False)
    state = models.CharField(max_length=20, choices=State.choices, default=State.NOMINATED)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["committee", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.bloc}) in {self.committee}"

    @property
    def active(self) -> bool:
        return self.state == self.State.NOMINATED


class Approval(models.Model):
    """An approver (a guarantor, the UN) approved one nominee."""

    nominee = models.ForeignKey(Nominee, on_delete=models.CASCADE, related_name="approvals")
    approver = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["nominee", "approver__slug"]
        constraints = [
            models.UniqueConstraint(fields=["nominee", "approver"], name="approval_unique")
        ]

    def __str__(self) -> str:
        return f"{self.approver} approved {self.nominee}"
