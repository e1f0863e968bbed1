"""Search across the archive in three languages, with Arabic normalisation, on SQLite FTS5 and
PostgreSQL full-text search alike; the search box survives any string."""

from __future__ import annotations

import pytest
from django.test import Client

from astana.web.archive.search import index_text, search

pytestmark = pytest.mark.django_db

ROUND_ONE = "processes/astana-platform/rounds/ap-round-1/"


@pytest.mark.parametrize("query", ["أستانا", "استانا", "آستانا", "أَسْتَانَا", "اســتانا"])
def test_arabic_spelling_variants_find_the_same_pages(query: str) -> None:
    paths = [hit.path for hit in search(query)]
    assert ROUND_ONE in paths
    assert paths == [hit.path for hit in search("استانا")]


def test_english_and_russian_search() -> None:
    assert ROUND_ONE in [h.path for h in search("Astana round")]
    assert any(h.language == "ru" for h in search("Астана"))
    assert search("Sochi")


def test_words_must_all_match() -> None:
    assert search("Astana") and not search("Astana zzzyzzx")


def test_index_strips_arabic_clitics() -> None:
    assert "استانا" in index_text("وأستانا").split()


@pytest.mark.parametrize(
    ("attached", "bare"), [("بأستانا", "أستانا"), ("والجولة", "الجولة"), ("بالدستور", "الدستور")]
)
def test_a_query_with_an_attached_prefix_finds_the_word(attached: str, bare: str) -> None:
    found = {hit.path for hit in search(bare)}
    assert found, f"the archive should hold {bare}"
    assert found <= {hit.path for hit in search(attached)}


HOSTILE = [
    '"',
    '""',
    "'",
    "\\",
    "*",
    "NEAR(a b)",
    "a OR b",
    "NOT",
    "AND",
    "(",
    ")",
    "^",
    ":",
    "-",
    'astana" OR "x',
    "title:astana",
    "{a b}",
    "%",
    "_",
    "a & b | !c",
    "<script>alert(1)</script>",
    "\x00",
    "🙂",
    "ـــ",
    "  ",
    "؟؟",
    "' OR 1=1 --",
    "a:* & b",
    "\u202e",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_search_box_survives_any_string(client: Client, query: str) -> None:
    response = client.get("/en/search", {"q": query})
    if "\x00" in query:  # refused before any view, as in every query (docs/api.md, limits)
        assert response.status_code == 400
        assert "NUL character (U+0000)" in response.content.decode()
    else:
        assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_search_box_survives_ten_kilobytes(client: Client) -> None:
    query = ('أستانا " OR * NEAR( ) ' * 600)[:10_240]
    response = client.get("/ar/search", {"q": query})
    assert response.status_code == 200


def test_overlong_query_is_refused_with_a_message(client: Client) -> None:
    response = client.get("/en/search", {"q": "a" * 30_000})
    assert response.status_code == 400
    assert "too long" in response.content.decode()
