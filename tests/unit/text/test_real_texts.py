"""Real UN texts read as a diplomat reads them: the Paris decision of 6 November 2015 (all of
it) and the Paris draft agreement of 4 December 2015 (its title, Preamble and Articles 1 to
3), as a reader gets them copying the rendered page (``tests.helpers.real_texts``), read
with ``read_document`` and compared with golden outlines and counts established by reading
the texts provision by provision (``tests/golden/files/real-texts/``, whose README says
every judgment made). They are not made from the reader's output and
``ASTANA_GOLDEN_UPDATE`` does not rewrite them: when the reader and a golden file disagree,
one of them is wrong, and which is decided by reading the text again.

Both sources have bracket typos of their own (a ``]`` that closes nothing, a ``[`` never
closed): read strictly they are refused with every typo listed; read leniently the typos are
the problems, exactly, and the rest of the text reads."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from tests.helpers.real_texts import copied_text, real_text

from astana.core.text import Document, NotationError, document_statistics, outline
from astana.core.text.notation import Reading, read_document
from astana.core.text.revision import Revision

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "files" / "real-texts"
TEXTS = ("paris-decision-6nov2015", "paris-4dec2015")


@cache
def golden(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    return data


@cache
def source(name: str) -> str:
    return copied_text(real_text(f"{name}.md"))


@cache
def lenient(name: str) -> Reading:
    return read_document(source(name), lenient=True)


def covered(name: str) -> Document:
    """The part of the text the golden file covers: its first top-level provisions."""
    document = lenient(name).document
    tops = sum(1 for entry in golden(name)["outline"] if entry["depth"] == 0)
    return Document(document.languages, document.provisions[:tops], document.titles)


# -- the golden readings ---------------------------------------------------------------------


@pytest.mark.parametrize("name", TEXTS)
def test_the_outline_is_the_one_a_diplomat_reads(name: str) -> None:
    expected = [(e["kind"], e["label"], e["depth"]) for e in golden(name)["outline"]]
    entries = [(str(e.kind), e.label, e.depth) for e in outline(lenient(name).document)]
    if golden(name)["last_line"] is not None:  # the golden file covers the first part only
        assert entries[len(expected)][0] == "article", entries[len(expected)]  # [Article 3bis]
        entries = entries[: len(expected)]
    assert entries == expected


@pytest.mark.parametrize("name", TEXTS)
def test_the_counts_are_the_ones_a_diplomat_counts(name: str) -> None:
    figures = document_statistics(covered(name)).to_dict()
    counted = {key: figures[key] for key in golden(name)["counts"]}
    assert counted == golden(name)["counts"]


@pytest.mark.parametrize("name", TEXTS)
def test_read_leniently_the_problems_are_the_sources_bracket_typos_exactly(name: str) -> None:
    # The typos of the whole text, judged by hand: those of the lines the outline covers,
    # and those after them (README.md, "The typos, line by line").
    typos = golden(name)["typos"] + golden(name).get("typos_after", [])
    assert sorted({p.line for p in lenient(name).problems}) == typos
    for problem in lenient(name).problems:
        assert problem.reason and problem.column >= 1


@pytest.mark.parametrize("name", TEXTS)
def test_read_strictly_a_text_with_typos_is_refused_naming_each(name: str) -> None:
    with pytest.raises(NotationError) as refused:
        read_document(source(name))
    typos = golden(name)["typos"] + golden(name).get("typos_after", [])
    problems = getattr(refused.value, "problems", ())
    assert sorted({p.line for p in problems}) == typos


def test_a_clean_excerpt_reads_strictly_with_no_problem() -> None:
    # Section I of the decision (its adoption paragraphs and three block options): no typo
    text = source("paris-decision-6nov2015")
    excerpt = text[text.index("I. ADOPTION") : text.index("II. INTENDED")]
    reading = read_document("Adoption\n\n" + excerpt)
    assert list(reading.problems) == []
    held = ["6.", "7.", "8.", "9."]
    assert [(str(e.kind), e.label, e.depth) for e in outline(reading.document)] == [
        ("section", "I.", 0),
        *[("paragraph", f"{n}.", 1) for n in range(1, 6)],
        ("option", "Option I", 1),
        *[("paragraph", label, 2) for label in [*held, "9bis."]],
        ("option", "Option 2", 1),
        *[("paragraph", label, 2) for label in [*held, "10."]],
        ("option", "Option 3", 1),
        *[("paragraph", label, 2) for label in [*held, "10."]],
    ]


@pytest.mark.parametrize("name", TEXTS)
def test_stored_and_read_back_a_real_text_is_the_same_with_the_same_hash(name: str) -> None:
    """A revision is stored as plain data, one text per provision: a bracket spanning a
    chapeau and its items, or two paragraphs, is stored as fragments and read back across
    them (before, every such text read back raised, and the room took the revision for a
    tampered one)."""
    document = lenient(name).document
    spanning = [p.id for p in document.walk() if "[" in str(p.text("en")).replace("\\[", "")]
    assert spanning, "the text has brackets"
    back = Document.from_dict(document.to_dict())
    assert back == document
    assert Revision(1, back).hash == Revision(1, document).hash


def test_stored_data_that_leaves_a_bracket_open_is_refused() -> None:
    data = Document.from_dict(lenient("paris-decision-6nov2015").document.to_dict()).to_dict()
    last = data["provisions"][-1]
    while last.get("children"):
        last = last["children"][-1]
    last["texts"]["en"] = "[" + last["texts"]["en"]
    with pytest.raises(ValueError, match="never closed"):
        Document.from_dict(data)
