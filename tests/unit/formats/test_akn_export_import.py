"""Akoma Ntoso 3.0: every export validates against the official XSD, carries FRBR metadata
and the provisions' identities as eIds, and reads back as the same document; a corrupted
file is refused with the validator's message."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree
from tests.unit.text.strategies import documents

from astana.core.text import Document, Revision, parse_document
from astana.formats.akn import AKN, export_akn, import_akn, validate_akn
from astana.formats.errors import FormatError

ROADMAP = Path(__file__).resolve().parents[3] / "data" / "sandbox" / "round-3-roadmap.txt"
NS = {"a": AKN}


@pytest.fixture(scope="module")
def roadmap() -> Revision:
    return Revision(2, parse_document(ROADMAP.read_text(encoding="utf-8")))


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_every_export_validates_and_reads_back(document: Document) -> None:
    data = export_akn(Revision(1, document), slug="text", day="2020-02-03")
    validate_akn(etree.fromstring(data))
    assert import_akn(data) == document


def test_one_language_is_a_doc_with_frbr_metadata(roadmap: Revision) -> None:
    root = etree.fromstring(export_akn(roadmap, slug="roadmap", day="2017-01-24", languages=["ar"]))
    doc = root.find("a:doc", NS)
    assert doc is not None
    assert doc.get("name") == "statement"
    work = doc.find(".//a:FRBRWork/a:FRBRthis", NS)
    expression = doc.find(".//a:FRBRExpression/a:FRBRuri", NS)
    assert work is not None
    assert work.get("value") == "/akn/un/doc/statement/2017-01-24/roadmap/!main"
    assert expression is not None
    assert expression.get("value") == "/akn/un/doc/statement/2017-01-24/roadmap/ara@rev2"
    language = doc.find(".//a:FRBRlanguage", NS)
    assert language is not None
    assert language.get("language") == "ara"
    assert doc.find(".//a:article[@eId='art_2']/a:paragraph[@eId='art_2__para_1']", NS) is not None
    assert roadmap.hash.encode() in etree.tostring(doc)
    options = doc.findall(".//a:inline[@name='option']", NS)
    assert [o.get("alternativeTo") for o in options] == [None, "art_1__para_1__alt_1__opt_1"]


def test_several_languages_are_one_collection_with_an_expression_each(roadmap: Revision) -> None:
    root = etree.fromstring(export_akn(roadmap, slug="roadmap", day="2017-01-24"))
    components = root.findall("a:documentCollection/a:collectionBody/a:component", NS)
    assert [c.find(".//a:FRBRlanguage", NS).get("language") for c in components] == [  # type: ignore[union-attr]
        "eng",
        "ara",
    ]
    assert components[1].find(".//a:article[@eId='cmpnt_2__art_1']", NS) is not None
    assert import_akn(etree.tostring(root)).frozen() == roadmap.document  # no labels in the import yet


def test_a_corrupted_file_is_refused_with_the_validation_error(roadmap: Revision) -> None:
    data = export_akn(roadmap, slug="roadmap", day="2017-01-24", languages=["en"])
    broken = data.replace(b"<a:mainBody>", b"").replace(b"<mainBody>", b"<mainBodyX>")
    broken = broken.replace(b"</mainBody>", b"</mainBodyX>")
    with pytest.raises(FormatError, match=r"not valid Akoma Ntoso 3\.0: .*mainBodyX"):
        import_akn(broken)
    with pytest.raises(FormatError, match="not well-formed XML"):
        import_akn(data[: len(data) // 2])


def test_valid_akoma_ntoso_that_astana_cannot_hold_is_refused(roadmap: Revision) -> None:
    data = export_akn(roadmap, slug="roadmap", day="2017-01-24", languages=["en"])
    other = data.replace(b'<article eId="art_3">', b'<section eId="art_3">', 1)
    other = other.replace(b'</article><article eId="art_4">', b'</section><article eId="art_4">')
    with pytest.raises(FormatError, match="does not read: <section>"):
        import_akn(other)
