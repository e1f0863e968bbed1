"""Organisations, persons and the memberships by which a person acts for an organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from astana.web.processes.models.fields import (
    PartialDateField,
    TranslatedMixin,
    text_columns,
)
from astana.web.processes.models.sources import Source


class Organisation(TranslatedMixin, models.Model):
    """A delegation, government, think tank or international organisation."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("government")
        OPPOSITION_GROUP = "opposition-group", _("opposition group")
        THINK_TANK = "think-tank", _("think tank")
        INTERNATIONAL = "international-organisation", _("international organisation")
        RELIGIOUS = "religious-community", _("religious community")
        CONGRESS = "congress", _("congress")
        OTHER = "other", _("other")

    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    name_ar, name_en, name_ru = text_columns(300)
    short_name_ar, short_name_en, short_name_ru = text_columns(60)
    country = models.CharField(max_length=100, blank=True, default="")
    is_sandbox = models.BooleanField(default=False)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.tr("name", "en"))


class Person(TranslatedMixin, models.Model):
    """Someone who acts for organisations: a delegate, an official, an expert."""

    slug = models.SlugField(max_length=120, unique=True)
    name_ar, name_en, name_ru = text_columns(300)
    description_ar, description_en, description_ru = text_columns()
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_sandbox = models.BooleanField(default=False)
    sources = models.ManyToManyField(Source, blank=True, related_name="persons")

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.tr("name", "en"))


class Membership(TranslatedMixin, models.Model):
    """A person belongs to an organisation (with a title, for a period)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    title_ar, title_en, title_ru = text_columns(300)
    start = PartialDateField(blank=True, default="")
    end = PartialDateField(blank=True, default="")

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "start"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.organisation}"
