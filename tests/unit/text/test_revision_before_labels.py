"""A revision stored before labels were data (``revision-before-labels.json``, written with
the hash it had by Astana at commit 5ea2034) reads back with its display numbers frozen as
labels, hashes exactly as it did, and keeps its numbers when a provision is inserted."""

from __future__ import annotations

import json
from pathlib import Path

from astana.core.text import InsertProvision, Proposal, Provision, Revision, apply_proposal

STORED = json.loads(
    (Path(__file__).with_name("revision-before-labels.json")).read_text(encoding="utf-8")
)["revision"]


def test_a_revision_stored_before_labels_hashes_the_same() -> None:
    assert '"labels":' not in json.dumps(STORED)
    revision = Revision.from_dict(STORED)  # raises if the hash differs
    assert revision.hash == STORED["hash"]
    assert revision.hash == "a886924ae2474e444d25ac7f6b87b1cfedc96d1690fa73463971be3598471a62"
    document = revision.document
    assert document.labels("art_1__para_1__subpara_b") == {"en": "(b)", "ar": "(ب)"}
    assert document.labels("chp_1") == {"en": "Chapter 1", "ar": "الفصل 1"}
    # Stored again (now with its labels), it still hashes the same.
    again = Revision.from_dict(revision.to_dict())
    assert again.hash == STORED["hash"]
    assert again.document == document


def test_its_numbers_stay_when_a_provision_is_inserted() -> None:
    document = Revision.from_dict(STORED).document
    new = Provision.create("new_1", "paragraph", {"en": "New."})
    change = InsertProvision(new, "art_1", "art_1__para_1")
    inserted = apply_proposal(document, Proposal("P1", 3, "SNC", change).table())
    assert inserted.label("new_1", "en") == "1 bis."
    assert inserted.label("new_1", "ar") == "1 مكرراً."
    assert inserted.label("art_1__para_2", "en") == "2."
    assert inserted.label("art_2", "ar") == "المادة 2"
