"""Provision names are kept for the last few documents named (an event names a provision in
every language; a grid's save names many on one document), and what is kept never answers
for another document, another language of the text, or another reader's language."""

from __future__ import annotations

from django.utils import translation

from astana.core.text.notation import parse_document
from astana.web.negotiation.presenting import provision_name, provision_names


def test_kept_names_answer_only_for_their_document_and_languages() -> None:
    first = parse_document("Article 1\n1. The parties agree to meet.\n")
    second = parse_document("Article 1\n1. The parties disagree entirely.\n")
    one = "art_1__para_1"
    assert provision_name(first, one, "en").endswith("The parties agree to meet.")
    assert provision_name(second, one, "en").endswith("The parties disagree entirely.")
    assert provision_name(first, one, "en").endswith("The parties agree to meet.")
    # A provision without a label is named by its kind, in the reader's language.
    noted = parse_document("Title of the text\n{note} A note at the top.\nArticle 1\n1. x\n")
    note = "note_1"
    with translation.override("en"):
        english = provision_name(noted, note)
    with translation.override("ar"):
        arabic = provision_name(noted, note)
    assert english != arabic
    with translation.override("en"):
        assert provision_name(noted, note) == english == provision_names(noted, "en")[note]
    # Many documents: the oldest kept names make way, the answers stay right.
    for n in range(20):
        document = parse_document(f"Article 1\n1. Text number {n}.\n")
        assert provision_name(document, one, "en").endswith(f"Text number {n}.")
