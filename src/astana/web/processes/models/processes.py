"""Processes, the organisations taking part in them and their roles, rounds, sessions and
agenda items."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from astana.core.roles import Role
from astana.web.processes.models.fields import (
    ROLE_CHOICES,
    PartialDateField,
    TranslatedMixin,
    text_columns,
)
from astana.web.processes.models.people import Organisation, Person
from astana.web.processes.models.sources import Source


def default_second_factor_roles() -> list[str]:
    """Every role that signs, approves keys, publishes, convenes or issues revisions."""
    return [Role.CONVENER.value, Role.MEDIATOR.value, Role.PARTY.value, Role.GUARANTOR.value]


class Process(TranslatedMixin, models.Model):
    """A negotiation process that runs for years (the Astana Platform, the Astana format)."""

    slug = models.SlugField(max_length=120, unique=True)
    title_ar, title_en, title_ru = text_columns(300)
    summary_ar, summary_en, summary_ru = text_columns()
    start = PartialDateField()
    end = PartialDateField(blank=True, default="")
    ended_reason_ar, ended_reason_en, ended_reason_ru = text_columns()
    sources = models.ManyToManyField(Source, blank=True, related_name="processes")
    # The roles whose holders must be verified by a second factor (an authenticator code)
    # to sign, approve or revoke keys, publish or convene here (see accounts.second_factor).
    second_factor_roles = models.JSONField(default=default_second_factor_roles, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name_plural = "processes"

    def __str__(self) -> str:
        return str(self.tr("title", "en"))


class Participation(TranslatedMixin, models.Model):
    """An organisation's role in a process; its delegates inherit it."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    start = PartialDateField(blank=True, default="")
    end = PartialDateField(blank=True, default="")
    note_ar, note_en, note_ru = text_columns()
    is_sandbox = models.BooleanField(default=False)
    sources = models.ManyToManyField(Source, blank=True, related_name="participations")

    class Meta:
        ordering = ["role", "organisation__slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "organisation", "role", "start"], name="participation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.role} in {self.process}"


class Round(TranslatedMixin, models.Model):
    """A round of talks: a venue, dates, participants, a state."""

    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_SESSION = "in_session", _("in session")
        CONCLUDED = "concluded", _("concluded")
        CANCELLED = "cancelled", _("cancelled")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="rounds")
    slug = models.SlugField(max_length=120)
    number = models.PositiveIntegerField(null=True, blank=True)
    title_ar, title_en, title_ru = text_columns(300)
    venue_ar, venue_en, venue_ru = text_columns(300)
    summary_ar, summary_en, summary_ru = text_columns()
    start = PartialDateField()
    end = PartialDateField(blank=True, default="")
    state = models.CharField(max_length=20, choices=State.choices, default=State.PLANNED)
    is_sandbox = models.BooleanField(default=False)
    sources = models.ManyToManyField(Source, blank=True, related_name="rounds")

    class Meta:
        ordering = ["start", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "slug"], name="round_unique_slug")
        ]

    def __str__(self) -> str:
        return str(self.tr("title", "en"))


class Session(TranslatedMixin, models.Model):
    """A sitting inside a round, opened by a named official, with agenda, attendance, minutes."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sessions")
    slug = models.SlugField(max_length=120)
    number = models.PositiveIntegerField()
    date = PartialDateField(blank=True, default="")
    opened_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions_opened"
    )
    title_ar, title_en, title_ru = text_columns(300)
    minutes_ar, minutes_en, minutes_ru = text_columns()
    attendance = models.ManyToManyField(Organisation, blank=True, related_name="sessions_attended")
    sources = models.ManyToManyField(Source, blank=True, related_name="sessions")
    # A live session: open while the host has it open; ``version`` guards the minutes.
    is_open = models.BooleanField(default=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # The minutes are the participants' record until the convener publishes them; only then
    # does the public archive show them (a session of the sourced history is public record).
    minutes_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="session_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.round}, session {self.number}"


class AgendaItem(TranslatedMixin, models.Model):
    """One item of a session's agenda."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveIntegerField()
    text_ar, text_en, text_ru = text_columns()

    class Meta:
        ordering = ["session", "order"]

    def __str__(self) -> str:
        return f"{self.session}, item {self.order}"
