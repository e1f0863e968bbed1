"""Revisions (canonical bytes, hash) and redlines (by identity, word level, Arabic)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.helpers.examples import examples

from astana.core.text import (
    DeleteWords,
    Document,
    InsertWords,
    Op,
    Proposal,
    ProposalState,
    ProvisionText,
    ReplaceText,
    Revision,
    RevisionNumber,
    TextAnchor,
    format_document,
    issue_revision,
    parse_document,
    redline,
)
from astana.core.text.redline import Change, word_runs
from astana.core.text.words import is_word, token_key, tokenise

from .strategies import TEXTS, documents


def test_revision_numbers_round_trip() -> None:
    assert str(RevisionNumber.parse("Rev.12")) == "Rev.12"
    assert RevisionNumber(3).next() == RevisionNumber(4)


def test_canonical_bytes_follow_the_documented_form() -> None:
    document = parse_document("@lang en\n\nArticle 1: Café\n1. [a]{SNC} b\n")
    revision = Revision(2, document)
    expected = (
        '{"format":"astana-text/1","languages":["en"],"provisions":[{"children":[{"children":[],'
        '"id":"art_1__para_1","kind":"paragraph","number":1,"text":{"en":"[a]{SNC} b"}}],'
        '"id":"art_1","kind":"article","number":1,"text":{"en":"Café"}}],"revision":2,'
        '"title":{"en":""}}'
    ).encode()
    assert revision.canonical == expected
    assert revision.hash == hashlib.sha256(expected).hexdigest()
    assert Revision.from_dict(json.loads(json.dumps(revision.to_dict()))) == revision


@settings(max_examples=examples(60), deadline=None)
@given(documents(), st.data())
def test_hash_changes_iff_canonical_content_changes(
    document: Document, data: st.DataObject
) -> None:
    revision = Revision(1, document)
    assert Revision(1, parse_document(format_document(document))).hash == revision.hash
    identity = data.draw(st.sampled_from(document.ids()))
    language = data.draw(st.sampled_from(document.languages))
    new_text = data.draw(TEXTS)
    changed = Revision(1, document.set_text(identity, language, new_text))
    same_text = str(new_text) == str(document[identity].text(language))
    assert (changed.hash == revision.hash) == same_text
    assert (changed.canonical == revision.canonical) == same_text
    assert Revision(2, document).hash != revision.hash


@settings(max_examples=examples(60), deadline=None)
@given(documents(), documents())
def test_applying_the_redline_of_a_b_to_a_yields_b(a: Document, b: Document) -> None:
    language = b.languages[0]
    if language not in a.languages:
        a = Document((*a.languages, language), a.provisions, a.titles)
    result = redline(a, b, language)
    title, texts = result.apply(a)
    assert title == str(b.title(language))
    assert texts == [(p.id, str(p.text(language))) for p in b.walk()]


def _words(runs: object, op: Op) -> Counter[str]:
    return Counter(
        token_key(t)
        for r in runs
        if r.op is op
        for t in tokenise(r.text)
        if is_word(t)  # type: ignore[attr-defined]
    )


@settings(max_examples=examples(60), deadline=None)
@given(documents(), st.data())
def test_folding_a_proposal_then_diffing_shows_exactly_that_proposal(
    document: Document, data: st.DataObject
) -> None:
    identity = data.draw(st.sampled_from(document.ids()))
    language = data.draw(st.sampled_from(document.languages))
    source = str(document[identity].text(language))
    kind = data.draw(st.sampled_from(["insert", "delete", "replace"]))
    words = "negotiated ceasefire"
    if kind == "insert":
        points = [0, len(source)] + [
            m for m in range(1, len(source)) if source[m - 1] == " " and source[m].isalpha()
        ]
        point = data.draw(st.sampled_from(points))
        change: object = InsertWords(identity, language, TextAnchor.at(source, point, point), words)
    elif kind == "delete":
        # A plain word that stands once in the text: a quote of a word that also stands inside
        # a bracket would anchor there, and emptying a bracket is (rightly) a conflict.
        spans = [
            t
            for t in source.split(" ")
            if t.isalpha() and len(re.findall(rf"(?<!\w){re.escape(t)}(?!\w)", source)) == 1
        ]
        if not spans:
            return
        change = DeleteWords(
            identity, language, TextAnchor.quote(source, data.draw(st.sampled_from(spans)))
        )
    else:
        change = ReplaceText(identity, language, ProvisionText.parse(words))
    proposal = Proposal("p1", 1, "SNC", change, ProposalState.TABLED)  # type: ignore[arg-type]
    before = Revision(1, document)
    issued = issue_revision(before, [proposal], fold=["p1"])
    after = issued.revision.document
    assert issued.proposals[0].state is ProposalState.FOLDED_IN
    result = redline(document, after, language)
    changed = result.changed()
    assert [p.id for p in changed] == (
        [identity] if str(after[identity].text(language)) != source else []
    )
    if kind == "insert" and changed:
        assert _words(changed[0].runs, Op.INSERT) == Counter(words.split())
        assert not _words(changed[0].runs, Op.DELETE)
    if kind == "delete" and changed:
        assert _words(changed[0].runs, Op.DELETE) == Counter([token_key(change.anchor.exact)])  # type: ignore[attr-defined]
        assert not _words(changed[0].runs, Op.INSERT)


def test_moved_and_renumbered_provisions_are_shown_as_such() -> None:
    old = parse_document("Article 1\n1. one\n2. two\n3. three\nArticle 2\n1. four\n")
    new = old.move("art_1__para_3", parent="art_2", after="art_2__para_1").remove("art_1__para_1")
    result = redline(old, new, "en")
    by_id = {p.id: p for p in result.provisions}
    assert by_id["art_1__para_3"].moved and by_id["art_1__para_3"].change is Change.UNCHANGED
    assert by_id["art_1__para_2"].renumbered and not by_id["art_1__para_2"].moved
    assert by_id["art_1__para_1"].change is Change.DELETED
    assert [p.id for p in result.provisions].count("art_1__para_3") == 1


def test_arabic_diacritics_and_tatweel_are_not_changes_of_wording() -> None:
    runs = word_runs("تشكيل الحكومة الانتقالية", "تشكيل الحـكـومـة الانتقاليّة الجديدة")
    assert [r.op for r in runs] == [Op.EQUAL, Op.INSERT]
    assert runs[0].old == "تشكيل الحكومة الانتقالية"
    assert tokenise("الحُكومة، فوراً") == ["الحُكومة", "،", " ", "فوراً"]


def test_word_runs_group_changes() -> None:
    runs = word_runs("the gradual transition of power", "the immediate handover of power")
    assert [(r.op, r.text) for r in runs] == [
        (Op.EQUAL, "the "),
        (Op.DELETE, "gradual transition"),
        (Op.INSERT, "immediate handover"),
        (Op.EQUAL, " of power"),
    ]


def test_wordings_folded_together_in_two_languages_leave_neither_pending() -> None:
    """Issue 14: the English and Arabic wordings of one change folded into the same revision
    left the English marked "translation pending"; one language alone flags the other."""
    document = parse_document(
        "@lang en\n\nT\n\n1. The parties meet.\n\n@lang ar\n\nت\n\n1. تجتمع الأطراف.\n"
    )
    target = document.ids()[0]
    english = Proposal(
        "P1",
        1,
        "A",
        ReplaceText(target, "en", ProvisionText.parse("The parties meet again.")),
        ProposalState.TABLED,
    )
    arabic = Proposal(
        "P2",
        1,
        "A",
        ReplaceText(target, "ar", ProvisionText.parse("تجتمع الأطراف مجدداً.")),
        ProposalState.TABLED,
    )
    previous = Revision(1, document)
    alone = issue_revision(previous, [english, arabic], fold=["P1"]).revision
    assert alone.document[target].needs_translation == {"ar"}
    both = issue_revision(previous, [english, arabic], fold=["P1", "P2"]).revision
    assert both.document[target].needs_translation == frozenset()
    assert str(both.document[target].text("ar")) == "تجتمع الأطراف مجدداً."


def test_a_proposals_origin_round_trips_and_is_checked() -> None:
    change = DeleteWords("p", "en", TextAnchor.quote("a b c", "b"))
    bridging = Proposal("P1", 1, "med", change, origin="bridging")
    assert Proposal.from_dict(bridging.to_dict()).origin == "bridging"
    assert "origin" not in Proposal("P2", 1, "snc", change).to_dict()
    with pytest.raises(ValueError, match="origin"):
        Proposal("P3", 1, "med", change, origin="somebody")
