"""The search index of the public archive: one row per page and language."""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    """A page of the archive in one language, with its text normalised for matching.

    On SQLite an FTS5 table mirrors ``normalised``; on PostgreSQL an expression GIN index
    over ``to_tsvector('simple', normalised)`` serves the same queries (see migrations).
    """

    path = models.CharField(max_length=300)
    kind = models.CharField(max_length=30)
    language = models.CharField(max_length=2)
    title = models.CharField(max_length=500)
    body = models.TextField()
    normalised = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["path", "language"], name="search_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.language}:{self.path}"
