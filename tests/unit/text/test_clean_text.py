"""The clean text (docs/text-engine.md, "The clean text"): agreed words only, a gap "…" where
bracketed text or alternatives were left out, so that no broken phrase reads as agreed; never
a doubled space, a space before punctuation or two gaps side by side."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from astana.core.text import ProvisionText, clean_view, parse_document
from astana.core.text.brackets import CLEAN_GAP


@pytest.mark.parametrize(
    ("bracketed", "clean"),
    [
        (
            "The treaty enters into force within [18 months] of signature.",
            "The treaty enters into force within … of signature.",
        ),
        (
            "The parties agree on [Option 1: a gradual transition] [Option 2: a body].",
            "The parties agree on ….",
        ),
        (
            "the [immediate and complete] withdrawal of [all] fighters",
            "the … withdrawal of … fighters",
        ),
        ("[all] foreign fighters [now] [here], then", "… foreign fighters …, then"),
        ("ينسحب [جميع] المقاتلين [فوراً].", "ينسحب … المقاتلين …."),
        ("Done {No text required} here.", "Done here."),
        ("No brackets at all.", "No brackets at all."),
        ("[The whole provision]", ""),
        ("[a] [b]", ""),
    ],
)
def test_a_gap_stands_where_bracketed_text_was(bracketed: str, clean: str) -> None:
    assert ProvisionText.parse(bracketed).clean() == clean


def test_a_text_without_brackets_is_its_own_clean_text() -> None:
    text = "A new constitution shall be drafted by a constitutional committee."
    assert ProvisionText.parse(text).clean() == text
    assert CLEAN_GAP not in ProvisionText.parse(text).clean()


def test_the_clean_view_leaves_out_a_provision_with_no_agreed_word() -> None:
    document = parse_document(
        "Roadmap\n\nArticle 1: Terms\n1. Within [18 months] of signature.\n2. [All of it.]\n"
    )
    view = clean_view(document, "en").to_dict()
    (article,) = view["provisions"]
    texts = [p["content"][0]["text"] for p in article["children"]]
    assert texts == ["Within … of signature."]


WORD = st.text(alphabet="abcdeفقك", min_size=1, max_size=6)
PIECE = st.one_of(
    WORD,
    WORD.map(lambda w: f"[{w}]"),
    st.tuples(WORD, WORD).map(lambda ws: f"[Option 1: {ws[0]}] [Option 2: {ws[1]}]"),
    st.sampled_from([",", ".", ";", "  ", " "]),
)


@given(st.lists(PIECE, min_size=1, max_size=12).map(" ".join))
def test_no_doubled_space_no_space_before_punctuation_no_gaps_side_by_side(text: str) -> None:
    clean = ProvisionText.parse(text.strip() or "x").clean()
    assert "  " not in clean
    assert clean == clean.strip()
    for mark in ",.;":
        assert f" {mark}" not in clean
    assert f"{CLEAN_GAP} {CLEAN_GAP}" not in clean and CLEAN_GAP * 2 not in clean
    assert "[" not in clean and "]" not in clean
