"""Each problem of a text read leniently is placed at the provision holding its line, in
whichever ``@lang`` section it stands; a line above every provision falls in none."""

from __future__ import annotations

from tests.helpers.excerpts import PARIS_EXCERPT, TYPO_LINE, TYPO_PROVISION

from astana.core.text import read_document
from astana.core.text.problem_places import provisions_at


def _placed(source: str) -> dict[int, str | None]:
    reading = read_document(source, lenient=True)
    return provisions_at(source, reading.document, [p.line for p in reading.problems])


def test_a_bracket_typo_is_placed_at_its_paragraph() -> None:
    assert _placed(PARIS_EXCERPT) == {TYPO_LINE: TYPO_PROVISION}


def test_a_typo_in_the_arabic_version_is_placed_at_the_same_provision() -> None:
    lines = PARIS_EXCERPT.replace("[INDC]]", "[INDC]").split("\n")
    arabic = next(n for n, line in enumerate(lines) if "المتقدمة" in line)
    lines[arabic] = lines[arabic].replace("بتحقيق", "بتحقيق [", 1)
    assert _placed("\n".join(lines)) == {arabic + 1: "art_2__opt_1__para_1"}


def test_each_problem_in_a_text_without_sections_has_its_own_place() -> None:
    source = "Article 1 (one)\n\n1. An ] stray.\n2. Fine.\n\nArticle 2 (two)\n\n1. Open [ here.\n"
    assert _placed(source) == {3: "art_1__para_1", 8: "art_2__para_1"}


def test_a_problem_in_the_title_falls_in_no_provision() -> None:
    source = "A stray ] in the title\n\nArticle 1 (one)\n\n1. Text.\n"
    assert _placed(source) == {1: None}
