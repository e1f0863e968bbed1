"""Word shows each provision's label as written (``1 bis.``, ``Article 1 bis``), never a
number recomputed from the order."""

from __future__ import annotations

import io
import re
import zipfile

from astana.core.text import Provision, ProvisionKind, parse_document
from astana.formats.docx import document_docx


def test_word_shows_labels_as_written() -> None:
    document = parse_document("@lang en\n\nArticle 1: Scope\n1. One.\n2. Two.\n\nArticle 2: End\n")
    document = document.frozen()
    new = Provision.create("new_1", ProvisionKind.PARAGRAPH, {"en": "Between."})
    document = document.insert(
        new.with_labels({"en": "1 bis."}), parent="art_1", after="art_1__para_1"
    )
    bis = Provision.create("new_2", ProvisionKind.ARTICLE, {"en": "Inserted"})
    document = document.insert(bis.with_labels({"en": "Article 1 bis"}), parent=None, after="art_1")
    data = document_docx(document)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    texts = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    # Each provision opens with its label as written; identities follow where the notation
    # writes them, as it always has.
    assert "1 bis. {#new_1} Between." in texts
    assert "2. {#art_1__para_2} Two." in texts
    assert "Article 1 bis {#new_2}: Inserted" in texts
    assert "Article 2 {#art_2}: End" in texts
