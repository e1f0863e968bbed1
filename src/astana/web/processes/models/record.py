"""The historical record of a process: outcome documents, timeline events and claims (the
statements on which sources disagree)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from astana.web.processes.models.fields import (
    PartialDateField,
    TranslatedMixin,
    text_columns,
)
from astana.web.processes.models.people import Organisation, Person
from astana.web.processes.models.processes import Process, Round
from astana.web.processes.models.sources import Source


class OutcomeDocument(TranslatedMixin, models.Model):
    """What a round produced: a statement, final document, joint statement, roadmap or draft."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("statement")
        FINAL_DOCUMENT = "final_document", _("final document")
        JOINT_STATEMENT = "joint_statement", _("joint statement")
        ROADMAP = "roadmap", _("roadmap")
        DRAFT_CONSTITUTION = "draft_constitution", _("draft constitution")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="documents")
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title_ar, title_en, title_ru = text_columns(300)
    summary_ar, summary_en, summary_ru = text_columns()
    date = PartialDateField()
    signatories = models.ManyToManyField(Organisation, blank=True, related_name="documents_signed")
    signatories_note_ar, signatories_note_en, signatories_note_ru = text_columns()
    is_sandbox = models.BooleanField(default=False)
    sources = models.ManyToManyField(Source, blank=True, related_name="documents")

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return str(self.tr("title", "en"))


class TimelineEvent(TranslatedMixin, models.Model):
    """A dated event on a process's timeline."""

    class Kind(models.TextChoices):
        CALL = "call", _("call")
        ROUND = "round", _("round")
        MEETING = "meeting", _("meeting")
        CONFERENCE = "conference", _("conference")
        DOCUMENT = "document", _("document")
        COMMITTEE = "committee", _("committee")
        END = "end", _("end")
        OTHER = "other", _("other")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="events")
    slug = models.SlugField(max_length=120, unique=True)
    date = PartialDateField()
    end = PartialDateField(blank=True, default="")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title_ar, title_en, title_ru = text_columns(300)
    summary_ar, summary_en, summary_ru = text_columns()
    place_ar, place_en, place_ru = text_columns(300)
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    document = models.ForeignKey(
        OutcomeDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    persons = models.ManyToManyField(Person, blank=True, related_name="events")
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="events")
    sources = models.ManyToManyField(Source, blank=True, related_name="events")

    class Meta:
        ordering = ["date", "slug"]

    def __str__(self) -> str:
        return str(self.tr("title", "en"))


class Claim(TranslatedMixin, models.Model):
    """A dated statement about an event or document, backed by sources; claims can conflict."""

    slug = models.SlugField(max_length=120, unique=True)
    about_kind = models.CharField(max_length=20)
    about_slug = models.SlugField(max_length=120)
    aspect = models.CharField(max_length=100)
    statement_ar, statement_en, statement_ru = text_columns()
    value = models.CharField(max_length=300)
    sources = models.ManyToManyField(Source, related_name="claims")
    conflicts_with = models.ManyToManyField("self", blank=True, symmetrical=True)

    class Meta:
        ordering = ["about_kind", "about_slug", "aspect", "slug"]

    def __str__(self) -> str:
        return f"{self.about_kind}:{self.about_slug} {self.aspect} = {self.value}"
