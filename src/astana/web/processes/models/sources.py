"""Sources: the citations every record and claim of the history rests on."""

from __future__ import annotations

from django.db import models

from astana.web.processes.models.fields import (
    PartialDateField,
    TranslatedMixin,
)


class Source(TranslatedMixin, models.Model):
    """A citation: what a claim or a record rests on."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=500)
    author = models.CharField(max_length=300, blank=True, default="")
    publisher = models.CharField(max_length=300, blank=True, default="")
    date = PartialDateField(blank=True, default="")
    url = models.URLField(max_length=500, blank=True, default="")
    language = models.CharField(max_length=8)
    cited_in = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["date", "title"]

    def __str__(self) -> str:
        return self.title
