"""Alignment of two documents whose identities come from position (two files, an imported
revision), and the redline as one change per provision, on the Charter of the United Nations
(about 8,700 words, 369 provisions)."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from tests.helpers.charter import charter_source
from tests.helpers.examples import examples
from tests.shared_data import shared_data

from astana.core.text import (
    ChangeKind,
    Document,
    Provision,
    ProvisionKind,
    ProvisionText,
    align,
    compare_documents,
    identity_mapping,
    parse_document,
    read_document,
)
from astana.core.text.alignment import positional

from .strategies import documents
from .test_real_notation import copied


def charter() -> Document:
    """The Charter with its labels stored as they are shown (labels are data)."""
    return parse_document(charter_source()).frozen()


def compared(old: Document, new: Document) -> list[dict[str, object]]:
    """The changes between two documents read back as files would be (identities by place)."""
    return compare_documents(positional(old), positional(new), "en").to_dict()["changes"]  # type: ignore[no-any-return]


def test_the_charter_is_a_long_text() -> None:
    document = charter()
    assert len(document) > 350
    assert sum(len(str(p.text("en")).split()) for p in document.walk()) > 8000


def test_deleting_one_block_option_is_one_change() -> None:
    """An option (its label and one paragraph) taken out of a group of three in Article 2."""
    document = charter()
    after = "art_2__para_3"
    for n, verb in enumerate(("Decides", "Requests", "Invites"), start=1):
        paragraph = Provision.create(
            f"o{n}p", "paragraph", {"en": f"{verb} the Secretary-General to report on Article 2."}
        )
        option = Provision(f"o{n}", ProvisionKind.OPTION, children=(paragraph,))
        document = document.insert(option, parent="art_2", after=after)
        after = option.id
    changes = compared(document, document.remove("o2"))
    assert len(changes) == 1
    (change,) = changes
    assert change["kind"] == "deleted" and change["provision_kind"] == "option"
    assert change["label"] == "Option 2" and change["provision"] == "art_2__opt_2"
    assert [item["text"] for item in change["content"]] == [  # type: ignore[attr-defined]
        "",
        "Requests the Secretary-General to report on Article 2.",
    ]


def test_deleting_one_provision_or_one_article_is_one_change() -> None:
    document = charter()
    (paragraph,) = compared(document, document.remove("art_4__para_1"))
    assert paragraph["kind"] == "deleted" and paragraph["where"] == "Article 4, 1."
    assert str(paragraph["content"][0]["text"]).startswith("Membership in the United Nations")  # type: ignore[index]
    (article,) = compared(document, document.remove("art_7"))
    assert (article["kind"], article["label"], article["provision"]) == (
        "deleted",
        "Article 7",
        "art_7",
    )
    assert len(article["content"]) == 1 + len(document["art_7"].children)  # type: ignore[arg-type]


def test_a_bis_paragraph_between_4_and_5_is_one_insertion() -> None:
    document = charter()
    bis = Provision.create(
        "bis", "paragraph", {"en": "The Organization shall respect the principle of subsidiarity."}
    ).with_labels({"en": "4 bis."})
    new = document.insert(bis, parent="art_2", after="art_2__para_4")
    old_files, new_files = positional(document), positional(new)
    (change,) = compare_documents(old_files, new_files, "en").changes
    assert (change.kind, change.label, change.provision) == (
        ChangeKind.INSERTED,
        "4 bis.",
        "art_2__para_5",
    )
    mapping = align(old_files, new_files)
    # paragraphs 4 and 5 are themselves, unchanged; 5 stands in the fifth place no more
    assert mapping["art_2__para_4"] == "art_2__para_4"
    assert mapping["art_2__para_5"] == "art_2__para_6"
    assert new_files.label("art_2__para_6", "en") == "5."


def test_a_moved_paragraph_is_one_move() -> None:
    document = charter()
    new = document.move("art_4__para_2", parent="art_9", after="art_9__para_1")
    (change,) = compared(document, new)
    assert change["kind"] == "moved" and "words" not in change
    assert (change["where"], change["old_where"]) == ("Article 9, 2.", "Article 4, 2.")
    assert change["old_provision"] == "art_4__para_2" and change["provision"] == "art_9__para_2"


def test_a_changed_word_is_one_change_with_its_word_redline() -> None:
    document = charter()
    text = str(document["art_10__para_1"].text("en"))
    new = document.set_text(
        "art_10__para_1", "en", ProvisionText.parse(text.replace("may discuss", "may consider"))
    )
    (change,) = compared(document, new)
    assert change["kind"] == "changed" and change["label"] == "1."
    ops = [(w["op"], w["text"]) for w in change["words"]]  # type: ignore[attr-defined]
    assert ("delete", "discuss") in ops and ("insert", "consider") in ops
    assert sum(op != "equal" for op, _ in ops) == 2


def test_a_word_changed_throughout_changes_each_provision_and_matches_every_one() -> None:
    """No provision's text is left as it was: the matching has no identical text to hold on
    to and goes by likeness in the same place."""
    document = charter()
    new = document
    touched = 0
    for provision in document.walk():
        text = str(provision.text("en"))
        if text:
            touched += 1
            new = new.set_text(provision.id, "en", ProvisionText.parse(text + " Amended."))
    changes = compared(document, new.remove("art_50"))
    kinds = Counter(change["kind"] for change in changes)
    assert kinds == {"changed": touched - len(document["art_50"].children), "deleted": 1}


def test_moves_changes_insertions_and_deletions_together() -> None:
    document = charter()
    text = str(document["art_99__para_1"].text("en"))
    new = (
        document.remove("art_3")
        .move("art_100", parent="chp_16", after="art_103")
        .set_text("art_99__para_1", "en", ProvisionText.parse(text.replace("his", "their")))
        .insert(
            Provision.create("fresh", "paragraph", {"en": "A wholly new paragraph on peace."}),
            parent="art_60",
            after=None,
        )
    )
    changes = compared(document, new)
    assert [(c["kind"], c["where"]) for c in changes] == [
        ("deleted", "Article 3"),
        ("inserted", "Article 60, 1."),
        ("changed", "Article 99, 1."),
        ("moved", "Article 100"),
    ]


@settings(max_examples=examples(60), deadline=None)
@given(documents())
def test_a_document_aligns_with_itself_and_has_no_changes(document: Document) -> None:
    files = positional(document)
    assert align(files, files) == {identity: identity for identity in files.ids()}
    for language in files.languages:
        assert compare_documents(files, files, language).changes == ()


def test_room_revisions_compare_by_identity() -> None:
    """Within the room identities are stable: the identity mapping keeps them."""
    document = charter()
    new = document.move("art_1__para_2", parent="art_2", after=None).remove("art_5__para_1")
    result = compare_documents(document, new, "en", mapping=identity_mapping(document, new))
    assert [(c.kind, c.provision) for c in result.changes] == [
        (ChangeKind.MOVED, "art_1__para_2"),
        (ChangeKind.DELETED, "art_5__para_1"),
    ]


def test_arabic_vocalisation_is_no_change_and_a_changed_word_is() -> None:
    old = parse_document(
        "المادة 1: الانتقال\n1. تشكيل الحكومة الانتقالية خلال ستة أشهر.\n"
        "2. تدعو الأطراف إلى انسحاب جميع المقاتلين الأجانب.\n"
        "3. تلتزم الأطراف بوقف إطلاق النار.\n"
    )
    new = parse_document(
        "المادة 1: الانتقال\n1. تشكيل الحُكومة الانتقاليّة خلال ستة أشهر.\n"
        "2. تدعو الأطراف إلى انسحاب كل المقاتلين الأجانب.\n"
        "3. تلتزم الأطراف بوقف إطلاق النار.\n"
    )
    (change,) = compare_documents(old, new, "ar").changes
    assert (change.kind, change.where) == (ChangeKind.CHANGED, "المادة 1, 2.")
    assert [(r.op, r.text) for r in change.runs if r.op != "equal"] == [
        ("delete", "جميع"),
        ("insert", "كل"),
    ]


def test_a_mapping_that_does_not_fit_is_refused() -> None:
    old = parse_document("Article 1\n1. one\n2. two\n")
    new = parse_document("Article 1\n1. one\n")
    for mapping in (
        {"art_1__para_2": "art_1__para_9"},
        {"art_1__para_1": "art_1__para_1", "art_1__para_2": "art_1__para_1"},
    ):
        with pytest.raises(ValueError, match="one to one"):
            compare_documents(old, new, "en", mapping=mapping)
    with pytest.raises(ValueError, match="no language in common"):
        align(old, parse_document("Статья 1\n1. один\n"))


def test_each_block_option_of_a_real_draft_deleted_is_one_change() -> None:
    """The Paris decision of 6 November 2015 (about 12,000 words, read leniently): every
    block option, taken out with what it holds, is one deletion; a redline by identities
    that come from position reports up to 125 changes for one of them."""
    source = copied(shared_data("real-texts", "paris-decision-6nov2015.md"))
    document = read_document(source, lenient=True).document
    options = [p for p in document.walk() if p.kind is ProvisionKind.OPTION and p.children]
    assert len(options) > 20
    for option in options:
        old, new = positional(document), positional(document.remove(option.id))
        changes = compare_documents(old, new, "en").changes
        assert [(c.kind, c.label) for c in changes] == [
            (ChangeKind.DELETED, document.label(option.id, "en"))
        ], option.id
