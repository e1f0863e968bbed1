"""Builds the archive's search index: one entry per page and language with text in it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import transaction

from astana.core.language import LANGUAGES
from astana.web.archive.models import SearchEntry
from astana.web.archive.search import index_text, rebuild_fts
from astana.web.archive.selectors import page_url
from astana.web.processes.models import (
    Organisation,
    OutcomeDocument,
    Person,
    Process,
    Round,
    Session,
    TimelineEvent,
)

__all__ = ["rebuild_search_index"]

# For each kind of page: the field that titles it and the fields whose text it shows.
PAGES: list[tuple[type, str, tuple[str, ...]]] = [
    (Process, "title", ("summary", "ended_reason")),
    (Round, "title", ("venue", "summary")),
    (Session, "title", ("minutes",)),
    (OutcomeDocument, "title", ("summary", "signatories_note")),
    (TimelineEvent, "title", ("summary", "place")),
    (Organisation, "name", ("short_name",)),
    (Person, "name", ("description",)),
]


def _entries(
    objects: Iterable[object], title_field: str, body_fields: tuple[str, ...]
) -> Iterator[SearchEntry]:
    for obj in objects:
        path = page_url(obj, "en").removeprefix("/en/")
        kind = type(obj).__name__.lower()
        for language in LANGUAGES:
            title = getattr(obj, f"{title_field}_{language}", "") or ""
            body = " ".join(getattr(obj, f"{f}_{language}", "") or "" for f in body_fields).strip()
            if isinstance(obj, Session) and obj.minutes_published_at is None:
                # Its title and minutes wait for the convener's publication; only its
                # existence (the round and its number) is public before.
                title, body = "", ""
            if isinstance(obj, Session):
                title = (
                    title
                    or f"{getattr(obj.round, f'title_{language}', '')} · {obj.number}".strip(" ·")
                )
            if not (title or body):
                continue
            title = title or (getattr(obj, f"{title_field}_en", "") or "")
            yield SearchEntry(
                path=path,
                kind=kind,
                language=language,
                title=title[:500],
                body=body,
                normalised=index_text(f"{title} {body}"),
            )


@transaction.atomic
def rebuild_search_index() -> int:
    """Replace the whole index from the records; returns the number of entries."""
    SearchEntry.objects.all().delete()
    entries: list[SearchEntry] = []
    for model, title_field, body_fields in PAGES:
        queryset = model.objects.all()  # type: ignore[attr-defined]
        if model is Session:
            queryset = queryset.select_related("round__process")
        elif model in (Round, TimelineEvent):
            queryset = queryset.select_related("process")
        entries.extend(_entries(queryset, title_field, body_fields))
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    rebuild_fts()
    return len(entries)
