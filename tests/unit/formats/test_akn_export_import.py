"""Akoma Ntoso 3.0: every export validates against the official XSD, carries FRBR metadata
and the provisions' identities as eIds, and reads back as the same document; a corrupted
file is refused with the validator's message."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree
from tests.helpers.examples import examples
from tests.unit.text.strategies import documents

from astana.core.text import (
    Bracket,
    Document,
    Provision,
    ProvisionKind,
    ProvisionText,
    Revision,
    parse_document,
)
from astana.core.text.brackets import Note
from astana.formats.akn import AKN, export_akn, import_akn, validate_akn
from astana.formats.errors import FormatError

ROADMAP = Path(__file__).resolve().parents[3] / "data" / "sandbox" / "round-3-roadmap.txt"
NS = {"a": AKN}


@pytest.fixture(scope="module")
def roadmap() -> Revision:
    return Revision(2, parse_document(ROADMAP.read_text(encoding="utf-8")))


@settings(max_examples=examples(50), deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
def test_every_export_validates_and_reads_back(document: Document) -> None:
    data = export_akn(Revision(1, document), slug="text", day="2020-02-03")
    validate_akn(etree.fromstring(data))
    # Labels are data: the import stores every ``<num>`` as written, which is the document
    # with its display numbers stored (frozen).
    assert import_akn(data) == document.frozen()


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
    assert import_akn(etree.tostring(root)) == roadmap.document.frozen()


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
    other = data.replace(b'<article eId="art_3">', b'<part eId="art_3">', 1)
    other = other.replace(b'</article><article eId="art_4">', b'</part><article eId="art_4">')
    with pytest.raises(FormatError, match="does not read: <part>"):
        import_akn(other)


def test_a_holder_the_core_refuses_is_a_refusal_not_an_error(roadmap: Revision) -> None:
    """Found by the importers' fuzzing: a bracket holder with a square bracket in it (valid
    XML, valid Akoma Ntoso) raised the core's ValueError out of the import."""
    data = export_akn(roadmap, slug="roadmap", day="2017-01-24", languages=["en"])
    damaged = data.replace(b'holders="syrian-national-coalition"', b'holders="[syrian"', 1)
    assert damaged != data
    with pytest.raises(FormatError, match="not a negotiating text Astana can hold"):
        import_akn(damaged)


def _labelled() -> Document:
    """A text as real negotiations write it: a section, ``4 bis.`` between ``4.`` and ``5.``,
    ``(a bis)``, a sub-heading, block options, a drafting note, an inline note and a bracket
    that spans two paragraphs."""
    para = ProvisionKind.PARAGRAPH

    def p(identity: str, kind: ProvisionKind, text: str, **labels: str) -> Provision:
        return Provision.create(identity, kind, {"en": text, "ar": text}).with_labels(labels)

    fragment_open = ProvisionText(
        (Bracket(("Parties shall report",), ("SNC",), None, True, False),)
    )
    noted = ProvisionText(("Six", Note("No text required")))
    fragment_close = ProvisionText((Bracket(("every two years",), ("SNC",), None, False, True),))
    section = Provision.create(
        "sec_1",
        ProvisionKind.SECTION,
        {"en": "General provisions", "ar": "أحكام عامة"},
        [
            p("hdg_1", ProvisionKind.HEADING, "Reporting"),
            p("para_4", para, "Four.", en="4.", ar="4."),
            Provision("para_4b", para, (("en", fragment_open), ("ar", fragment_open))).with_labels(
                {"en": "4 bis.", "ar": "4 مكرراً."}
            ),
            Provision(
                "para_5",
                para,
                (("en", fragment_close), ("ar", fragment_close)),
                children=(
                    p("sub_a", ProvisionKind.SUBPARAGRAPH, "a", en="(a)", ar="(أ)"),
                    p("sub_ab", ProvisionKind.SUBPARAGRAPH, "a bis", en="(a bis)", ar="(أ مكرراً)"),
                ),
            ).with_labels({"en": "5.", "ar": "5."}),
            Provision.create(
                "opt_1",
                ProvisionKind.OPTION,
                {"en": "Short", "ar": "Short"},
                [
                    Provision("para_6", para, (("en", noted), ("ar", noted))).with_labels(
                        {"en": "6.", "ar": "6."}
                    )
                ],
            ).with_labels({"en": "Option 1", "ar": "الخيار 1"}),
            Provision.create(
                "opt_2",
                ProvisionKind.OPTION,
                {"en": "Long", "ar": "Long"},
                [p("para_6a", para, "Six, longer", en="6.", ar="6.")],
            ).with_labels({"en": "Option 2", "ar": "الخيار 2"}),
            p("note_1", ProvisionKind.NOTE, "Placement to be decided"),
        ],
    ).with_labels({"en": "Part I", "ar": "الجزء الأول"})
    return Document(("en", "ar"), (section,)).validate()


def test_labels_as_written_new_kinds_notes_and_fragments_round_trip() -> None:
    document = _labelled()
    data = export_akn(Revision(1, document), slug="labels", day="2020-02-03")
    root = etree.fromstring(data)
    validate_akn(root)
    english = root.findall("a:documentCollection/a:collectionBody/a:component", NS)[0]
    numbers = [n.text for n in english.iter(f"{{{AKN}}}num")]
    assert numbers == ["Part I", "4.", "4 bis.", "5.", "(a)", "(a bis)", "Option 1", "6.",
                       "Option 2", "6."]  # fmt: skip
    assert english.find(".//a:section[@eId='cmpnt_1__sec_1']/a:heading", NS) is not None
    assert english.find(".//a:hcontainer[@name='option']/a:num", NS).text == "Option 1"  # type: ignore[union-attr]
    assert english.find(".//a:inline[@name='note']", NS).text == "No text required"  # type: ignore[union-attr]
    back = import_akn(data)
    assert back == document.frozen()
    assert back.label("para_4b", "ar") == "4 مكرراً."
    assert back.label("sub_ab", "en") == "(a bis)"
