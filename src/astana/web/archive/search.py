"""Full-text search over the archive in Arabic, English and Russian.

Text and queries go through :func:`astana.core.language.normalise_for_search`, so that
أستانا, استانا and آستانا, or ``Ёлка`` and ``елка``, match. Arabic words are also indexed
without the article and the one-letter conjunctions and prepositions that attach to them
(وال, بال, ال, و, ...), so a search for أستانا finds وأستانا; and a query's word is matched
in any of its forms (:func:`astana.core.language.search_terms`), so بأستانا finds أستانا and
والجولة finds الجولة. Queries never reach the
search engine's own syntax: they are cut into words, and each word is passed as a quoted
prefix term (FTS5) or a lexeme (PostgreSQL), so quotes and operators in the box are text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection, transaction

from astana.core.language import arabic_word_forms, search_terms, search_words
from astana.web.archive.models import SearchEntry

__all__ = ["MAX_QUERY_WORDS", "SearchHit", "index_text", "rebuild_fts", "search"]

MAX_QUERY_WORDS = 12
MAX_WORD_LENGTH = 64


@dataclass(frozen=True)
class SearchHit:
    path: str
    kind: str
    title: str
    language: str
    snippet: str


def index_text(text: str) -> str:
    """The normalised words of ``text``, with Arabic clitic-stripped forms added."""
    out: list[str] = []
    for word in search_words(text):
        out.extend(arabic_word_forms(word))
    return " ".join(out)


def _query_terms(query: str) -> list[list[str]]:
    """Each word of the query (at most MAX_QUERY_WORDS) as the forms any of which matches."""
    terms = search_terms(query)[:MAX_QUERY_WORDS]
    return [list(dict.fromkeys(form[:MAX_WORD_LENGTH] for form in forms)) for forms in terms]


def rebuild_fts() -> None:
    """Refresh the engine-specific index after the entries changed (SQLite FTS5 only)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO archive_search_fts(archive_search_fts) VALUES('rebuild')")


def _snippet(body: str, words: list[str], width: int = 220) -> str:
    lowered = index_text(body)
    if not words or not body:
        return body[:width]
    first = lowered.find(words[0])
    if first < 0:
        return body[:width]
    ratio = first / max(len(lowered), 1)
    start = max(0, int(ratio * len(body)) - width // 3)
    text = body[start : start + width]
    return ("…" if start else "") + text + ("…" if start + width < len(body) else "")


@transaction.atomic
def search(query: str, limit: int = 50) -> list[SearchHit]:
    """Pages matching every word of ``query`` (as a prefix), best first; one hit per page."""
    terms = _query_terms(query)
    if not terms:
        return []
    words = [forms[-1] for forms in terms]  # the shortest form, for the snippet
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " AND ".join(
                "(" + " OR ".join('"' + w.replace('"', '""') + '"*' for w in forms) + ")"
                for forms in terms
            )
            cursor.execute(
                "SELECT e.id FROM archive_search_fts f "
                "JOIN archive_searchentry e ON e.id = f.rowid WHERE archive_search_fts MATCH %s "
                "ORDER BY bm25(archive_search_fts) LIMIT %s",
                [match, limit * 3],
            )
        else:
            tsquery = " & ".join(
                "(" + " | ".join(f"{w}:*" for w in plain) + ")"
                for forms in terms
                if (plain := [w for w in forms if re.fullmatch(r"\w+", w)])
            )
            cursor.execute(
                "SELECT id FROM archive_searchentry "
                "WHERE to_tsvector('simple', normalised) @@ to_tsquery('simple', %s) "
                "ORDER BY ts_rank(to_tsvector('simple', normalised), "
                "to_tsquery('simple', %s)) DESC, id LIMIT %s",
                [tsquery, tsquery, limit * 3],
            )
        ids = [row[0] for row in cursor.fetchall()]
    entries = SearchEntry.objects.in_bulk(ids)
    hits: list[SearchHit] = []
    seen: set[str] = set()
    for entry_id in ids:
        entry = entries[entry_id]
        if entry.path in seen:
            continue
        seen.add(entry.path)
        hits.append(
            SearchHit(
                entry.path, entry.kind, entry.title, entry.language, _snippet(entry.body, words)
            )
        )
        if len(hits) >= limit:
            break
    return hits
